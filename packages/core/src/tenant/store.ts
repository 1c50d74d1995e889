import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getMany } from '../db/batch.ts';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import type { Info, Logo, LogoType } from './schema.ts';

const infoOf = (item: Record<string, unknown>): Info => ({
  unitId: String(item.unitId),
  name: String(item.name),
  logo: (item.logo as Logo | undefined) ?? null,
  updatedAt: String(item.updatedAt),
  updatedBy: String(item.updatedBy),
});

/** The tenants among these units (a unit and those above it: a few keys, one request). */
export async function getTenants(unitIds: string[]): Promise<Info[]> {
  if (unitIds.length === 0) return [];
  return (await getMany(unitIds.map(keys.tenant))).map(infoOf);
}

/** Makes a unit a tenant or renames it; its logo stays. */
export async function putName(unitId: string, name: string, at: string, by: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.tenant(unitId),
      UpdateExpression: 'SET #type = :type, unitId = :unit, #name = :name, updatedAt = :at, updatedBy = :by',
      ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
      ExpressionAttributeValues: { ':type': 'tenant', ':unit': unitId, ':name': name, ':at': at, ':by': by },
    }),
  );
}

/**
 * Stores a tenant's logo: the picture in an item of its own (a page reads the tenant without
 * it), then the tenant points at it. False when the unit is not a tenant.
 */
export async function putLogo(unitId: string, logo: Logo, bytes: Uint8Array, at: string, by: string): Promise<boolean> {
  const exists = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenant(unitId), ConsistentRead: true }));
  if (!exists.Item) return false;
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.tenantLogo(unitId), type: 'tenant-logo', unitId, mime: logo.type, version: logo.version, bytes },
    }),
  );
  return conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.tenant(unitId),
        UpdateExpression: 'SET logo = :logo, updatedAt = :at, updatedBy = :by',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':logo': logo, ':at': at, ':by': by },
      }),
    ),
  );
}

export async function removeLogo(unitId: string, at: string, by: string): Promise<void> {
  await conditionHeld(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.tenant(unitId),
        UpdateExpression: 'REMOVE logo SET updatedAt = :at, updatedBy = :by',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':by': by },
      }),
    ),
  );
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.tenantLogo(unitId) }));
}

/** The unit is no longer a tenant: its people see the tenant above, or the installation's. */
export async function deleteTenant(unitId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.tenantLogo(unitId) }));
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.tenant(unitId) }));
}

export async function getLogo(unitId: string): Promise<{ type: LogoType; version: string; bytes: Uint8Array } | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tenantLogo(unitId) }));
  if (!out.Item) return null;
  return { type: out.Item.mime as LogoType, version: String(out.Item.version), bytes: out.Item.bytes as Uint8Array };
}
