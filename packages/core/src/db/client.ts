import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addResilience } from './resilience.ts';

/**
 * One document client per process. Locally DYNAMODB_ENDPOINT points at DynamoDB Local; on
 * Lambda it is unset and the SDK uses the function's role and region.
 */
let client: DynamoDBDocumentClient | undefined;
let baseClient: DynamoDBClient | undefined;

/**
 * What else a new client gets, in order, after its retries: empty in production; test
 * support (faults.ts) adds its fault injection here, so a client made after a table switch
 * gets it too.
 */
const extensions: ((base: DynamoDBClient) => void)[] = [];
export function extendClients(extend: (base: DynamoDBClient) => void): void {
  extensions.push(extend);
  if (baseClient) extend(baseClient);
}

export function db(): DynamoDBDocumentClient {
  if (client) return client;
  const base = new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    // Retries are ours (resilience.ts): one bounded budget, and no slow SDK retries of a dead endpoint.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000 },
    ...(process.env.DYNAMODB_ENDPOINT ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  addResilience(base);
  for (const extend of extensions) extend(base);
  baseClient = base;
  client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  return client;
}

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}

/** Lets tests and the local stack point core at another endpoint or table. */
export function configureDb(options: { endpoint?: string; tableName?: string }): void {
  if (options.endpoint !== undefined) process.env.DYNAMODB_ENDPOINT = options.endpoint;
  if (options.tableName !== undefined) process.env.TABLE_NAME = options.tableName;
  client?.destroy();
  client = undefined;
  baseClient = undefined;
}
