import * as v from 'valibot';
import { VisibleError } from './error.ts';

/** Describes where a valibot issue sits and what is wrong, in one line. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * A core operation: its input is validated against `schema` before `impl` runs, so every
 * entry point (API, CLI, jobs) gets the same checks and the same `request.invalid` error.
 */
export function fn<S extends v.GenericSchema, R>(schema: S, impl: (input: v.InferOutput<S>) => R) {
  // An async operation reports bad input as a rejected promise, like any other failure of it.
  const isAsync = impl.constructor.name === 'AsyncFunction';
  const run = (input: v.InferInput<S>): R => {
    const parsed = v.safeParse(schema, input);
    if (!parsed.success) {
      const err = new VisibleError('request.invalid', `Dữ liệu không hợp lệ — ${describeIssues(parsed.issues)}`);
      if (isAsync) return Promise.reject(err) as R;
      throw err;
    }
    return impl(parsed.output);
  };
  return Object.assign(run, { schema });
}
