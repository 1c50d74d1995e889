import * as v from 'valibot';
import { Readable } from 'node:stream';
import { VisibleError } from '@sansang/core';
import { attachment } from '../attachment.ts';

/*
 * What the routes on HR's records about a person (exemptions, credits) share: one answer for
 * "unknown" and "outside your scope" — codes and ids are not to be probed — the id of a
 * record, and its scan sent back as a private attachment.
 */

export const outsideScope = (what: string) => `Không có ${what} trong phạm vi quản lý của bạn.`;
export const outside = (what: string) => new VisibleError('auth.forbidden', outsideScope(what));
export const RecordId = v.object({ id: v.pipe(v.string(), v.minLength(3), v.maxLength(120)) });

/** The unit of a record's person: what the scope check of a route on one record looks at. */
export const unitOfRecord =
  (get: (id: string) => Promise<{ unitId: string } | null>, what: string) =>
  async ({ params }: { params: { id: string } }): Promise<string> => {
    const record = await get(params.id);
    if (!record) throw outside(what);
    return record.unitId;
  };

/** A scan or evidence file: never cached, saved under its own (Vietnamese) name. */
export const privateFile = (file: { body: Readable; contentType: string; fileName: string }) =>
  new Response(Readable.toWeb(file.body) as ReadableStream, {
    headers: { 'content-type': file.contentType, 'content-disposition': attachment(file.fileName), 'cache-control': 'private, no-store' },
  });

/** A record as the browser gets it: its scan described, without where the file is kept. */
export function shown<R extends { evidence: { key: string; fileName: string; contentType: string; size: number } | null }>(record: R) {
  if (!record.evidence) return { ...record, evidence: null };
  const { key: _, ...evidence } = record.evidence;
  return { ...record, evidence };
}
