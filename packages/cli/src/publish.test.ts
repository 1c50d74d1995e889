import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Course, Org, Target } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { bundle } from '../../../test/support/fixtures.ts';
import type { CompiledContent } from '@sansang/content';
import { publishContent } from './seed.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { repoRoot } from './paths.ts';

describe('sansang content publish', () => {
  it('publishes the catalogue and targets into the table it is pointed at, and is idempotent', async () => {
    const tableName = await useFreshTable();
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'publish'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DYNAMODB_ENDPOINT: inject('ddbEndpoint'), TABLE_NAME: tableName },
      });
    expect(run()).toMatch(/Đã xuất bản: an-toan-thong-tin@\d+, bao-ve-du-lieu-ca-nhan@\d+/);
    expect((await Course.list()).map((c) => c.slug)).toContain('an-toan-thong-tin');
    expect((await Target.list()).length).toBeGreaterThan(0);
    expect(run()).toMatch(/Đã xuất bản: không có; không đổi: an-toan-thong-tin@\d+,/);
  });
});

describe('sansang content build', () => {
  it('writes one JSON bundle per course version, ready to review or publish', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sansang-build-'));
    const log = execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'build', '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(log).toMatch(/0 lỗi/);
    const folders = (await readdir(join(repoRoot, 'content', 'courses'))).sort();
    expect((await readdir(out)).sort()).toEqual(folders);
    const [file] = (await readdir(join(out, 'an-toan-thong-tin'))).filter((f) => /^\d+\.json$/.test(f));
    const security = JSON.parse(await readFile(join(out, 'an-toan-thong-tin', file!), 'utf8'));
    expect(file).toBe(`${security.version}.json`);
    expect(security).toMatchObject({ slug: 'an-toan-thong-tin', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(security.quiz.questions.length).toBeGreaterThanOrEqual(15);
  });
});

describe('a target file naming its unit', () => {
  it('is published as that unit’s target, and one naming an unknown code is not, with an error naming the file', async () => {
    await useFreshTable();
    const province = Org.make({ id: 'tinh-mau', code: 'TINH-MAU', name: 'Tỉnh Mẫu', kind: 'province' }, null);
    await putMany([Org.toItem(province)]);
    const base = { programme: ['an-toan-thong-tin'], categories: ['cong-chuc' as const], percent: 100, deadline: '2026-12-31' };
    const compiled = {
      courses: [],
      courseDirs: new Map(),
      targets: [
        { ...base, id: 'toan-quoc', title: 'Toàn hệ thống' },
        { ...base, id: 'cua-tinh', title: 'Của tỉnh' },
        { ...base, id: 'sai-ma', title: 'Sai mã' },
      ],
      targetUnits: new Map([
        ['cua-tinh', { code: 'TINH-MAU', file: 'targets/cua-tinh.yaml' }],
        ['sai-ma', { code: 'KHONG-CO', file: 'targets/sai-ma.yaml' }],
      ]),
      courseUnits: new Map(),
      diagnostics: [],
    } as unknown as CompiledContent;
    const outcome = await publishContent('content', compiled);
    expect(outcome.errors).toEqual([expect.stringMatching(/^targets\/sai-ma\.yaml: unit: không có đơn vị mã "KHONG-CO"/)]);
    expect((await Target.list()).map((t) => [t.id, t.unitId ?? null]).sort()).toEqual([
      ['cua-tinh', 'tinh-mau'],
      ['toan-quoc', null],
    ]);
  });
});

describe('a course file naming its unit', () => {
  it('is published as that unit’s own course; one naming an unknown code is not, nor a target whose people could not open its courses', async () => {
    await useFreshTable();
    const a = Org.make({ id: 'tinh-a', code: 'TINH-A', name: 'Tỉnh A', kind: 'province' }, null);
    const b = Org.make({ id: 'tinh-b', code: 'TINH-B', name: 'Tỉnh B', kind: 'province' }, null);
    const communeA = Org.make({ id: 'xa-a', code: 'XA-A', name: 'Xã A', kind: 'commune' }, a);
    await putMany([a, b, communeA].map(Org.toItem));
    const base = { categories: ['cong-chuc' as const], percent: 100, deadline: '2026-12-31' };
    const compiled = {
      courses: [bundle({ slug: 'khoa-chung' }), bundle({ slug: 'khoa-tinh-a', hash: 'a' }), bundle({ slug: 'khoa-sai-ma', hash: 's' })],
      courseDirs: new Map(),
      courseUnits: new Map([
        ['khoa-tinh-a', { code: 'tinh-a', file: 'courses/khoa-tinh-a/course.md' }],
        ['khoa-sai-ma', { code: 'KHONG-CO', file: 'courses/khoa-sai-ma/course.md' }],
      ]),
      targets: [
        { ...base, id: 'chung', title: 'Chung', programme: ['khoa-chung'] },
        { ...base, id: 'cua-tinh-a', title: 'Của tỉnh A', programme: ['khoa-chung', 'khoa-tinh-a'] },
        { ...base, id: 'cua-xa-a', title: 'Của xã A', programme: ['khoa-tinh-a'] },
        { ...base, id: 'cua-tinh-b', title: 'Của tỉnh B', programme: ['khoa-tinh-a'] },
        { ...base, id: 'toan-quoc', title: 'Toàn quốc', programme: ['khoa-tinh-a'] },
      ],
      targetUnits: new Map([
        ['cua-tinh-a', { code: 'TINH-A', file: 'targets/cua-tinh-a.yaml' }],
        ['cua-xa-a', { code: 'XA-A', file: 'targets/cua-xa-a.yaml' }],
        ['cua-tinh-b', { code: 'TINH-B', file: 'targets/cua-tinh-b.yaml' }],
      ]),
      diagnostics: [],
    } as unknown as CompiledContent;
    const outcome = await publishContent('content', compiled);
    expect(outcome.errors).toEqual([
      expect.stringMatching(/^courses\/khoa-sai-ma\/course\.md: unit: không có đơn vị mã "KHONG-CO".*khoá học "khoa-sai-ma" chưa được đăng/),
      expect.stringMatching(/^targets\/cua-tinh-b\.yaml: chỉ tiêu "cua-tinh-b" gồm khoá "khoa-tinh-a" của riêng một đơn vị/),
      expect.stringMatching(/^chỉ tiêu "toan-quoc" gồm khoá "khoa-tinh-a"/),
    ]);
    expect((await Course.list()).map((c) => [c.slug, c.unitId]).sort()).toEqual([
      ['khoa-chung', null],
      ['khoa-tinh-a', 'tinh-a'],
    ]);
    expect((await Target.list()).map((t) => t.id).sort()).toEqual(['chung', 'cua-tinh-a', 'cua-xa-a']);
  });
});
