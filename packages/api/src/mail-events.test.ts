import { beforeAll, describe, expect, it } from 'vitest';
import { Audit, Mail } from '@sansang/core';
import { handler } from './mail-events.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { smallProvince } from '../../../test/support/fixtures.ts';

/** An SES event as a configuration set publishes it to SNS (the fields SES documents). */
const sesEvent = (eventType: string, extra: Record<string, unknown>, tags: Record<string, string[]> = {}) =>
  JSON.stringify({
    eventType,
    mail: { timestamp: '2026-12-01T03:00:01.000Z', messageId: `msg-${eventType}`, source: 'nhacnho@tinh.gov.vn', destination: ['A.Nguyen@Xa.gov.vn'], tags },
    ...extra,
  });
const sns = (...messages: string[]) => ({ Records: messages.map((Message) => ({ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message } })) });

describe('SES delivery events', () => {
  let unitId = '';
  beforeAll(async () => {
    await useFreshTable();
    unitId = (await smallProvince(1)).dept1.id;
  });

  it('keeps in the audit log, under the reminder’s unit, each message that bounced for good, drew a complaint or was rejected; not deliveries or transient bounces', async () => {
    const tags = { person: ['p-1'], day: ['2026-12-01'], unit: [unitId] };
    const out = await handler(
      sns(
        sesEvent('Delivery', { delivery: { recipients: ['a.nguyen@xa.gov.vn'] } }, tags),
        sesEvent('Bounce', { bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'A.Nguyen@Xa.gov.vn' }] } }, tags),
        sesEvent('Bounce', { bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'b@xa.gov.vn' }] } }),
        sesEvent('Complaint', { complaint: { complainedRecipients: [{ emailAddress: 'c@xa.gov.vn' }] } }, tags),
        'not json',
      ),
    );
    expect(out).toEqual({ recorded: 2 });
    const today = new Date().toISOString().slice(0, 10);
    const entries = (await Audit.list({ from: today, to: today, unitId })).filter((e) => e.action.startsWith('mail.'));
    expect(entries.map((e) => [e.action, e.actor, e.unitId, e.detail]).sort()).toEqual([
      ['mail.bounced', 'amazon-ses', unitId, { messageId: 'msg-Bounce', addresses: ['a.nguyen@xa.gov.vn'], personId: 'p-1', day: '2026-12-01' }],
      ['mail.complained', 'amazon-ses', unitId, { messageId: 'msg-Complaint', addresses: ['c@xa.gov.vn'], personId: 'p-1', day: '2026-12-01' }],
    ]);
  });

  it('reads a rejection without tags as the installation’s, and ignores what it cannot read', () => {
    expect(Mail.undeliveredOf(sesEvent('Reject', { reject: { reason: 'Bad content' } }))).toEqual({
      kind: 'rejected',
      messageId: 'msg-Reject',
      addresses: ['a.nguyen@xa.gov.vn'],
    });
    expect(Mail.undeliveredOf('{}')).toBeNull();
    expect(Mail.undeliveredOf(sesEvent('Open', {}))).toBeNull();
  });
});
