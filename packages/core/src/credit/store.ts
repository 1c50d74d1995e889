import * as v from 'valibot';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { personRecords } from '../db/person-record.ts';
import { personAt } from '../person/store.ts';
import { Info } from './schema.ts';

export { personAt };

const credits = personRecords<Info>({
  key: keys.credit,
  prefix: keys.creditPrefix,
  unitIndex: (c) => keys.creditIndex(c.unitId, c.submittedAt, c.id),
  unitList: keys.creditsOf,
  type: 'credit',
  // The schema keeps its own fields and drops the keys and index attributes.
  read: (item) => v.parse(Info, item),
});

export const personCredits = credits.ofPerson;
export const getCredit = credits.get;
/** The credits of the people of one unit, oldest first. */
export const unitCredits = credits.ofUnit;
/** Writes a new credit, on condition its person is as read. False: they changed meanwhile. */
export const putCredit = (c: Info, ancestors: string[], rev: number) => credits.put(c, ancestors, rev);

/** Marks a pending credit approved, once. False: it was approved already (by this call's twin or another officer). */
export function approveCredit(c: Pick<Info, 'id' | 'personId'>, by: string, at: string): Promise<boolean> {
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.credit(c.personId, c.id),
        UpdateExpression: 'SET #state = :approved, approvedBy = :by, approvedAt = :at',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':approved': 'approved', ':pending': 'pending', ':by': by, ':at': at },
      }),
    ),
  );
}
