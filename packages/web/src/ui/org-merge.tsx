import { createSignal, For, Show } from 'solid-js';
import { Person } from '@sansang/core/schema';
import { levels, org, unitKinds, type MergePlan, type MergeRequest, type OrgView, type Unit } from '../data/org.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { ActionForm } from './action-form.tsx';
import { FormError } from './error-box.tsx';
import { newUnit, text, usualKind } from './org-unit-fields.ts';
import { UndoMerge } from './org-undo.tsx';

/** Units whose name or code holds what was typed, accents and đ optional (the roster search's fold). */
function createUnitFilter() {
  const [typed, setTyped] = createSignal('');
  const matches = (u: Pick<Unit, 'name' | 'code'>) => Person.foldVietnamese(`${u.name} ${u.code}`).includes(Person.foldVietnamese(typed()));
  return { typed, setTyped, matches };
}

const shownIf = (shown: boolean) => (shown ? {} : { display: 'none' });

/** A filter box over a list of ~80 units, saying how many it shows. */
function FilterBox(props: { id: string; label: string; filter: ReturnType<typeof createUnitFilter>; shown: number; total: number }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} type="search" autocomplete="off" value={props.filter.typed()} onInput={(e) => props.filter.setTyped(e.currentTarget.value)} />
      <p class="muted" aria-live="polite">
        {to('merge.shown', { shown: formatNumber(props.shown), total: formatNumber(props.total) })}
      </p>
    </>
  );
}

/** Who moves where, unit by unit, as the server worked it out without changing anything. */
function MergePreview(props: { plan: MergePlan }) {
  const into = () => (props.plan.into.exists ? props.plan.into.name : to('merge.newInto', { name: props.plan.into.name }));
  return (
    <section class="box merge-preview" aria-labelledby="merge-preview-title">
      <h3 id="merge-preview-title">{to('merge.preview')}</h3>
      <For each={props.plan.sources}>
        {(s) => (
          <div>
            <p>
              <strong>
                {to('merge.previewSource', {
                  name: `${s.name} (${s.code})`,
                  into: into(),
                  people: formatNumber(s.people),
                  units: formatNumber(s.units.length),
                })}
              </strong>
            </p>
            <Show when={s.units.length > 0}>
              <p>{to('merge.previewUnits', { names: s.units.map((u) => u.name).join(', ') })}</p>
            </Show>
            <p>
              {s.people === 0
                ? to('merge.previewNobody')
                : to('merge.previewPeople', {
                    names: [...s.names, ...(s.people > s.names.length ? [to('merge.previewMore', { n: formatNumber(s.people - s.names.length) })] : [])].join(
                      ', ',
                    ),
                  })}
            </p>
          </div>
        )}
      </For>
    </section>
  );
}

/**
 * Merging units below this one: searchable lists of what is merged and where into, a preview
 * of who moves before the question, a date after today to schedule it, and an undo while
 * its window is open.
 */
