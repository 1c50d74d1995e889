import * as v from 'valibot';

/** Question id → the answer: chosen option ids, `true`/`false`, typed text, ordered ids or `left=right` pairs. */
export const Answer = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50));
export const Answers = v.record(v.pipe(v.string(), v.maxLength(100)), Answer);
export type Answers = v.InferOutput<typeof Answers>;

/** How a typed number answer reads ("1.234,5", "1,5"): the checker and the grader must agree. */
export { parseNumber as readNumber } from './answer.ts';
