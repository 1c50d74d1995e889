import { Match, Switch, type ParentProps } from 'solid-js';
import { Navigate, useLocation } from '@solidjs/router';
import { signInHref } from '../data/return-path.ts';
import { me } from '../data/session.ts';
import { Loading } from './async.tsx';

/** Shows its children to a signed-in person; sends anyone else to sign in and then back here. */
export function SignedIn(props: ParentProps) {
  const location = useLocation();
  return (
    <Switch fallback={<Loading />}>
      <Match when={me.state === 'ready' && me() === null}>
        <Navigate href={signInHref(`${location.pathname}${location.search}`)} />
      </Match>
      <Match when={me()}>{props.children}</Match>
    </Switch>
  );
}
