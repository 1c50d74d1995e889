import { Show } from 'solid-js';
import { exemptions, type Exemption, type Recorded } from '../data/exemptions.ts';
import type { Target } from '../data/org.ts';
import { formatDay, t, type Key } from '../i18n/index.ts';
import { DataTable, type Column } from './data-table.tsx';
import { DownloadLink } from './download-link.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { reasonLabel } from './exemption-form.tsx';

/** Ending early puts the person back among those who owe from today, so it asks first. */
function EndEarly(props: { exemption: Exemption; onEnded: (exemption: Recorded) => void }) {
  const name = () => props.exemption.fullName;
  return (
    <ConfirmAction
      label={t('exemptions.end')}
      name={t('exemptions.endOf', { name: name() })}
      question={t('exemptions.endConfirm', { name: name() })}
      yes={t('exemptions.endYes')}
      no={t('exemptions.endNo')}
      run={async () => props.onEnded((await exemptions.end(props.exemption.id)).exemption)}
    />
  );
}

/** The exemptions of a unit's subtree, one row each, with the evidence and a way to end one early. */
export function ExemptionList(props: { rows: Exemption[]; targets: Target[]; onEnded: (exemption: Recorded) => void }) {
  const targetTitle = (id: string | null) => (id === null ? t('exemptions.allTargets') : (props.targets.find((x) => x.id === id)?.title ?? id));
  const columns: Column<Exemption>[] = [
    {
      title: () => t('exemptions.col.person'),
      rowHeader: true,
      cell: (e) => (
        <>
          {e.fullName}
          <span class="sub">{e.employeeCode}</span>
        </>
      ),
    },
    { title: () => t('exemptions.col.unit'), cell: (e) => e.unitName },
    { title: () => t('exemptions.col.target'), cell: (e) => targetTitle(e.targetId) },
    {
      title: () => t('exemptions.col.reason'),
      cell: (e) => (
        <span lang="vi">
          {reasonLabel(e.reason)}
          <Show when={e.note}>{(note) => <span class="sub">{note()}</span>}</Show>
        </span>
      ),
    },
    {
      title: () => t('exemptions.col.period'),
      cell: (e) => (
        <>
          <span class="nowrap">{formatDay(e.from)} –</span> <span class="nowrap">{formatDay(e.until)}</span>
          <Show when={e.endedOn}>{(day) => <span class="sub">{t('exemptions.endedOn', { date: formatDay(day()) })}</span>}</Show>
        </>
      ),
    },
    { title: () => t('exemptions.col.state'), cell: (e) => t(`exemptions.state.${e.state}` as Key) },
    {
      title: () => t('exemptions.col.evidence'),
      cell: (e) => (
        <Show when={e.evidence} fallback={t('exemptions.noEvidence')}>
          {(file) => (
            <DownloadLink href={exemptions.evidenceUrl(e.id)} label={t('exemptions.evidenceOf', { name: e.fullName, file: file().fileName })}>
              {t('exemptions.evidence')}
            </DownloadLink>
          )}
        </Show>
      ),
    },
    { title: () => t('exemptions.col.approvedBy'), cell: (e) => <span class="break">{e.approvedBy}</span> },
    {
      title: () => t('exemptions.col.action'),
      cell: (e) => (e.state === 'ended' ? '' : <EndEarly exemption={e} onEnded={props.onEnded} />),
    },
  ];
  return (
    <>
      <DataTable class="exemptions" rows={props.rows} columns={columns} />
    </>
  );
}
