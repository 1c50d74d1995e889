import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { conditionHeld } from './errors.ts';
import { keys, type Key } from './keys.ts';
import type { PersonFile } from './person-file.ts';
import { queryList } from './query.ts';

/**
 * The transaction item that bumps a person's revision on condition it is still `rev` and
 * they are still in `unitId`: a record written about them (an exemption, a credit) makes a
 * move or another write planned on what was read before it read again — a move would
 * otherwise leave the new record listed under the old unit.
 */
export const touchPerson = (personId: string, unitId: string, rev: number) => ({
  Update: {
    TableName: tableName(),
    Key: keys.person(personId),
    UpdateExpression: 'SET rev = :next',
    ConditionExpression: `unitId = :unit AND ${rev === 0 ? '(attribute_not_exists(rev) OR rev = :rev)' : 'rev = :rev'}`,
    ExpressionAttributeValues: { ':next': rev + 1, ':rev': rev, ':unit': unitId },
  },
});

/**
 * Records HR keeps about a person — exemptions, credits — in the person's partition with an
 * id `<personId>.<random>` (so the id alone finds them), listed under the person's unit in
 * the first index, with an empty `delta` so a move repoints them like the person's other
 * records. One shape, one store: each kind gives its keys and how to read an item back.
 */
export function personRecords<T extends { id: string; personId: string; unitId: string }>(kind: {
  key: (personId: string, id: string) => Key;
  prefix: string;
  /** Its place in the unit's list: gsi1 attributes. */
  unitIndex: (record: T) => { gsi1pk: string; gsi1sk: string };
  unitList: (unitId: string) => string;
  type: string;
  read: (item: Record<string, unknown>) => T;
}) {
  const personIdOf = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf('.')));
  return {
    item: (record: T, ancestors: string[]) => ({
      ...kind.key(record.personId, record.id),
      ...kind.unitIndex(record),
      type: kind.type,
      ...record,
      ancestors,
      delta: {},
    }),
    /** A person's records of this kind: from their file when the caller read it (db/person-file.ts), else one query. */
    ofPerson: async (personId: string, file?: PersonFile): Promise<T[]> =>
      (file ? file.of(kind.prefix) : await queryList({ pk: keys.personPartition(personId), skPrefix: kind.prefix })).map(kind.read),
    get: async (id: string): Promise<T | null> => {
      const personId = personIdOf(id);
      if (!personId) return null;
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: kind.key(personId, id) }));
      return out.Item ? kind.read(out.Item) : null;
    },
    /** The records of the people of one unit (its own, not its subtree's), in index order. */
    ofUnit: async (unitId: string): Promise<T[]> => (await queryList({ index: 'gsi1', pk: kind.unitList(unitId) })).map(kind.read),
    /** Writes a new record (with `alongside` items) on condition its person is still as read. False: they changed meanwhile. */
    put(record: T, ancestors: string[], rev: number, alongside: Record<string, unknown>[] = []): Promise<boolean> {
      return conditionHeld(
        db().send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName(), Item: this.item(record, ancestors), ConditionExpression: 'attribute_not_exists(pk)' } },
              ...alongside.map((Item) => ({ Put: { TableName: tableName(), Item } })),
              touchPerson(record.personId, record.unitId, rev),
            ],
          }),
        ),
      );
    },
  };
}
