import { Match, Switch, type ParentProps } from 'solid-js';
import { Navigate } from '@solidjs/router';
import { me } from '../data/session.ts';
import { Loading } from './async.tsx';

/** Shows its children to a signed-in person; sends anyone else to the sign-in page. */
export function SignedIn(props: ParentProps) {
  return (
    <Switch fallback={<Loading />}>
      <Match when={me.state === 'ready' && me() === null}>
        <Navigate href="/dang-nhap" />
      </Match>
      <Match when={me()}>{props.children}</Match>
    </Switch>
  );
}
