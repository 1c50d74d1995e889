/**
 * Who does an operation: the signed-in account (`Account.Actor` fits) or the operator at a
 * terminal (the CLI's name for them). An operation that changes something or lets a file
 * out records this actor in the audit log itself; its callers do not.
 */
export type Actor = { email: string };
