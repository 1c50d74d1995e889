import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { Exemption as Rules } from '@sansang/core/schema';
import { exemptions, exemptionStates, type ExemptionState, type Recorded } from '../data/exemptions.ts';
import { targets as targetsApi } from '../data/org.ts';
import { param, query } from '../data/readiness.ts';
import { formatNumber, t, today, type Key } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { ExemptionForm } from '../ui/exemption-form.tsx';
import { ExemptionList } from '../ui/exemption-list.tsx';

const isState = (s: string | undefined): s is ExemptionState => (exemptionStates as readonly string[]).includes(s ?? '');

/**
 * HR's exemptions for the unit they manage (or one below it, `?unit=`): the form to record
 * one comes first, so it is never under a long table, then the list filtered by state
 * (`?state=`, kept in the address so a reload or a shared link shows the same list).
 */
export default function ExemptionsPage() {
  const [search, setSearch] = useSearchParams();
  const unit = () => param(search.unit);
  const state = (): ExemptionState | undefined => {
    const s = param(search.state);
    return isState(s) ? s : undefined;
  };
  const [list, { refetch }] = createResource(
    () => ({ unit: unit(), state: state() }),
    (q) => exemptions.list(q.unit, q.state),
  );
  const [targets] = createResource(() => targetsApi.list().then((r) => r.targets));
  const [ended, setEnded] = createSignal('');
  // A new exemption the filter would hide (one starting later, under "in force") switches the list to all, so it can be seen.
  const created = (exemption: Recorded) => {
    setEnded('');
    if (state() && state() !== Rules.stateOn(exemption, today())) setSearch({ state: undefined });
    else void refetch();
  };
  const endedOne = (exemption: Recorded) => {
    setEnded(t('exemptions.ended', { name: exemption.fullName }));
    void refetch();
  };
  return (
    <section>
      <h1>{t('exemptions.title')}</h1>
      <p>{t('exemptions.intro')}</p>
      <ExemptionForm targets={targets.latest ?? []} onCreated={created} />
      <Loaded of={list}>
        {(answer) => (
          <>
            <h2>{t('exemptions.listTitle', { unit: answer().unit.name })}</h2>
            <p class="no-print links-row">
              <A href={`/san-sang${query({ unit: answer().unit.id })}`}>{t('nav.readiness')}</A>
            </p>
            <div class="filters">
              <div class="field">
                <label for="exemption-state">{t('exemptions.filter')}</label>
                <select id="exemption-state" value={state() ?? ''} onChange={(e) => setSearch({ state: e.currentTarget.value || undefined })}>
                  <For each={exemptionStates}>{(s) => <option value={s}>{t(`exemptions.state.${s}` as Key)}</option>}</For>
                  <option value="">{t('exemptions.state.all')}</option>
                </select>
              </div>
            </div>
            <Show when={ended()}>
              <p role="status" class="box ok">
                {ended()}
              </p>
            </Show>
            <Show
              when={answer().exemptions.length > 0}
              fallback={
                <p class="box">
                  {state()
                    ? t('exemptions.emptyState', { state: t(`exemptions.state.${state()!}` as Key) })
                    : t('exemptions.empty', { unit: answer().unit.name })}
                </p>
              }
            >
              <p role="status">{t('exemptions.count', { n: formatNumber(answer().exemptions.length) })}</p>
              <ExemptionList rows={answer().exemptions} targets={targets.latest ?? []} onEnded={endedOne} />
              <Show when={answer().more}>
                <p>{t('exemptions.more', { n: formatNumber(answer().exemptions.length) })}</p>
              </Show>
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
}
