import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

/** Runs in Node's loader thread: records every ES module it loads, whoever imported it. */
const hooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LOADED_MODULES_FILE, url + '\\n');
  return next(url, context);
}`;

/**
 * What a fresh Node process has loaded after importing `specifier` through the repo's own
 * TypeScript loader (tsx), as file paths: every ES module (seen by a load hook) and every
 * CommonJS module (in require.cache), so a dependency loaded either way is listed.
 */
export async function modulesLoadedBy(specifier: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'loaded-modules-'));
  try {
    const hookFile = join(dir, 'hooks.mjs');
    const registerFile = join(dir, 'register.mjs');
    const listFile = join(dir, 'loaded.txt');
    await writeFile(hookFile, hooks);
    await writeFile(listFile, '');
    await writeFile(registerFile, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hookFile).href)});\n`);
    const script = `import { createRequire } from 'node:module';
await import(${JSON.stringify(specifier)});
const cjs = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify(cjs));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(registerFile).href, '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, LOADED_MODULES_FILE: listFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    const esm = (await readFile(listFile, 'utf8'))
      .split('\n')
      .filter((u) => u.startsWith('file:'))
      .map((u) => decodeURIComponent(new URL(u).pathname));
    return [...new Set([...esm, ...(JSON.parse(stdout) as string[])])];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
