/**
 * What the repository's own tests (test/, benchmarks) take from the CLI: where things are,
 * the demo seed and its password, the web build and the content watcher. Tests import it as
 * `@sansang/cli/testing` instead of reaching into packages/cli/src by path.
 */
export { repoRoot, contentDir, webDir, webDist } from './paths.ts';
export { seedDemo } from './seed.ts';
export { DEMO_PASSWORD } from './demo/generate.ts';
export { seeded } from './demo/random.ts';
export { buildWeb, ensureWebBuilt } from './start.ts';
export { refreshWorkspace, watchContent } from './content-watch.ts';
