import { Show } from 'solid-js';
import type { QuizQuestion } from '../data/api.ts';
import { t } from '../i18n/index.ts';

/** Question numbers (from 1) left blank, and those with an order or pairs only partly chosen. */
export type Gaps = { blank: number[]; partial: number[] };

/** How many values a full answer has: one per slot of an ordering or matching question, else at least one. */
const slots = (q: QuizQuestion) => ('items' in q ? q.items.length : 'left' in q ? q.left.length : 1);

/** Which questions of `questions` the answers leave blank or incomplete; null when none. */
export function gapsIn(questions: QuizQuestion[], answers: Record<string, string[]>): Gaps | null {
  const gaps: Gaps = { blank: [], partial: [] };
  questions.forEach((q, i) => {
    const given = (answers[q.id] ?? []).filter((a) => a.trim() !== '').length;
    if (given === 0) gaps.blank.push(i + 1);
    else if (given < slots(q)) gaps.partial.push(i + 1);
  });
  return gaps.blank.length + gaps.partial.length > 0 ? gaps : null;
}

/**
 * Asked before a submission that leaves questions blank: a graded attempt cannot be taken
 * back, and a blank scores nothing, so the learner hears which numbers first. A countdown
 * reaching zero submits without asking.
 */
export function UnansweredConfirm(props: { gaps: Gaps; onSubmit: () => void; onBack: () => void; ref?: (el: HTMLDivElement) => void }) {
  return (
    <div class="box warn" role="alertdialog" aria-labelledby="gaps-title" aria-describedby="gaps-scored" tabindex="-1" ref={props.ref}>
      <p id="gaps-title">
        <Show when={props.gaps.blank.length > 0}>
          <strong>{t('quiz.gaps.blank', { list: props.gaps.blank.join(', ') })}</strong>{' '}
        </Show>
        <Show when={props.gaps.partial.length > 0}>
          <strong>{t('quiz.gaps.partial', { list: props.gaps.partial.join(', ') })}</strong>
        </Show>
      </p>
      <p id="gaps-scored">{t('quiz.gaps.scored')}</p>
      <div class="actions-row">
        <button type="button" onClick={() => props.onBack()}>
          {t('quiz.gaps.goBack')}
        </button>
        <button type="button" class="secondary" onClick={() => props.onSubmit()}>
          {t('quiz.gaps.submitAnyway')}
        </button>
      </div>
    </div>
  );
}
