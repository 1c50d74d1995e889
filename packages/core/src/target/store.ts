import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import type { Info } from './schema.ts';

/** The target's own fields: what is stored, and all that is read back (never the table's keys). */
const fields = ({ id, unitId, title, programme, categories, levels, unitKinds, percent, deadline, graceDays, validity, renewalDays }: Info): Info => ({
  id,
  ...(unitId ? { unitId } : {}),
  title,
  programme,
  categories,
  ...(levels ? { levels } : {}),
  ...(unitKinds ? { unitKinds } : {}),
  percent,
  deadline,
  ...(graceDays === undefined ? {} : { graceDays }),
  ...(validity ? { validity } : {}),
  ...(renewalDays === undefined ? {} : { renewalDays }),
});

export async function putTarget(target: Info): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.target(target.id), type: 'target', ...fields(target) } }));
}

export async function listTargets(): Promise<Info[]> {
  return (await queryList<Info>({ pk: keys.targets })).map(fields);
}
