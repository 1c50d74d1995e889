/// <reference path="../../.sst/platform/config.d.ts" />
import { reportsPrefix } from '../spec.ts';
import { functionArgs } from './function.ts';

/**
 * Archived reports: a private bucket and the function that writes them. Permissions are
 * given explicitly (not by `link`, which would grant every S3 action on the bucket).
 */
export function createReports(table: sst.aws.Dynamo, sessionSecrets: sst.Secret) {
  const bucket = new sst.aws.Bucket('ReportFiles');
  const objects = $interpolate`${bucket.arn}/${reportsPrefix}*`;
  const fn = new sst.aws.Function('Reports', functionArgs('reports', table, sessionSecrets, {
    environment: { REPORTS_BUCKET: bucket.name },
    permissions: [{ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [objects] }],
  }));
  return { bucket, fn, objects };
}
