import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Quiz } from '@sansang/core';
import { compileContent, format, ITEM_WRITING_CODES } from './index.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const content = `${repo}content`;

describe('the catalogue in content/', () => {
  it('compiles with no error, and no warning but item-writing findings on the question bank and unverified law register fields', async () => {
    // Issue 19: the bank is rewritten later; until then its item-writing findings stay visible
    // as warnings, as do register fields nobody could yet check against a source.
    const known = new Set<string>([...ITEM_WRITING_CODES, 'law.unverified']);
    const { courses, diagnostics } = await compileContent(content);
    expect(diagnostics.filter((d) => d.severity === 'error' || !known.has(d.code)).map(format)).toEqual([]);
    expect(courses.length).toBeGreaterThanOrEqual(15);
  });

  it('covers IU01–IU06 and the e-government topics, each course with 3+ lessons, a pool of 15+ and 10+ drawn per attempt', async () => {
    const { courses, targets } = await compileContent(content);
    const tags = new Set(courses.flatMap((c) => c.tags));
    for (const tag of ['IU01', 'IU02', 'IU03', 'IU04', 'IU05', 'IU06', 'VPDT', 'CKS', 'DVC', 'EMAIL', 'HOP', 'ATTT', 'DLCN', 'CDS', 'VNeID', 'AI']) {
      expect(tags, tag).toContain(tag);
    }
    for (const c of courses) {
      expect(c.lessons.length, c.slug).toBeGreaterThanOrEqual(3);
      expect(c.references.length, `${c.slug} names the documents it relies on`).toBeGreaterThan(0);
      const quiz = c.quiz!;
      expect(quiz.questions.length, c.slug).toBeGreaterThanOrEqual(15);
      for (const seed of ['a', 'b', 'c']) expect(Quiz.draw(quiz, seed).length, c.slug).toBeGreaterThanOrEqual(10);
      for (const q of quiz.questions) {
        expect(q.explanationHtml, `${c.slug}/${q.id} explains its answer`).not.toBeNull();
        expect(q.tags.length, `${c.slug}/${q.id} has a topic tag`).toBeGreaterThan(0);
      }
      // Lessons of real substance, not filler.
      const words = c.lessons.map((l) => l.html.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length);
      expect(Math.min(...words), c.slug).toBeGreaterThanOrEqual(350);
    }
    for (const t of targets) for (const slug of t.programme) expect(courses.map((c) => c.slug)).toContain(slug);
  });

  it('passes `sansang content check`, which exits 0', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'content', 'check'], { cwd: repo, encoding: 'utf8' });
    expect(out).toMatch(/khoá học hợp lệ, 0 lỗi/);
  });
});
