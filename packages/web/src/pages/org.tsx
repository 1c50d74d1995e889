import { createResource, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { hasRole } from '../data/session.ts';
import { org, type OrgView, type TreeChange, type TreePlan, type Unit } from '../data/org.ts';
import { param, query } from '../data/readiness.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { to, type OrgKey } from '../i18n/org.ts';
import { Loaded } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { DownloadLink } from '../ui/download-link.tsx';
import { ImportFlow } from '../ui/import-flow.tsx';
import { OrgForms } from '../ui/org-forms.tsx';
import { OrgHistory } from '../ui/org-history.tsx';
import { ScheduledChanges } from '../ui/org-scheduled.tsx';
import { TenantForm } from '../ui/tenant-form.tsx';
import { UnitTrail } from '../ui/unit-trail.tsx';

const here = (unit: string) => `/to-chuc${query({ unit })}`;

function statusText(u: Unit, nameOf: (id: string) => string): string {
  if (u.status === 'merged') return to('status.mergedInto', { name: nameOf(u.mergedInto ?? ''), date: u.until ? formatDay(u.until) : '' });
  if (u.status === 'dissolved') return to('status.dissolvedOn', { date: u.until ? formatDay(u.until) : '' });
  return to('status.active');
}

const treeChangeColumns: Column<TreeChange>[] = [
  { title: () => t('import.col.row'), cell: (c) => c.row, num: true },
  { title: () => to('field.code'), cell: (c) => c.code, rowHeader: true },
  { title: () => t('import.col.action'), cell: (c) => to(`import.action.${c.action}` as OrgKey) },
  { title: () => t('import.col.detail'), cell: (c) => <span lang="vi">{c.detail}</span> },
];
/** The columns a unit is listed with, under its parent: its name (a link to it), code and kind. */
const unitName: Column<Unit> = { title: () => to('field.name'), cell: (u) => <A href={here(u.id)}>{u.name}</A>, rowHeader: true };
const unitCode: Column<Unit> = { title: () => to('field.code'), cell: (u) => u.code };
const unitKind: Column<Unit> = { title: () => to('field.kind'), cell: (u) => t(`kind.${u.kind}` as Key) };

function TreePlanView(props: { plan: TreePlan }) {
  return (
    <>
      <ul class="counts">
        <li>
          {to('import.created')}: <strong>{formatNumber(props.plan.created)}</strong>
        </li>
        <li>
          {to('import.updated')}: <strong>{formatNumber(props.plan.updated)}</strong>
        </li>
        <li>
          {to('import.moved')}: <strong>{formatNumber(props.plan.moved)}</strong>
        </li>
        <li>
          {to('import.unchanged')}: <strong>{formatNumber(props.plan.unchanged)}</strong>
        </li>
      </ul>
      <Show when={props.plan.changes.length > 0}>
        <DataTable rows={props.plan.changes} columns={treeChangeColumns} />
      </Show>
    </>
  );
}

function Tree(props: { view: OrgView; refetch: () => void }) {
  const v = () => props.view;
  const admin = () => hasRole('admin');
  const nameOf = (id: string) => v().children.find((c) => c.id === id)?.name ?? v().former.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <UnitTrail view={v()} href={here} />
      <p class="muted">{to('title')}</p>
      <h1>{v().unit.name}</h1>
      <p>
        {to('unitLine', { code: v().unit.code, kind: t(`kind.${v().unit.kind}` as Key), level: t(`level.${v().unit.level}` as Key) })}
        <Show when={v().unit.status !== 'active'}>
          {' '}
          · <strong>{statusText(v().unit, nameOf)}</strong>
        </Show>
      </p>
      <p class="links-row">
        <A href={`/san-sang${query({ unit: v().unit.id })}`}>{t('nav.readiness')}</A>
        <A href={`/danh-sach${query({ unit: v().unit.id })}`}>{t('nav.roster')}</A>
        <a href="#org-files">{to('files')}</a>
      </p>

      {/* Actions before the list of units: under a province's 80 rows they were a long scroll away. */}
      <Show when={admin() && v().unit.status === 'active'}>
        <OrgForms view={v()} onChanged={props.refetch} />
      </Show>
      <ScheduledChanges view={v()} admin={admin()} onChanged={props.refetch} />

      <h2>{to('children')}</h2>
      <Show when={v().children.length > 0} fallback={<p>{t('readiness.noChildren')}</p>}>
        <DataTable
          rows={v().children}
          columns={[
            unitName,
            unitCode,
            unitKind,
            { title: () => to('field.level'), cell: (c) => t(`level.${c.level}` as Key) },
            { title: () => to('col.headcount'), cell: (c) => formatNumber(c.staff), num: true },
          ]}
        />
      </Show>

      <Show when={v().former.length > 0}>
        <h2>{to('former')}</h2>
        <DataTable
          class="former"
          rows={v().former}
          columns={[unitName, unitCode, unitKind, { title: () => to('field.status'), cell: (c) => statusText(c, nameOf) }]}
        />
      </Show>

      <Show when={admin() && v().unit.status === 'active'}>
        <TenantForm unitId={v().unit.id} unitName={v().unit.name} />
      </Show>

      <h2>{to('history')}</h2>
      <OrgHistory view={v()} admin={admin()} onChanged={props.refetch} />

      <section aria-labelledby="org-files">
        <h2 id="org-files">{to('files')}</h2>
        <p>{to('files.intro')}</p>
        <p class="links-row">
          <DownloadLink class="button" href={org.exportUrl(v().unit.id, 'csv')}>
            {to('export.csv')}
          </DownloadLink>
          <DownloadLink class="button" href={org.exportUrl(v().unit.id, 'xlsx')}>
            {to('export.xlsx')}
          </DownloadLink>
        </p>
        <Show when={admin() && v().unit.status === 'active'}>
          <h3>{to('import.title')}</h3>
          <ImportFlow<TreePlan>
            id="org-import"
            fileLabel={t('import.file')}
            effectiveLabel={to('effective')}
            applyLabel={to('import.apply')}
            preview={(file, effective) => org.import(v().unit.id, file, { dryRun: true, effective }).then((r) => r.plan)}
            apply={(file, effective) => org.import(v().unit.id, file, { dryRun: false, effective }).then((r) => r.plan)}
            plan={(plan) => <TreePlanView plan={plan} />}
            canApply={(plan) => plan.created + plan.updated + plan.moved > 0}
            onApplied={props.refetch}
          />
        </Show>
      </section>
    </>
  );
}

/** The org tree one unit at a time: where it sits, what is under it, what it was; admins change it. */
export default function OrgPage() {
  const [search] = useSearchParams();
  const [view, { refetch }] = createResource(
    () => param(search.unit) ?? '',
    (unit) => org.view(unit || undefined),
  );
  return (
    <section>
      <Loaded of={view}>{(v) => <Tree view={v()} refetch={() => void refetch()} />}</Loaded>
    </section>
  );
}
