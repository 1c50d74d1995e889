import { CreateTableCommand, DescribeTableCommand, ScanCommand, UpdateTimeToLiveCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { db } from './client.ts';

/** The shape of infra/spec.ts `table`, passed in so core stays free of infra. */
export type TableDefinition = {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  globalIndexes: readonly { name: string; partitionKey: string; sortKey: string }[];
};

/** Creates the table (for DynamoDB Local and tests) unless it exists. Returns true if created. */
export async function ensureTable(name: string, def: TableDefinition): Promise<boolean> {
  const client = db();
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return false;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  const attrs = new Set([def.partitionKey, def.sortKey, ...def.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: def.globalIndexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: name });
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } }));
  return true;
}

/** For the seed's "only into an empty table" rule; an operator action, never on a request path. */
export async function isTableEmpty(name: string): Promise<boolean> {
  const out = await db().send(new ScanCommand({ TableName: name, Limit: 1 }));
  return (out.Count ?? 0) === 0;
}
