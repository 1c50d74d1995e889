import type { Level, NewUnit, OrgView, UnitKind } from '../data/org.ts';

/** A form field's text, trimmed ('' when absent). */
export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The new unit a form describes (its fields named with `prefix`), placed under `parentId`. */
export const newUnit = (form: FormData, parentId: string, prefix = ''): NewUnit => {
  const level = text(form, `${prefix}level`) as Level | '';
  return {
    code: text(form, `${prefix}code`),
    name: text(form, `${prefix}name`),
    kind: text(form, `${prefix}kind`) as UnitKind,
    ...(level ? { level } : {}),
    parentId,
  };
};

/** A new child is most likely of the kind most of its siblings are. */
export function usualKind(view: OrgView): UnitKind {
  const counts = new Map<UnitKind, number>();
  for (const c of view.children) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'department';
}
