import { createResource, For, Show } from 'solid-js';
import { reports, type Frequency } from '../data/readiness.ts';
import { formatDateTime, t, type Key } from '../i18n/index.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';

const frequencies: Frequency[] = ['monthly', 'quarterly'];
const every = (f: Frequency) => t(`schedules.${f}` as Key);

/** Report packs made on their own each month or quarter, for this unit and the units below it. */
export function Schedules(props: { unit: { id: string; name: string } }) {
  const [data, { refetch }] = createResource(
    () => props.unit.id,
    (unit) => reports.schedules(unit),
  );
  const submission = useSubmit();
  const act = (work: () => Promise<unknown>) => () =>
    submission.run(async () => {
      await work();
      await refetch();
    });
  const list = () => data.latest?.schedules ?? [];
  const missing = () => frequencies.filter((f) => !list().some((s) => s.unitId === props.unit.id && s.frequency === f));
  return (
    <section aria-labelledby="schedules-title">
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <p class="muted">{t('schedules.intro')}</p>
      <Show when={list().length > 0} fallback={<p>{t('schedules.empty')}</p>}>
        <ul class="schedules">
          <For each={list()}>
            {(s) => (
              <li>
                <strong>{s.unitName}</strong>: {every(s.frequency)} · {t('schedules.next', { date: formatDateTime(s.nextRun) })}
                <Show when={s.lastRun}>{(last) => <> · {t('schedules.last', { date: formatDateTime(last()) })}</>}</Show>{' '}
                <button
                  type="button"
                  class="link"
                  aria-label={t('schedules.removeLabel', { frequency: every(s.frequency), unit: s.unitName })}
                  onClick={act(() => reports.unschedule(s.unitId, s.frequency))}
                >
                  {t('schedules.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="actions-row">
        <For each={missing()}>
          {(f) => (
            <button type="button" onClick={act(() => reports.schedule(props.unit.id, f))}>
              {t(`schedules.add.${f}` as Key)}
            </button>
          )}
        </For>
      </p>
      <SubmitOutcome of={submission} />
    </section>
  );
}
