import { For, onMount } from 'solid-js';
import { categories, roster, type Person } from '../data/org.ts';
import { formatDay, t, today, type Key } from '../i18n/index.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { createFormConfirmation } from './confirm-action.tsx';
import { DateInput } from './date-input.tsx';

type Unit = { id: string; code: string; name: string };

/**
 * Corrects one person of the roster without a file: the same rules as one row of an import
 * (the server checks each field and names the wrong one), a new unit being a move from the
 * effective date that keeps their history. The staff code is who they are, so it stays.
 */
export function PersonForm(props: { person: Person; scope: string; units: Unit[]; unitId: string; onSaved: () => void; onClose: () => void }) {
  const submission = useSubmit();
  const confirmation = createFormConfirmation();
  let heading!: HTMLHeadingElement;
  let formElement: HTMLFormElement | undefined;
  onMount(() => {
    heading.focus();
    heading.scrollIntoView?.({ block: 'start' });
  });
  const unitCode = () => props.units.find((u) => u.id === props.unitId)?.code ?? '';
  const submit = submission.onSubmit(async (form) => {
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    // Marking someone as gone takes them out of what their unit must train: asked before it is done.
    const leaving = field('status') === 'left' && props.person.status !== 'left';
    const question = leaving
      ? t('roster.edit.confirmLeft', { name: field('fullName'), code: props.person.employeeCode, date: formatDay(field('effective')) })
      : null;
    if (!confirmation.mayGo(question)) return;
    await roster.update(props.scope, {
      employeeCode: props.person.employeeCode,
      fullName: field('fullName'),
      email: field('email'),
      unitCode: field('unitCode'),
      category: field('category') as Person['category'],
      position: field('position'),
      status: field('status') as Person['status'],
      startDate: field('startDate'),
      effective: field('effective'),
    });
    props.onSaved();
    return t('roster.edit.saved', { name: field('fullName') });
  });
  return (
    <form class="box person-form" onSubmit={submit} aria-labelledby="person-form-title" ref={formElement}>
      <h3 id="person-form-title" tabindex="-1" ref={heading}>
        {t('roster.edit.title', { name: props.person.fullName, code: props.person.employeeCode })}
      </h3>
      <div class="form-grid">
        <div class="field">
          <label for="person-name">{t('people.col.name')}</label>
          <input id="person-name" name="fullName" type="text" required maxLength={200} value={props.person.fullName} />
        </div>
        <div class="field">
          <label for="person-email">{t('roster.edit.email')}</label>
          <input id="person-email" name="email" type="email" maxLength={320} value={props.person.email ?? ''} aria-describedby="person-email-hint" />
          <span id="person-email-hint" class="muted">
            {t('roster.edit.emailHint')}
          </span>
        </div>
        <div class="field">
          <label for="person-unit">{t('people.col.unit')}</label>
          <select id="person-unit" name="unitCode" value={unitCode()}>
            <For each={props.units}>{(u) => <option value={u.code}>{u.name}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="person-category">{t('people.col.category')}</label>
          <select id="person-category" name="category" value={props.person.category}>
            <For each={categories}>{(c) => <option value={c}>{t(`category.${c}` as Key)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="person-position">{t('people.col.position')}</label>
          <input id="person-position" name="position" type="text" maxLength={200} value={props.person.position} />
        </div>
        <div class="field">
          <label for="person-status">{t('people.col.status')}</label>
          <select id="person-status" name="status" value={props.person.status}>
            <For each={['active', 'left'] as const}>{(s) => <option value={s}>{t(`people.status.${s}` as Key)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="person-start">{t('roster.edit.startDate')}</label>
          <DateInput id="person-start" name="startDate" max={today()} value={props.person.startDate ?? ''} />
        </div>
        <div class="field">
          <label for="person-effective">{t('roster.effective')}</label>
          <DateInput id="person-effective" name="effective" required max={today()} value={today()} />
        </div>
      </div>
      <confirmation.Question form={() => formElement} yes={t('roster.edit.confirmLeftYes')} no={t('confirm.no')} />
      <p class="actions-row">
        <button type="submit" disabled={submission.busy() || confirmation.asking()}>
          {t('roster.edit.save')}
        </button>
        <button type="button" class="secondary" onClick={() => props.onClose()}>
          {t('roster.edit.close')}
        </button>
      </p>
      <SubmitOutcome of={submission} />
    </form>
  );
}
