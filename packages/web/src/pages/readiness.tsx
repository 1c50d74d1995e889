import { createResource, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { me } from '../data/session.ts';
import { param, query, reports, type Readiness, type Scope } from '../data/readiness.ts';
import { formatDay, formatNumber, t, today } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { Archives, createArchives } from '../ui/archives.tsx';
import { PercentChart } from '../ui/chart.tsx';
import { afterPaint } from '../ui/after-paint.ts';
import { ErrorBox } from '../ui/error-box.tsx';
import { ChildUnits } from '../ui/child-units.tsx';
import { ReadinessSummary } from '../ui/readiness-summary.tsx';
import { Schedules } from '../ui/schedules.tsx';
import { UntrainedList } from '../ui/untrained-list.tsx';
import { DateInput } from '../ui/date-input.tsx';
import { originOf, tg } from '../i18n/targets.ts';

const DAY = 86_400_000;

/** The Monday (yyyy-mm-dd) an ISO week such as 2026-W45 starts on. */
function weekStart(week: string): string {
  const [year, n] = week.split('-W').map(Number) as [number, number];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY + (n - 1) * 7 * DAY).toISOString().slice(0, 10);
}

/** An officer whose grant starts at this unit cannot look above it. */
function canGoUp(r: Readiness): boolean {
  const grants = me()?.roles.filter((g) => g.role === 'hr' || g.role === 'admin') ?? [];
  return r.unit.parentId !== null && (grants.some((g) => g.unitId === null) || !grants.some((g) => g.unitId === r.unit.id));
}

/**
 * The figures of the page being opened are asked for as soon as its code arrives, while the
 * session is still being checked: on a slow line they come one round trip sooner. The first
 * render of the same question takes that answer; any later question asks again.
 */
let early: { key: string; answer: Promise<Readiness> } | null = null;
if (typeof location !== 'undefined' && location.pathname === '/san-sang') {
  const search = new URLSearchParams(location.search);
  const scope = { unit: search.get('unit') ?? undefined, target: search.get('target') ?? undefined, date: search.get('date') ?? undefined };
  early = { key: query(scope), answer: reports.readiness(scope) };
  early.answer.catch(() => undefined); // reported, if need be, by the ask made again below
}
function figuresFor(scope: Scope): Promise<Readiness> {
  const taken = early;
  early = null;
  // An early ask that failed (not signed in yet, say) is simply made again now.
  return taken && taken.key === query(scope) ? taken.answer.catch(() => reports.readiness(scope)) : reports.readiness(scope);
}

