import { createSignal, For, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { levels, org, unitKinds, type Level, type OrgView, type UnitKind } from '../data/org.ts';
import { query } from '../data/readiness.ts';
import { t, type Key } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { ActionForm } from './action-form.tsx';
import { FormError } from './error-box.tsx';
import { MergeForm } from './org-merge.tsx';
import { newUnit, text, usualKind } from './org-unit-fields.ts';

/** Kind and level of a unit; the level can be left to follow the kind (a commune is cấp xã). */
function KindLevel(props: { id: string; kind?: UnitKind; level?: Level; automatic?: boolean }) {
  return (
    <>
      <label for={`${props.id}-kind`}>{to('field.kind')}</label>
      <select id={`${props.id}-kind`} name="kind" required>
        <For each={unitKinds}>
          {(k) => (
            <option value={k} selected={k === props.kind}>
              {t(`kind.${k}` as Key)}
            </option>
          )}
        </For>
      </select>
      <label for={`${props.id}-level`}>{to('field.level')}</label>
      <select id={`${props.id}-level`} name="level">
        <Show when={props.automatic}>
          <option value="">{to('level.automatic')}</option>
        </Show>
        <For each={levels}>
          {(l) => (
            <option value={l} selected={l === props.level}>
              {t(`level.${l}` as Key)}
            </option>
          )}
        </For>
      </select>
    </>
  );
}

function CodeName(props: { id: string; code?: string; name?: string }) {
  return (
    <>
      <label for={`${props.id}-code`}>{to('field.code')}</label>
      <input id={`${props.id}-code`} name="code" type="text" required value={props.code ?? ''} autocomplete="off" />
      <label for={`${props.id}-name`}>{to('field.name')}</label>
      <input id={`${props.id}-name`} name="name" type="text" required value={props.name ?? ''} autocomplete="off" />
    </>
  );
}

/**
 * Units a unit can be moved under, found without a search index: every unit above it and
 * every unit directly under those (its parent's other children, the province's agencies and
 * communes…), by code. Read once per unit, when the move form is first opened.
 */
function createMoveTargets(view: () => OrgView) {
  type Found = Map<string, { id: string; code: string; name: string }>;
  const [found, setFound] = createSignal<Found>(new Map());
  const loads = new Map<string, Promise<Found>>();
  const load = (): Promise<Found> => {
    const v = view();
    let pending = loads.get(v.unit.id);
    if (!pending) {
      pending = Promise.all(v.ancestors.map((a) => org.view(a.id))).then((views) => {
        const units: Found = new Map();
        for (const w of views)
          for (const u of [w.unit, ...w.children]) if (u.id !== v.unit.id) units.set(u.code.toLowerCase(), { id: u.id, code: u.code, name: u.name });
        return units;
      });
      pending.catch(() => loads.delete(v.unit.id));
      loads.set(v.unit.id, pending);
    }
    void pending.then(
      (units) => {
        if (view().unit.id === v.unit.id) setFound(units);
      },
      () => undefined,
    );
    return pending;
  };
  return { list: () => [...found().values()], load, find: async (code: string) => (await load()).get(code.toLowerCase()) };
}

/** The admin's changes to one unit of the tree, each with an effective date. */
export function OrgForms(props: { view: OrgView; onChanged: () => void }) {
  const navigate = useNavigate();
  const v = () => props.view;
  const moveTargets = createMoveTargets(v);
  const changed = (message: string) => {
    props.onChanged();
    return message;
  };
  return (
    <section aria-labelledby="org-changes">
      <h2 id="org-changes">{to('changes')}</h2>
      <ActionForm
        id="create"
        title={to('create.title')}
        submitLabel={to('create.submit')}
        action={async (form, effective) => {
          const { unit } = await org.create({ ...newUnit(form, v().unit.id), effective });
          return changed(to('create.done', { name: unit.name }));
        }}
      >
        <CodeName id="create" />
        <KindLevel id="create" kind={usualKind(v())} automatic />
      </ActionForm>

      <ActionForm
        id="update"
        title={to('update.title')}
        submitLabel={to('update.submit')}
        action={async (form, effective) => {
          const u = v().unit;
          const next = { name: text(form, 'name'), code: text(form, 'code'), kind: text(form, 'kind') as UnitKind, level: text(form, 'level') as Level };
          const change = {
            ...(next.name !== u.name ? { name: next.name } : {}),
            ...(next.code !== u.code ? { code: next.code } : {}),
            ...(next.kind !== u.kind ? { kind: next.kind } : {}),
            ...(next.level !== u.level ? { level: next.level } : {}),
          };
          if (Object.keys(change).length === 0) return to('update.nothing');
          const { unit } = await org.update(u.id, { ...change, effective });
          return changed(to('update.done', { name: unit.name }));
        }}
      >
        <CodeName id="update" code={v().unit.code} name={v().unit.name} />
        <KindLevel id="update" kind={v().unit.kind} level={v().unit.level} />
      </ActionForm>

      <Show when={v().unit.parentId}>
        <ActionForm
          id="move"
          title={to('move.title')}
          submitLabel={to('move.submit')}
          onToggle={(open) => {
            if (open) void moveTargets.load();
          }}
          action={async (form, effective) => {
            const code = text(form, 'parent');
            const parent = await moveTargets.find(code);
            if (!parent) throw new FormError(to('move.unknown', { code }));
            const { unit } = await org.move(v().unit.id, parent.id, effective);
            return changed(to('move.done', { name: unit.name, parent: parent.name }));
          }}
        >
          <p class="muted">{to('move.intro')}</p>
          <label for="move-parent">{to('move.parent')}</label>
          <input id="move-parent" name="parent" type="text" required list="move-parents" autocomplete="off" />
          <datalist id="move-parents">
            <For each={moveTargets.list()}>{(u) => <option value={u.code}>{u.name}</option>}</For>
          </datalist>
        </ActionForm>
      </Show>

      <Show when={v().children.length > 0}>
        <MergeForm view={v()} onChanged={props.onChanged} />
      </Show>

      <Show when={v().unit.parentId}>
        <ActionForm
          id="dissolve"
          title={to('dissolve.title')}
          submitLabel={to('dissolve.submit')}
          action={async (_form, effective) => {
            const { unit } = await org.dissolve(v().unit.id, effective);
            navigate(`/to-chuc${query({ unit: unit.parentId ?? undefined })}`);
            return changed(to('dissolve.done', { name: unit.name }));
          }}
        >
          <p class="muted">{to('dissolve.intro')}</p>
          <label class="option">
            <input type="checkbox" name="confirm" required /> <span>{to('dissolve.confirm', { name: v().unit.name })}</span>
          </label>
        </ActionForm>
      </Show>
    </section>
  );
}
