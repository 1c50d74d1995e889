import { createResource, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { reminders, type PlannedMessage, type ReminderPlan, type SentReminder } from '../data/reminders.ts';
import { param, query } from '../data/readiness.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { DownloadLink } from '../ui/download-link.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';
import { ConfirmAction, createFormConfirmation } from '../ui/confirm-action.tsx';

const reason = (r: string) => t(`reminders.reason.${r}` as Key);

const planColumns: Column<PlannedMessage>[] = [
  { title: () => t('reminders.col.person'), cell: (m) => m.fullName, rowHeader: true },
  {
    title: () => t('reminders.col.items'),
    cell: (m) => (
      <ul class="plain">
        <For each={m.items}>
          {(i) => (
            <li>
              {i.title} <span class="sub">{t('reminders.item', { reason: reason(i.reason), date: formatDay(i.dueDate) })}</span>
            </li>
          )}
        </For>
      </ul>
    ),
  },
  { title: () => t('reminders.col.channel'), cell: (m) => (m.hasEmail ? t('reminders.channel.email') : t('reminders.channel.notice')) },
];

const historyColumns: Column<SentReminder>[] = [
  { title: () => t('reminders.col.day'), cell: (s) => formatDay(s.day), rowHeader: true },
  { title: () => t('reminders.col.person'), cell: (s) => s.fullName },
  { title: () => t('reminders.col.reasons'), cell: (s) => s.reasons.map(reason).join(', ') },
  { title: () => t('reminders.col.state'), cell: (s) => t(`reminders.state.${s.state}` as Key) },
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
      <Show when={own()}>{(p) => <p class="box">{t('reminders.pausedHere', { by: p().by, date: formatDay(p().at.slice(0, 10)) })}</p>}</Show>
      <Show when={above().length > 0}>
        <p class="box">{t('reminders.pausedAbove')}</p>
      </Show>
      <ConfirmAction
        label={own() ? t('reminders.resume') : t('reminders.pause')}
        name={t(own() ? 'reminders.resumeName' : 'reminders.pauseName', { unit: props.unit.name })}
        question={t(own() ? 'reminders.resumeQuestion' : 'reminders.pauseQuestion', { unit: props.unit.name })}
        yes={own() ? t('reminders.resume') : t('reminders.pause')}
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
    if (!confirmation.mayGo(t('reminders.confirm', { unit: name, n: formatNumber(plan.latest?.messages.length ?? 0) }))) return;
    const out = await reminders.run(unit());
    void replan();
    void reload();
    if (out.quiet) return t('reminders.quiet');
    return t('reminders.done', { sent: formatNumber(out.sent), notice: formatNumber(out.noAddress), already: formatNumber(out.already) });
  });
  return (
    <section>
      <h1>{t('reminders.title')}</h1>
      <p>{t('reminders.intro')}</p>
      <Loaded of={plan}>
        {(p) => (
          <>
            <p class="no-print links-row">
              <A href={`/san-sang${query({ unit: p().unit.id })}`}>{t('nav.readiness')}</A>
            </p>
            <h2>{t('reminders.planTitle', { unit: p().unit.name })}</h2>
            <Show when={p().quiet}>
              <p class="box">{t('reminders.quiet')}</p>
            </Show>
            <PauseControl unit={p().unit} paused={p().paused} onChanged={() => void replan()} />
            <form onSubmit={send} ref={form}>
              <confirmation.Question form={() => form} yes={t('reminders.confirmYes')} no={t('confirm.no')} />
              <button type="submit" disabled={submission.busy() || p().messages.length === 0}>
                {t('reminders.send', { unit: p().unit.name })}
              </button>
              <SubmitOutcome of={submission} />
            </form>
            <Show when={p().messages.length > 0} fallback={<p>{t('reminders.planEmpty')}</p>}>
              <p role="status">{t('reminders.planCount', { n: formatNumber(p().messages.length) })}</p>
              <DataTable class="reminder-plan" rows={p().messages} columns={planColumns} />
            </Show>
          </>
        )}
      </Loaded>
      <Show when={plan.latest}>
        {(p) => (
          <section aria-labelledby="call-list">
            <h2 id="call-list">{t('reminders.callList')}</h2>
            <p>{t('reminders.callListIntro')}</p>
            <p class="links-row">
              <DownloadLink class="button" href={reminders.callListUrl(p().unit.id, 'calls.pdf')}>
                {t('reminders.callList.pdf')}
              </DownloadLink>
              <DownloadLink class="button" href={reminders.callListUrl(p().unit.id, 'calls.xlsx')}>
                {t('reminders.callList.xlsx')}
              </DownloadLink>
            </p>
          </section>
        )}
      </Show>
      <Loaded of={history}>
        {(h) => (
          <>
            <h2>{t('reminders.historyTitle')}</h2>
            <Show when={h().reminders.length > 0} fallback={<p>{t('reminders.historyEmpty')}</p>}>
              <DataTable class="reminder-history" rows={[...h().reminders].reverse()} columns={historyColumns} />
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
}
