/**
 * Every key and every access pattern of the single table, in one place. Nothing else
 * builds a key string. Patterns:
 *
 *   unit                 GetItem  pk=UNIT#<id>            sk=UNIT (BatchGet for many)
 *   a unit's history     Query    pk=UNIT#<id>            sk begins_with EVENT# (by effective date)
 *   unit + its counters  Query    pk=UNIT#<id>            (UNIT, STATS, SUBTREE#nn)
 *   subtree counters     Query    pk=UNIT#<id>            sk begins_with SUBTREE#
 *   weekly snapshots     Query    pk=UNIT#<id>            sk begins_with SNAPSHOT#
 *   a merge's record     GetItem  pk=UNIT#<into>          sk=MERGE#<mergeId>  (what moved, for its undo window; BatchGet for a page's recent merges)
 *   scheduled changes    Query    pk=UNIT#<id>            sk begins_with PENDING#  (future-dated reorganisations shown on the unit's page)
 *   archived reports     Query    pk=UNIT#<id>            sk begins_with REPORT# (newest last)
 *   report request key   GetItem  pk=UNIT#<id>            sk=REPORTKEY#<hash>
 *   children of a unit   Query    gsi1 gsi1pk=CHILDREN#<parentId|ROOT>
 *   merged/dissolved     Query    gsi1 gsi1pk=FORMER#<parentId|ROOT>   (units that were children once)
 *   people of a unit     Query    gsi1 gsi1pk=MEMBERS#<unitId>
 *   clocks starting      Query    gsi2 gsi2pk=CLOCK#<yyyy-mm-dd>  (people whose own due dates count from that day: a late start or a return; the reminders' look-up)
 *   completions of unit  Query    gsi1 gsi1pk=COMPLETIONS#<unitId>
 *   trained of a unit    Query    gsi1 gsi1pk=TRAINED#<targetId>#<unitId>
 *   person               GetItem  pk=PERSON#<id>          sk=PERSON
 *   a person's records   Query    pk=PERSON#<id>          sk begins_with PROGRESS# | COMPLETION# | TRAINED# | EXEMPTION# | CREDIT# | MOVE#
 *   a learner's courses  Query    pk=PERSON#<id>          sk between COMPLETION# and PROGRESS#~  (progress and completions in one read; the few items between are skipped)
 *   a person's file      Query    pk=PERSON#<id>          sk between COMPLETION# and TRAINED#~   (everything deciding what they owe in one read: db/person-file.ts)
 *   exemptions of a unit Query    gsi1 gsi1pk=EXEMPTIONS#<unitId>  (by start date; they follow their person's moves)
 *   credits of a unit    Query    gsi1 gsi1pk=CREDITS#<unitId>     (by submission time; they follow their person's moves)
 *   exemptions due       Query    pk=EXDUE                sk <= <yyyy-mm-dd>#~  (an exemption starting or ending that day: the daily job's work)
 *   org changes due      Query    pk=ORGDUE               sk <= <yyyy-mm-dd>#~  (a scheduled reorganisation taking effect that day: the daily job's work)
 *   lapses due           Query    pk=VALDUE#<shard>       sk <= <yyyy-mm-dd>#~  for each of VALDUE_SHARDS (a completion entering its renewal window or lapsing that day; the day's own stay, marked worked, until the next day's run, for that day's reminders)
 *   quiz attempt         GetItem  pk=PERSON#<id>          sk=ATTEMPT#<slug>#<n>
 *   recent attempts      Query    pk=PERSON#<id>          sk between ATTEMPT#<slug>#0000 and ATTEMPT#<slug>#<n-1> (newest first, a few: the attempt policy)
 *   graded attempts      Query    gsi1 gsi1pk=ATTEMPTS#<slug>#<version> (item statistics; open ones are not in it)
 *   certificate          GetItem  pk=CERT#<code>          sk=CERT
 *   account by email     GetItem  pk=ACCOUNT#<email>      sk=ACCOUNT
 *   logins of a person   Query    gsi1 gsi1pk=LOGINS#<personId>   (the accounts bound to one person)
 *   HR officers          Query    gsi2 gsi2pk=OFFICERS            (sparse: the accounts holding an hr grant, by email, listed in the same write as their grants; the digests' recipients)
 *   session              GetItem  pk=ACCOUNT#<email>      sk=SESSION#<sid>
 *   sessions of account  Query    pk=ACCOUNT#<email>      sk begins_with SESSION#
 *   sign-in throttling   GetItem  pk=THROTTLE#<kind>#<who> sk=WINDOW#<start>
 *   password set link    GetItem  pk=PWLINK#<hash>         sk=PWLINK
 *   sign-in link         GetItem  pk=SIGNIN#<hash>         sk=SIGNIN   (one-time, from a reminder e-mail)
 *   reminder of a day    GetItem  pk=REMINDER#<personId>   sk=DAY#<yyyy-mm-dd>  (the intent: at most one message a person a day)
 *   reminders of a unit  Query    gsi1 gsi1pk=REMINDERS#<unitId>  (by day, newest last: what went out)
 *   a day's reminders    GetItem  pk=REMINDERDAYS          sk=DAY#<yyyy-mm-dd>  (open until a whole run finishes; the run under way's lease)
 *   unsent reminders     Query    gsi2 gsi2pk=REMINDUNSENT#<yyyy-mm-dd>  (sparse: a day's intents not yet settled, which a later run retries)
 *   notices of a person  Query    pk=NOTICES#<personId>    sk=NOTICE#<id>  (in-app; ids begin with their day, so newest last)
 *   reminder pauses      Query    pk=REMINDERPAUSES        sk=UNIT#<unitId>  (units whose reminders HR paused: few, read whole by each plan)
 *   digest recipients    Query    pk=DIGESTTO              sk=HEAD#<unitId> | OPTOUT#<personId>  (named heads of units and opt-outs: small, read whole by the daily job; an older release's HR#<email>#<unitId|ROOT> entries are moved to the officers' listing as read)
 *   units a person heads Query    gsi1 gsi1pk=HEADS#<personId>
 *   officer message      GetItem  pk=OFFICERMSG#<personId> sk=WEEK#<yyyy-Www> | LATE#<unitId>#<targetId>#<day>  (the intent of a weekly digest or a "không kịp hạn" notice)
 *   projection states    Query    pk=PROJECTION#<unitId>   sk=TARGET#<targetId>  (late or not, as the daily job last saw it)
 *   catalogue            Query    pk=CATALOGUE
 *   course version       GetItem  pk=COURSE#<slug>        sk=V#<version>
 *   targets              Query    pk=TARGETS
 *   pending roll-ups     Query    gsi2 gsi2pk=ROLLUP#<shard>   (contributions and counter transfers)
 *   counter transfer     GetItem  pk=TRANSFER#<id>        sk=TRANSFER
 *   tenant               GetItem  pk=TENANT#<unitId>      sk=TENANT  (a unit showing its own name and logo; BatchGet of a unit and those above it finds its tenant)
 *   tenant logo          GetItem  pk=TENANT#<unitId>      sk=LOGO    (the picture, apart so reading the tenant does not carry it)
 *   report schedules     Query    pk=SCHEDULES            sk=SCHEDULE#<unitId>#<frequency>
 *   audit of a day       Query    pk=AUDIT#<yyyy-mm-dd>#<shard> for each of AUDIT_SHARDS, and pk=AUDIT#<yyyy-mm-dd> (entries written before sharding)
 */
