import { createResource, Show } from 'solid-js';
import { digest } from '../data/digest.ts';
import { formatDay } from '../i18n/index.ts';
import { tr } from '../i18n/reminders.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';

/** HR names the head of a unit (by employee code) who receives its weekly digest, or removes them. */
export function UnitHead(props: { unit: { id: string; name: string } }) {
  const [head, { mutate }] = createResource(
    () => props.unit.id,
    (id) => digest.head(id).then((h) => h.head),
  );
  const submission = useSubmit();
  const save = submission.onSubmit(async (form) => {
    const code = String(new FormData(form).get('employeeCode') ?? '').trim();
    const named = (await digest.nameHead(props.unit.id, code)).head;
    mutate(named);
    form.reset();
    return tr('head.saved', { name: named?.fullName ?? code, unit: props.unit.name });
  });
  const clear = () =>
    submission.run(async () => {
      mutate((await digest.nameHead(props.unit.id, null)).head);
      return tr('head.cleared', { unit: props.unit.name });
    });
  return (
    <section aria-labelledby="unit-head">
      <h2 id="unit-head">{tr('head.title')}</h2>
      <p>{tr('head.intro', { unit: props.unit.name })}</p>
      <Show when={head()} fallback={<p>{tr('head.none')}</p>}>
        {(h) => (
          <p>
            {tr('head.current', { name: h().fullName, code: h().employeeCode, by: h().by, date: formatDay(h().at.slice(0, 10)) })}{' '}
            <button type="button" class="secondary small" disabled={submission.busy()} onClick={() => void clear()}>
              {tr('head.clear')}
            </button>
          </p>
        )}
      </Show>
      <form onSubmit={save}>
        <label for="head-code">{tr('head.code')}</label>
        <input id="head-code" name="employeeCode" required maxLength={64} autocomplete="off" />
        <button type="submit" disabled={submission.busy()}>
          {tr('head.save')}
        </button>
        <SubmitOutcome of={submission} />
      </form>
    </section>
  );
}
