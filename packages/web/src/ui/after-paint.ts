import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';

/**
 * How many of a page's `stages` may be on screen: the first at once, each next one after the
 * browser has painted the one before. A page that renders in one long task keeps a slow PC
 * from answering a tap until it is all done; in stages, the figures an officer came for are
 * painted first and the page answers between stages. Only for what sits below the first
 * stage, so that nothing already painted moves down.
 */
export function afterPaint(stages: number): Accessor<number> {
  const [shown, setShown] = createSignal(1);
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A frame callback runs just before a paint; a timer set from it runs just after.
  const next = () => {
    frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        setShown((n) => n + 1);
        if (shown() < stages) next();
      }, 0);
    });
  };
  onMount(() => {
    if (stages > 1) next();
  });
  onCleanup(() => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  });
  return shown;
}
