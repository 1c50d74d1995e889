import { describe, expect, it } from 'vitest';
import type { Course } from '@sansang/core/schema';
import { Diagnostics } from './diagnostic.ts';
import { parseMarkdown } from './markdown.ts';
import { parseQuestions } from './quiz.ts';
import { lengthAloneScore, quizStats } from './quiz-stats.ts';

const questions = (body: string) => parseQuestions(parseMarkdown(body), 1, new Diagnostics('quiz.md')).questions;
const bundle = (qs: Course.Question[], draw: Course.DrawRule[] = [], passMark = 70) =>
  ({ slug: 'thu', title: 'Thử', quiz: { title: 'Kiểm tra', passMark, draw, questions: qs } }) as unknown as Course.Bundle;

const body = `## Một {#longest tags=a}
- [ ] Ngắn
- [x] Dài nhất hẳn

## Hai {#tie tags=a}
- [x] Bằng
- [ ] Nhau

## Ba {#shorter tags=b}
- [x] Có
- [ ] Dài hơn đáp án

## Bốn {#sai .truefalse tags=b}
- Sai

## Năm {#dung .truefalse tags=b}
- Đúng

## Sáu {#multi .multiple tags=b}
- [x] Phương án dài nhất
- [ ] Ngắn

## Bảy {#multi2 .multiple tags=b}
- [x] Phương án dài nhất
- [x] Ngắn

## Tám {#short .short tags=b}
- Cổng Dịch vụ công quốc gia
`;

describe('the learner who answers by length alone', () => {
  it('scores the longest option (ties split), "Sai" on true/false, the longest alone on multiple choice, nothing else', () => {
    expect(Object.fromEntries(questions(body).map((q) => [q.id, lengthAloneScore(q)]))).toEqual({
      longest: 1,
      tie: 0.5,
      shorter: 0,
      sai: 1,
      dung: 0,
      multi: 1,
      multi2: 0,
      short: 0,
    });
  });

  it('reports the pool against the draw, the share of keys that are the longest option, and whether that learner passes', () => {
    const qs = questions(body);
    expect(quizStats(bundle(qs, [{ count: 4 }]))).toMatchObject({ items: 8, drawn: 4, single: 3, keyLongest: 1, lengthAloneScore: 3.5 / 8, lengthAlonePasses: false });
    // Each rule weighs the questions it may take: one from tag a (mean 0.75), one from tag b (mean 2/6).
    expect(quizStats(bundle(qs, [{ count: 1, tag: 'a' }, { count: 1, tag: 'b' }], 50))).toMatchObject({ drawn: 2, lengthAloneScore: (0.75 + 2 / 6) / 2, lengthAlonePasses: true });
    expect(quizStats(bundle(qs))?.drawn).toBe(8);
  });
});
