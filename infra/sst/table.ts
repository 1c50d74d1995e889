/// <reference path="../../.sst/platform/config.d.ts" />
import { table } from '../spec.ts';

/** The single table from the spec: on-demand, PITR, TTL; protected and retained in prod. */
export function createTable(stage: string) {
  const prod = stage === 'prod';
  const fields = Object.fromEntries(
    [table.partitionKey, table.sortKey, ...table.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((f) => [f, 'string' as const]),
  );
  return new sst.aws.Dynamo('Table', {
    fields,
    primaryIndex: { hashKey: table.partitionKey, rangeKey: table.sortKey },
    globalIndexes: Object.fromEntries(table.globalIndexes.map((i) => [i.name, { hashKey: i.partitionKey, rangeKey: i.sortKey }])),
    ttl: table.ttlAttribute,
    deletionProtection: prod,
    transform: { table: { pointInTimeRecovery: { enabled: table.pointInTimeRecovery } } },
  });
}
