import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { conditionHeld } from '../db/errors.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import type { Course } from './index.ts';

/**
 * Versions read lately, kept in this process: a published version never changes (a changed
 * course is a new version), and every lesson, quiz and submission reads its course's bundle
 * (30–50 KB), so one course's item is the partition a national rush reads hardest
 * (docs/scale.md). Keyed by table too, so processes that use several (tests) never mix them.
 */
const versions = new Map<string, { bundle: unknown }>();
const KEPT_VERSIONS = 64;

/** A stored version, its bundle as stored (not parsed), or null. */
export async function getVersion(slug: string, version: number): Promise<{ bundle: unknown } | null> {
  const id = `${tableName()}\u0000${slug}\u0000${version}`;
  const kept = versions.get(id);
  if (kept) {
    // Most recently used last, so the oldest is the first to go.
    versions.delete(id);
    versions.set(id, kept);
    return kept;
  }
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.courseVersion(slug, version) }));
  if (!out.Item) return null;
  const found = { bundle: out.Item.bundle };
  versions.set(id, found);
  if (versions.size > KEPT_VERSIONS) versions.delete(versions.keys().next().value!);
  return found;
}

/** The current version of a course (its catalogue entry), or null when it was never published. */
export async function getCurrentVersion(slug: string): Promise<number | null> {
  const entry = await db().send(new GetCommand({ TableName: tableName(), Key: keys.catalogueEntry(slug) }));
  return entry.Item ? Number(entry.Item.version) : null;
}

/**
 * Stores a new version and makes it current, in one transaction: false when the version
 * exists already or the catalogue holds a newer one.
 */
export async function putVersion(bundle: Course.Bundle, summary: Course.Summary): Promise<boolean> {
  try {
    return await writeVersion(bundle, summary);
  } finally {
    // Also after the write: a list read while it was under way holds the catalogue before it.
    catalogue = null;
  }
}

function writeVersion(bundle: Course.Bundle, summary: Course.Summary): Promise<boolean> {
  return conditionHeld(
    db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.courseVersion(bundle.slug, bundle.version), type: 'course-version', bundle },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.catalogueEntry(bundle.slug), type: 'catalogue', ...summary },
              ConditionExpression: 'attribute_not_exists(version) OR version < :v',
              ExpressionAttributeValues: { ':v': bundle.version },
            },
          },
        ],
      }),
    ),
  );
}

/**
 * The catalogue as this process last read it, for up to CATALOGUE_SECONDS: every course list
 * reads it whole (one partition, growing with every tenant's own courses), and at 08:00 on a
 * Monday a national installation's learners would read it faster than one partition serves
 * (docs/scale.md). A course published by another process shows within that time; one
 * published by this process, at once. Keyed by table, like the versions above.
 */
export const CATALOGUE_SECONDS = 60;
let catalogue: { table: string; until: number; list: Promise<Course.Summary[]> } | null = null;

/** The catalogue: the current version of every course. */
export async function listCatalogue(): Promise<Course.Summary[]> {
  const table = tableName();
  if (!catalogue || catalogue.table !== table || catalogue.until <= Date.now()) {
    const list = readCatalogue();
    catalogue = { table, until: Date.now() + CATALOGUE_SECONDS * 1000, list };
    // A failed read is not kept: the next list reads again.
    list.catch(() => {
      if (catalogue?.list === list) catalogue = null;
    });
  }
  return [...(await catalogue.list)];
}

async function readCatalogue(): Promise<Course.Summary[]> {
  const items = await queryList<Course.Summary & Record<string, unknown>>({ pk: keys.catalogue });
  return items.map(({ slug, version, title, summary, estimatedMinutes, tags, level, unitId, lessonCount }) => ({
    slug,
    version,
    title,
    summary,
    estimatedMinutes,
    tags,
    level,
    unitId: unitId ?? null,
    lessonCount,
  }));
}
