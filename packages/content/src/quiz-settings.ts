import * as v from 'valibot';
import { Course } from '@sansang/core/schema';
import type { Diagnostics, Position } from './diagnostic.ts';

const Count = v.pipe(v.number('phải là số nguyên'), v.integer('phải là số nguyên'), v.minValue(1, 'phải từ 1 trở lên'));
const Rule = v.strictObject({
  count: Count,
  tag: v.optional(v.string()),
  difficulty: v.optional(v.picklist(['easy', 'medium', 'hard'], 'chỉ nhận easy, medium hoặc hard')),
}, 'mỗi quy tắc có dạng { count: 3, tag: ..., difficulty: ... }');

/**
 * quiz.md front matter. `draw: 10` is shorthand for one rule that takes 10 from the whole pool.
 * The range of `passMark` is left to `checkPassMark`, which has a code of its own.
 */
export const QuizFront = v.object({
  title: v.pipe(v.string(), v.trim(), v.minLength(1, 'không được để trống')),
  passMark: v.number('phải là số'),
  timeLimitMinutes: v.optional(v.nullable(v.pipe(v.number('phải là số phút'), v.minValue(1, 'phải từ 1 phút trở lên'))), null),
  attempts: v.optional(v.nullable(Count), null),
  draw: v.optional(v.pipe(v.union([Count, v.array(Rule)], 'phải là một số hoặc danh sách quy tắc'),
    v.transform((d) => (typeof d === 'number' ? [{ count: d }] : d))), []),
  attemptsPerDay: v.optional(v.nullable(Count), Course.DEFAULT_ATTEMPTS_PER_DAY),
  waitAfterFailures: v.optional(
    v.nullable(
      v.strictObject(
        {
          failures: Count,
          hours: v.pipe(v.number('phải là số giờ'), v.minValue(1, 'phải từ 1 giờ trở lên'), v.maxValue(720, 'không quá 720 giờ (30 ngày)')),
        },
        'có dạng { failures: 3, hours: 24 }, hoặc null để không phải chờ',
      ),
    ),
    Course.DEFAULT_WAIT_AFTER_FAILURES,
  ),
  shuffle: v.optional(v.boolean('phải là true hoặc false'), true),
  explanations: v.optional(
    v.picklist(Course.explanationPolicies, `chỉ nhận ${Course.explanationPolicies.join(', ')}`),
    Course.DEFAULT_EXPLANATIONS,
  ),
});

/** A pass mark is a percentage; outside 0–100 a quiz could never be passed, or never failed. */
export function checkPassMark(passMark: unknown, at: Position, diags: Diagnostics) {
  if (typeof passMark === 'number' && (passMark < 0 || passMark > 100)) {
    diags.error(at, 'quiz.pass_mark_range', `passMark là phần trăm số điểm cần đạt, phải từ 0 đến 100; ở đây là ${passMark}.`);
  }
}

/**
 * A draw the pool cannot satisfy would hand learners short attempts: each rule, taken in
 * order as the server takes them, must find enough questions not already taken.
 * Rules are checked worst case, so a general rule before a narrow one is reported too.
 */
export function checkDraw(rules: Course.DrawRule[], questions: Course.Question[], at: Position, diags: Diagnostics) {
  const total = rules.reduce((s, r) => s + r.count, 0);
  if (total > questions.length) {
    diags.error(at, 'quiz.pool_too_small', `draw cần ${total} câu mỗi lần làm bài nhưng ngân hàng chỉ có ${questions.length} câu.`);
    return;
  }
  const matches = (rule: Course.DrawRule) => new Set(questions.filter((q) =>
    (rule.tag === undefined || q.tags.includes(rule.tag)) && (rule.difficulty === undefined || q.difficulty === rule.difficulty)).map((q) => q.id));
  const pools = rules.map(matches);
  rules.forEach((rule, i) => {
    const mine = pools[i]!;
    // At worst, each earlier rule took as many of these as it could.
    const taken = rules.slice(0, i).reduce((sum, earlier, j) => sum + Math.min(earlier.count, [...pools[j]!].filter((id) => mine.has(id)).length), 0);
    const left = Math.max(0, mine.size - taken);
    if (left < rule.count) {
      const what = [rule.tag && `tag "${rule.tag}"`, rule.difficulty && `độ khó "${rule.difficulty}"`].filter(Boolean).join(', ') || 'bất kỳ';
      diags.error(at, 'quiz.pool_too_small',
        `Quy tắc rút ${rule.count} câu (${what}) có thể chỉ còn ${left} câu phù hợp sau các quy tắc trước; thêm câu hỏi hoặc đặt quy tắc hẹp lên trước.`);
    }
  });
}
