import { createResource, For, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { api, type Requirement } from '../data/api.ts';
import { officerHome } from '../data/landing.ts';
import { me } from '../data/session.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { Async, Loading } from '../ui/async.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';

/** Sending a certificate is seldom needed and sits below the duties: its code is not part of the first screen. */
const MyCredits = lazy(() => import('../ui/my-credits.tsx'));

/** The requirements read to choose the first screen, handed to the page it chose so it does not ask again. */
let primed: ReturnType<typeof api.requirements> | undefined;

const owes = (requirements: Requirement[]) => requirements.some((r) => r.status !== 'done' && r.status !== 'exempt');

/**
 * The first screen after sign-in: an officer's units' readiness; else what the person owes
 * when they owe anything, otherwise their courses. A failed read is no reason to keep them
 * from their courses, and someone who has already gone elsewhere from here is not sent back.
 * A page opened while signed out never comes here: sign-in goes straight back to it.
 */
export function Start() {
  const navigate = useNavigate();
  let left = false;
  onCleanup(() => (left = true));
  onMount(async () => {
    // The guard above has the session, so an officer is sent on without reading what they owe.
    const home = officerHome(me()?.roles ?? []);
    if (home) return navigate(home, { replace: true });
    const pending = api.requirements();
    const { requirements } = await pending.catch(() => ({ requirements: [] }));
    if (left) return;
    if (owes(requirements)) primed = pending;
    navigate(owes(requirements) ? '/viec-can-hoan-thanh' : '/khoa-hoc', { replace: true });
  });
  return <Loading />;
}

function daysLeft(r: Requirement): string {
  if (r.daysLeft === 0) return t('requirements.dueToday');
  const n = Math.abs(r.daysLeft);
  const key = r.daysLeft > 0 ? 'requirements.daysLeft' : 'requirements.daysOverdue';
  return t((n === 1 ? `${key}.one` : key) as Key, { n: formatNumber(n) });
}

const lapsing = (r: Requirement) => r.status === 'renew' || r.status === 'expired';
const statusText = (r: Requirement) =>
  t(`requirements.status.${r.status}`, {
    date: lapsing(r) && r.validUntil ? formatDay(r.validUntil) : r.trainedAt ? formatDay(r.trainedAt) : r.exemptUntil ? formatDay(r.exemptUntil) : '',
  });

function RequirementCard(props: { r: Requirement }) {
  const next = () => props.r.courses.find((c) => !c.done);
  return (
    <li class="card requirement">
      <h2>{props.r.target.title}</h2>
      <p class="due">
        {t('requirements.due', { date: formatDay(props.r.dueDate) })}
        <Show when={props.r.status !== 'done' && props.r.status !== 'exempt'}>
          {' '}
          <span class={props.r.daysLeft < 0 ? 'badge warn' : 'badge'}>{daysLeft(props.r)}</span>
        </Show>
      </p>
      <p class={`status ${props.r.status === 'done' ? 'ok' : props.r.status === 'overdue' || props.r.status === 'expired' ? 'late' : ''}`}>
        {t('requirements.status', { status: statusText(props.r) })}
      </p>
      <Show when={lapsing(props.r)}>
        <p>{t('requirements.renewHint')}</p>
        <ul class="actions">
          <For each={props.r.courses}>
            {(c) => (
              <li>
                <A class="button" href={`/khoa-hoc/${c.slug}/kiem-tra`}>
                  {t('requirements.retake', { course: c.title })}
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{t('requirements.courses')}</h3>
      <ol class="steps">
        <For each={props.r.courses}>
          {(c) => (
            <li>
              <A href={`/khoa-hoc/${c.slug}`}>{c.title}</A>
              <span class={`step-state ${c.done ? 'ok' : ''}`}>
                <span aria-hidden="true">{c.done ? '✓ ' : ''}</span>
                {c.done ? t('requirements.courseDone') : t('requirements.courseToDo')} ·{' '}
                {t('requirements.lessons', { done: c.lessonsDone, total: c.lessonCount })}
              </span>
              <ProgressBar value={c.done ? c.lessonCount : c.lessonsDone} max={c.lessonCount} label={`${t('courses.progress')}: ${c.title}`} />
            </li>
          )}
        </For>
      </ol>
      <Show when={next()}>
        {(course) => (
          <A class="button" href={`/khoa-hoc/${course().slug}`}>
            {t(course().lessonsDone > 0 ? 'requirements.continue' : 'requirements.start', { course: course().title })}
          </A>
        )}
      </Show>
    </li>
  );
}

/** "Việc cần hoàn thành": each target the person owes, by their own due date, overdue first, and the course to open. */
export default function RequirementsPage() {
  const first = primed;
  primed = undefined;
  const [data] = createResource(() => first ?? api.requirements());
  return (
    <section aria-labelledby="requirements-title">
      <h1 id="requirements-title">{t('requirements.title')}</h1>
      <Async of={data}>
        {({ requirements }) => (
          <>
            <Show
              when={owes(requirements)}
              fallback={
                <div class="box ok">
                  <p>{t('requirements.empty')}</p>
                  <A href="/khoa-hoc">{t('requirements.browse')}</A>
                </div>
              }
            >
              <p>{t('requirements.intro')}</p>
            </Show>
            <Show when={requirements.length > 0}>
              <ul class="requirements">
                <For each={requirements}>{(r) => <RequirementCard r={r} />}</For>
              </ul>
            </Show>
          </>
        )}
      </Async>
      {/* Its own boundary: while its code arrives, the duties above stay as they are. */}
      <Suspense>
        <MyCredits />
      </Suspense>
    </section>
  );
}
