import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { notices, unread, type Notice } from '../data/notices.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { DigestChoice } from '../ui/digest-choice.tsx';

function NoticeItem(props: { notice: Notice; onRead: () => void }) {
  return (
    <li classList={{ notice: true, unread: !props.notice.read }}>
      <h2>{props.notice.title}</h2>
      <p class="muted">
        {formatDateTime(props.notice.at)}
        {props.notice.read ? '' : ` · ${t('notices.unread')}`}
      </p>
      <p class="body">{props.notice.body}</p>
      <p class="links-row">
        <A href="/viec-can-hoan-thanh">{t('nav.requirements')}</A>
        <Show when={!props.notice.read}>
          <button type="button" class="secondary small" onClick={props.onRead}>
            {t('notices.markRead')}
          </button>
        </Show>
      </p>
    </li>
  );
}

/** The learner's in-app notices (what the reminders and digests said), newest first; each can be marked read. An officer's or head's digest switch is here too. */
export default function NoticesPage() {
  const [list, { mutate }] = createResource(() => notices.list());
  // Marked read here and in the bell's count at once: nothing is asked again.
  const markRead = async (id: string) => {
    await notices.read(id);
    mutate((l) => l && { ...l, unread: unread(), notices: l.notices.map((n) => (n.id === id ? { ...n, read: true } : n)) });
  };
  return (
    <section>
      <h1>{t('notices.title')}</h1>
      <DigestChoice />
      <Loaded of={list}>
        {(l) => (
          <Show when={l().notices.length > 0} fallback={<p>{t('notices.empty')}</p>}>
            <p role="status">{t('notices.count', { n: l().notices.length, unread: unread() })}</p>
            <ul class="notices">
              <For each={l().notices}>{(n) => <NoticeItem notice={n} onRead={() => void markRead(n.id)} />}</For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
