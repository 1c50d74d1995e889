import { describe, expect, it } from 'vitest';
import { modulesLoadedBy } from '../../../test/support/loaded-modules.ts';

// Compiling Markdown is pure work: the CLI's `content check` and the web's build-time help
// pages must not pay for (or be able to reach) the database client.
describe('importing @sansang/content', () => {
  it('loads no AWS SDK module', async () => {
    const loaded = await modulesLoadedBy('@sansang/content');
    // The probe works: it sees content's own files and its Markdown pipeline.
    expect(loaded.some((path) => path.endsWith('/packages/content/src/index.ts'))).toBe(true);
    expect(loaded.some((path) => path.includes('/node_modules/unified/'))).toBe(true);
    expect(loaded.filter((path) => path.includes('/node_modules/@aws-sdk/'))).toEqual([]);
  });
});
