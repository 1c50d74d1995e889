import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { configureDb, ensureTable } from '@sansang/core/testing';
import { table } from '../../infra/spec.ts';

/** Points core at a fresh table of the shared DynamoDB Local, made from infra/spec.ts. */
export async function useFreshTable(): Promise<string> {
  const name = `t-${randomUUID().slice(0, 8)}`;
  configureDb({ endpoint: inject('ddbEndpoint'), tableName: name });
  await ensureTable(name, table);
  return name;
}
