import { Show } from 'solid-js';
import { credits, type Credit, type Recorded } from '../data/credits.ts';
import { formatDay, t, type Key } from '../i18n/index.ts';
import { ConfirmAction } from './confirm-action.tsx';
import { CourseTitles } from './course-titles.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { DownloadLink } from './download-link.tsx';

/** Approving makes the certificate count as each of its courses completed, for every report: it asks first. */
function Approve(props: { credit: Credit; onApproved: (credit: Recorded) => void }) {
  const name = () => props.credit.fullName;
  return (
    <ConfirmAction
      label={t('credits.approve')}
      name={t('credits.approveOf', { name: name(), number: props.credit.number })}
      question={t('credits.approveConfirm', { name: name(), number: props.credit.number })}
      yes={t('credits.approveYes')}
      no={t('credits.approveNo')}
      run={async () => props.onApproved((await credits.approve(props.credit.id)).credit)}
    />
  );
}

/** The credits of a unit's subtree, one row each, with the scan, who sent and approved it, and approval for those waiting. */
export function CreditList(props: { rows: Credit[]; courseTitle: (slug: string) => string; onApproved: (credit: Recorded) => void }) {
  const columns: Column<Credit>[] = [
    {
      title: () => t('credits.col.person'),
      rowHeader: true,
      cell: (c) => (
        <>
          {c.fullName}
          <span class="sub">{c.employeeCode}</span>
        </>
      ),
    },
    { title: () => t('credits.col.unit'), cell: (c) => c.unitName },
    { title: () => t('credits.col.issuer'), cell: (c) => <span lang="vi">{c.issuer}</span> },
    { title: () => t('credits.col.number'), cell: (c) => c.number },
    { title: () => t('credits.col.issuedOn'), cell: (c) => <span class="nowrap">{formatDay(c.issuedOn)}</span> },
    {
      title: () => t('credits.col.courses'),
      cell: (c) => (
        <>
          <CourseTitles slugs={c.courses} title={props.courseTitle} />
          <Show when={c.note}>{(note) => <span class="sub">{note()}</span>}</Show>
        </>
      ),
    },
    { title: () => t('credits.col.state'), cell: (c) => t(`credits.state.${c.state}` as Key) },
    {
      title: () => t('credits.col.scan'),
      cell: (c) => (
        <DownloadLink href={credits.scanUrl(c.id)} label={t('credits.scanOf', { name: c.fullName, file: c.evidence.fileName })}>
          {t('credits.scan')}
        </DownloadLink>
      ),
    },
    {
      title: () => t('credits.col.people'),
      cell: (c) => (
        <span class="break">
          {t('credits.submittedBy', { who: c.submittedBy })}
          <Show when={c.approvedBy && c.approvedAt}>
            <span class="sub">{t('credits.approvedBy', { who: c.approvedBy!, date: formatDay(c.approvedAt!) })}</span>
          </Show>
        </span>
      ),
    },
    {
      title: () => t('credits.col.action'),
      cell: (c) => (c.state === 'pending' ? <Approve credit={c} onApproved={props.onApproved} /> : ''),
    },
  ];
  return (
    <>
      <DataTable class="credits" rows={props.rows} columns={columns} />
    </>
  );
}
