import { For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import guides from 'virtual:help';
import { t } from '../i18n/index.ts';
import { TrustedHtml } from '../ui/html.tsx';

/** The guides for learners, HR officers, trainers and admins (content/help/, in Vietnamese). */
export default function HelpPage() {
  const params = useParams();
  const guide = () => guides.find((g) => g.slug === params.slug);
  return (
    <Show
      when={guide()}
      fallback={
        <section>
          <h1>{t('help.title')}</h1>
          <ul class="cards">
            <For each={guides}>
              {(g) => (
                <li class="card">
                  <h2>
                    <A href={`/tro-giup/${g.slug}`}>{g.title}</A>
                  </h2>
                </li>
              )}
            </For>
          </ul>
        </section>
      }
    >
      {(g) => (
        <article lang="vi">
          <p>
            <A href="/tro-giup">← {t('help.title')}</A>
          </p>
          <h1>{g().title}</h1>
          <TrustedHtml html={g().html} class="prose help" />
        </article>
      )}
    </Show>
  );
}
