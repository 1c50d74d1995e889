import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { inject } from 'vitest';
import { Course, Target } from '@sansang/core';
import { useFreshTable } from '../../../test/support/db.ts';
import { repoRoot } from './paths.ts';

describe('sansang content publish', () => {
  it('publishes the catalogue and targets into the table it is pointed at, and is idempotent', async () => {
    const tableName = await useFreshTable();
    const run = () => execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'publish'], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, DYNAMODB_ENDPOINT: inject('ddbEndpoint'), TABLE_NAME: tableName },
    });
    expect(run()).toMatch(/Đã xuất bản: an-toan-thong-tin@\d+, bao-ve-du-lieu-ca-nhan@1/);
    expect((await Course.list()).map((c) => c.slug)).toContain('an-toan-thong-tin');
    expect((await Target.list()).length).toBeGreaterThan(0);
    expect(run()).toMatch(/Đã xuất bản: không có; không đổi: an-toan-thong-tin@\d+,/);
  });
});
