import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions, type FunctionName } from './spec.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * Bundles one Lambda: a single minified ESM file with the AWS SDK inside (no dependence on
 * the runtime's copy) and a source map, so a cold start loads one file and stack traces
 * still point at our TypeScript.
 */
export async function bundleFunction(name: FunctionName): Promise<{ outfile: string; bytes: number }> {
  const fn = functions[name];
  return bundleEntry(resolve(root, fn.entry), resolve(root, fn.bundleDir, 'index.mjs'));
}

/** The same build for any entry: the benchmark bundles its bare baseline with it. */
export async function bundleEntry(entry: string, outfile: string): Promise<{ outfile: string; bytes: number }> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Some CommonJS dependencies call require() for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { outfile, bytes: statSync(outfile).size };
}

export const bundleApi = () => bundleFunction('api');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(functions) as FunctionName[]) {
    const { outfile, bytes } = await bundleFunction(name);
    console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
