import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent, readFrameworks, type Framework } from '@sansang/content';
import { coverageReport } from './content-coverage.ts';
import { contentDir, repoRoot } from './paths.ts';

const framework = (law: string, title: string, entries: [string, string][], unverified?: string): Framework => ({
  law,
  title,
  unverified,
  competencies: new Map(entries),
});

describe('content coverage', () => {
  it('names the courses covering each competency with the lessons teaching it, the competencies none covers and the courses tagged with none', () => {
    const frameworks = [
      framework('tt-a', 'Khung A', [
        ['A1', 'Máy tính'],
        ['A2', 'Internet'],
      ]),
      framework('qd-b', 'Khung B', [['B1', 'An toàn']], 'Tên nhóm chưa đối chiếu.'),
    ];
    const report = coverageReport(frameworks, {
      courses: [
        { slug: 'may-tinh', tags: ['A1', 'CDS'] },
        { slug: 'an-toan', tags: ['A1', 'B1'] },
        { slug: 'chu-ky-so', tags: ['CKS'] },
        { slug: 'thu-dien-tu', tags: ['EMAIL'] },
      ],
      law: new Map([['tt-a', { number: '03/2014/TT-BTTTT' }]]),
      lessonTags: [
        { slug: 'may-tinh', lesson: 'bat-may', tags: ['A1'] },
        { slug: 'may-tinh', lesson: 'tep-tin', tags: ['A1', 'KHAC'] },
        // A course untagged itself covers a competency through its lessons.
        { slug: 'thu-dien-tu', lesson: 'gui-thu', tags: ['A2'] },
        // A course that did not compile is not counted.
        { slug: 'hong', lesson: 'bai', tags: ['B1'] },
      ],
    });
    expect(report.split('\n')).toEqual([
      '03/2014/TT-BTTTT — Khung A: 2/2 năng lực có khoá học, 2/2 có bài học gắn mã',
      '  A1  Máy tính: may-tinh (2 bài), an-toan',
      '  A2  Internet: thu-dien-tu (1 bài)',
      '',
      'Khung B: 1/1 năng lực có khoá học, 0/1 có bài học gắn mã',
      '  (không có văn bản "qd-b" trong sổ văn bản law/)',
      '  Chưa kiểm chứng: Tên nhóm chưa đối chiếu.',
      '  B1  An toàn: an-toan',
      '',
      'Năng lực chưa khoá học nào bao phủ (0): không có.',
      'Khoá học chưa gắn năng lực nào của các khung (1): chu-ky-so.',
      'Bài học gắn mã năng lực: 3 bài trong 2 khoá.',
    ]);
    const none = coverageReport(frameworks, { courses: [{ slug: 'may-tinh', tags: ['CDS'] }], law: new Map() });
    expect(none).toContain('  A1  Máy tính: CHƯA CÓ KHOÁ HỌC');
    expect(none).toContain('Năng lực chưa khoá học nào bao phủ (3): A1 Máy tính; A2 Internet; B1 An toàn.');
  });

  it('refuses a missing or malformed competencies file in words that name it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sansang-coverage-'));
    await expect(readFrameworks(dir)).rejects.toThrow(/Không có tệp .*competencies\.yaml/);
    await writeFile(
      join(dir, 'competencies.yaml'),
      '- law: tt-a\n  title: A\n  competencies:\n    A1: Máy tính\n- law: tt-b\n  title: B\n  competencies:\n    A1: Lặp lại\n',
    );
    await expect(readFrameworks(dir)).rejects.toThrow(/competencies\.yaml: mã năng lực A1 xuất hiện hai lần/);
    await writeFile(join(dir, 'competencies.yaml'), '- title: A\n');
    await expect(readFrameworks(dir)).rejects.toThrow(/khung thứ 1 thiếu "law"/);
  });

  it('reads the catalogue: IU01–IU06 all covered, every framework in the law register, and the command prints it', async () => {
    const frameworks = await readFrameworks(contentDir);
    const compiled = await compileContent(contentDir);
    for (const f of frameworks) expect(compiled.law.has(f.law), f.law).toBe(true);
    const report = coverageReport(frameworks, compiled);
    expect(report).toMatch(/^03\/2014\/TT-BTTTT — .*: 6\/6 năng lực có khoá học, 6\/6 có bài học gắn mã$/m);
    expect(report).toMatch(/^757\/QĐ-BKHCN — .*: \d\/7 năng lực có khoá học, \d\/7 có bài học gắn mã$/m);
    // Each IU course's lessons carry its module's code.
    for (const iu of ['IU01', 'IU02', 'IU03', 'IU04', 'IU05', 'IU06']) expect(report).toMatch(new RegExp(`^  ${iu} .*: .*\\(\\d+ bài\\)`, 'm'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'coverage'], { cwd: repoRoot, encoding: 'utf8' });
    expect(out).toContain(report);
  });
});
