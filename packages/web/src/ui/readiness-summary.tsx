import { For, Show } from 'solid-js';
import { reports, type Readiness } from '../data/readiness.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import type { ArchivesState } from './archives.tsx';
import { drawAllCharts } from './chart.tsx';
import { DownloadLink } from './download-link.tsx';
import { ProgressBar } from './progress-bar.tsx';

/** Where the recent weekly pace leads, in words. */
export function projectionText(r: Readiness): string {
  const p = r.projection;
  if (r.meetsTarget || (p.onTrack && !p.projectedDate)) return t('readiness.projection.met');
  if (p.onTrack === null) return t('readiness.projection.unknown');
  // People a week, as a whole number.
  const pace = formatNumber(p.weeklyPace ?? 0);
  if (!p.projectedDate) return t('readiness.projection.stalled', { pace });
  return t(p.onTrack ? 'readiness.projection.onTrack' : 'readiness.projection.late', { date: formatDay(p.projectedDate), pace });
}

/** "14/20 sở, ban, ngành đạt chỉ tiêu · 6/10 xã đạt chỉ tiêu": how provinces report it. */
export const childrenMeetingText = (r: Readiness) =>
  r.childrenMeeting
    .map((g) => t('readiness.kindMeeting', { meets: formatNumber(g.meets), total: formatNumber(g.total), kind: t(`kinds.${g.kind}` as Key) }))
    .join(' · ');

/**
 * Who the rate counts: everyone in the target's scope, less those exempted today, is the
 * denominator; an officer who sees it fall must be able to see why.
 */
function ReadinessFigures(props: { r: Readiness }) {
  const lapses = () => props.r.target.validity !== null;
  const figures = (): [string, number][] => [
    [t('readiness.fig.inScope'), props.r.inScope],
    [t('readiness.fig.exempt'), props.r.exempt],
    [t('readiness.fig.staff'), props.r.staff],
    [t('readiness.fig.trained'), props.r.trained],
    [t('readiness.fig.owing'), props.r.owing],
    // A target whose completions lapse: who must renew soon, who lapsed (among those still to complete), who ever did.
    ...(lapses()
      ? ([
          [t('readiness.fig.expiringSoon', { n: formatNumber(props.r.target.renewalDays) }), props.r.expiringSoon],
          [t('readiness.fig.expired'), props.r.expired],
          [t('readiness.fig.everTrained'), props.r.everTrained],
        ] as [string, number][])
      : []),
  ];
  return (
    <>
      <dl class="figures">
        <For each={figures()}>
          {([label, n]) => (
            <div>
              <dt>{label}</dt>
              <dd>{formatNumber(n)}</dd>
            </div>
          )}
        </For>
      </dl>
      <p class="muted">{t('readiness.fig.staffNote')}</p>
      <Show when={lapses()}>
        <p class="muted">{t('readiness.fig.validityNote')}</p>
      </Show>
    </>
  );
}

/** The target, the gap and the deadline first; then the pace, the children and the files. */
export function ReadinessSummary(props: { r: Readiness; date?: string; archives: ArchivesState }) {
  const r = () => props.r;
  return (
    <div class="box summary">
      <p>{t('readiness.target', { title: r().target.title })}</p>
      <p class="gap">
        <strong>
          {!r().applicable
            ? t('readiness.notApplicableHere', { percent: r().target.percent })
            : r().gap > 0
              ? t('readiness.gap', { n: formatNumber(r().gap), percent: r().target.percent })
              : t('readiness.noGap', { percent: r().target.percent })}
        </strong>
      </p>
      <p>
        {r().daysLeft >= 0
          ? t('readiness.deadlineLeft', { deadline: formatDay(r().target.deadline), n: r().daysLeft })
          : t('readiness.deadlinePast', { deadline: formatDay(r().target.deadline), n: -r().daysLeft })}
      </p>
      {/* Nobody in scope: no 0/0, no "Chưa đạt", no forecast. */}
      <Show when={r().applicable}>
        <p class="big">{formatNumber(r().percent, 1)}%</p>
        <ProgressBar value={r().trained} max={r().staff} label={t('readiness.title')} />
        <p>
          {t('readiness.trainedOf', { trained: formatNumber(r().trained), staff: formatNumber(r().staff) })} ·{' '}
          <strong>{r().meetsTarget ? t('readiness.meets') : t('readiness.notMeets')}</strong>
        </p>
        <p class="projection">{projectionText(r())}</p>
      </Show>
      <Show when={r().inScope > 0}>
        <ReadinessFigures r={r()} />
      </Show>
      <Show when={r().childrenMeeting.length > 0}>
        <p class="meeting">{childrenMeetingText(r())}</p>
      </Show>
      <div class="downloads no-print">
        <div>
          <DownloadLink class="button" href={reports.completionsCsvUrl(r().unit.id)} onArchive={() => props.archives.create('completions.csv')}>
            {t('readiness.download')}
          </DownloadLink>
        </div>
        <div>
          <DownloadLink class="button" href={reports.completionsXlsxUrl(r().unit.id)} onArchive={() => props.archives.create('completions.xlsx')}>
            {t('readiness.downloadXlsx')}
          </DownloadLink>
        </div>
        <div>
          <DownloadLink class="button" href={reports.summaryPdfUrl(r().unit.id, props.date)} onArchive={() => props.archives.create('summary.pdf')}>
            {t('readiness.downloadPdf')}
          </DownloadLink>
        </div>
        <div>
          <button type="button" onClick={() => void drawAllCharts().then(() => window.print())}>
            {t('readiness.print')}
          </button>
        </div>
      </div>
      <Show when={props.date}>
        <p class="muted no-print">{t('readiness.downloadsLive')}</p>
      </Show>
    </div>
  );
}
