import type { Page } from 'playwright-core';
import { Attempt, Progress, type Course } from '@sansang/core';

/** The answer that scores, in the shape the API takes. */
export function rightAnswer(q: Course.Question): string[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.options.filter((o) => o.correct).map((o) => o.id);
    case 'truefalse':
      return [String(q.answer)];
    case 'short':
      return [q.accepted[0]!];
    case 'numeric':
      return [String(q.value).replace('.', ',')];
    case 'ordering':
      return q.items.map((i) => i.id);
    case 'matching':
      return q.pairs.map((p) => `${p.id}=${p.rightId}`);
  }
}

export function rightAnswers(quiz: Course.QuizBundle): Record<string, string[]> {
  return Object.fromEntries(quiz.questions.map((q) => [q.id, rightAnswer(q)]));
}

/** Answers, in the browser, whichever questions this attempt drew, the way a learner would. */
export async function answerQuizInBrowser(page: Page, quiz: Course.QuizBundle): Promise<number> {
  const fieldsets = page.locator('fieldset[data-question]');
  const count = await fieldsets.count();
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const id = await fieldset.getAttribute('data-question');
    const q = quiz.questions.find((x) => x.id === id)!;
    const answer = rightAnswer(q);
    if (q.type === 'short' || q.type === 'numeric') await fieldset.locator('input[type=text]').fill(answer[0]!);
    else if (q.type === 'ordering' || q.type === 'matching') {
      for (const [j, value] of answer.entries()) await fieldset.locator('select').nth(j).selectOption(value);
    } else for (const value of answer) await fieldset.locator(`input[value="${value}"]`).check();
  }
  return count;
}

/** A learner starts the next attempt of a course's quiz and submits `answers` (all right by default). */
export async function takeQuiz(personId: string, slug: string, answers?: Record<string, string[]>) {
  const { bundle } = await Progress.courseFor(personId, slug);
  const attempt = await Attempt.start({ personId, slug });
  return Attempt.submit({ personId, slug, n: attempt.n, answers: answers ?? rightAnswers(bundle.quiz!) });
}

/** Submits an attempt that leaves questions blank: the page asks first, and the learner submits anyway. */
export async function submitWithBlanks(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Vẫn nộp bài' }).click();
}
