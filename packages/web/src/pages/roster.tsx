import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { org, roster, rosterActions, type RosterPlan } from '../data/org.ts';
import { param, query, reports } from '../data/readiness.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { DownloadLink } from '../ui/download-link.tsx';
import { ImportFlow } from '../ui/import-flow.tsx';

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
        <For each={rosterActions}>{(a) => <li>{t(`roster.action.${a}` as Key)}: <strong>{formatNumber(p().counts[a])}</strong></li>}</For>
      </ul>
      <Show when={p().problems.length > 0}>
        <h4>{t('import.problems', { n: formatNumber(p().invalidRows) })}</h4>
        <div class="table-wrap">
          <table class="problems">
            <thead><tr><th scope="col">{t('import.col.where')}</th><th scope="col">{t('import.col.problem')}</th></tr></thead>
            <tbody>
              <For each={p().problems}>
                {(x) => <tr><th scope="row">{t('import.where', { row: x.row, column: x.column })}</th><td lang="vi">{x.message}</td></tr>}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={p().changes.length > 0}>
        <h4>{t('import.changes')}</h4>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('import.col.row')}</th>
                <th scope="col">{t('people.col.code')}</th>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('import.col.action')}</th>
                <th scope="col">{t('import.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={p().changes}>
                {(c) => (
                  <tr>
                    <td class="num">{c.row}</td>
                    <td>{c.employeeCode}</td>
                    <th scope="row">{c.fullName}</th>
                    <td>{t(`roster.action.${c.action}` as Key)}</td>
                    <td lang="vi">{c.detail}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={p().truncated}><p class="muted">{t('import.truncated')}</p></Show>
    </>
  );
}

/** HR imports the roster of their scope from the HR system's file, and sees the people of each unit. */
export default function RosterPage() {
  const [search] = useSearchParams();
  const unit = () => param(search.unit);
  const [people, { refetch }] = createResource(() => unit() ?? '', (u) => roster.people(u || undefined));
  const [tree] = createResource(() => unit() ?? '', (u) => org.view(u || undefined));
  const [acceptValid, setAcceptValid] = createSignal(false);
  const within = () => people.latest?.unit.id ?? unit() ?? '';
  return (
    <section>
      <h1>{t('roster.title')}</h1>
      <Async of={tree}>
        {(view) => (
          <nav aria-label={t('org.breadcrumb')} class="breadcrumb">
            <ol>
              <For each={view.ancestors}>{(a) => <li><A href={`/danh-sach${query({ unit: a.id })}`}>{a.name}</A></li>}</For>
              <li aria-current="page">{view.unit.name}</li>
            </ol>
          </nav>
        )}
      </Async>
      <h2>{t('roster.importTitle')}</h2>
      <p>{t('roster.intro')}</p>
      <details class="columns-help">
        <summary>{t('roster.columnsTitle')}</summary>
        <ul>
          <For each={['employee_code', 'full_name', 'email', 'unit_code', 'category', 'position', 'status'] as const}>
            {(c) => <li><code>{c}</code> — {t(`roster.column.${c}` as Key)}</li>}
          </For>
        </ul>
      </details>
      <ImportFlow<RosterPlan>
        id="roster"
        fileLabel={t('import.file')}
        effectiveLabel={t('roster.effective')}
        applyLabel={t('roster.apply')}
        preview={(file, effective) => { setAcceptValid(false); return roster.import(within(), file, { dryRun: true, acceptValid: false, effective }).then((r) => r.plan); }}
        apply={(file, effective) => roster.import(within(), file, { dryRun: false, acceptValid: acceptValid(), effective }).then((r) => r.plan)}
        plan={(plan, applied) => <Plan plan={plan} applied={applied} />}
        confirm={(plan) => (
          <Show when={plan.invalidRows > 0}>
            <p>
              <label><input type="checkbox" checked={acceptValid()} onChange={(e) => setAcceptValid(e.currentTarget.checked)} /> {t('roster.acceptValid', { n: formatNumber(plan.invalidRows) })}</label>
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
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('people.col.name')}</th>
                      <th scope="col">{t('people.col.code')}</th>
                      <th scope="col">{t('people.col.category')}</th>
                      <th scope="col">{t('people.col.position')}</th>
                      <th scope="col">{t('people.col.status')}</th>
                      <th scope="col">{t('people.col.transcript')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list.people}>
                      {(p) => (
                        <tr>
                          <th scope="row">{p.fullName}</th>
                          <td>{p.employeeCode}</td>
                          <td>{t(`category.${p.category}` as Key)}</td>
                          <td>{p.position}</td>
                          <td>{t(`people.status.${p.status}` as Key)}</td>
                          <td><DownloadLink href={reports.transcriptUrl(p.employeeCode)} label={t('people.transcriptOf', { name: p.fullName })}>{t('people.transcript')}</DownloadLink></td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </>
        )}
      </Async>
      <Async of={tree}>
        {(view) => (
          <Show when={view.children.length > 0}>
            <h2>{t('roster.children')}</h2>
            <ul class="unit-links">
              <For each={view.children}>
                {(c) => <li><A href={`/danh-sach${query({ unit: c.id })}`}>{c.name}</A> <span class="muted">({t('org.staffCount', { n: formatNumber(c.staff) })})</span></li>}
              </For>
            </ul>
          </Show>
        )}
      </Async>
    </section>
  );
}
