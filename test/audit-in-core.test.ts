import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { repoRoot } from './support/import-walls.ts';

/*
 * Operations know who acts and write their own audit entries (DESIGN.md, issue 16 item 4):
 * routes and the CLI pass the actor to core and never write an entry themselves.
 */
const walled = ['packages/api/src/routes', 'packages/cli/src'];

/** Lines where a source calls `Audit.record` (read with the TypeScript parser: comments and strings do not count). */
function auditWrites(source: string, fileName: string): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const named = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)
          ? callee.argumentExpression.text
          : null;
      const owner = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : null;
      if (named === 'record' && owner && ts.isIdentifier(owner) && owner.text === 'Audit')
        lines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(repoRoot, join(e.parentPath, e.name)));
}

describe('audit entries are written by core', () => {
  it('the scan sees a call, not a comment or a string', () => {
    expect(
      auditWrites(
        [
          "await Audit.record({ actor, action: 'report.download' });",
          '// Audit.record({ actor })',
          "const s = 'Audit.record(x)';",
          "await Audit['record']({ actor, action: 'x' });",
          'await Audit.list({ from, to });',
        ].join('\n'),
        'x.ts',
      ),
    ).toEqual([1, 4]);
  });

  it('no route and no CLI command calls Audit.record', () => {
    const files = walled.flatMap(sourcesUnder);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((path) => auditWrites(readFileSync(join(repoRoot, path), 'utf8'), path).map((line) => `${path}:${line}`));
    expect(found).toEqual([]);
  });
});
