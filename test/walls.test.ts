import { describe, expect, it } from 'vitest';
import { modulesLoadedBy } from './support/loaded-modules.ts';
import { importsOf, readWorkspace, repoRoot, wallBreaches, type Manifest } from './support/import-walls.ts';

const manifests: Manifest[] = [
  { dir: 'core', name: '@sansang/core', declares: ['valibot'] },
  { dir: 'content', name: '@sansang/content', declares: ['@sansang/core'] },
  { dir: 'api', name: '@sansang/api', declares: ['@sansang/core'] },
  { dir: 'web', name: '@sansang/web', declares: ['@sansang/content'] },
  { dir: 'cli', name: '@sansang/cli', declares: ['@sansang/core', '@sansang/api', '@sansang/content'] },
];
const rulesBroken = (path: string, source: string) => wallBreaches([{ path, source }], manifests).map((b) => b.rule);

describe('the import scanner', () => {
  it('tells type-only imports from run-time ones, and sees dynamic imports and re-exports', () => {
    const found = importsOf(
      [
        "import type { A } from 'a';",
        "import { type B, type C } from 'b';",
        "import { type D, E } from 'c';",
        "import 'side-effect';",
        "export type { F } from 'd';",
        "export { G } from 'e';",
        "const m = await import('f');",
        "let t: import('g').T;",
        "// import { H } from 'in-a-comment';",
        'const s = "import { I } from \'in-a-string\'";',
      ].join('\n'),
      'x.ts',
    );
    expect(found.map((i) => [i.specifier, i.typeOnly])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['side-effect', false],
      ['d', true],
      ['e', false],
      ['f', false],
      ['g', true],
    ]);
  });

  it('catches a relative import from one package into another, at any depth', () => {
    expect(rulesBroken('packages/api/src/jobs.test.ts', "import { keys } from '../../core/src/db/keys.ts';")).toEqual(['cross-package-path']);
    expect(rulesBroken('packages/web/help-plugin.ts', "import { renderMarkdown } from '../content/src/markdown.ts';")).toEqual(['cross-package-path']);
    expect(rulesBroken('packages/api/src/routes/x.ts', "const m = await import('../../../core/src/index.ts');")).toEqual(['cross-package-path']);
    expect(rulesBroken('test/e2e/x.test.ts', "import { webDist } from '../../packages/cli/src/paths.ts';")).toEqual(['cross-package-path']);
    expect(rulesBroken('test/e2e/x.test.ts', "import { webDist } from '@sansang/cli/testing';\nimport { b } from '../support/db.ts';")).toEqual([]);
    // Within a package, and out to the shared test support, is fine.
    expect(rulesBroken('packages/api/src/routes/x.ts', "import { a } from '../route.ts';\nimport { b } from '../../../../test/support/db.ts';")).toEqual([]);
  });

  it('catches browser code importing core at run time, and lets types and the pure entry through', () => {
    const web = (source: string) =>
      wallBreaches(
        [{ path: 'packages/web/src/data/x.ts', source }],
        manifests.map((m) => (m.dir === 'web' ? { ...m, declares: ['@sansang/core', '@sansang/api'] } : m)),
      ).map((b) => b.rule);
    expect(web("import { VisibleError } from '@sansang/core';")).toEqual(['web-runtime-import']);
    expect(web("import { type Course, Org } from '@sansang/core';")).toEqual(['web-runtime-import']);
    expect(web("const { Course } = await import('@sansang/core');")).toEqual(['web-runtime-import']);
    expect(web("import type { Course } from '@sansang/core';\nimport { type Org } from '@sansang/core';\nimport type { App } from '@sansang/api';")).toEqual(
      [],
    );
    expect(web("import { Course } from '@sansang/core/schema';")).toEqual([]);
    // The build-time Vite plugin is not browser code.
    expect(rulesBroken('packages/web/help-plugin.ts', "import { renderMarkdown } from '@sansang/content';")).toEqual([]);
  });

  it('catches a package importing a workspace package it does not declare, types included', () => {
    expect(rulesBroken('packages/content/src/x.ts', "import { app } from '@sansang/api';")).toEqual(['undeclared-package']);
    expect(rulesBroken('packages/core/src/x.ts', "import type { Diagnostic } from '@sansang/content';")).toEqual(['undeclared-package']);
    expect(rulesBroken('packages/content/src/x.ts', "import { Target } from '@sansang/core/schema';")).toEqual([]);
    expect(rulesBroken('packages/core/src/x.test.ts', "import { Account } from '@sansang/core';")).toEqual([]);
  });

  it('catches database access outside a store', () => {
    expect(rulesBroken('packages/core/src/target/index.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';")).toEqual(['database-outside-store']);
    expect(rulesBroken('packages/core/src/target/index.ts', "import { keys } from '../db/keys.ts';")).toEqual(['database-outside-store']);
    expect(rulesBroken('packages/core/src/readiness/rebuild.ts', "import { db, tableName } from '../db/client.ts';")).toEqual(['database-outside-store']);
    expect(rulesBroken('packages/api/src/jobs.ts', "import { LambdaClient } from '@aws-sdk/client-lambda';")).toEqual(['database-outside-store']);
    expect(
      rulesBroken('packages/core/src/target/store.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';\nimport { keys } from '../db/keys.ts';"),
    ).toEqual([]);
    expect(rulesBroken('packages/core/src/db/batch.ts', "import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';")).toEqual([]);
    expect(rulesBroken('packages/core/src/target/index.ts', "import { isConditionFailure } from '../db/errors.ts';")).toEqual([]);
    expect(rulesBroken('packages/core/src/target/target.test.ts', "import { keys } from '../db/keys.ts';")).toEqual([]);
  });

  it('catches production code taking test support', () => {
    expect(rulesBroken('packages/api/src/jobs.ts', "import { injectFaults } from '@sansang/core/testing';")).toEqual(['test-support-in-production']);
    expect(rulesBroken('packages/api/src/jobs.test.ts', "import { injectFaults } from '@sansang/core/testing';")).toEqual([]);
  });
});

describe('the workspace', () => {
  it('keeps its walls', () => {
    const { files, manifests } = readWorkspace(repoRoot);
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path.startsWith('test/e2e/'))).toBe(true);
    expect(wallBreaches(files, manifests).map((b) => `${b.path}:${b.line} ${b.rule}: ${b.detail}`)).toEqual([]);
  });

  it('hands out test support and database administration only from their own entries', async () => {
    const production = Object.keys(await import('@sansang/core'));
    for (const name of ['injectFaults', 'resilienceCounters', 'meterDynamo', 'configureDb', 'ensureTable', 'putMany', 'db', 'keys']) {
      expect(production, name).not.toContain(name);
    }
  });

  it('runs the production database client without the fault injector of the tests', async () => {
    const loaded = await modulesLoadedBy('@sansang/core');
    // The probe works: it sees the client itself.
    expect(loaded.some((path) => path.endsWith('/packages/core/src/db/client.ts'))).toBe(true);
    expect(loaded.filter((path) => path.endsWith('/db/faults.ts'))).toEqual([]);
    const testing = await modulesLoadedBy('@sansang/core/testing');
    expect(testing.some((path) => path.endsWith('/packages/core/src/db/faults.ts'))).toBe(true);
  });
});
