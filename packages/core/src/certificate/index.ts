import * as v from 'valibot';
import { createHash } from 'node:crypto';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import type { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { Course } from '../course/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import { installationIssuer, issuerOf, type Issuer } from './issuer.ts';
import { renderCertificate } from './pdf.ts';
import { getCertificate, getCompletion, putCertificate } from './store.ts';

/**
 * A completed course yields a certificate with a short code anyone can check at
 * `/verify/<code>`. The code is derived from the completion itself, so asking twice (or
 * from two tabs) gives the same certificate, and the record names only what the
 * certificate shows.
 */
export namespace Certificate {
  export type Info = {
    code: string;
    personId: string;
    fullName: string;
    unitName: string;
    slug: string;
    courseTitle: string;
    version: number;
    completedAt: string;
    issuedAt: string;
    /** Who issued it, fixed at issue; absent on certificates issued before it was recorded. */
    issuer?: Issuer;
    /**
     * The last day it counts, when a target counting the course has completions that lapse
     * (the shortest of them), fixed at issue; absent: for good. It stays verifiable after.
     */
    validUntil?: string;
  };

  /** The last day a completion of `slug` made on `day` counts, by the targets that count it (the shortest); null: for good. */
  export function validUntilOf(targets: Target.Info[], slug: string, day: string): string | null {
    const ends = targets
      .filter((t) => t.programme.includes(slug))
      .map((t) => Target.validUntil(t, day))
      .filter((d): d is string => d !== null)
      .sort();
    return ends[0] ?? null;
  }

  /** 10 characters of Crockford base32 in two groups: easy to read aloud and to type. */
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  function codeOf(personId: string, slug: string, completedAt: string): string {
    const digest = createHash('sha256').update(`${personId}\u0000${slug}\u0000${completedAt}`).digest();
    const chars = [...digest.subarray(0, 10)].map((b) => ALPHABET[b % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  }

  /** What a person may type: lower case, spaces, I/L/O for 1/1/0. */
  export function normaliseCode(input: string): string {
    const raw = input
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '')
      .replace(/[IL]/g, '1')
      .replace(/O/g, '0');
    return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
  }

  export const issue = fn(v.object({ personId: v.string(), slug: Course.Slug }), async ({ personId, slug }): Promise<Info> => {
    const completion = await getCompletion(personId, slug);
    if (!completion) throw new VisibleError('certificate.not_completed', 'Bạn chưa hoàn thành khoá học này nên chưa có chứng nhận.');
    const { completedAt, version } = completion;
    const code = codeOf(personId, slug, completedAt);
    const existing = await verify(code);
    if (existing) return existing;
    const person = await Person.get(personId);
    const [unit, course, targets] = await Promise.all([Org.get(person.unitId), Course.get({ slug, version }), Target.list()]);
    const validUntil = validUntilOf(Target.applyingAt(unit, targets), slug, vnDay(new Date(completedAt)));
    const info: Info = {
      code,
      personId,
      fullName: person.fullName,
      unitName: unit.name,
      slug,
      courseTitle: course.title,
      version,
      completedAt,
      issuedAt: new Date().toISOString(),
      issuer: installationIssuer(),
      ...(validUntil ? { validUntil } : {}),
    };
    // Another request issued it first (the same completion gives the same code): theirs is the certificate.
    if (!(await putCertificate(info))) return (await verify(code))!;
    return info;
  });

  /** The certificate a code names, or null: what the public verification page shows. */
  export async function verify(code: string): Promise<Info | null> {
    const normalised = normaliseCode(code);
    if (!/^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(normalised)) return null;
    return getCertificate(normalised);
  }

  export const pdf = renderCertificate;
  export const issuer = issuerOf;

  /**
   * The PDF of a person's certificate for a course (issued on first ask), recorded in the
   * audit log as downloaded by `actor`. `verifyUrl` gives the address printed for a code.
   */
  export async function download(input: {
    actor: Actor;
    personId: string;
    slug: string;
    verifyUrl: (code: string) => string;
  }): Promise<{ certificate: Info; pdf: Buffer }> {
    const certificate = await issue({ personId: input.personId, slug: input.slug });
    const rendered = await pdf(certificate, { verifyUrl: input.verifyUrl(certificate.code) });
    await Audit.record({ actor: input.actor.email, action: 'certificate.download', detail: { course: input.slug, code: certificate.code } });
    return { certificate, pdf: rendered };
  }
}
