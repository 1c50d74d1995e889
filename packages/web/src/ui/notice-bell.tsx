import { onCleanup, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { unread, watchUnread } from '../data/notices.ts';
import { t } from '../i18n/index.ts';

/**
 * The header's bell: how many notices are unread, a link to them. Shown while someone is
 * signed in; the count is asked for when it appears, then kept fresh by `watchUnread` (not on
 * every page change: a learner clicking through lessons would ask at each click).
 */
export function NoticeBell() {
  onCleanup(watchUnread());
  return (
    <A href="/thong-bao" class="bell no-print" aria-label={unread() > 0 ? t('notices.bellUnread', { n: unread() }) : t('notices.title')}>
      {/* Drawn, not an emoji: an old office PC may have no font with a bell in it. */}
      <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>{' '}
      <span class="bell-word">{t('notices.title')}</span>
      <Show when={unread() > 0}>
        {' '}
        <span class="count" aria-hidden="true">
          {unread()}
        </span>
      </Show>
    </A>
  );
}
