import { createResource, createSignal, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { roster, type FoundPerson } from '../data/org.ts';
import { query } from '../data/readiness.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { Async } from './async.tsx';
import { DataTable } from './data-table.tsx';
import { peopleColumns } from './people-columns.tsx';

const columns = peopleColumns<FoundPerson>([
  { title: () => t('people.col.unit'), cell: (p) => <A href={`/danh-sach${query({ unit: p.unitId })}`}>{p.unitName}</A> },
  { title: () => t('people.col.status'), cell: (p) => t(`people.status.${p.status}` as Key) },
]);

/**
 * One person found by name or code anywhere under the unit, not only among those directly in
 * it: the server walks the subtree, so the officer of a province need not guess the commune.
 */
export function RosterSearch(props: { unit: { id: string; name: string } }) {
  const [q, setQ] = createSignal('');
  const [found] = createResource(
    () => (q() ? { unit: props.unit.id, q: q() } : null),
    (s) => roster.search(s.unit, s.q),
  );
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim());
  };
  return (
    <section aria-labelledby="roster-search-title">
      <h2 id="roster-search-title">{t('roster.search.title')}</h2>
      <form role="search" class="filters" onSubmit={submit}>
        <div class="field">
          <label for="roster-q">{t('roster.search.label', { unit: props.unit.name })}</label>
          <input id="roster-q" name="q" type="search" required maxLength={100} />
        </div>
        <button type="submit">{t('roster.search.submit')}</button>
      </form>
      <Show when={q()}>
        <Async of={found}>
          {(result) => (
            <>
              <p role="status">
                {result.people.length > 0
                  ? t('roster.search.found', { n: formatNumber(result.people.length), q: q() })
                  : t('roster.search.none', { unit: props.unit.name, q: q() })}
              </p>
              <Show when={result.people.length > 0}>
                <DataTable class="found" rows={result.people} columns={columns} />
              </Show>
              <Show when={result.more}>
                <p>{t('roster.search.more', { n: formatNumber(result.people.length) })}</p>
              </Show>
            </>
          )}
        </Async>
      </Show>
    </section>
  );
}
