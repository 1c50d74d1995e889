import { createSignal, For, Show } from 'solid-js';
import { Exemption as Rules } from '@sansang/core/schema';
import { exemptions, reasons, type Reason, type Recorded } from '../data/exemptions.ts';
import type { Target } from '../data/org.ts';
import { formatDay, t, today } from '../i18n/index.ts';
import { EVIDENCE_ACCEPT, evidenceOf } from './evidence-file.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { DateInput } from './date-input.tsx';

/** The reason as HR's forms name it: the one list of labels, kept with the rules in core. */
export const reasonLabel = (reason: Reason) => Rules.reasonLabels[reason];

/**
 * Records one exemption: who, from which target (or all), why, from when to when, and the
 * scan that proves it. The server's refusal (an overlap, a file that is not a PDF or an
 * image, someone outside the officer's scope) is shown in its own words; on success the form
 * is cleared for the next person.
 */
export function ExemptionForm(props: { targets: Target[]; onCreated: (exemption: Recorded) => void }) {
  const [reason, setReason] = createSignal<Reason>(reasons[0]);
  const [from, setFrom] = createSignal(today());
  const submission = useSubmit();
  let reasonSelect!: HTMLSelectElement;
  /** Empty for the next person: a reset clears what Solid set as a property, so the defaults are put back by hand. */
  const clear = (form: HTMLFormElement) => {
    form.reset();
    setFrom(today());
    reasonSelect.value = reasons[0];
    setReason(reasons[0]);
  };
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const { exemption } = await exemptions.create({
      employeeCode: field('employeeCode'),
      targetId: field('targetId') || null,
      reason: reason(),
      note: field('note') || undefined,
      from: field('from'),
      until: field('until'),
      evidence: await evidenceOf(form.get('evidence') as File | null),
    });
    clear(formElement);
    props.onCreated(exemption);
    return t('exemptions.added', {
      name: exemption.fullName,
      code: exemption.employeeCode,
      from: formatDay(exemption.from),
      until: formatDay(exemption.until),
    });
  });
  return (
    <form class="exemption-form box" onSubmit={submit} aria-labelledby="exemption-form-title">
      <h2 id="exemption-form-title">{t('exemptions.addTitle')}</h2>
      <div class="form-grid">
        <div class="field">
          <label for="exemption-code">{t('exemptions.field.code')}</label>
          <input id="exemption-code" name="employeeCode" type="text" required maxLength={64} autocomplete="off" />
        </div>
        <div class="field">
          <label for="exemption-target">{t('exemptions.field.target')}</label>
          <select id="exemption-target" name="targetId">
            <option value="">{t('exemptions.allTargets')}</option>
            <For each={props.targets}>{(target) => <option value={target.id}>{target.title}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="exemption-reason">{t('exemptions.field.reason')}</label>
          <select
            ref={reasonSelect}
            id="exemption-reason"
            name="reason"
            lang="vi"
            value={reason()}
            onChange={(e) => setReason(e.currentTarget.value as Reason)}
          >
            <For each={reasons}>{(r) => <option value={r}>{reasonLabel(r)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="exemption-note">{reason() === 'khac' ? t('exemptions.noteRequired') : t('exemptions.field.note')}</label>
          <input id="exemption-note" name="note" type="text" maxLength={500} required={reason() === 'khac'} />
        </div>
        <div class="field">
          <label for="exemption-from">{t('exemptions.field.from')}</label>
          <DateInput id="exemption-from" name="from" required value={from()} onChange={setFrom} />
        </div>
        <div class="field">
          <label for="exemption-until">{t('exemptions.field.until')}</label>
          <DateInput id="exemption-until" name="until" required min={from() || undefined} />
        </div>
        <div class="field wide">
          <label for="exemption-evidence">{t('exemptions.field.evidence')}</label>
          <input id="exemption-evidence" name="evidence" type="file" accept={EVIDENCE_ACCEPT} />
        </div>
      </div>
      <p>
        <button type="submit" disabled={submission.busy()} aria-busy={submission.busy() ? 'true' : undefined}>
          {t('exemptions.submit')}
        </button>
      </p>
      <SubmitOutcome of={submission} />
    </form>
  );
}
