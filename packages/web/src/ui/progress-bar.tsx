import { t } from '../i18n/index.ts';

/** A native <progress>: screen readers announce it without extra ARIA. */
export function ProgressBar(props: { value: number; max: number; label?: string }) {
  return (
    <progress class="bar" value={props.value} max={Math.max(props.max, 1)} aria-label={props.label ?? t('courses.progress')}>
      {Math.round((props.value / Math.max(props.max, 1)) * 100)}%
    </progress>
  );
}
