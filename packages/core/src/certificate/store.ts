import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import type { Certificate } from './index.ts';

/**
 * What a certificate is issued from: the person's completion of the course, or null; its
 * moment is the latest pass (a retake after completing it), so a retake earns a new certificate.
 */
export async function getCompletion(personId: string, slug: string): Promise<{ completedAt: string; version: number } | null> {
  const completion = await db().send(new GetCommand({ TableName: tableName(), Key: keys.completion(personId, slug) }));
  if (!completion.Item) return null;
  return { completedAt: String(completion.Item.lastCompletedAt ?? completion.Item.completedAt), version: Number(completion.Item.version) };
}

/** Stores a new certificate; false when one with its code is already there. */
export async function putCertificate(info: Certificate.Info): Promise<boolean> {
  return conditionHeld(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.certificate(info.code), type: 'certificate', ...info },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getCertificate(code: string): Promise<Certificate.Info | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.certificate(code) }));
  if (!out.Item) return null;
  const { pk: _pk, sk: _sk, type: _type, ...info } = out.Item;
  return info as Certificate.Info;
}
