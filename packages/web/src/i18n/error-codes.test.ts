import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodes as typedCodes } from '@sansang/core/schema';
import { en } from './en.ts';
import { vi } from './vi.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Where an error code the browser can receive is written: the API, the domain, and this app's own client. */
const sources = ['core/src', 'api/src', 'web/src/data'].map((dir) => join(root, dir));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const CODE = String.raw`'([a-z_]+(?:\.[a-z_]+)+)'`;
/**
 * The ways a code is written: `new VisibleError('code'`, a subclass's `super('code'`, the API's
 * `errorBody('code'` and `{ error: { code: 'code'`, the client's `new ApiError(status, 'code'`,
 * and a code chosen in an expression (`const code = … ? 'a' : 'b'`).
 */
const PATTERNS = [
  new RegExp(String.raw`new VisibleError\(\s*${CODE}`, 'g'),
  new RegExp(String.raw`\bsuper\(\s*${CODE}`, 'g'),
  new RegExp(String.raw`(?:errorBody|errorResponse)\([^,']*?,?\s*${CODE}`, 'g'),
  new RegExp(String.raw`error:\s*\{\s*code:\s*${CODE}`, 'g'),
  new RegExp(String.raw`new ApiError\([^,]+,\s*${CODE}`, 'g'),
  new RegExp(String.raw`\bcode\s*=[^;\n]*?${CODE}(?:\s*:\s*${CODE})?`, 'g'),
];

function errorCodes(text: string): string[] {
  return PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].flatMap((m) => m.slice(1).filter((c): c is string => c !== undefined)));
}

describe('error codes the server can send', () => {
  const found = new Map<string, string>();
  for (const dir of sources) {
    for (const file of files(dir)) for (const code of errorCodes(readFileSync(file, 'utf8'))) found.set(code, file.slice(root.length));
  }

  it('are found where they are written', () => {
    expect(errorCodes(`throw new VisibleError(\n  'org.code_taken', 'x', 409);`)).toEqual(['org.code_taken']);
    expect(errorCodes(`const code = err.status === 413 ? 'request.too_large' : 'request.invalid';`)).toEqual(['request.too_large', 'request.invalid']);
    for (const code of ['service.busy', 'import.invalid_rows', 'request.too_large', 'course.lesson_not_found', 'network.offline', 'auth.oidc_failed']) {
      expect(found.has(code), code).toBe(true);
    }
  });

  it('are exactly the typed union in core (error-codes.ts): none thrown outside it, none listed that nothing gives', () => {
    expect(
      [...found.keys()].filter((c) => !(typedCodes as readonly string[]).includes(c)),
      'given but not in errorCodes',
    ).toEqual([]);
    expect(
      typedCodes.filter((c) => !found.has(c)),
      'in errorCodes but given nowhere',
    ).toEqual([]);
  });

  it('each have a message in Vietnamese and in English', () => {
    const missing = [...found].filter(([code]) => !(`error.${code}` in vi) || !(`error.${code}` in en)).map(([code, file]) => `error.${code} (${file})`);
    expect(missing, 'error codes without a dictionary entry').toEqual([]);
  });
});
