/** The admin side of the client: the org tree with its history, roster imports, targets. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, data, every, segment, upload } from './api.ts';
import type { Category } from './readiness.ts';

const c = client.api;
const unit = c.org.units[':id'];

export type OrgView = InferResponseType<typeof c.org.$get>;
export type Unit = OrgView['unit'];
export type UnitKind = Unit['kind'];
export type Level = Unit['level'];
export const unitKinds = every<UnitKind>()(['ministry', 'province', 'agency', 'department', 'service-unit', 'district', 'commune', 'ward', 'other']);
export const levels = every<Level>()(['trung-uong', 'tinh', 'huyen', 'xa']);
export const categories = every<Category>()(['can-bo', 'cong-chuc', 'vien-chuc']);
export type UnitEvent = OrgView['history'][number];
export type NewUnit = Omit<InferRequestType<typeof c.org.units.$post>['json'], 'effective'>;

export type PendingChange = OrgView['pending'][number];
export type MergeRequest = InferRequestType<typeof c.org.merge.$post>['json'];
type MergeAnswer = InferResponseType<typeof c.org.merge.$post>;
export type MergePlan = Extract<MergeAnswer, { plan: unknown }>['plan'];

export type TreePlan = InferResponseType<typeof c.org.import.$post>['plan'];
export type TreeChange = TreePlan['changes'][number];

export type RosterPlan = InferResponseType<typeof c.roster.import.$post>['plan'];
export type RosterAction = keyof RosterPlan['counts'];
export const rosterActions = every<RosterAction>()(['create', 'update', 'move', 'leave', 'return', 'exempt', 'unchanged']);
export type RowProblem = RosterPlan['problems'][number];
export type Person = InferResponseType<typeof c.roster.people.$get>['people'][number];
export type PersonEdit = InferRequestType<typeof c.roster.person.$post>['json'];
export type FoundPerson = InferResponseType<typeof c.roster.search.$get>['people'][number];

export type Target = InferResponseType<typeof c.targets.$get>['targets'][number];
/** A target as set: without where it comes from, which the server works out. */
export type TargetInput = InferRequestType<typeof c.targets.$post>['json'];

export const org = {
  view: (unit?: string) => data(c.org.$get({ query: { unit } })),
  create: (input: NewUnit & { effective: string }) => data(c.org.units.$post({ json: input })),
  update: (id: string, input: InferRequestType<(typeof unit)['update']['$post']>['json']) =>
    data(unit.update.$post({ param: { id: segment(id) }, json: input })),
  move: (id: string, parentId: string, effective: string) => data(unit.move.$post({ param: { id: segment(id) }, json: { parentId, effective } })),
  /** What a merge would move, changing nothing. */
  previewMerge: (input: MergeRequest) =>
    data(c.org.merge.$post({ query: { dryRun: '1' }, json: input })).then((r) => (r as Extract<MergeAnswer, { plan: unknown }>).plan),
  /** Merges now, or, dated after today, schedules the merge for that day. */
  merge: (input: MergeRequest) => data(c.org.merge.$post({ query: {}, json: input })) as Promise<Exclude<MergeAnswer, { plan: unknown }>>,
  undoMerge: (mergeId: string) => data(c.org.merges[':id'].undo.$post({ param: { id: segment(mergeId) } })),
  cancelScheduled: (id: string) => data(c.org.scheduled[':id'].cancel.$post({ param: { id: segment(id) } })),
  dissolve: (id: string, effective: string) => data(unit.dissolve.$post({ param: { id: segment(id) }, json: { effective } })),
  import: (unit: string, file: File, options: { dryRun: boolean; effective: string }) =>
    data(c.org.import.$post({ query: { unit, dryRun: options.dryRun ? '1' : undefined, effective: options.effective } }, upload(file))),
  exportUrl: (unit: string, ext: 'csv' | 'xlsx') => c.org[`export.${ext}`].$path({ query: { unit } }),
};

const tenant = c.tenants[':id'];
/** A province's or ministry's own name and logo (issue 20): its admins set them on the unit's page. */
export const tenants = {
  get: (id: string) => data(tenant.$get({ param: { id: segment(id) } })),
  setName: (id: string, name: string) => data(tenant.$post({ param: { id: segment(id) }, json: { name } })),
  setLogo: (id: string, file: File) => data(tenant.logo.$post({ param: { id: segment(id) } }, upload(file))),
  removeLogo: (id: string) => data(tenant.logo.remove.$post({ param: { id: segment(id) } })),
  remove: (id: string) => data(tenant.remove.$post({ param: { id: segment(id) } })),
};

export const roster = {
  people: (unit?: string) => data(c.roster.people.$get({ query: { unit } })),
  search: (unit: string | undefined, q: string) => data(c.roster.search.$get({ query: { unit, q } })),
  templateUrl: () => c.roster['template.csv'].$path(),
  /** Changes one listed person, as one row of the roster file would: a new unit is a move that keeps their history. */
  update: (unit: string, person: PersonEdit) => data(c.roster.person.$post({ query: { unit }, json: person })),
  import: (unit: string, file: File, options: { dryRun: boolean; acceptValid: boolean; effective: string }) =>
    data(
      c.roster.import.$post(
        {
          query: {
            unit,
            dryRun: options.dryRun ? '1' : undefined,
            acceptValid: options.acceptValid ? '1' : undefined,
            effective: options.effective,
          },
        },
        upload(file),
      ),
    ),
};

export const targets = {
  list: (unit?: string) => data(c.targets.$get({ query: { unit } })),
  save: (target: TargetInput) => data(c.targets.$post({ json: target })),
};
