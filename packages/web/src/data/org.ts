/** Typed client for the admin side: the org tree with its history, roster imports, targets. */
import { request } from './api.ts';
import { query, type Category } from './readiness.ts';

export const unitKinds = ['ministry', 'province', 'agency', 'department', 'service-unit', 'district', 'commune', 'ward', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const levels = ['trung-uong', 'tinh', 'huyen', 'xa'] as const;
export type Level = (typeof levels)[number];
export const categories: Category[] = ['can-bo', 'cong-chuc', 'vien-chuc'];

export type Unit = {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  level: Level;
  parentId: string | null;
  ancestors: string[];
  status: 'active' | 'merged' | 'dissolved';
  until?: string;
  mergedInto?: string;
};
export type UnitEvent = {
  action: 'created' | 'renamed' | 'changed' | 'moved' | 'merged' | 'absorbed' | 'dissolved';
  effective: string;
  at: string;
  by: string;
  detail: Record<string, unknown>;
};
export type OrgView = { unit: Unit; ancestors: { id: string; name: string }[]; children: (Unit & { staff: number })[]; former: Unit[]; history: UnitEvent[] };
export type NewUnit = { code: string; name: string; kind: UnitKind; level?: Level; parentId: string };

export type TreeChange = { row: number; code: string; action: 'create' | 'rename' | 'change' | 'move' | 'unchanged'; detail: string };
export type TreePlan = { created: number; updated: number; moved: number; unchanged: number; changes: TreeChange[] };

export type RosterAction = 'create' | 'update' | 'move' | 'leave' | 'return' | 'unchanged';
export const rosterActions: RosterAction[] = ['create', 'update', 'move', 'leave', 'return', 'unchanged'];
export type RowProblem = { row: number; column: string; message: string };
export type RosterPlan = {
  rows: number;
  counts: Record<RosterAction, number>;
  problems: RowProblem[];
  invalidRows: number;
  changes: { row: number; employeeCode: string; fullName: string; action: RosterAction; detail: string }[];
  applied: boolean;
  truncated: boolean;
};
export type Person = { id: string; employeeCode: string; fullName: string; category: Category; position: string; status: 'active' | 'left' };

export type Target = {
  id: string;
  title: string;
  programme: string[];
  categories: Category[];
  levels?: Level[];
  unitKinds?: UnitKind[];
  percent: number;
  deadline: string;
};

export const org = {
  view: (unit?: string) => request<OrgView>('GET', `/org${query({ unit })}`),
  create: (input: NewUnit & { effective: string }) => request<{ unit: Unit }>('POST', '/org/units', input),
  update: (id: string, input: { name?: string; code?: string; kind?: UnitKind; level?: Level; effective: string }) =>
    request<{ unit: Unit }>('POST', `/org/units/${encodeURIComponent(id)}/update`, input),
  move: (id: string, parentId: string, effective: string) =>
    request<{ unit: Unit }>('POST', `/org/units/${encodeURIComponent(id)}/move`, { parentId, effective }),
  merge: (sourceIds: string[], into: { unitId: string } | NewUnit, effective: string) =>
    request<{ into: Unit; people: number; units: number }>('POST', '/org/merge', { sourceIds, into, effective }),
  dissolve: (id: string, effective: string) => request<{ unit: Unit }>('POST', `/org/units/${encodeURIComponent(id)}/dissolve`, { effective }),
  import: (unit: string, file: File, options: { dryRun: boolean; effective: string }) =>
    request<{ plan: TreePlan; applied: boolean }>(
      'POST',
      `/org/import${query({ unit, dryRun: options.dryRun ? '1' : undefined, effective: options.effective })}`,
      undefined,
      { file },
    ),
  exportUrl: (unit: string, ext: 'csv' | 'xlsx') => `/api/org/export.${ext}${query({ unit })}`,
};

export const roster = {
  people: (unit?: string) => request<{ unit: { id: string; name: string }; people: Person[] }>('GET', `/roster/people${query({ unit })}`),
  import: (unit: string, file: File, options: { dryRun: boolean; acceptValid: boolean; effective: string }) =>
    request<{ plan: RosterPlan }>(
      'POST',
      `/roster/import${query({
        unit,
        dryRun: options.dryRun ? '1' : undefined,
        acceptValid: options.acceptValid ? '1' : undefined,
        effective: options.effective,
      })}`,
      undefined,
      { file },
    ),
};

export const targets = {
  list: () => request<{ targets: Target[] }>('GET', '/targets'),
  save: (target: Target) => request<{ target: Target }>('POST', '/targets', target),
};