export type Key = { pk: string; sk: string };
/** The attributes that place an item in the first secondary index. */
export type Gsi1 = { gsi1pk: string; gsi1sk: string };

/**
 * Every sign-in writes an audit entry under its day: one partition per day would be the
 * hottest key of a deadline rush (a DynamoDB partition takes ~1,000 writes a second), so a
 * day is spread over this many partitions, read together when an admin lists the log.
 */
export const AUDIT_SHARDS = 8;
const auditShardOf = (id: string) => parseInt(id.replace(/-/g, '').slice(-6), 16) % AUDIT_SHARDS;

/** Subtree counters are spread over this many items per unit so a deadline rush on one
 * province does not turn its totals into one hot item. */
export const SUBTREE_SHARDS = 16;
/** Pending roll-ups are spread the same way in the sparse index. */
export const ROLLUP_SHARDS = 8;
/** Partitions of the lapse due marks: a deadline rush of completions writes them at 8× one partition's rate. */
export const VALDUE_SHARDS = 8;
const personShard = (personId: string, shards: number) => [...personId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % shards;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  unit: (id: string): Key => ({ pk: `UNIT#${id}`, sk: 'UNIT' }),
  unitPartition: (id: string) => `UNIT#${id}`,
  unitStats: (id: string): Key => ({ pk: `UNIT#${id}`, sk: 'STATS' }),
  unitSubtreeShard: (id: string, shard: number): Key => ({ pk: `UNIT#${id}`, sk: `SUBTREE#${pad(shard, 2)}` }),
  subtreePrefix: 'SUBTREE#',
  /** ISO week, e.g. 2026-W48: snapshots sort by time within the unit's partition. */
  unitSnapshot: (id: string, week: string): Key => ({ pk: `UNIT#${id}`, sk: `SNAPSHOT#${week}` }),
  snapshotPrefix: 'SNAPSHOT#',
  /** `id` starts with the creation time, so a unit's archived reports sort by age. */
  reportArchive: (unitId: string, id: string): Key => ({ pk: `UNIT#${unitId}`, sk: `REPORT#${id}` }),
  reportArchivePrefix: 'REPORT#',
  /** Remembers which archive a request key made, so a retried request gets the same one. */
  reportRequest: (unitId: string, keyHash: string): Key => ({ pk: `UNIT#${unitId}`, sk: `REPORTKEY#${keyHash}` }),
  statsSk: 'STATS',
  unitSk: 'UNIT',
  childrenOf: (parentId: string | null) => `CHILDREN#${parentId ?? 'ROOT'}`,
  formerChildrenOf: (parentId: string | null) => `FORMER#${parentId ?? 'ROOT'}`,
  /** `effective` is a date (yyyy-mm-dd); `seq` orders events of one day. */
  unitEvent: (id: string, effective: string, seq: string): Key => ({ pk: `UNIT#${id}`, sk: `EVENT#${effective}#${seq}` }),
  unitEventPrefix: 'EVENT#',
  /** `mergeId` is `<intoId>.<random>`: the id alone finds the record's partition. */
  mergeRecord: (mergeId: string): Key => ({ pk: `UNIT#${mergeId.slice(0, mergeId.lastIndexOf('.'))}`, sk: `MERGE#${mergeId}` }),
  /** `id` is `<unitId>.<random>` like a merge's, the unit being the one whose page lists it. */
  pendingChange: (id: string): Key => ({ pk: `UNIT#${id.slice(0, id.lastIndexOf('.'))}`, sk: `PENDING#${id}` }),
  pendingChangePrefix: 'PENDING#',
  /**
   * The day a scheduled reorganisation takes effect, for the daily job: one small partition,
   * read up to today and emptied as it is worked (reorganisations are a few a year per province).
   */
  orgChangeDue: (day: string, id: string): Key => ({ pk: 'ORGDUE', sk: `${day}#${id}` }),
  orgChangeDuePartition: 'ORGDUE',
  membersOf: (unitId: string) => `MEMBERS#${unitId}`,
  completionsOf: (unitId: string) => `COMPLETIONS#${unitId}`,
  trainedOf: (targetId: string, unitId: string) => `TRAINED#${targetId}#${unitId}`,

  person: (id: string): Key => ({ pk: `PERSON#${id}`, sk: 'PERSON' }),
  personPartition: (id: string) => `PERSON#${id}`,
  progress: (personId: string, slug: string): Key => ({ pk: `PERSON#${personId}`, sk: `PROGRESS#${slug}` }),
  progressPrefix: 'PROGRESS#',
  completion: (personId: string, slug: string): Key => ({ pk: `PERSON#${personId}`, sk: `COMPLETION#${slug}` }),
  completionPrefix: 'COMPLETION#',
  trained: (personId: string, targetId: string): Key => ({ pk: `PERSON#${personId}`, sk: `TRAINED#${targetId}` }),
  trainedPrefix: 'TRAINED#',
  /** `id` is `<personId>.<random>`: an exemption's id alone finds its person's partition. */
  exemption: (personId: string, id: string): Key => ({ pk: `PERSON#${personId}`, sk: `EXEMPTION#${id}` }),
  exemptionPrefix: 'EXEMPTION#',
  exemptionsOf: (unitId: string) => `EXEMPTIONS#${unitId}`,
  /**
   * A day an exemption starts or ends, for the daily job: one small partition, read up to
   * today and emptied as it is worked, so its size is what is due, never the roster.
   */
  exemptionDue: (day: string, exemptionId: string): Key => ({ pk: 'EXDUE', sk: `${day}#${exemptionId}` }),
  exemptionDuePartition: 'EXDUE',
  /**
   * A day a person's completion of a target enters its renewal window or lapses, for the daily
   * job; sharded by person, read up to today and emptied as it is worked.
   */
  lapseDue: (day: string, personId: string, targetId: string): Key => ({
    pk: `VALDUE#${personShard(personId, VALDUE_SHARDS)}`,
    sk: `${day}#${personId}#${targetId}`,
  }),
  lapseDuePartition: (shard: number) => `VALDUE#${shard}`,
  /** A certificate of prior learning; `id` is `<personId>.<random>` like an exemption's. */
  credit: (personId: string, id: string): Key => ({ pk: `PERSON#${personId}`, sk: `CREDIT#${id}` }),
  creditPrefix: 'CREDIT#',
  creditsOf: (unitId: string) => `CREDITS#${unitId}`,
  /** A move between units, kept for the person's history. */
  move: (personId: string, at: string, seq: string): Key => ({ pk: `PERSON#${personId}`, sk: `MOVE#${at}#${seq}` }),
  movePrefix: 'MOVE#',
  attempt: (personId: string, slug: string, n: number): Key => ({ pk: `PERSON#${personId}`, sk: `ATTEMPT#${slug}#${pad(n, 4)}` }),
  gradedAttemptsOf: (slug: string, version: number) => `ATTEMPTS#${slug}#${version}`,
  certificate: (code: string): Key => ({ pk: `CERT#${code}`, sk: 'CERT' }),

  account: (email: string): Key => ({ pk: `ACCOUNT#${email.trim().toLowerCase()}`, sk: 'ACCOUNT' }),
  accountPartition: (email: string) => `ACCOUNT#${email.trim().toLowerCase()}`,
  loginsOf: (personId: string) => `LOGINS#${personId}`,
  /** Sparse: an account holding an hr grant, listed among the officers by its address. */
  officerIndex: (email: string) => ({ gsi2pk: 'OFFICERS', gsi2sk: email.trim().toLowerCase() }),
  officers: 'OFFICERS',
  session: (email: string, sid: string): Key => ({ pk: `ACCOUNT#${email.trim().toLowerCase()}`, sk: `SESSION#${sid}` }),
  sessionPrefix: 'SESSION#',
  throttle: (kind: 'account' | 'address', who: string, windowStart: number): Key => ({ pk: `THROTTLE#${kind}#${who}`, sk: `WINDOW#${windowStart}` }),
  passwordLink: (tokenHash: string): Key => ({ pk: `PWLINK#${tokenHash}`, sk: 'PWLINK' }),
  signInLink: (tokenHash: string): Key => ({ pk: `SIGNIN#${tokenHash}`, sk: 'SIGNIN' }),

  /** The one message a person may get on a day: its key is the exactly-once guard. */
  reminder: (personId: string, day: string): Key => ({ pk: `REMINDER#${personId}`, sk: `DAY#${day}` }),
  remindersOf: (unitId: string) => `REMINDERS#${unitId}`,
  /** A reminder listed under its person's unit (at the time it was planned), by day. */
  reminderIndex: (unitId: string, day: string, personId: string): Gsi1 => ({ gsi1pk: `REMINDERS#${unitId}`, gsi1sk: `${day}#${personId}` }),
  reminderDay: (day: string): Key => ({ pk: 'REMINDERDAYS', sk: `DAY#${day}` }),
  /** Sparse: an intent not yet settled (pending, or its sender died), listed under its day until it is; a later run retries it. */
  reminderUnsent: (day: string, personId: string) => ({ gsi2pk: `REMINDUNSENT#${day}`, gsi2sk: personId }),
  remindersUnsentOn: (day: string) => `REMINDUNSENT#${day}`,
  notice: (personId: string, id: string): Key => ({ pk: `NOTICES#${personId}`, sk: `NOTICE#${id}` }),
  reminderPause: (unitId: string): Key => ({ pk: 'REMINDERPAUSES', sk: `UNIT#${unitId}` }),
  tenant: (unitId: string): Key => ({ pk: `TENANT#${unitId}`, sk: 'TENANT' }),
  tenantLogo: (unitId: string): Key => ({ pk: `TENANT#${unitId}`, sk: 'LOGO' }),
  reminderPauses: 'REMINDERPAUSES',
  digestRecipients: 'DIGESTTO',
  digestHead: (unitId: string): Key => ({ pk: 'DIGESTTO', sk: `HEAD#${unitId}` }),
  digestOptOut: (personId: string): Key => ({ pk: 'DIGESTTO', sk: `OPTOUT#${personId}` }),
  /** A head of unit listed under their person. */
  headIndex: (personId: string, unitId: string): Gsi1 => ({ gsi1pk: `HEADS#${personId}`, gsi1sk: unitId }),
  headsOf: (personId: string) => `HEADS#${personId}`,
  /** The one weekly digest, or one notice of a unit turning late, a person may get: its key is the exactly-once guard. */
  officerMessage: (personId: string, about: string): Key => ({ pk: `OFFICERMSG#${personId}`, sk: about }),
  projectionState: (unitId: string, targetId: string): Key => ({ pk: `PROJECTION#${unitId}`, sk: `TARGET#${targetId}` }),
  projectionStatesOf: (unitId: string) => `PROJECTION#${unitId}`,
  noticesOf: (personId: string) => `NOTICES#${personId}`,

  catalogue: 'CATALOGUE',
  catalogueEntry: (slug: string): Key => ({ pk: 'CATALOGUE', sk: `COURSE#${slug}` }),
  courseVersion: (slug: string, version: number): Key => ({ pk: `COURSE#${slug}`, sk: `V#${pad(version, 6)}` }),

  targets: 'TARGETS',
  target: (id: string): Key => ({ pk: 'TARGETS', sk: `TARGET#${id}` }),

  pendingRollup: (shard: number) => `ROLLUP#${shard}`,
  transfer: (id: string): Key => ({ pk: `TRANSFER#${id}`, sk: 'TRANSFER' }),

  schedules: 'SCHEDULES',
  schedule: (unitId: string, frequency: string): Key => ({ pk: 'SCHEDULES', sk: `SCHEDULE#${unitId}#${frequency}` }),

  // Secondary-index attributes, built only here like the primary keys (an item spreads one of these into itself).
  /** Listed under its parent (active) or among its parent's former children (merged, dissolved); sorted by code. */
  childIndex: (unit: { id: string; code: string; parentId: string | null; status: string }): Gsi1 => ({
    gsi1pk: unit.status === 'active' ? `CHILDREN#${unit.parentId ?? 'ROOT'}` : `FORMER#${unit.parentId ?? 'ROOT'}`,
    gsi1sk: `${unit.code}#${unit.id}`,
  }),
  /** Listed among the members of its unit, by name. */
  memberIndex: (person: { id: string; unitId: string; fullName: string }): Gsi1 => ({
    gsi1pk: `MEMBERS#${person.unitId}`,
    gsi1sk: `${person.fullName}#${person.id}`,
  }),
  /**
   * Sparse: a person whose due dates count from a day of their own (start date, return from an
   * exemption), listed under the latest such day, so the reminders of a day find them without
   * reading the roster. People with neither carry no entry.
   */
  clockIndex: (day: string, personId: string) => ({ gsi2pk: `CLOCK#${day}`, gsi2sk: personId }),
  clockStartsOn: (day: string) => `CLOCK#${day}`,
  /** A completion listed under its person's unit, by course. */
  completionIndex: (unitId: string, slug: string, personId: string): Gsi1 => ({ gsi1pk: `COMPLETIONS#${unitId}`, gsi1sk: `${slug}#${personId}` }),
  /** A trained mark listed under its target and its person's unit. */
  trainedIndex: (targetId: string, unitId: string, personId: string): Gsi1 => ({ gsi1pk: `TRAINED#${targetId}#${unitId}`, gsi1sk: personId }),
  /** An exemption listed under its person's unit, by start date. */
  exemptionIndex: (unitId: string, from: string, id: string): Gsi1 => ({ gsi1pk: `EXEMPTIONS#${unitId}`, gsi1sk: `${from}#${id}` }),
  /** A credit listed under its person's unit, by submission time. */
  creditIndex: (unitId: string, submittedAt: string, id: string): Gsi1 => ({ gsi1pk: `CREDITS#${unitId}`, gsi1sk: `${submittedAt}#${id}` }),
  /** An account listed among the logins of its person. */
  loginIndex: (personId: string, email: string): Gsi1 => ({ gsi1pk: `LOGINS#${personId}`, gsi1sk: email }),
  /** A graded attempt listed under its course version, by submission time. */
  gradedAttemptIndex: (slug: string, version: number, submittedAt: string, personId: string): Gsi1 => ({
    gsi1pk: `ATTEMPTS#${slug}#${version}`,
    gsi1sk: `${submittedAt}#${personId}`,
  }),
  /** Marks a contribution or transfer as waiting for its roll-up, in a random shard of the sparse index. */
  pendingMark: (shard: number, at = new Date()) => ({ gsi2pk: `ROLLUP#${shard}`, gsi2sk: at.toISOString() }),
  isTransfer: (key: Key) => key.pk.startsWith('TRANSFER#'),

  /** The entry's shard comes from its random id, so a burst of sign-ins spreads evenly. */
  audit: (at: Date, id: string): Key => ({ pk: `AUDIT#${at.toISOString().slice(0, 10)}#${auditShardOf(id)}`, sk: `${at.toISOString()}#${id}` }),
  /** Every partition holding a day's entries, the unsharded one of older releases last. */
  auditDay: (day: Date): string[] => {
    const date = day.toISOString().slice(0, 10);
    return [...Array.from({ length: AUDIT_SHARDS }, (_, i) => `AUDIT#${date}#${i}`), `AUDIT#${date}`];
  },
} as const;
