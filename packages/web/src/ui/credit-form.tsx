import { Show } from 'solid-js';
import type { MyNewCredit, Recorded } from '../data/credits.ts';
import { t, today } from '../i18n/index.ts';
import { Choices } from './choices.tsx';
import { FormError } from './error-box.tsx';
import { EVIDENCE_ACCEPT, evidenceOf } from './evidence-file.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { DateInput } from './date-input.tsx';

export type CourseChoice = { slug: string; title: string };

/**
 * One equivalent certificate: who holds it (asked of HR only; a learner sends their own),
 * issuer, number, date of issue, the courses it stands for and the scan, which is required.
 * Used by HR, who approve as they record, and by the learner, whose certificate waits for HR.
 * The server's refusal (the same certificate twice, a scan that is not a PDF or an image, a
 * date still to come) is shown in its own words; on success the form is cleared.
 */
export function CreditForm(props: {
  /** HR record a certificate for someone of their units, named by staff code. */
  forSomeone: boolean;
  /** The form's heading; without one (inside a section that already names it) the button's words name the form. */
  title?: string;
  submitLabel: string;
  courses: CourseChoice[];
  send: (input: MyNewCredit, employeeCode: string) => Promise<Recorded>;
  /** The sentence that says it is done. */
  sent: (credit: Recorded) => string;
  onSent?: (credit: Recorded) => void;
}) {
  const submission = useSubmit();
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    // A group of checkboxes cannot be `required` as a whole, so the page says it before sending.
    const courses = form.getAll('courses').map(String);
    if (courses.length === 0) throw new FormError(t('credits.pickCourse'));
    const evidence = await evidenceOf(form.get('evidence') as File | null);
    if (!evidence) throw new FormError(t('credits.scanRequired'));
    const credit = await props.send(
      { issuer: field('issuer'), number: field('number'), issuedOn: field('issuedOn'), courses, note: field('note') || undefined, evidence },
      field('employeeCode'),
    );
    formElement.reset();
    props.onSent?.(credit);
    return props.sent(credit);
  });
  return (
    <form
      class="credit-form box"
      onSubmit={submit}
      aria-labelledby={props.title ? 'credit-form-title' : undefined}
      aria-label={props.title ? undefined : props.submitLabel}
    >
      <Show when={props.title}>
        <h2 id="credit-form-title">{props.title}</h2>
      </Show>
      <div class="form-grid">
        <Show when={props.forSomeone}>
          <div class="field">
            <label for="credit-code">{t('credits.field.code')}</label>
            <input id="credit-code" name="employeeCode" type="text" required maxLength={64} autocomplete="off" />
          </div>
        </Show>
        <div class="field">
          <label for="credit-issuer">{t('credits.field.issuer')}</label>
          <input id="credit-issuer" name="issuer" type="text" required maxLength={200} />
        </div>
        <div class="field">
          <label for="credit-number">{t('credits.field.number')}</label>
          <input id="credit-number" name="number" type="text" required maxLength={100} autocomplete="off" />
        </div>
        <div class="field">
          <label for="credit-issued">{t('credits.field.issuedOn')}</label>
          <DateInput id="credit-issued" name="issuedOn" required max={today()} />
        </div>
        <div class="wide">
          <Choices name="courses" legend={t('credits.field.courses')} options={props.courses.map((c) => ({ value: c.slug, label: c.title }))} checked={[]} />
        </div>
        <div class="field wide">
          <label for="credit-note">{t('credits.field.note')}</label>
          <input id="credit-note" name="note" type="text" maxLength={500} />
        </div>
        <div class="field wide">
          <label for="credit-scan">{t('credits.field.scan')}</label>
          <input id="credit-scan" name="evidence" type="file" required accept={EVIDENCE_ACCEPT} />
        </div>
      </div>
      <p>
        <button type="submit" disabled={submission.busy()} aria-busy={submission.busy() ? 'true' : undefined}>
          {props.submitLabel}
        </button>
      </p>
      <SubmitOutcome of={submission} />
    </form>
  );
}
