import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Attempt, Course, Progress, Readiness, type Course as C } from '@sansang/core';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince } from '../../../../test/support/fixtures.ts';
import { rightAnswer, rightAnswers } from '../../../../test/support/quiz-answers.ts';

/** A pool of 6 questions, 3 drawn per attempt, at most 2 attempts, 1 minute each. */
const q = (id: string, tags: string[]): C.Question => ({
  id,
  type: 'single',
  promptHtml: `<p>${id}?</p>`,
  explanationHtml: `<p>Vì ${id}.</p>`,
  tags,
  difficulty: 'medium',
  options: [
    { id: 'a', html: 'Sai', correct: false },
    { id: 'b', html: 'Đúng', correct: true },
  ],
});
const timed = bundle({
  slug: 'khoa-gio',
  hash: 'gio-1',
  quiz: {
    ...bundle().quiz!,
    passMark: 60,
    attempts: 2,
    timeLimitMinutes: 1,
    draw: [{ count: 1, tag: 'x' }, { count: 2 }],
    shuffle: true,
    questions: [q('x1', ['x']), q('x2', ['x']), q('y1', ['y']), q('y2', ['y']), q('y3', ['y']), q('y4', ['y'])],
  },
});
const placement = bundle({ slug: 'khoa-xep-lop', hash: 'xl-1', placement: true });
/** Choice questions with enough options that a fixed order would show; `shuffle` mixes them per attempt. */
const choices = (correct: string[], html: string[]) => html.map((h, i) => ({ id: String.fromCharCode(97 + i), html: h, correct: correct.includes(h) }));
const mixed = bundle({
  slug: 'khoa-tron',
  hash: 'tron-1',
  quiz: {
    ...bundle().quiz!,
    passMark: 100,
    shuffle: true,
    explanations: 'never',
    questions: [
      {
        ...q('don', []),
        type: 'single',
        options: choices(['Cổng Dịch vụ công quốc gia'], ['Cổng Dịch vụ công quốc gia', 'Zalo', 'Facebook', 'Thư điện tử cá nhân']),
      },
      {
        ...q('nhieu', []),
        type: 'multiple',
        options: choices(['VNeID', 'Chữ ký số'], ['VNeID', 'Mật khẩu dán màn hình', 'Chữ ký số', 'USB lạ', 'Wi-Fi công cộng']),
      },
    ],
  },
});

let tree: Awaited<ReturnType<typeof smallProvince>>;
const person = (i: number) => tree.people[i]!.id;
const attemptItems = (personId: string, slug: string) => queryList({ pk: keys.personPartition(personId), skPrefix: `ATTEMPT#${slug}#` });
const moveDeadline = (personId: string, slug: string, n: number, msFromNow: number) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.attempt(personId, slug, n),
      UpdateExpression: 'SET deadlineMs = :d',
      ExpressionAttributeValues: { ':d': Date.now() + msFromNow },
    }),
  );

