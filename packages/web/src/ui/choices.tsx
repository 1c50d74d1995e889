import { For } from 'solid-js';

/** A group of checkboxes whose ticked values the form reads back under one name (`form.getAll(name)`). */
export function Choices(props: { name: string; legend: string; options: { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      <For each={props.options}>
        {(o) => (
          <label class="option">
            <input type="checkbox" name={props.name} value={o.value} checked={props.checked.includes(o.value)} /> <span>{o.label}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