export function MergeForm(props: { view: OrgView; onChanged: () => void }) {
  const v = () => props.view;
  const [into, setInto] = createSignal('new');
  const [plan, setPlan] = createSignal<MergePlan | null>(null);
  const [last, setLast] = createSignal<{ mergeId: string; into: string; until: string } | null>(null);
  const sourceFilter = createUnitFilter();
  const intoFilter = createUnitFilter();
  const nameOf = (id: string) => v().children.find((c) => c.id === id)?.name ?? id;

  /** The request the form describes; a unit ticked both to merge and to receive is named, never dropped. */
  const request = (form: FormData, effective: string): MergeRequest => {
    const target = into();
    const sourceIds = form.getAll('source').map(String);
    if (sourceIds.length === 0) throw new FormError(to('merge.noneTicked'));
    if (sourceIds.includes(target)) throw new FormError(t('error.org.merge_cycle'));
    return { sourceIds, into: target === 'new' ? newUnit(form, v().unit.id, 'into-') : { unitId: target }, effective };
  };
  const intoName = (form: FormData) => (into() === 'new' ? text(form, 'into-name') : nameOf(into()));

  return (
    <ActionForm
      id="merge"
      title={to('merge.title')}
      submitLabel={to('merge.submit')}
      confirmYes={to('merge.confirmYes')}
      latest={null}
      preview={<Show when={plan()}>{(p) => <MergePreview plan={p()} />}</Show>}
      confirm={async (form, effective) => {
        const input = request(form, effective);
        setPlan(null);
        setPlan(await org.previewMerge(input));
        const names = input.sourceIds.map(nameOf);
        return to('merge.confirm', { n: names.length, names: names.join(', '), into: intoName(form), date: formatDay(effective) });
      }}
      action={async (form, effective) => {
        const input = request(form, effective);
        setLast(null);
        const result = await org.merge(input);
        props.onChanged();
        if ('scheduled' in result) return to('merge.scheduled', { n: input.sourceIds.length, name: intoName(form), date: formatDay(effective) });
        const { merged } = result;
        setLast({ mergeId: merged.mergeId, into: merged.into.name, until: merged.undoUntil });
        return to('merge.done', { n: input.sourceIds.length, name: merged.into.name, people: merged.people });
      }}
      outcome={<Show when={last()}>{(m) => <UndoMerge mergeId={m().mergeId} into={m().into} until={m().until} onUndone={props.onChanged} />}</Show>}
    >
      <fieldset>
        <legend>{to('merge.sources')}</legend>
        <FilterBox
          id="merge-filter-sources"
          label={to('merge.filterSources')}
          filter={sourceFilter}
          shown={v().children.filter(sourceFilter.matches).length}
          total={v().children.length}
        />
        <For each={v().children}>
          {(c) => (
            // Hidden, not removed: a ticked unit filtered out of sight is still sent. (`.option` sets a display, which the hidden attribute would lose to.)
            <label class="option" style={shownIf(sourceFilter.matches(c))}>
              <input type="checkbox" name="source" value={c.id} />{' '}
              <span>
                {c.name} ({c.code})
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <fieldset>
        <legend>{to('merge.into')}</legend>
        <FilterBox
          id="merge-filter-into"
          label={to('merge.filterInto')}
          filter={intoFilter}
          shown={v().children.filter(intoFilter.matches).length}
          total={v().children.length}
        />
        <label class="option">
          <input type="radio" name="into" value="new" checked={into() === 'new'} onChange={() => setInto('new')} /> <span>{to('merge.intoNew')}</span>
        </label>
        <For each={v().children}>
          {(c) => (
            <label class="option" style={shownIf(intoFilter.matches(c) || into() === c.id)}>
              <input type="radio" name="into" value={c.id} checked={into() === c.id} onChange={() => setInto(c.id)} />{' '}
              <span>
                {c.name} ({c.code})
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={into() === 'new'}>
        <fieldset>
          <legend>{to('merge.newUnit')}</legend>
          <div class="stack">
            <label for="into-code">{to('field.code')}</label>
            <input id="into-code" name="into-code" type="text" required autocomplete="off" />
            <label for="into-name">{to('field.name')}</label>
            <input id="into-name" name="into-name" type="text" required autocomplete="off" />
            <label for="into-kind">{to('field.kind')}</label>
            <select id="into-kind" name="into-kind" required>
              <For each={unitKinds}>
                {(k) => (
                  <option value={k} selected={k === usualKind(v())}>
                    {t(`kind.${k}` as Key)}
                  </option>
                )}
              </For>
            </select>
            <label for="into-level">{to('field.level')}</label>
            <select id="into-level" name="into-level">
              <option value="">{to('level.automatic')}</option>
              <For each={levels}>{(l) => <option value={l}>{t(`level.${l}` as Key)}</option>}</For>
            </select>
          </div>
        </fieldset>
      </Show>
      <p class="muted">{to('merge.futureNote')}</p>
    </ActionForm>
  );
}
