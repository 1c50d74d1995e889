import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { org, roster, rosterActions, type Person, type RosterPlan, type RowProblem } from '../data/org.ts';
import { param, query } from '../data/readiness.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { Async } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { ImportFlow } from '../ui/import-flow.tsx';
import { peopleColumns } from '../ui/people-columns.tsx';
import { DownloadLink } from '../ui/download-link.tsx';
import { RosterSearch } from '../ui/roster-search.tsx';
import { PersonForm } from '../ui/person-form.tsx';
import { UnitTrail } from '../ui/unit-trail.tsx';

/** Where a file is wrong and how: `dòng N, cột X` as in the officer's spreadsheet. */
const problemColumns: Column<RowProblem>[] = [
  { title: () => t('import.col.where'), cell: (x) => t('import.where', { row: x.row, column: x.column }), rowHeader: true },
  { title: () => t('import.col.problem'), cell: (x) => <span lang="vi">{x.message}</span> },
];
const changeColumns: Column<RosterPlan['changes'][number]>[] = [
  { title: () => t('import.col.row'), cell: (c) => c.row, num: true },
  { title: () => t('people.col.code'), cell: (c) => c.employeeCode },
  { title: () => t('people.col.name'), cell: (c) => c.fullName, rowHeader: true },
  { title: () => t('import.col.action'), cell: (c) => t(`roster.action.${c.action}` as Key) },
  { title: () => t('import.col.detail'), cell: (c) => <span lang="vi">{c.detail}</span> },
];
const personColumns = (edit: (p: Person) => void) =>
  peopleColumns<Person>([
    { title: () => t('people.col.status'), cell: (p) => t(`people.status.${p.status}` as Key) },
    {
      title: () => <span class="sr-only">{t('roster.edit')}</span>,
      cell: (p) => (
        <button type="button" class="link" aria-label={t('roster.editLabel', { name: p.fullName })} onClick={() => edit(p)}>
          {t('roster.edit')}
        </button>
      ),
    },
  ]);

function Plan(props: { plan: RosterPlan; applied: boolean }) {
  const p = () => props.plan;
  return (
    <>
      <p role="status">
        {props.applied
          ? t('roster.applied', { n: formatNumber(p().rows - p().invalidRows), skipped: formatNumber(p().invalidRows) })
          : t('roster.rows', { n: formatNumber(p().rows), invalid: formatNumber(p().invalidRows) })}
      </p>
      <ul class="counts">
        <For each={rosterActions}>
          {(a) => (
            <li>
              {t(`roster.action.${a}` as Key)}: <strong>{formatNumber(p().counts[a])}</strong>
            </li>
          )}
        </For>
      </ul>
      <Show when={p().problems.length > 0}>
        <h4>{t('import.problems', { n: formatNumber(p().invalidRows) })}</h4>
        <DataTable class="problems" rows={p().problems} columns={problemColumns} />
      </Show>
      <Show when={p().changes.length > 0}>
        <h4>{t('import.changes')}</h4>
        <DataTable rows={p().changes} columns={changeColumns} />
      </Show>
      <Show when={p().truncated}>
        <p class="muted">{t('import.truncated')}</p>
      </Show>
    </>
  );
}

/** HR imports the roster of their scope from the HR system's file, and sees the people of each unit. */
export default function RosterPage() {
  const [search] = useSearchParams();
  const unit = () => param(search.unit);
  const [people, { refetch }] = createResource(
    () => unit() ?? '',
    (u) => roster.people(u || undefined),
  );
  const [tree] = createResource(
    () => unit() ?? '',
    (u) => org.view(u || undefined),
  );
  const [acceptValid, setAcceptValid] = createSignal(false);
  const [editing, setEditing] = createSignal<Person | null>(null);
  const within = () => people.latest?.unit.id ?? unit() ?? '';
  return (
    <section>
      <h1>{t('roster.title')}</h1>
      {/* One answer decides the page: outside the officer's scope there is one error and no form to import into it. */}
      <Async of={tree}>
        {(view) => (
          <>
            <UnitTrail view={view} href={(u) => `/danh-sach${query({ unit: u })}`} />
            <RosterSearch unit={view.unit} />
            <h2>{t('roster.importTitle')}</h2>
            <p>{t('roster.intro')}</p>
            <p class="no-print">
              <DownloadLink href={roster.templateUrl()}>{t('roster.template')}</DownloadLink> <span class="muted">{t('roster.templateNote')}</span>
            </p>
            <details class="columns-help">
              <summary>{t('roster.columnsTitle')}</summary>
              <ul>
                <For
                  each={
                    ['employee_code', 'full_name', 'email', 'unit_code', 'category', 'position', 'status', 'start_date', 'leave_reason', 'leave_until'] as const
                  }
                >
                  {(c) => (
                    <li>
                      <code>{c}</code> — {t(`roster.column.${c}` as Key)}
                    </li>
                  )}
                </For>
              </ul>
            </details>
            <ImportFlow<RosterPlan>
              id="roster"
              fileLabel={t('import.file')}
              effectiveLabel={t('roster.effective')}
              applyLabel={t('roster.apply')}
              preview={(file, effective) => {
                setAcceptValid(false);
                return roster.import(within(), file, { dryRun: true, acceptValid: false, effective }).then((r) => r.plan);
              }}
              apply={(file, effective) => roster.import(within(), file, { dryRun: false, acceptValid: acceptValid(), effective }).then((r) => r.plan)}
              plan={(plan, applied) => <Plan plan={plan} applied={applied} />}
              confirm={(plan) => (
                <Show when={plan.invalidRows > 0}>
                  <p>
                    <label>
                      <input type="checkbox" checked={acceptValid()} onChange={(e) => setAcceptValid(e.currentTarget.checked)} />{' '}
                      {t('roster.acceptValid', { n: formatNumber(plan.invalidRows) })}
                    </label>
                  </p>
                </Show>
              )}
              canApply={(plan) => (plan.invalidRows === 0 || acceptValid()) && plan.rows > plan.invalidRows}
              onApplied={() => void refetch()}
            />
            <Async of={people}>
              {(list) => (
                <>
                  <h2>{t('roster.people', { unit: list.unit.name })}</h2>
                  <Show when={list.people.length > 0} fallback={<p>{t('roster.noPeople')}</p>}>
                    <p>{t('roster.peopleCount', { n: formatNumber(list.people.length) })}</p>
                    <DataTable class="people" rows={list.people} columns={personColumns(setEditing)} />
                  </Show>
                </>
              )}
            </Async>
            <Show when={editing()} keyed>
              {(person) => (
                <PersonForm
                  person={person}
                  scope={within()}
                  unitId={view.unit.id}
                  units={[view.unit, ...view.children]}
                  onSaved={() => void refetch()}
                  onClose={() => setEditing(null)}
                />
              )}
            </Show>
            <Show when={view.children.length > 0}>
              <h2>{t('roster.children')}</h2>
              <ul class="unit-links">
                <For each={view.children}>
                  {(c) => (
                    <li>
                      <A href={`/danh-sach${query({ unit: c.id })}`}>{c.name}</A> <span class="muted">({to('staffCount', { n: formatNumber(c.staff) })})</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Async>
    </section>
  );
}
