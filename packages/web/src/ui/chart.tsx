import { onCleanup, onMount } from 'solid-js';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The charts on the page not drawn yet (never scrolled to), each with what draws it. */
const undrawn = new Set<() => Promise<void>>();
/** Draws every chart not drawn yet, so that a printed page has them all. */
export const drawAllCharts = () => Promise.all([...undrawn].map((drawOnce) => drawOnce())).then(() => undefined);

/** Bar colours by status (the PDF marks the same two states); the legend beside a chart says them in words too. */
export const STATUS_COLOURS = { meets: '#1b6e2d', behind: '#b91c1c' } as const;

/** A unit's name cut to fit under a bar: the full name is in the table below the chart. */
const short = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);

/**
 * A small uPlot chart: percentages by x (weeks, or child units as bars) with the target
 * drawn as a line. The figures are also in the page as text or a table, for screen readers
 * and for print; the canvas is decoration with a label. `colours` gives each bar its own.
 */
export function PercentChart(props: {
  labels: string[];
  values: number[];
  target: number;
  bars?: boolean;
  colours?: string[];
  label: string;
  height?: number;
}) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  let gone = false;
  let watcher: IntersectionObserver | undefined;
  const printing = matchMedia('print');
  const onPrint = (event: MediaQueryListEvent) => {
    if (event.matches) void drawOnce();
  };
  const stopWaiting = () => {
    undrawn.delete(drawOnce);
    watcher?.disconnect();
    printing.removeEventListener('change', onPrint);
  };
  const drawOnce = () => {
    stopWaiting();
    return draw();
  };
  // The chart library is fetched only once a chart scrolls into view (or the page is printed):
  // the figures come first, and a phone that never scrolls to it never downloads it.
  onMount(() => {
    watcher = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void drawOnce();
    });
    watcher.observe(host);
    printing.addEventListener('change', onPrint);
    undrawn.add(drawOnce);
  });
  const draw = async () => {
    const { default: UPlot } = await import('uplot');
    if (gone) return;
    const xs = props.labels.map((_, i) => i);
    // Never wider than its box: a chart wider than the page is cut at the paper's right edge.
    const width = Math.max(200, Math.min(host.clientWidth || 600, 900));
    const fill = props.colours;
    plot = new UPlot(
      {
        width,
        height: props.height ?? 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] }, y: { range: [0, 100] } },
        axes: [
          {
            values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? short(props.labels[t] ?? '') : '')),
            // Unit names are long: slanted under their bars, as many as fit.
            size: props.bars ? 130 : 40,
            rotate: props.bars ? -45 : 0,
          } as uPlot.Axis,
          { values: (_u, ticks) => ticks.map((t) => `${t}%`) },
        ],
        series: [
          {},
          props.bars
            ? {
                stroke: '#166534',
                fill: '#16653499',
                paths: UPlot.paths.bars!({
                  size: [0.6, 60],
                  disp: fill
                    ? {
                        fill: { unit: 3 as uPlot.Series.BarsPathBuilderFacetUnit, values: () => fill },
                        stroke: { unit: 3 as uPlot.Series.BarsPathBuilderFacetUnit, values: () => fill },
                      }
                    : undefined,
                }),
                points: { show: false },
              }
            : { stroke: '#166534', width: 2, points: { show: true, size: 6 } },
          { stroke: '#b45309', width: 1.5, dash: [6, 4], points: { show: false } },
        ],
      },
      [xs, props.values, xs.map(() => props.target)],
      host,
    );
  };
  onCleanup(() => {
    gone = true;
    stopWaiting();
    plot?.destroy();
  });
  return <figure class="chart" role="img" aria-label={props.label} ref={host} />;
}
