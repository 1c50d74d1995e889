import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { objectStore } from '../objects/store.ts';

/**
 * Where generated reports are kept: a private S3 bucket when deployed (REPORTS_BUCKET), a
 * folder locally (REPORTS_DIR, `.data/reports` under `npm start`). Keys are `reports/...`.
 */
export const reportStore = objectStore({
  bucket: () => process.env.REPORTS_BUCKET,
  dir: () => process.env.REPORTS_DIR ?? join(tmpdir(), 'sansang-reports'),
});
