import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One import of a source file: what it names, and whether it is gone once compiled (types only). */
export type Import = { specifier: string; typeOnly: boolean; line: number };

/** Static imports, re-exports and `import()` calls, read with the TypeScript parser (comments and strings cannot fool it). */
export function importsOf(source: string, fileName: string): Import[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec)) out.push({ specifier: spec.text, typeOnly, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      // `import { type A, type B }` is erased like `import type { A, B }`; a side-effect import never is.
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A workspace package as the rules see it: its folder name, npm name and what its package.json declares. */
export type Manifest = { dir: string; name: string; declares: string[] };
export type SourceFile = { path: string; source: string };
export type Breach = {
  path: string;
  line: number;
  rule: 'cross-package-path' | 'web-runtime-import' | 'undeclared-package' | 'test-support-in-production' | 'database-outside-store';
  detail: string;
};

/** The pure entry of core: schemas and rules with no database behind them, meant for every package, the browser included. */
const PURE_ENTRY = '@sansang/core/schema';
const TEST_ONLY_ENTRY = '@sansang/core/testing';
const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);
/**
 * Where the database (and any AWS service) may be touched: a domain's `store.ts` (the object
 * store's too), core's `db/` itself, the entries that hand the health probe, database
 * administration and test support to their callers, and background.ts, the one place that invokes a Lambda.
 */
const mayTouchDatabase = (path: string) =>
  /\/store\.ts$/.test(path) ||
  path.startsWith('packages/core/src/db/') ||
  ['packages/core/src/index.ts', 'packages/core/src/admin.ts', 'packages/core/src/testing.ts', 'packages/core/src/background.ts'].includes(path);
/** The modules of core/src/db that talk to the table or build its keys (errors.ts and resilience.ts only read what came back). */
const DATABASE_MODULES = /^packages\/core\/src\/db\/(client|keys|query|batch|table-admin|meter|health)\.ts$/;
const packageOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');

/**
 * The walls between packages (paths are relative to the repository root, with `/`):
 * - no relative import from one package into another, nor from test/ or infra/ into a package: go through the package's `exports`;
 * - browser code (packages/web/src) imports workspace packages for their types only, or the pure entry;
 * - a package imports only the workspace packages its package.json declares;
 * - test support (`@sansang/core/testing`) is imported by tests alone;
 * - only a domain's store.ts (and core's db/) imports the AWS SDK or the table's client, keys and queries.
 */
export function wallBreaches(files: SourceFile[], manifests: Manifest[]): Breach[] {
  const byDir = new Map(manifests.map((m) => [m.dir, m]));
  const names = new Set(manifests.map((m) => m.name));
  const breaches: Breach[] = [];
  for (const { path, source } of files) {
    const [top, dir] = path.split('/');
    const own = top === 'packages' ? byDir.get(dir!) : undefined;
    if (!own) {
      // The repository's own tests and infra use packages by name too, through their entries.
      for (const imp of importsOf(source, path)) {
        if (!imp.specifier.startsWith('.')) continue;
        const [targetTop, targetDir] = join(dirname(path), imp.specifier).split(sep);
        if (targetTop === 'packages' && byDir.has(targetDir!)) {
          breaches.push({
            path,
            line: imp.line,
            rule: 'cross-package-path',
            detail: `${imp.specifier} reaches into ${byDir.get(targetDir!)!.name}; import it by name (a test takes test support from its \`/testing\` entry)`,
          });
        }
      }
      continue;
    }
    for (const imp of importsOf(source, path)) {
      const at = { path, line: imp.line };
      const databaseBreach = (what: string) =>
        breaches.push({ ...at, rule: 'database-outside-store', detail: `${what} outside a store: move the access into the domain's store.ts` });
      const production = !isTestFile(path) && path.includes('/src/');
      if (imp.specifier.startsWith('.')) {
        const target = join(dirname(path), imp.specifier).split(sep).join('/');
        if (production && !mayTouchDatabase(path) && DATABASE_MODULES.test(target)) databaseBreach(imp.specifier);
        const [targetTop, targetDir] = target.split('/');
        if (targetTop === 'packages' && targetDir !== dir && byDir.has(targetDir!)) {
          breaches.push({ ...at, rule: 'cross-package-path', detail: `${imp.specifier} reaches into ${byDir.get(targetDir!)!.name}; import it by name` });
        }
        continue;
      }
      if (production && !mayTouchDatabase(path) && imp.specifier.startsWith('@aws-sdk/')) databaseBreach(imp.specifier);
      const pkg = packageOf(imp.specifier);
      if (!names.has(pkg)) continue;
      if (pkg !== own.name && !own.declares.includes(pkg)) {
        breaches.push({ ...at, rule: 'undeclared-package', detail: `${own.name} imports ${pkg} without declaring it in packages/${dir}/package.json` });
      }
      if (dir === 'web' && path.startsWith('packages/web/src/') && !imp.typeOnly && imp.specifier !== PURE_ENTRY) {
        breaches.push({
          ...at,
          rule: 'web-runtime-import',
          detail: `browser code imports ${imp.specifier} at run time; use \`import type\` (or ${PURE_ENTRY})`,
        });
      }
      if (imp.specifier === TEST_ONLY_ENTRY && !isTestFile(path)) {
        breaches.push({
          ...at,
          rule: 'test-support-in-production',
          detail: `${TEST_ONLY_ENTRY} is for tests; production code takes what it needs from @sansang/core or @sansang/core/admin`,
        });
      }
    }
  }
  return breaches;
}

const SKIP = new Set(['node_modules', 'dist', 'public']);

function sourcesUnder(root: string, dir: string): SourceFile[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourcesUnder(root, path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [{ path, source: readFileSync(join(root, path), 'utf8') }] : [];
  });
}

/** Every workspace package's sources and manifest, read from the repository at `root`. */
export function readWorkspace(root: string): { files: SourceFile[]; manifests: Manifest[] } {
  const dirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const manifests = dirs.map((dir): Manifest => {
    const json = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | string>;
    const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) =>
      Object.keys((json[k] as Record<string, string>) ?? {}),
    );
    return { dir, name: json.name as string, declares: declared };
  });
  const outside = ['test', 'infra'].flatMap((dir) => sourcesUnder(root, dir));
  return { files: [...dirs.flatMap((dir) => sourcesUnder(root, `packages/${dir}`)), ...outside], manifests };
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
