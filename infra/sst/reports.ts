/// <reference path="../../.sst/platform/config.d.ts" />
import { reportsPrefix } from '../spec.ts';
import { functionArgs } from './function.ts';

/**
 * Archived reports: a private bucket and the function that writes them, with the grants
 * its wiring in infra/spec.ts names (not `link`, which would grant every S3 action).
 */
export function createReports(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  const bucket = new sst.aws.Bucket('ReportFiles');
  const objects = $interpolate`${bucket.arn}/${reportsPrefix}*`;
  const fn = new sst.aws.Function('Reports', functionArgs('reports', { table, sessionSecrets, reports: { bucket, objects } }));
  return { bucket, fn, objects };
}
