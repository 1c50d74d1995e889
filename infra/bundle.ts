import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions, type FunctionName } from './spec.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Bundles one Lambda: a single minified ESM file with the AWS SDK inside (no dependence on
 * the runtime's copy) and a source map, so a cold start loads one file and stack traces
 * still point at our TypeScript.
 */
export async function bundleFunction(name: FunctionName): Promise<Bundle> {
  const fn = functions[name];
  const outdir = resolve(root, fn.bundleDir);
  const bundle = await bundleEntry(resolve(root, fn.entry), outdir);
  // Certificates embed Be Vietnam Pro; the PDF code finds it in fonts/ under LAMBDA_TASK_ROOT.
  mkdirSync(resolve(outdir, 'fonts'), { recursive: true });
  for (const weight of ['400Regular', '700Bold']) {
    const file = require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
    copyFileSync(file, resolve(outdir, 'fonts', basename(file)));
  }
  // Reminder wording is read at send time from reminders/ under LAMBDA_TASK_ROOT (core/src/reminder/template.ts).
  mkdirSync(resolve(outdir, 'reminders'), { recursive: true });
  for (const file of readdirSync(resolve(root, 'content/reminders')).filter((f) => f.endsWith('.md')))
    copyFileSync(resolve(root, 'content/reminders', file), resolve(outdir, 'reminders', file));
  return bundle;
}

/** `bytes`: what every cold start loads (entry + static chunks); `totalBytes`: with the chunks loaded on demand. */
export type Bundle = { outfile: string; bytes: number; totalBytes: number };

/**
 * The same build for any entry (the benchmark bundles its bare baseline with it). Code
 * behind a dynamic import() (the S3 and Lambda clients for reports) goes to chunks/, so a
 * cold start that does not need it does not load it.
 */
export async function bundleEntry(entry: string, outdir: string): Promise<Bundle> {
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    metafile: true,
    entryPoints: { index: entry },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
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
  // What a cold start loads: the entry and every chunk it imports statically, transitively.
  const outputs = metafile.outputs;
  const entryKey = Object.keys(outputs).find((k) => outputs[k]!.entryPoint && k.endsWith('index.mjs'))!;
  const loaded = new Set<string>();
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const i of outputs[key]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entryKey);
  const code = Object.keys(outputs).filter((k) => k.endsWith('.mjs'));
  const sum = (keys: string[]) => keys.reduce((t, k) => t + outputs[k]!.bytes, 0);
  return { outfile: resolve(outdir, 'index.mjs'), bytes: sum([...loaded]), totalBytes: sum(code) };
}

export const bundleApi = () => bundleFunction('api');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(functions) as FunctionName[]) {
    const { outfile, bytes, totalBytes } = await bundleFunction(name);
    console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB (with on-demand chunks ${(totalBytes / 1024).toFixed(0)} KiB)`);
  }
}
