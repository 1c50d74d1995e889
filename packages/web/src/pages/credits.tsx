import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { credits, creditStates, titleIn, type CreditState, type Recorded } from '../data/credits.ts';
import { param, query } from '../data/readiness.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { CreditForm } from '../ui/credit-form.tsx';
import { CreditList } from '../ui/credit-list.tsx';

const isState = (s: string | undefined): s is CreditState => (creditStates as readonly string[]).includes(s ?? '');

/**
 * "Công nhận tương đương": HR's credits for prior learning in the unit they manage (or one
 * below it, `?unit=`). The form to record one comes first, so it is never under a long
 * table; then the list by state (`?state=`, kept in the address), where certificates that
 * learners sent wait for approval.
 */
export default function CreditsPage() {
  const [search, setSearch] = useSearchParams();
  const unit = () => param(search.unit);
  const state = (): CreditState | undefined => {
    const s = param(search.state);
    return isState(s) ? s : undefined;
  };
  const [list, { refetch }] = createResource(
    () => ({ unit: unit(), state: state() }),
    (q) => credits.list(q.unit, q.state),
  );
  const [catalogue] = createResource(() => credits.catalogue());
  const [approved, setApproved] = createSignal('');
  // What HR record is approved at once: under "waiting" it would be hidden, so the list shows all.
  const recorded = () => {
    setApproved('');
    if (state() === 'pending') setSearch({ state: undefined });
    else void refetch();
  };
  const approvedOne = (credit: Recorded) => {
    setApproved(t('credits.approved', { name: credit.fullName, number: credit.number }));
    void refetch();
  };
  return (
    <section>
      <h1>{t('credits.title')}</h1>
      <p>{t('credits.intro')}</p>
      <CreditForm
        forSomeone
        title={t('credits.addTitle')}
        submitLabel={t('credits.submit')}
        courses={catalogue.latest ?? []}
        send={async (input, employeeCode) => (await credits.create({ ...input, employeeCode })).credit}
        sent={(c) => t('credits.added', { name: c.fullName, code: c.employeeCode, number: c.number, date: formatDay(c.issuedOn) })}
        onSent={recorded}
      />
      <Loaded of={list}>
        {(answer) => (
          <>
            <h2>{t('credits.listTitle', { unit: answer().unit.name })}</h2>
            <p class="no-print links-row">
              <A href={`/san-sang${query({ unit: answer().unit.id })}`}>{t('nav.readiness')}</A>
              <A href={`/mien-tru${query({ unit: answer().unit.id })}`}>{t('nav.exemptions')}</A>
            </p>
            <div class="filters">
              <div class="field">
                <label for="credit-state">{t('credits.filter')}</label>
                <select id="credit-state" value={state() ?? ''} onChange={(e) => setSearch({ state: e.currentTarget.value || undefined })}>
                  <For each={creditStates}>{(s) => <option value={s}>{t(`credits.state.${s}` as Key)}</option>}</For>
                  <option value="">{t('credits.state.all')}</option>
                </select>
              </div>
            </div>
            <Show when={approved()}>
              <p role="status" class="box ok">
                {approved()}
              </p>
            </Show>
            <Show
              when={answer().credits.length > 0}
              fallback={
                <p class="box">
                  {state() === 'pending'
                    ? t('credits.emptyPending')
                    : state() === 'approved'
                      ? t('credits.emptyApproved')
                      : t('credits.empty', { unit: answer().unit.name })}
                </p>
              }
            >
              <p role="status">{t('credits.count', { n: formatNumber(answer().credits.length) })}</p>
              <CreditList rows={answer().credits} courseTitle={titleIn(catalogue.latest)} onApproved={approvedOne} />
              <Show when={answer().more}>
                <p>{t('credits.more', { n: formatNumber(answer().credits.length) })}</p>
              </Show>
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
}
