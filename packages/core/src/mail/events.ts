import { Audit } from '../audit/index.ts';

/** One SES event as SNS delivers it: the fields we read of SES's event publishing format. */
type SesEvent = {
  eventType?: string;
  mail?: { messageId?: string; destination?: string[]; tags?: Record<string, string[]> };
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress?: string }[] };
  complaint?: { complainedRecipients?: { emailAddress?: string }[] };
};

/** What SES reported of one message: delivered, or did not reach its reader (what the audit log keeps). */
export type Report = {
  kind: 'delivered' | 'bounced' | 'complained' | 'rejected';
  messageId: string;
  addresses: string[];
  /** The message's tags, when the sender set them: whose reminder of which day, in which unit. */
  personId?: string;
  day?: string;
  unitId?: string;
};

export type Undelivered = Report & { kind: Exclude<Report['kind'], 'delivered'> };

/**
 * A message delivered to its reader's mail server, bounced for good, drew a complaint, or was
 * rejected before sending; null for a transient bounce (SES retries it), an open, a click, or
 * anything unreadable.
 */
export function reportOf(raw: string): Report | null {
  let event: SesEvent;
  try {
    event = JSON.parse(raw) as SesEvent;
  } catch {
    return null;
  }
  const messageId = event.mail?.messageId;
  if (!messageId) return null;
  const listed = (list?: { emailAddress?: string }[]) => (list ?? []).flatMap((r) => (r.emailAddress ? [r.emailAddress.toLowerCase()] : []));
  const tag = (name: string) => event.mail?.tags?.[name]?.[0];
  const base = {
    messageId,
    ...(tag('person') ? { personId: tag('person') } : {}),
    ...(tag('day') ? { day: tag('day') } : {}),
    ...(tag('unit') ? { unitId: tag('unit') } : {}),
  };
  switch (event.eventType) {
    case 'Delivery':
      return { ...base, kind: 'delivered', addresses: (event.mail?.destination ?? []).map((a) => a.toLowerCase()) };
    case 'Bounce':
      return event.bounce?.bounceType === 'Permanent' ? { ...base, kind: 'bounced', addresses: listed(event.bounce.bouncedRecipients) } : null;
    case 'Complaint':
      return { ...base, kind: 'complained', addresses: listed(event.complaint?.complainedRecipients) };
    case 'Reject':
      return { ...base, kind: 'rejected', addresses: (event.mail?.destination ?? []).map((a) => a.toLowerCase()) };
    default:
      return null;
  }
}

/**
 * A message that did not reach its reader, or null. SES's configuration set already suppresses
 * bounced and complaining addresses; this puts the fact where HR and admins read it.
 */
export function undeliveredOf(raw: string): Undelivered | null {
  const report = reportOf(raw);
  return report && report.kind !== 'delivered' ? (report as Undelivered) : null;
}

/** Writes a message that did not reach its reader to the audit log, under the reminder's unit when tagged with it. */
export async function recordUndelivered({ kind, unitId, ...detail }: Undelivered): Promise<void> {
  await Audit.record({
    actor: 'amazon-ses',
    action: kind === 'bounced' ? 'mail.bounced' : kind === 'complained' ? 'mail.complained' : 'mail.rejected',
    unitId: unitId ?? null,
    detail,
  });
}
