import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { buildWeb } from '@sansang/cli/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; each test file works in its own table. */
export default async function setup(project: TestProject) {
  // Built once, before any test serves it, so browser tests never see a half-written dist/.
  const [ddb] = await Promise.all([startDynamoLocal({}), buildWeb()]);
  project.provide('ddbEndpoint', ddb.endpoint);
  return async () => ddb.stop();
}
