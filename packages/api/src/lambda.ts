import { handle } from 'hono/aws-lambda';
import { app } from './app.ts';

/** The same app the local server runs, behind API Gateway's HTTP API. */
export const handler = handle(app);
