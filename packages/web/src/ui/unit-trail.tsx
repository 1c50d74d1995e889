import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { OrgView } from '../data/org.ts';
import { to } from '../i18n/org.ts';

/**
 * The units above this one, each a link to `href(id)` only when the server says the officer
 * may open it: a unit above their grant is named, as where they stand, never offered.
 */
export function UnitTrail(props: { view: OrgView; href: (unit: string) => string }) {
  return (
    <nav aria-label={to('breadcrumb')} class="breadcrumb">
      <ol>
        <For each={props.view.ancestors}>
          {(a) => (
            <li>
              <Show when={a.inScope} fallback={<span>{a.name}</span>}>
                <A href={props.href(a.id)}>{a.name}</A>
              </Show>
            </li>
          )}
        </For>
        <li aria-current="page">{props.view.unit.name}</li>
      </ol>
    </nav>
  );
}
