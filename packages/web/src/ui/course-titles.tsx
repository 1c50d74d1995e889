import { For } from 'solid-js';

/** The courses a certificate stands for, by their titles, one a line. */
export function CourseTitles(props: { slugs: string[]; title: (slug: string) => string }) {
  return (
    <ul class="plain">
      <For each={props.slugs}>{(slug) => <li>{props.title(slug)}</li>}</For>
    </ul>
  );
}
