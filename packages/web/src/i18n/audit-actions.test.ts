import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from './en.ts';
import { vi } from './vi.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Where audit entries are written: the domain and the API. */
const sources = ['core/src', 'api/src'].map((dir) => join(root, dir));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The actions of every `Audit.record({ … action: … })` call: the expression after `action:`
 * (a literal, or a choice between literals such as `before ? 'target.update' : 'target.create'`).
 * A call whose action is no literal gives `null`, so this test is changed with it rather
 * than missing it.
 */
function recordedActions(text: string): (string | null)[] {
  return [...text.matchAll(/Audit\.record\(\s*\{[^]*?\baction\b\s*(?::\s*([^,\n}]+))?/g)].flatMap((m) => {
    const codes = [...(m[1] ?? '').matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((c) => c[1]!);
    return codes.length > 0 ? codes : [null];
  });
}

describe('audit actions the sources record', () => {
  const found = new Map<string, string>();
  const unreadable: string[] = [];
  for (const dir of sources) {
    for (const file of files(dir)) {
      for (const action of recordedActions(readFileSync(file, 'utf8'))) {
        if (action) found.set(action, file.slice(root.length));
        else unreadable.push(file.slice(root.length));
      }
    }
  }

  it('are found where they are written', () => {
    expect(recordedActions(`await Audit.record({ actor, action: 'roster.import', detail: {} });`)).toEqual(['roster.import']);
    expect(recordedActions(`Audit.record({\n  actor: a,\n  action: before ? 'target.update' : 'target.create',\n})`)).toEqual([
      'target.update',
      'target.create',
    ]);
    expect(recordedActions(`Audit.record({ actor, action, unitId })`)).toEqual([null]);
    for (const action of ['auth.sign_in', 'org.merge', 'target.create', 'report.download', 'content.publish']) expect(found.has(action), action).toBe(true);
    expect(unreadable, 'Audit.record calls whose action is not a literal').toEqual([]);
  });

  it('each have a name in Vietnamese and in English', () => {
    const missing = [...found]
      .filter(([action]) => !(`audit.action.${action}` in vi) || !(`audit.action.${action}` in en))
      .map(([a, file]) => `${a} (${file})`);
    expect(missing, 'audit actions without a name (core/src/audit/schema.ts and en.ts)').toEqual([]);
  });
});
