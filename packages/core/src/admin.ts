/**
 * Database administration for operators and the local stack (`sansang start`, `seed`):
 * point core at a table, create it, bulk-load raw items. Never on a request path, so it
 * stays out of the production barrel.
 */
export { configureDb } from './db/client.ts';
export { ensureTable, isTableEmpty, type TableDefinition } from './db/table-admin.ts';
export { putMany } from './db/batch.ts';