/** One unit's figures: the summary first, then controls, trend, children, people and files. */
function Dashboard(props: { r: Readiness; scope: Scope; choose: (target?: string, date?: string) => void }) {
  const archives = createArchives(() => props.r.unit.id);
  // The summary is painted first, then, a paint apart: the controls, the trend and children, who is left, the files.
  const stage = afterPaint(5);
  const link = (unit: string) => `/san-sang${query({ unit, target: props.scope.target, date: props.scope.date })}`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    props.choose(String(form.get('target') ?? '') || undefined, String(form.get('date') ?? '') || undefined);
  };
  const current = () => props.r.targets.find((x) => x.id === props.r.target.id) ?? { owner: null };
  return (
    <section class="dashboard">
      <p class="muted">{t('readiness.title')}</p>
      <h1>{props.r.unit.name}</h1>
      <p class="no-print links-row">
        <Show when={canGoUp(props.r)}>
          <A href={link(props.r.unit.parentId!)}>↑ {t('readiness.up')}</A>
        </Show>
        <A href={`/danh-sach${query({ unit: props.r.unit.id })}`}>{t('nav.roster')}</A>
        <A href={`/mien-tru${query({ unit: props.r.unit.id })}`}>{t('nav.exemptions')}</A>
        <A href={`/to-chuc${query({ unit: props.r.unit.id })}`}>{t('nav.org')}</A>
      </p>
      <Show when={props.r.asOfWeek}>
        {(week) => (
          <p class="box warn" role="status">
            {t('readiness.asOf', { date: formatDay(props.scope.date!), week: formatDay(weekStart(week())) })}
          </p>
        )}
      </Show>
      <p class="target-origin">
        {props.r.target.title}: {originOf(current())}
      </p>
      <ReadinessSummary r={props.r} date={props.scope.date} archives={archives} />
      <Show when={stage() >= 2}>
        <form class="filters no-print" onSubmit={submit}>
          <Show when={props.r.targets.length > 1}>
            <div class="field">
              <label for="readiness-target">{t('readiness.chooseTarget')}</label>
              <select id="readiness-target" name="target" value={props.r.target.id}>
                <For each={props.r.targets}>
                  {(target) => <option value={target.id}>{target.applicable ? target.title : `${target.title} (${t('readiness.notApplicable')})`}</option>}
                </For>
              </select>
            </div>
          </Show>
          <div class="field">
            <label for="readiness-date">{t('readiness.asOfDate')}</label>
            <DateInput id="readiness-date" name="date" max={today()} value={props.scope.date ?? ''} />
          </div>
          <button type="submit">{t('readiness.show')}</button>
          <Show when={props.scope.date}>
            <button type="button" class="link" onClick={() => props.choose(props.scope.target)}>
              {t('readiness.backToLive')}
            </button>
          </Show>
        </form>
      </Show>
      <Show when={stage() >= 2 && props.r.targets.length > 1}>
        <h2>{tg('applying', { unit: props.r.unit.name })}</h2>
        <ul class="target-origins">
          <For each={props.r.targets}>
            {(target) => (
              <li>
                {target.title} — {originOf(target)}
                {target.applicable ? '' : ` (${t('readiness.notApplicable')})`}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={stage() >= 3}>
        <Show when={props.r.history.length > 0}>
          <h2>{t('readiness.trend')}</h2>
          <PercentChart
            label={t('readiness.trendLabel')}
            labels={props.r.history.map((h) => formatDay(weekStart(h.week)).slice(0, 5))}
            values={props.r.history.map((h) => h.percent)}
            target={props.r.target.percent}
          />
          <p class="sr-only">{props.r.history.map((h) => `${formatDay(weekStart(h.week))}: ${formatNumber(h.percent, 1)}%`).join('; ')}</p>
        </Show>
        <h2>{t('readiness.children')}</h2>
        <Show when={props.r.children.length > 0} fallback={<p>{t('readiness.noChildren')}</p>}>
          <ChildUnits children={props.r.children} targetPercent={props.r.target.percent} link={link} />
        </Show>
      </Show>
      <Show when={stage() >= 4 && !props.r.asOfWeek && props.r.staff > props.r.trained}>
        <UntrainedList r={props.r} />
      </Show>
      <Show when={stage() >= 5}>
        <div class="no-print">
          <Archives unitId={props.r.unit.id} state={archives} />
          <Schedules unit={props.r.unit} />
        </div>
      </Show>
    </section>
  );
}

export default function ReadinessPage() {
  const [search, setSearch] = useSearchParams();
  const scope = (): Scope => ({ unit: param(search.unit), target: param(search.target), date: param(search.date) });
  // The figures travel with the question they answer: a page being replaced never mixes the two.
  const [data] = createResource(scope, async (s) => ({ r: await figuresFor(s), scope: s }));
  const choose = (target?: string, date?: string) => setSearch({ target, date });
  return (
    <Async
      of={data}
      error={(err) => (
        <>
          <ErrorBox error={err} />
          <Show when={scope().date}>
            <p>
              <button type="button" onClick={() => choose(scope().target)}>
                {t('readiness.backToLive')}
              </button>
            </p>
          </Show>
        </>
      )}
    >
      {(answer) => <Dashboard r={answer.r} scope={answer.scope} choose={choose} />}
    </Async>
  );
}
