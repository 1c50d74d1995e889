import * as v from 'valibot';

/**
 * Who does an operation: the signed-in account (`Account.Actor` fits) or the operator at a
 * terminal (the CLI's name for them). An operation that changes something or lets a file
 * out records this actor in the audit log itself; its callers do not.
 */
export const Actor = v.object({
  email: v.pipe(v.string(), v.minLength(1)),
  /** The person the signed-in account is: nobody approves a record about themself. Absent at a terminal. */
  personId: v.optional(v.string()),
});
export type Actor = v.InferOutput<typeof Actor>;
