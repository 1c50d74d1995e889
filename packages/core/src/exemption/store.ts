import * as v from 'valibot';
import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys, type Key } from '../db/keys.ts';
import { personRecords, touchPerson } from '../db/person-record.ts';
import { queryAll } from '../db/query.ts';
import { personAt } from '../person/store.ts';
import { dueDays, Info } from './schema.ts';

export { personAt };

/** Exemptions, listed under their person's unit by start date. */
const exemptions = personRecords<Info>({
  key: keys.exemption,
  prefix: keys.exemptionPrefix,
  unitIndex: (e) => keys.exemptionIndex(e.unitId, e.from, e.id),
  unitList: keys.exemptionsOf,
  type: 'exemption',
  // The schema keeps its own fields and drops the keys and index attributes.
  read: (item) => v.parse(Info, item),
});

export const personExemptions = exemptions.ofPerson;
export const getExemption = exemptions.get;
/** The exemptions of the people of one unit (its own, not its subtree's), by start date. */
export const unitExemptions = exemptions.ofUnit;

/** The marks telling the daily job which days to look at an exemption. */
const dueMarks = (e: Info) => dueDays(e).map((day) => ({ ...keys.exemptionDue(day, e.id), type: 'exemption-due', id: e.id }));
const dueItems = (e: Info) => dueMarks(e).map((Item) => ({ Put: { TableName: tableName(), Item } }));

/** Writes a new exemption with the days the daily job must look at it. False: the person changed meanwhile. */
export const putExemption = (e: Info, ancestors: string[], rev: number) => exemptions.put(e, ancestors, rev, dueMarks(e));

/** Marks an exemption ended early, once. False: it was ended already, or the person changed meanwhile. */
export function endExemption(ended: Info, rev: number): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.exemption(ended.personId, ended.id),
              UpdateExpression: 'SET endedOn = :on, endedBy = :by',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(endedOn) OR attribute_type(endedOn, :null))',
              ExpressionAttributeValues: { ':on': ended.endedOn, ':by': ended.endedBy, ':null': 'NULL' },
            },
          },
          ...dueItems(ended),
          touchPerson(ended.personId, ended.unitId, rev),
        ],
      }),
    ),
  );
}

/** The due marks up to and including `day`: what the daily job has left to do, oldest first. */
export async function* dueUpTo(day: string): AsyncGenerator<{ key: Key; exemptionId: string }> {
  for await (const item of queryAll({ pk: keys.exemptionDuePartition, skUpTo: `${day}#\uffff` }))
    yield { key: { pk: String(item.pk), sk: String(item.sk) }, exemptionId: String(item.id) };
}

export async function deleteDue(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
}
