/**
 * The production face of core: the domain namespaces and what the API and CLI call. Pure
 * schemas are in `./schema.ts`, database administration in `./admin.ts`, test support in
 * `./testing.ts`, each its own package entry.
 */
export { VisibleError } from './error.ts';
export { errorCodes, errorKinds, type ErrorCode, type ErrorKind } from './error-codes.ts';
export { vnDay } from './vn-day.ts';
export { fn, describeIssues } from './fn.ts';
export { Account } from './account/index.ts';
export { Attempt } from './attempt/index.ts';
export { Certificate } from './certificate/index.ts';
export { Audit } from './audit/index.ts';
export { Course } from './course/index.ts';
export { Org } from './org/index.ts';
export { Person } from './person/index.ts';
export { Progress } from './progress/index.ts';
export { Quiz } from './quiz/index.ts';
export { Readiness } from './readiness/index.ts';
export { Report } from './report/index.ts';
export { Requirement } from './requirement/index.ts';
export { Exemption } from './exemption/index.ts';
export { Credit } from './credit/index.ts';
export { Target } from './target/index.ts';
export { Reminder } from './reminder/index.ts';
export { Digest } from './digest/index.ts';
export { Tenant } from './tenant/index.ts';
export { encodePng } from './tenant/png.ts';
export { Mail } from './mail/index.ts';
export { databaseAnswers } from './db/health.ts';
export { ImportError, describeProblem, type ImportRow, type RowProblem } from './import-rows.ts';
export { readImportFile } from './import-file.ts';
export { importUnits, exportUnits, treeColumns, type TreePlan } from './org/import.ts';
export {
  createUnit,
  updateUnit,
  moveUnit,
  dissolveUnit,
  history as unitHistory,
  unitIdFor,
  Effective as EffectiveDate,
  type UnitEvent,
} from './org/reorganise.ts';
export { mergeUnits, planMerge, undoMerge, undoableMerges, getMergeRecord, UNDO_HOURS, PREVIEW_NAMES, type MergePlan } from './org/merge.ts';
export { scheduleMerge, cancelScheduled, pendingChanges, getPendingChangeById, runDueChanges, FutureEffective } from './org/scheduled.ts';
export type { MergeRecord, PendingChange } from './org/change-schema.ts';
export { importRoster, personIdFor, type RosterPlan } from './person/import.ts';
export { search as searchPeople, foldVietnamese } from './person/search.ts';
export { rosterTemplateColumns, rosterTemplateCsv } from './person/roster-template.ts';
export type * from './report/model.ts';
