import { createSignal, Show, type JSX } from 'solid-js';
import { formatDay, t, today } from '../i18n/index.ts';
import { ConfirmAction } from './confirm-action.tsx';
import { Loading } from './async.tsx';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { DateInput } from './date-input.tsx';

/**
 * Import a CSV or Excel file in two steps: a dry run shows what would change and every bad
 * row; only then can the officer apply it. A new file or date needs a new dry run.
 */
export function ImportFlow<P>(props: {
  id: string;
  fileLabel: string;
  effectiveLabel: string;
  applyLabel: string;
  preview: (file: File, effective: string) => Promise<P>;
  apply: (file: File, effective: string) => Promise<P>;
  /** The plan of the dry run (`applied` false) or of the import done. */
  plan: (plan: P, applied: boolean) => JSX.Element;
  /** What must be settled before the plan can be applied, e.g. accepting to skip bad rows. */
  confirm?: (plan: P) => JSX.Element;
  canApply?: (plan: P) => boolean;
  onApplied?: () => void;
}) {
  const [file, setFile] = createSignal<File | null>(null);
  const [effective, setEffective] = createSignal(today());
  const [plan, setPlan] = createSignal<{ plan: P; applied: boolean } | null>(null);
  const submission = useSubmit();
  const busy = submission.busy;
  let heading!: HTMLHeadingElement;
  const run = async (work: (f: File, d: string) => Promise<P>, applied: boolean) => {
    const f = file();
    if (!f) return;
    await submission.run(async () => {
      setPlan({ plan: await work(f, effective()), applied });
      if (applied) props.onApplied?.();
      // Screen-reader and keyboard users land on what the file would do.
      queueMicrotask(() => heading?.focus());
    });
  };
  const reset = () => {
    setPlan(null);
    submission.clear();
  };
  return (
    <div class="import">
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(props.preview, false);
        }}
      >
        <label for={`${props.id}-file`}>{props.fileLabel}</label>
        <input
          id={`${props.id}-file`}
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            reset();
          }}
        />
        <label for={`${props.id}-effective`}>{props.effectiveLabel}</label>
        <DateInput
          id={`${props.id}-effective`}
          required
          max={today()}
          value={effective()}
          onChange={(day) => {
            setEffective(day);
            reset();
          }}
        />
        <button type="submit" disabled={busy()}>
          {t('import.preview')}
        </button>
      </form>
      <Show when={busy()}>
        <Loading />
      </Show>
      <SubmitOutcome of={submission} />
      <Show when={plan()}>
        {(p) => (
          <div class={p().applied ? 'box ok' : 'box'}>
            <h3 tabindex="-1" ref={heading}>
              {p().applied ? t('import.done') : t('import.previewTitle')}
            </h3>
            {props.plan(p().plan, p().applied)}
            <Show when={!p().applied}>
              {props.confirm?.(p().plan)}
              <ConfirmAction
                label={props.applyLabel}
                name={props.applyLabel}
                question={t('import.confirm', { date: formatDay(effective()) })}
                yes={props.applyLabel}
                no={t('confirm.no')}
                disabled={busy() || (props.canApply ? !props.canApply(p().plan) : false)}
                run={() => run(props.apply, true)}
              />
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
