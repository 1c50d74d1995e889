import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { compileContent, quizStats } from '@sansang/content';
import { citesReport, statsReport } from './content-report.ts';
import { contentDir, repoRoot } from './paths.ts';

describe('content cites and content stats on the catalogue', () => {
  it('lists the lessons and questions citing a document, then the lines that only name it', async () => {
    const compiled = await compileContent(contentDir);
    const report = (await citesReport(contentDir, compiled, 'qd-28-2018-ttg'))!;
    expect(report.split('\n')[0]).toBe(
      '28/2018/QĐ-TTg — Quyết định về việc gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính nhà nước (đang có hiệu lực; law/qd-28-2018-ttg.yaml)',
    );
    expect(report).toContain('courses/van-phong-dien-tu/01-van-ban-den.md:3:1  bài "Tiếp nhận, đăng ký và chuyển văn bản đến"');
    expect(report).toMatch(/Nhắc tới trong bài nhưng chưa trích dẫn \(\d+\):\n {2}courses\//);
    expect(await citesReport(contentDir, compiled, 'khong-co')).toBeNull();
  });

  it('prints one line per quiz and a total, with Vietnamese labels', async () => {
    const compiled = await compileContent(contentDir);
    const lines = statsReport(compiled).split('\n');
    // The pool and the draw as the catalogue has them today: the line must print them and their ratio.
    const quiz = quizStats(compiled.courses.find((c) => c.slug === 'van-phong-dien-tu')!)!;
    const ratio = (quiz.items / quiz.drawn).toFixed(1).replace('.', ',');
    expect(lines[0]).toMatch(/^Khoá học\s+Số câu\s+Rút\s+Câu\/rút\s+Đáp án dài nhất\s+Điểm chọn dài nhất\s+Điểm đạt\s+Đạt\?$/);
    expect(lines.find((l) => l.startsWith('van-phong-dien-tu'))).toMatch(
      new RegExp(`^van-phong-dien-tu\\s+${quiz.items}\\s+${quiz.drawn}\\s+${ratio}\\s+\\d+/\\d+ \\(\\d+%\\)\\s+\\d+%\\s+70%\\s+(đạt|không)$`),
    );
    expect(lines.find((l) => l.startsWith('Tổng'))).toMatch(/^Tổng \(\d+ bài kiểm tra\)\s+\d+\s+\d+\s+\d,\d\s+\d+\/\d+ \(\d+%\)\s+TB \d+%\s+đạt \d+\/\d+$/);
  });

  it('exits 1 from the command line for a document not in the register', () => {
    let status = 0;
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'cites', 'khong-co'], { cwd: repoRoot, encoding: 'utf8' });
    } catch (err) {
      ({ status, stdout: out } = err as { status: number; stdout: string });
    }
    expect(status).toBe(1);
    expect(out).toContain('Không có văn bản "khong-co" trong sổ văn bản');
  });
});
