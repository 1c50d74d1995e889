import { For, Show } from 'solid-js';
import { ApiError } from '../data/api.ts';
import { errorMessage } from '../i18n/index.ts';

/** A problem the page finds itself before asking the server, already in the reader's language. */
export class FormError extends Error {}

/**
 * An API error as a translated sentence, followed by the server's own words when they say
 * more: which unit, which row and column of a file, which field. Those are in Vietnamese
 * whatever the interface language, and marked so for screen readers.
 */
export function ErrorBox(props: { error: unknown }) {
  const lines = () => {
    const err = props.error;
    if (!(err instanceof ApiError) || err.status < 400 || err.status >= 500 || !err.message || err.message === errorMessage(err)) return [];
    return err.message.split('\n').filter((l) => l.trim() !== '');
  };
  return (
    <div role="alert" class="box warn">
      <p class="error">{props.error instanceof FormError ? props.error.message : errorMessage(props.error)}</p>
      <Show when={lines().length > 0}>
        <Show when={lines().length > 1} fallback={<p lang="vi">{lines()[0]}</p>}>
          <ul lang="vi" class="problems">
            <For each={lines()}>{(line) => <li>{line}</li>}</For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
