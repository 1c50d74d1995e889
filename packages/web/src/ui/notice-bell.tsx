import { createEffect, on, Show } from 'solid-js';
import { A, useLocation } from '@solidjs/router';
import { notices, unread } from '../data/reminders.ts';
import { t } from '../i18n/index.ts';

/**
 * The header's bell: how many notices are unread, a link to them. Asked again on each page
 * change (one small query), so a reminder sent while the learner works shows up.
 */
export function NoticeBell() {
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () => void notices.list().catch(() => undefined),
    ),
  );
  return (
    <A href="/thong-bao" class="bell no-print" aria-label={unread() > 0 ? t('notices.bellUnread', { n: unread() }) : t('notices.title')}>
      <span aria-hidden="true">🔔</span> <span class="bell-word">{t('notices.title')}</span>
      <Show when={unread() > 0}>
        {' '}
        <span class="count" aria-hidden="true">
          {unread()}
        </span>
      </Show>
    </A>
  );
}
