import * as v from 'valibot';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { isConditionFailure } from '../db/errors.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Audit } from '../audit/index.ts';
import { publishMedia } from './media.ts';
import { Bundle as BundleSchema, DrawRule as DrawRuleSchema, Question as QuestionSchema, mediaTypes } from './schema.ts';

export namespace Course {
  export const Bundle = BundleSchema;
  export type Bundle = v.InferOutput<typeof BundleSchema>;
  export type BundleInput = v.InferInput<typeof BundleSchema>;
  export type Question = v.InferOutput<typeof QuestionSchema>;
  export type DrawRule = v.InferOutput<typeof DrawRuleSchema>;
  export type QuizBundle = NonNullable<Bundle['quiz']>;

  export type Summary = Pick<Bundle, 'slug' | 'version' | 'title' | 'summary' | 'estimatedMinutes' | 'tags' | 'level'> & {
    lessonCount: number;
  };

  export const media = { publish: publishMedia, types: mediaTypes };

  export function summarize(bundle: Bundle): Summary {
    const { slug, version, title, summary, estimatedMinutes, tags, level } = bundle;
    return { slug, version, title, summary, estimatedMinutes, tags, level, lessonCount: bundle.lessons.length };
  }

  /**
   * Stores a version and makes it current. A version is immutable once published, so a
   * learner part-way through it keeps a consistent view; changed content needs a new version.
   */
  export const publish = fn(Bundle, async (bundle): Promise<'published' | 'unchanged'> => {
    const existing = await db().send(new GetCommand({ TableName: tableName(), Key: keys.courseVersion(bundle.slug, bundle.version) }));
    if (existing.Item) {
      if (existing.Item.bundle?.hash === bundle.hash) return 'unchanged';
      throw new VisibleError(
        'course.version_exists',
        `Khoá học "${bundle.slug}" đã xuất bản phiên bản ${bundle.version} với nội dung khác; hãy tăng "version" trong course.md.`,
      );
    }
    try {
      await db().send(
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
                Item: { ...keys.catalogueEntry(bundle.slug), type: 'catalogue', ...summarize(bundle) },
                ConditionExpression: 'attribute_not_exists(version) OR version < :v',
                ExpressionAttributeValues: { ':v': bundle.version },
              },
            },
          ],
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) {
        throw new VisibleError('course.version_stale', `Khoá học "${bundle.slug}" đã có phiên bản mới hơn ${bundle.version}.`);
      }
      throw err;
    }
    await Audit.record({ actor: 'cli', action: 'content.publish', detail: { course: bundle.slug, version: bundle.version } });
    return 'published';
  });

  export async function list(): Promise<Summary[]> {
    const items = await queryList<Summary & Record<string, unknown>>({ pk: keys.catalogue });
    return items.map(({ slug, version, title, summary, estimatedMinutes, tags, level, lessonCount }) => ({
      slug,
      version,
      title,
      summary,
      estimatedMinutes,
      tags,
      level,
      lessonCount,
    }));
  }

  export const Slug = v.pipe(v.string(), v.maxLength(100));

  /** A version of a course; without one, the current version. */
  export const get = fn(v.object({ slug: Slug, version: v.optional(v.number()) }), async ({ slug, version }): Promise<Bundle> => {
    let wanted = version;
    if (wanted === undefined) {
      const entry = await db().send(new GetCommand({ TableName: tableName(), Key: keys.catalogueEntry(slug) }));
      if (!entry.Item) throw new VisibleError('course.not_found', `Không tìm thấy khoá học "${slug}".`);
      wanted = Number(entry.Item.version);
    }
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.courseVersion(slug, wanted) }));
    if (!out.Item) throw new VisibleError('course.not_found', `Không tìm thấy khoá học "${slug}" phiên bản ${wanted}.`);
    // Parsed, so versions stored before a field existed read with its default.
    return v.parse(BundleSchema, out.Item.bundle);
  });
}
