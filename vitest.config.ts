import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Signs session tokens in tests; deployments and `npm start` bring their own.
    env: { SESSION_SECRET: 'test-only-secret-that-is-long-enough-0123456789' },
    maxWorkers: 2,
  },
});
