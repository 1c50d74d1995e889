/**
 * Test support: fault injection, the resilience layer's counters, capacity metering and raw
 * table access for tests that corrupt or inspect stored items. For tests, benchmarks and
 * the load test only; a source-scan test (test/walls.test.ts) keeps production code off it.
 */
export * from './admin.ts';
export { resilienceCounters } from './db/resilience.ts';
export { injectFaults, type FaultPlan } from './db/faults.ts';
export { meterDynamo, type Usage } from './db/meter.ts';
export { db, tableName } from './db/client.ts';
export { keys } from './db/keys.ts';
export { queryList } from './db/query.ts';
export { resetObjectStores } from './objects/store.ts';
export { WINDOW_SECONDS as THROTTLE_WINDOW_SECONDS } from './account/throttle.ts';
export { fontFile } from './pdf-fonts.ts';
export { csvTable, xlsxTable } from './report/table-file.ts';
export type { ChildFigures, TargetFigures, UnitSummary } from './report/model.ts';
