import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { t } from '../i18n/index.ts';

/** One column of a DataTable: its title and what each row shows in it. */
export type Column<T> = {
  title: () => JSX.Element;
  cell: (row: T) => JSX.Element;
  /** The cell that names its row, read out by screen readers with every other cell of it. */
  rowHeader?: boolean;
  /** A figure: right-aligned, digits in columns. */
  num?: boolean;
  /** A column the table sorts by: which way it is sorted now. */
  sort?: () => 'ascending' | 'descending' | 'none';
};

/**
 * The app's one table markup: a scrolling wrapper (so a wide table never pushes the page
 * sideways on a phone or at 200 % zoom), column titles, and rows of cells. The wrapper takes
 * the keyboard's focus, so a table wider than a phone can be scrolled without a mouse, and
 * a table wider than its box says so above it: hidden columns are otherwise easy to miss.
 */
export function DataTable<T>(props: { columns: Column<T>[]; rows: readonly T[]; class?: string; caption?: string; rowClass?: (row: T) => string | undefined }) {
  const [overflows, setOverflows] = createSignal(false);
  const watch = (wrap: HTMLDivElement) => {
    const measure = () => setOverflows(wrap.scrollWidth > wrap.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(wrap);
    queueMicrotask(() => wrap.firstElementChild && observer.observe(wrap.firstElementChild));
    onCleanup(() => observer.disconnect());
  };
  return (
    <>
      <Show when={overflows()}>
        <p class="scroll-hint muted">{t('table.scrollHint')}</p>
      </Show>
      <div class="table-wrap" tabindex="0" ref={watch}>
        <table class={props.class}>
          <Show when={props.caption}>
            <caption>{props.caption}</caption>
          </Show>
          <thead>
            <tr>
              <For each={props.columns}>
                {(c) => (
                  <th scope="col" aria-sort={c.sort?.()}>
                    {c.title()}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr class={props.rowClass?.(row)}>
                  <For each={props.columns}>
                    {(c) => (c.rowHeader ? <th scope="row">{c.cell(row)}</th> : <td class={c.num ? 'num' : undefined}>{c.cell(row)}</td>)}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  );
}
