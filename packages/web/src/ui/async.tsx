import { Match, Switch, type JSX, type Resource } from 'solid-js';
import { errorMessage, t } from '../i18n/index.ts';

/**
 * "Loading…", shown only once the wait is long enough to notice (styles.css): on a quick
 * answer nothing flashes, and nothing painted is pushed down when the header fills in.
 */
export const Loading = () => (
  <p role="status" class="loading">
    {t('app.loading')}
  </p>
);

/** Loading, error (translated by code, or as `error` shows it) or content for one resource. */
export function Async<T>(props: { of: Resource<T>; children: (value: T) => JSX.Element; error?: (err: unknown) => JSX.Element }) {
  return (
    <Switch>
      <Match when={props.of.error}>
        {props.error ? (
          props.error(props.of.error)
        ) : (
          <p role="alert" class="error">
            {errorMessage(props.of.error)}
          </p>
        )}
      </Match>
      <Match when={props.of.loading && props.of.latest === undefined}>
        <Loading />
      </Match>
      <Match when={props.of.latest !== undefined}>{props.children(props.of.latest as T)}</Match>
    </Switch>
  );
}

/**
 * Like Async, but the content stays mounted while the resource reloads and reads its newest
 * value: forms and messages inside keep their state after the change they made is reloaded.
 */
export function Loaded<T>(props: { of: Resource<T>; children: (value: () => T) => JSX.Element }) {
  return (
    <Switch>
      <Match when={props.of.error}>
        <p role="alert" class="error">
          {errorMessage(props.of.error)}
        </p>
      </Match>
      <Match when={props.of.latest === undefined}>
        <Loading />
      </Match>
      <Match when={true}>{props.children(() => props.of.latest as T)}</Match>
    </Switch>
  );
}
