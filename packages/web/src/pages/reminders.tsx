import { createResource, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { reminders, type PlannedMessage, type ReminderPlan, type SentReminder } from '../data/reminders.ts';
import { param, query } from '../data/readiness.ts';
import { formatDay, formatNumber, t } from '../i18n/index.ts';
import { tr, type ReminderKey } from '../i18n/reminders.ts';
import { Loaded } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { DownloadLink } from '../ui/download-link.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';
import { ConfirmAction, createFormConfirmation } from '../ui/confirm-action.tsx';
import { UnitHead } from '../ui/unit-head.tsx';

const reason = (r: string) => tr(`reason.${r}` as ReminderKey);

const planColumns: Column<PlannedMessage>[] = [
  { title: () => tr('col.person'), cell: (m) => m.fullName, rowHeader: true },
  {
    title: () => tr('col.items'),
    cell: (m) => (
      <ul class="plain">
        <For each={m.items}>
          {(i) => (
            <li>
              {i.title} <span class="sub">{tr('item', { reason: reason(i.reason), date: formatDay(i.dueDate) })}</span>
            </li>
          )}
        </For>
      </ul>
    ),
  },
  { title: () => tr('col.channel'), cell: (m) => (reminded(m) ? tr('channel.already') : m.hasEmail ? tr('channel.email') : tr('channel.notice')) },
];

/** Reminded already today: a run skips them. */
const reminded = (m: PlannedMessage) => m.state === 'sent' || m.state === 'no-address' || m.state === 'withdrawn';

const historyColumns: Column<SentReminder>[] = [
  { title: () => tr('col.day'), cell: (s) => formatDay(s.day), rowHeader: true },
  { title: () => tr('col.person'), cell: (s) => s.fullName },
  { title: () => tr('col.reasons'), cell: (s) => s.reasons.map(reason).join(', ') },
  { title: () => tr('col.state'), cell: (s) => tr(`state.${s.state}` as ReminderKey) },
  { title: () => tr('col.delivery'), cell: (s) => (s.state === 'sent' ? tr(`delivery.${s.delivery ?? 'none'}` as ReminderKey) : '') },
];

/**
 * Whether this unit's reminders are held back, by its own pause or one above it, and the
 * button to pause or resume its own (asked first: a pause stops e-mails to a whole subtree).
 */
function PauseControl(props: { unit: { id: string; name: string }; paused: ReminderPlan['paused']; onChanged: () => void }) {
  const own = () => props.paused.find((p) => p.unitId === props.unit.id);
  const above = () => props.paused.filter((p) => p.unitId !== props.unit.id);
  return (
    <>
      <Show when={own()}>{(p) => <p class="box">{tr('pausedHere', { by: p().by, date: formatDay(p().at.slice(0, 10)) })}</p>}</Show>
      <Show when={above().length > 0}>
        <p class="box">{tr('pausedAbove')}</p>
      </Show>
      <ConfirmAction
        label={own() ? tr('resume') : tr('pause')}
        name={tr(own() ? 'resumeName' : 'pauseName', { unit: props.unit.name })}
        question={tr(own() ? 'resumeQuestion' : 'pauseQuestion', { unit: props.unit.name })}
        yes={own() ? tr('resume') : tr('pause')}
        no={t('confirm.no')}
        run={async () => {
          await reminders.pause(props.unit.id, !own());
          props.onChanged();
        }}
      />
    </>
  );
}

/**
 * HR's reminders for the unit they manage (or one below it, `?unit=`): who will be reminded
 * today and of what, a button that sends now what is due (asked first; a second press the
 * same day sends nothing new), and what went out.
 */
export default function RemindersPage() {
  const [search] = useSearchParams();
  const unit = () => param(search.unit);
  const [plan, { refetch: replan }] = createResource(
    () => unit() ?? '',
    (u) => reminders.plan(u || undefined),
  );
  const [history, { refetch: reload }] = createResource(
    () => unit() ?? '',
    (u) => reminders.history(u || undefined),
  );
  const submission = useSubmit();
  const confirmation = createFormConfirmation();
  let form: HTMLFormElement | undefined;
  const send = submission.onSubmit(async () => {
    const name = plan.latest?.unit.name ?? '';
    if (!confirmation.mayGo(tr('confirm', { unit: name, n: formatNumber(plan.latest?.messages.filter((m) => !reminded(m)).length ?? 0) }))) return;
    const out = await reminders.run(unit());
    void replan();
    void reload();
    if (out.quiet) return tr('quiet');
    if (out.unfinished) return tr('unfinished', { sent: formatNumber(out.sent) });
    return tr('done', { sent: formatNumber(out.sent), notice: formatNumber(out.noAddress), already: formatNumber(out.already) });
  });
  return (
    <section>
      <h1>{tr('title')}</h1>
      <p>{tr('intro')}</p>
      <Loaded of={plan}>
        {(p) => (
          <>
            <p class="no-print links-row">
              <A href={`/san-sang${query({ unit: p().unit.id })}`}>{t('nav.readiness')}</A>
            </p>
            <h2>{tr('planTitle', { unit: p().unit.name })}</h2>
            <Show when={p().quiet}>
              <p class="box">{tr('quiet')}</p>
            </Show>
            <PauseControl unit={p().unit} paused={p().paused} onChanged={() => void replan()} />
            <form onSubmit={send} ref={form}>
              <confirmation.Question form={() => form} yes={tr('confirmYes')} no={t('confirm.no')} />
              <button type="submit" disabled={submission.busy() || p().messages.every(reminded)}>
                {tr('send', { unit: p().unit.name })}
              </button>
              <SubmitOutcome of={submission} />
            </form>
            <Show when={p().messages.length > 0} fallback={<p>{tr('planEmpty')}</p>}>
              <p role="status">
                {tr(p().more ? 'planMore' : 'planCount', { n: formatNumber(p().messages.length) })}
                <Show when={p().messages.some(reminded)}> {tr('planAlready', { n: formatNumber(p().messages.filter(reminded).length) })}</Show>
              </p>
              <DataTable class="reminder-plan" rows={p().messages} columns={planColumns} />
            </Show>
          </>
        )}
      </Loaded>
      <Show when={plan.latest}>
        {(p) => (
          <section aria-labelledby="call-list">
            <h2 id="call-list">{tr('callList')}</h2>
            <p>{tr('callListIntro')}</p>
            <p class="links-row">
              <DownloadLink class="button" href={reminders.callListUrl(p().unit.id, 'calls.pdf')}>
                {tr('callList.pdf')}
              </DownloadLink>
              <DownloadLink class="button" href={reminders.callListUrl(p().unit.id, 'calls.xlsx')}>
                {tr('callList.xlsx')}
              </DownloadLink>
            </p>
          </section>
        )}
      </Show>
      <Show when={plan.latest?.unit}>{(u) => <UnitHead unit={u()} />}</Show>
      <Loaded of={history}>
        {(h) => (
          <>
            <h2>{tr('historyTitle')}</h2>
            <Show when={h().reminders.length > 0} fallback={<p>{tr('historyEmpty')}</p>}>
              <DataTable class="reminder-history" rows={[...h().reminders].reverse()} columns={historyColumns} />
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
}