describe('quiz attempts on the server', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(4);
    await Course.publish(timed);
    await Course.publish(placement);
    await Course.publish(mixed);
  });

  it('draws on the server, stores the draw and the deadline, and sends nothing that gives the answers away', async () => {
    const a = await Attempt.start({ personId: person(0), slug: 'khoa-gio' });
    expect(a.questions).toHaveLength(3);
    expect(a.questions.filter((x) => x.id.startsWith('x'))).toHaveLength(1);
    expect(Date.parse(a.deadline!) - Date.parse(a.startedAt)).toBe(60_000);
    expect(JSON.stringify(a)).not.toMatch(/correct|explanation|Vì /);
    const [stored] = await attemptItems(person(0), 'khoa-gio');
    expect(stored).toMatchObject({ status: 'open', questionIds: a.questions.map((x) => x.id), answers: {} });
  });

  it('resumes the same attempt with its saved answers and deadline after a reload, and never opens a second one', async () => {
    const first = await Attempt.start({ personId: person(0), slug: 'khoa-gio' });
    const qid = first.questions[0]!.id;
    await Attempt.saveAnswer({ personId: person(0), slug: 'khoa-gio', n: first.n, questionId: qid, answer: ['b'] });
    const reloaded = await Attempt.current({ personId: person(0), slug: 'khoa-gio' });
    expect(reloaded.attempt).toMatchObject({ n: first.n, deadline: first.deadline, answers: { [qid]: ['b'] } });
    expect(reloaded.attempt!.questions.map((x) => x.id)).toEqual(first.questions.map((x) => x.id));
    const again = await Attempt.start({ personId: person(0), slug: 'khoa-gio' });
    expect(again.n).toBe(first.n);
    expect(await attemptItems(person(0), 'khoa-gio')).toHaveLength(1);
  });

  it('gives many parallel starts one attempt, and many parallel submits one grade', async () => {
    const starts = await Promise.all(Array.from({ length: 8 }, () => Attempt.start({ personId: person(1), slug: 'khoa-gio' })));
    expect(new Set(starts.map((s) => s.n))).toEqual(new Set([0]));
    const right = rightAnswers(timed.quiz!);
    const submits = await Promise.all(Array.from({ length: 8 }, () => Attempt.submit({ personId: person(1), slug: 'khoa-gio', n: 0, answers: right })));
    for (const s of submits) expect(s.result).toEqual(submits[0]!.result);
    expect(submits[0]!.result).toMatchObject({ score: 100, passed: true, total: 3 });
    const items = await attemptItems(person(1), 'khoa-gio');
    expect(items.map((i) => i.status)).toEqual(['submitted']);
    const { progress } = await Progress.courseFor(person(1), 'khoa-gio');
    expect(progress).toMatchObject({ attemptsUsed: 1, openAttempt: null, quizPassed: true, bestScore: 100 });
  });

  it('holds the attempt limit against a storm of starts and submits from two tabs', async () => {
    const tab = async () => {
      for (let i = 0; i < 4; i++) {
        const a = await Attempt.start({ personId: person(2), slug: 'khoa-gio' }).catch((e) => e);
        if (a instanceof Error) continue;
        await Attempt.submit({ personId: person(2), slug: 'khoa-gio', n: a.n, answers: {} }).catch(() => undefined);
      }
    };
    await Promise.all([tab(), tab(), tab()]);
    expect(await attemptItems(person(2), 'khoa-gio')).toHaveLength(2);
    await expect(Attempt.start({ personId: person(2), slug: 'khoa-gio' })).rejects.toMatchObject({ code: 'quiz.no_attempts_left', kind: 'conflict' });
    expect((await Attempt.current({ personId: person(2), slug: 'khoa-gio' })).attemptsLeft).toBe(0);
  });

  it('takes answers within a short grace after the deadline, refuses them later and grades the attempt as it stands', async () => {
    const a = await Attempt.start({ personId: person(3), slug: 'khoa-gio' });
    const [first, second] = a.questions;
    const right = (id: string) => rightAnswer(timed.quiz!.questions.find((x) => x.id === id)!);
    await Attempt.saveAnswer({ personId: person(3), slug: 'khoa-gio', n: a.n, questionId: first!.id, answer: right(first!.id) });
    await moveDeadline(person(3), 'khoa-gio', a.n, -10_000);
    await Attempt.saveAnswer({ personId: person(3), slug: 'khoa-gio', n: a.n, questionId: second!.id, answer: right(second!.id) });
    await moveDeadline(person(3), 'khoa-gio', a.n, -Attempt.GRACE_MS - 5_000);
    await expect(
      Attempt.saveAnswer({ personId: person(3), slug: 'khoa-gio', n: a.n, questionId: a.questions[2]!.id, answer: right(a.questions[2]!.id) }),
    ).rejects.toMatchObject({ code: 'attempt.time_up', kind: 'conflict' });
    const graded = await Attempt.get({ personId: person(3), slug: 'khoa-gio', n: a.n });
    expect(graded.status).toBe('submitted');
    expect(graded.result).toMatchObject({ correct: 2, total: 3, score: 66.7, passed: true });
    // A late submission with every answer right does not change the grade.
    const late = await Attempt.submit({ personId: person(3), slug: 'khoa-gio', n: a.n, answers: rightAnswers(timed.quiz!) });
    expect(late.result.correct).toBe(2);
  });

  it('grades an attempt left open past its deadline the next time anyone looks at the quiz', async () => {
    const a = await Attempt.start({ personId: tree.people[5]!.id, slug: 'khoa-gio' });
    await moveDeadline(tree.people[5]!.id, 'khoa-gio', a.n, -Attempt.GRACE_MS - 1_000);
    const seen = await Attempt.current({ personId: tree.people[5]!.id, slug: 'khoa-gio' });
    expect(seen.attempt).toBeNull();
    expect(seen.attemptsUsed).toBe(1);
    expect((await Attempt.get({ personId: tree.people[5]!.id, slug: 'khoa-gio', n: a.n })).result).toMatchObject({ correct: 0, passed: false });
  });

  it('refuses an answer to a question the attempt did not draw', async () => {
    const a = await Attempt.start({ personId: tree.people[6]!.id, slug: 'khoa-gio' });
    const notDrawn = timed.quiz!.questions.find((x) => !a.questions.some((d) => d.id === x.id))!.id;
    await expect(Attempt.saveAnswer({ personId: tree.people[6]!.id, slug: 'khoa-gio', n: a.n, questionId: notDrawn, answer: ['b'] })).rejects.toMatchObject({
      code: 'attempt.unknown_question',
      kind: 'invalid',
    });
  });

  it('gives trainers item statistics from graded attempts only', async () => {
    const stats = await Attempt.statistics({ slug: 'khoa-gio' });
    const graded = (await Promise.all(tree.people.map((p) => attemptItems(p.id, 'khoa-gio')))).flat().filter((a) => a.status === 'submitted');
    expect(stats.attempts).toBe(graded.length);
    expect(stats.items.reduce((s, i) => s + i.answered, 0)).toBe(graded.length * 3);
    expect(stats.distribution.reduce((s, n) => s + n, 0)).toBe(graded.length);
  });

  it('shuffles choice options per attempt, keeps them put on reload, sends no hint of the answer and grades by option, not position', async () => {
    const rightText = new Map(
      mixed.quiz!.questions.map((x) => [x.id, x.type === 'single' || x.type === 'multiple' ? x.options.filter((o) => o.correct).map((o) => o.html) : []]),
    );
    const orders = new Map<string, Set<string>>([
      ['don', new Set()],
      ['nhieu', new Set()],
    ]);
    const rightPositions = new Set<string>();
    for (const learner of tree.people.slice(8, 14)) {
      const a = await Attempt.start({ personId: learner.id, slug: 'khoa-tron' });
      expect(JSON.stringify(a)).not.toMatch(/correct|explanation/);
      const shown = a.questions as { id: string; options: { id: string; html: string }[] }[];
      expect((await Attempt.current({ personId: learner.id, slug: 'khoa-tron' })).attempt!.questions).toEqual(a.questions);
      const answers: Record<string, string[]> = {};
      for (const question of shown) {
        const authored = (mixed.quiz!.questions.find((x) => x.id === question.id) as C.Question & { options: { id: string; html: string }[] }).options;
        // Every option is there once, each with its own text: only the order changes.
        expect([...question.options].sort((x, y) => x.id.localeCompare(y.id))).toEqual(authored.map(({ id, html }) => ({ id, html })));
        orders.get(question.id)!.add(question.options.map((o) => o.id).join());
        const right = question.options.filter((o) => rightText.get(question.id)!.includes(o.html));
        rightPositions.add(`${question.id}:${right.map((o) => question.options.indexOf(o)).join()}`);
        // The learner picks by what the option says, wherever it stands.
        answers[question.id] = right.map((o) => o.id);
      }
      const out = await Attempt.submit({ personId: learner.id, slug: 'khoa-tron', n: a.n, answers });
      expect(out.result).toMatchObject({ correct: 2, total: 2, passed: true });
    }
    expect(orders.get('don')!.size).toBeGreaterThan(1);
    expect(orders.get('nhieu')!.size).toBeGreaterThan(1);
    // The right option does not sit in one place for everyone.
    expect([...rightPositions].filter((p) => p.startsWith('don:')).length).toBeGreaterThan(1);
    // A second attempt of one learner is mixed afresh too.
    const again = await Attempt.start({ personId: tree.people[8]!.id, slug: 'khoa-tron' });
    const firstOrder = (await Attempt.get({ personId: tree.people[8]!.id, slug: 'khoa-tron', n: 0 })).questions;
    expect(again.n).toBe(1);
    expect(again.questions).not.toEqual(firstOrder);
  });

  it('credits a placement quiz without the lessons, recording the completion once with its version', async () => {
    const learner = tree.people[7]!;
    const a = await Attempt.start({ personId: learner.id, slug: 'khoa-xep-lop' });
    const out = await Attempt.submit({ personId: learner.id, slug: 'khoa-xep-lop', n: a.n, answers: rightAnswers(placement.quiz!) });
    expect(out.progress).toMatchObject({ completed: true, lessonsDone: [] });
    const completions = await queryList({ pk: keys.personPartition(learner.id), skPrefix: 'COMPLETION#khoa-xep-lop' });
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ version: 1 });
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });
});
