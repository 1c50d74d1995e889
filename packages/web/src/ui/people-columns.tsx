import type { JSX } from 'solid-js';
import { reports, type Untrained } from '../data/readiness.ts';
import { t, type Key } from '../i18n/index.ts';
import type { Column } from './data-table.tsx';
import { DownloadLink } from './download-link.tsx';

/** What every list of staff has of a person (the roster's people and the untrained alike). */
type Staff = Pick<Untrained, 'employeeCode' | 'fullName' | 'category' | 'position'>;

/**
 * The columns of every list of staff: name, code, category, position, then `extra` (their
 * status, or their unit and due date), then their transcript. `mark` follows the name (e.g. "overdue").
 */
export function peopleColumns<P extends Staff>(extra: Column<P>[], mark?: (p: P) => JSX.Element): Column<P>[] {
  return [
    {
      title: () => t('people.col.name'),
      rowHeader: true,
      cell: (p) => (
        <>
          {p.fullName}
          {mark?.(p)}
        </>
      ),
    },
    { title: () => t('people.col.code'), cell: (p) => p.employeeCode },
    { title: () => t('people.col.category'), cell: (p) => t(`category.${p.category}` as Key) },
    { title: () => t('people.col.position'), cell: (p) => p.position },
    ...extra,
    {
      title: () => t('people.col.transcript'),
      cell: (p) => (
        <DownloadLink href={reports.transcriptUrl(p.employeeCode)} label={t('people.transcriptOf', { name: p.fullName })}>
          {t('people.transcript')}
        </DownloadLink>
      ),
    },
  ];
}
