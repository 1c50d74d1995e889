/**
 * The pure face of core: valibot schemas, their types and the rules that need no database.
 * Importing it loads no AWS SDK, so content, build tools and the browser may use it.
 */
export * as Audit from './audit/schema.ts';
export * as Course from './course/schema.ts';
export * as Credit from './credit/schema.ts';
export * as Exemption from './exemption/schema.ts';
export * as Org from './org/schema.ts';
export * as Person from './person/schema.ts';
export * as Quiz from './quiz/schema.ts';
export * as Requirement from './requirement/schema.ts';
export * as Target from './target/schema.ts';
export { errorCodes, errorKinds, type ErrorCode, type ErrorKind } from './error-codes.ts';
