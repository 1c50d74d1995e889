import { keys } from './keys.ts';
import { queryList } from './query.ts';

/**
 * A person's own records read in one query of their partition: every sort key from the first
 * completion to the last trained mark — completions, credits, exemptions, moves, the person,
 * progress, trained marks (not their attempts, which sort before). What decides what someone
 * owes, for a caller that needs several kinds at once; each domain reads its own kind from it.
 */
export type PersonFile = { of: (prefix: string) => Record<string, unknown>[] };

export async function readPersonFile(personId: string): Promise<PersonFile> {
  const items = await queryList<Record<string, unknown>>({
    pk: keys.personPartition(personId),
    skFrom: keys.completionPrefix,
    skUpTo: `${keys.trainedPrefix}\uffff`,
  });
  return { of: (prefix) => items.filter((item) => String(item.sk).startsWith(prefix)) };
}
