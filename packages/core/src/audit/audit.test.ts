import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Audit } from '@sansang/core';
import { db, tableName } from '../db/client.ts';
import { AUDIT_SHARDS, keys } from '../db/keys.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince } from '../../../../test/support/fixtures.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('audit log', () => {
  beforeAll(async () => {
    await useFreshTable();
    await smallProvince(1);
  });

  it("spreads a burst of one day's entries over its partitions and lists them all, newest first, filtered", async () => {
    const before = (await Audit.list({ from: today(), to: today() })).length; // what setting up the province logged
    for (let i = 0; i < 60; i++) {
      const actor = `nguoi-${i % 3}@demo.vn`;
      await Audit.record({ actor, action: 'auth.sign_in', unitId: i % 2 ? 'phong-1' : 'xa' });
    }
    // No partition of the day holds more than its share and a margin: no single hot key.
    const sizes = await Promise.all(
      keys
        .auditDay(new Date())
        .map(
          async (pk) =>
            (
              await db().send(
                new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Select: 'COUNT' }),
              )
            ).Count ?? 0,
        ),
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(before + 60);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(AUDIT_SHARDS / 2);
    expect(Math.max(...sizes)).toBeLessThan(30 + before);

    const all = await Audit.list({ from: today(), to: today() });
    expect(all).toHaveLength(before + 60);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(new Set(all.map((e) => e.id)).size).toBe(before + 60);
    expect(await Audit.list({ from: today(), to: today(), actor: 'NGUOI-1@demo.vn' })).toHaveLength(20);
    expect((await Audit.list({ from: today(), to: today(), unitId: 'so' })).every((e) => e.unitId === 'phong-1')).toBe(true);
    expect(await Audit.list({ from: today(), to: today(), unitId: 'so' })).toHaveLength(30);
    // A limit keeps the newest, across partitions.
    expect(await Audit.list({ from: today(), to: today(), limit: 7 })).toEqual(all.slice(0, 7));
  });

  it('still lists entries a release before sharding wrote under the unsharded day', async () => {
    const at = new Date(Date.now() - 3 * 86_400_000);
    const day = at.toISOString().slice(0, 10);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: `AUDIT#${day}`,
          sk: `${at.toISOString()}#cu`,
          type: 'audit',
          at: at.toISOString(),
          id: 'cu',
          actor: 'quantri@demo.vn',
          action: 'report.download',
          unitPath: [],
        },
      }),
    );
    const listed = await Audit.list({ from: day, to: day });
    expect(listed).toEqual([{ id: 'cu', at: at.toISOString(), actor: 'quantri@demo.vn', action: 'report.download', unitId: null }]);
  });
});
