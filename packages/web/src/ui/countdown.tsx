import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../i18n/index.ts';

/**
 * Time left before the server's deadline, corrected for the PC's clock being off: the
 * server's time at load gives the offset. Screen readers hear it at 5 and 1 minute left,
 * not every second.
 */
export function Countdown(props: { deadline: string; serverNow: string; onEnd: () => void }) {
  const offset = Date.parse(props.serverNow) - Date.now();
  const left = () => Math.max(0, Date.parse(props.deadline) - (Date.now() + offset));
  const [ms, setMs] = createSignal(left());
  const [announce, setAnnounce] = createSignal('');
  let ended = false;
  const timer = setInterval(() => {
    const now = left();
    setMs(now);
    const minutes = Math.ceil(now / 60_000);
    if ((minutes === 5 || minutes === 1) && now % 60_000 > 59_000) setAnnounce(t('quiz.minutesLeft', { n: minutes }));
    if (now === 0 && !ended) {
      ended = true;
      props.onEnd();
    }
  }, 1000);
  onCleanup(() => clearInterval(timer));
  const text = () => {
    const s = Math.ceil(ms() / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  return (
    <div class={`timer ${ms() < 60_000 ? 'warn' : ''}`}>
      <span>{t('quiz.timeLeft')}: </span>
      <strong role="timer" aria-live="off">
        {text()}
      </strong>
      <span class="sr-only" aria-live="polite">
        {announce()}
      </span>
      <Show when={ms() === 0}>
        <span> — {t('quiz.timeUp')}</span>
      </Show>
    </div>
  );
}
