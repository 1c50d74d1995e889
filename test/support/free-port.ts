/** For package tests that need a port: the CLI's own helper, reached by name through the shared test support. */
export { freePort } from '@sansang/cli/dynamodb-local';
