import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../packages/cli/src/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; each test file works in its own table. */
export default async function setup(project: TestProject) {
  const ddb = await startDynamoLocal({});
  project.provide('ddbEndpoint', ddb.endpoint);
  return async () => ddb.stop();
}
