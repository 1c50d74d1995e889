import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileContent, format } from './index.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const content = `${repo}content`;

describe('the catalogue in content/', () => {
  it('compiles with no error, and every course can be completed', async () => {
    const { courses, targets, diagnostics } = await compileContent(content);
    expect(diagnostics.filter((d) => d.severity === 'error').map(format)).toEqual([]);
    expect(courses.length).toBeGreaterThan(0);
    for (const c of courses) {
      expect(c.lessons.length, c.slug).toBeGreaterThanOrEqual(3);
      if (c.quiz) expect(c.quiz.questions.length, c.slug).toBeGreaterThanOrEqual(15);
    }
    for (const t of targets) for (const slug of t.programme) expect(courses.map((c) => c.slug)).toContain(slug);
  });

  it('passes `sansang content check`, which exits 0', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'check'], { cwd: repo, encoding: 'utf8' });
    expect(out).toMatch(/khoá học hợp lệ, 0 lỗi/);
  });
});
