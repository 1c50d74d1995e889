import { createResource, For, Show } from 'solid-js';
import { credits, titleIn, type Recorded } from '../data/credits.ts';
import { formatDay, t } from '../i18n/index.ts';
import { Async } from './async.tsx';
import { CreditForm } from './credit-form.tsx';
import { CourseTitles } from './course-titles.tsx';

const stateText = (c: Recorded) =>
  c.state === 'approved' && c.approvedAt ? t('credits.mine.approved', { date: formatDay(c.approvedAt) }) : t('credits.mine.pending');

/**
 * "Tôi đã có chứng chỉ tương đương", under what the learner owes: their own certificates
 * and where each stands, and the form to send one for HR to approve. The form stays folded
 * until wanted, so it never stands between the learner and their courses.
 */
export default function MyCredits() {
  const [mine, { refetch }] = createResource(() => credits.mine());
  const [catalogue] = createResource(() => credits.catalogue());
  return (
    <section class="my-credits" aria-labelledby="my-credits-title">
      <h2 id="my-credits-title">{t('credits.mine.title')}</h2>
      <p>{t('credits.mine.intro')}</p>
      <Async of={mine}>
        {({ credits: list }) => (
          <Show when={list.length > 0}>
            <ul class="credits-mine">
              <For each={list}>
                {(c) => (
                  <li class="card">
                    <h3 lang="vi">{c.issuer}</h3>
                    <p>{t('credits.mine.numbered', { number: c.number, date: formatDay(c.issuedOn) })}</p>
                    <CourseTitles slugs={c.courses} title={titleIn(catalogue.latest)} />
                    <p class={c.state === 'approved' ? 'status ok' : 'status'}>{t('requirements.status', { status: stateText(c) })}</p>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Async>
      <details class="action">
        <summary>{t('credits.mine.open')}</summary>
        <CreditForm
          forSomeone={false}
          submitLabel={t('credits.mine.submit')}
          courses={catalogue.latest ?? []}
          send={async (input) => (await credits.send(input)).credit}
          sent={(c) => t('credits.mine.sent', { number: c.number })}
          onSent={() => void refetch()}
        />
      </details>
    </section>
  );
}
