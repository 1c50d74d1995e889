// The baseline for the Lambda benchmark: the least an API on this stack can be — Hono,
// its Lambda adapter and the DynamoDB document client answering one read.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    ...(process.env.DYNAMODB_ENDPOINT ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  }),
);
const app = new Hono();
app.get('/api/health', async (c) => {
  await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'CATALOGUE', sk: 'COURSE#health' } }));
  return c.json({ status: 'ok' });
});
export const handler = handle(app);
