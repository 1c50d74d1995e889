import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Audit } from '../audit/index.ts';
import { publishMedia } from './media.ts';
import { getCurrentVersion, getVersion, listCatalogue, putVersion } from './store.ts';
import { Bundle as BundleSchema, DrawRule as DrawRuleSchema, Question as QuestionSchema, mediaTypes } from './schema.ts';

export namespace Course {
  export const Bundle = BundleSchema;
  export type Bundle = v.InferOutput<typeof BundleSchema>;
  export type BundleInput = v.InferInput<typeof BundleSchema>;
  export type Question = v.InferOutput<typeof QuestionSchema>;
  export type DrawRule = v.InferOutput<typeof DrawRuleSchema>;
  export type QuizBundle = NonNullable<Bundle['quiz']>;

  export type Summary = Pick<Bundle, 'slug' | 'version' | 'title' | 'summary' | 'estimatedMinutes' | 'tags' | 'level' | 'unitId'> & {
    lessonCount: number;
  };

  /**
   * Whether a course is open to people of `unit`: the installation's are open to everyone, a
   * unit's own (a province's, a ministry's) to its subtree only. Elsewhere it is as if it did not exist.
   */
  export const openAt = (course: Pick<Summary, 'unitId'>, unit: { id: string; ancestors: readonly string[] }): boolean =>
    !course.unitId || unit.id === course.unitId || unit.ancestors.includes(course.unitId);

  /** The answer for a course not open to the asker: the same as for one that does not exist, so another subtree's courses cannot be probed. */
  export const notFound = (slug: string) => new VisibleError('course.not_found', `Không tìm thấy khoá học "${slug}".`);

  export const media = { publish: publishMedia, types: mediaTypes };

  export function summarize(bundle: Bundle): Summary {
    const { slug, version, title, summary, estimatedMinutes, tags, level, unitId } = bundle;
    return { slug, version, title, summary, estimatedMinutes, tags, level, unitId: unitId ?? null, lessonCount: bundle.lessons.length };
  }

  /**
   * Stores a version and makes it current. A version is immutable once published, so a
   * learner part-way through it keeps a consistent view; changed content needs a new version.
   */
  export const publish = fn(Bundle, async (bundle): Promise<'published' | 'unchanged'> => {
    const existing = await getVersion(bundle.slug, bundle.version);
    if (existing) {
      if ((existing.bundle as Bundle | undefined)?.hash === bundle.hash) return 'unchanged';
      throw new VisibleError(
        'course.version_exists',
        `Khoá học "${bundle.slug}" đã xuất bản phiên bản ${bundle.version} với nội dung khác; hãy tăng "version" trong course.md.`,
      );
    }
    if (!(await putVersion(bundle, summarize(bundle)))) {
      throw new VisibleError('course.version_stale', `Khoá học "${bundle.slug}" đã có phiên bản mới hơn ${bundle.version}.`);
    }
    await Audit.record({ actor: 'cli', action: 'content.publish', detail: { course: bundle.slug, version: bundle.version } });
    return 'published';
  });

  export async function list(): Promise<Summary[]> {
    return listCatalogue();
  }

  export const Slug = v.pipe(v.string(), v.maxLength(100));

  /** A version of a course; without one, the current version. */
  export const get = fn(v.object({ slug: Slug, version: v.optional(v.number()) }), async ({ slug, version }): Promise<Bundle> => {
    let wanted = version;
    if (wanted === undefined) {
      const current = await getCurrentVersion(slug);
      if (current === null) throw notFound(slug);
      wanted = current;
    }
    const stored = await getVersion(slug, wanted);
    if (!stored) throw new VisibleError('course.not_found', `Không tìm thấy khoá học "${slug}" phiên bản ${wanted}.`);
    // Parsed, so versions stored before a field existed read with its default.
    return v.parse(BundleSchema, stored.bundle);
  });
}
