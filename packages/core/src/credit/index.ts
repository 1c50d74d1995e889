import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { Course } from '../course/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { readEvidence } from '../objects/evidence.ts';
import { privateFiles } from '../objects/store.ts';
import { Org } from '../org/index.ts';
import { personIdFor } from '../person/import.ts';
import { Readiness } from '../readiness/index.ts';
import { vnDay } from '../vn-day.ts';
import * as schema from './schema.ts';
import { approveCredit, getCredit, personAt, personCredits, putCredit, unitCredits } from './store.ts';

/**
 * Credit for prior learning: an equivalent certificate someone already holds, with its
 * issuer, number, date and a scan, standing for courses of the catalogue. HR records one
 * (approved as they record it) or approves one the learner sent; once approved it counts as
 * a completion of each course it stands for — through the one completion path, so trained
 * marks and counters follow — marked as credit in every report.
 */
export namespace Credit {
  export const Input = schema.Input;
  export type Input = schema.Input;
  export const Info = schema.Info;
  export type Info = schema.Info;
  export const states = schema.states;
  export type State = schema.State;
  /** A credit as HR lists it: with its person's unit name. */
  export type Listed = Info & { unitName: string };

  const MAX_TRIES = 4;
  // Nobody approves their own certificate: an officer sends theirs like any learner, and another approves it.
  const selfApproval = () =>
    new VisibleError('credit.self_approval', 'Không thể tự duyệt chứng chỉ của chính mình: hãy gửi như người học để cán bộ tổ chức khác duyệt.');
  const notInScope = (code: string) => new VisibleError('credit.not_found', `Không có người mã "${code}" trong phạm vi của bạn.`);

  /**
   * Records a credit for someone within `within` (null: the whole installation), or for the
   * learner themself (`within` their own unit): the scan is checked like any evidence (PDF or
   * image by its bytes, ≤ 5 MB), the courses must exist, the date cannot be in the future,
   * and the same certificate (issuer and number) twice for one person is refused. With
   * `approve`, the recorder approves it at once and its completions are written.
   */
  export const submit = fn(
    v.object({ actor: Actor, within: v.nullable(Org.Id), input: Input, approve: v.boolean() }),
    async ({ actor, within, input, approve: approveNow }): Promise<Info> => {
      const personId = personIdFor(input.employeeCode);
      if (approveNow && actor.personId === personId) throw selfApproval();
      const read = async () => {
        const found = await personAt(personId);
        if (!found) throw notInScope(input.employeeCode);
        const unit = await Org.get(found.person.unitId);
        if (within && !Org.isWithin(unit, within)) throw notInScope(input.employeeCode);
        return { ...found, unit };
      };
      let found = await read();
      if (found.person.status !== 'active') throw new VisibleError('credit.person_left', `${found.person.fullName} đã nghỉ việc.`);
      if (input.issuedOn > vnDay()) throw new VisibleError('credit.future_date', `Ngày cấp ${input.issuedOn} chưa tới.`);
      const catalogue = new Set((await Course.list()).map((c) => c.slug));
      const unknown = input.courses.filter((slug) => !catalogue.has(slug));
      if (unknown.length > 0) throw new VisibleError('credit.unknown_course', `Không có khoá học: ${unknown.join(', ')}.`);
      const scan = readEvidence(input.evidence);
      const id = `${personId}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const evidence = { key: `credits/${id}.${scan.ext}`, fileName: input.evidence.fileName, contentType: scan.contentType, size: scan.bytes.length };
      let stored = false;
      for (let attempt = 1; ; attempt++) {
        const credit: Info = {
          id,
          personId,
          employeeCode: found.person.employeeCode,
          fullName: found.person.fullName,
          unitId: found.unit.id,
          issuer: input.issuer,
          number: input.number,
          issuedOn: input.issuedOn,
          courses: [...new Set(input.courses)],
          note: input.note || null,
          evidence,
          state: 'pending',
          submittedBy: actor.email,
          submittedAt: new Date().toISOString(),
          approvedBy: null,
          approvedAt: null,
        };
        const twin = (await personCredits(personId)).find((c) => schema.sameCertificate(c, credit));
        if (twin) throw new VisibleError('credit.duplicate', `Chứng chỉ số ${twin.number} của ${twin.issuer} đã được ghi cho ${twin.fullName}.`);
        if (!stored) await privateFiles.put(evidence.key, scan.bytes, scan.contentType);
        stored = true;
        if (await putCredit(credit, found.unit.ancestors, found.rev)) {
          await Audit.record({
            actor: actor.email,
            action: 'credit.submit',
            unitId: found.unit.id,
            detail: { id, employeeCode: credit.employeeCode, issuer: credit.issuer, number: credit.number, courses: credit.courses },
          });
          return approveNow ? approve({ actor, within, id }) : credit;
        }
        if (attempt >= MAX_TRIES) throw new VisibleError('credit.changed', 'Thông tin của người này vừa thay đổi. Vui lòng thử lại.');
        found = await read();
      }
    },
  );

  async function inScope(id: string, within: string | null) {
    const credit = await getCredit(id);
    const notFound = () => new VisibleError('credit.not_found', 'Không tìm thấy chứng chỉ này trong phạm vi của bạn.');
    if (!credit) throw notFound();
    const unit = await Org.get(credit.unitId);
    if (within && !Org.isWithin(unit, within)) throw notFound();
    return { credit, unit };
  }

  /**
   * HR approves a credit: from then it counts as a completion of each of its courses (a
   * course already completed keeps its own completion). Approved once; approving again is
   * refused, but finishes completions an interrupted approval left unwritten.
   */
  export const approve = fn(v.object({ actor: Actor, within: v.nullable(Org.Id), id: v.string() }), async ({ actor, within, id }): Promise<Info> => {
    const { credit, unit } = await inScope(id, within);
    if (actor.personId === credit.personId) throw selfApproval();
    const at = new Date().toISOString();
    const first = credit.state === 'pending' && (await approveCredit(credit, actor.email, at));
    const found = await personAt(credit.personId);
    if (found?.person.status === 'active') {
      for (const slug of credit.courses) {
        const { version } = await Course.get({ slug });
        await Readiness.recordCompletion({ person: found.person, slug, version, credit: credit.id });
      }
    }
    if (!first) throw new VisibleError('credit.already_approved', `Chứng chỉ số ${credit.number} đã được duyệt.`);
    await Audit.record({
      actor: actor.email,
      action: 'credit.approve',
      unitId: unit.id,
      detail: { id, employeeCode: credit.employeeCode, courses: credit.courses },
    });
    return { ...credit, state: 'approved', approvedBy: actor.email, approvedAt: at };
  });

  /** The credits of a unit's subtree (one query per unit), newest first, optionally of one state. */
  export const list = fn(
    v.object({
      unitId: Org.Id,
      state: v.optional(v.picklist(states)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000)), 1000),
    }),
    async ({ unitId, state, limit }): Promise<{ credits: Listed[]; more: boolean }> => {
      const out: Listed[] = [];
      const newestFirst = (a: Info, b: Info) => b.submittedAt.localeCompare(a.submittedAt);
      for await (const unit of Org.subtree(unitId)) {
        for (const c of await unitCredits(unit.id)) {
          if (state && c.state !== state) continue;
          if (out.length === limit) return { credits: out.sort(newestFirst), more: true };
          out.push({ ...c, unitName: unit.name });
        }
      }
      return { credits: out.sort(newestFirst), more: false };
    },
  );

  /** One credit by id, or null. */
  export const get = (id: string) => getCredit(id);

  /** A person's own credits, pending and approved. */
  export const ofPerson = (personId: string) => personCredits(personId);

  /** A credit's scan, for HR within scope; every read is audited (personal data). */
  export const scan = fn(
    v.object({ actor: Actor, within: v.nullable(Org.Id), id: v.string() }),
    async ({ actor, within, id }): Promise<{ body: Readable; contentType: string; fileName: string }> => {
      const { credit, unit } = await inScope(id, within);
      const body = await privateFiles.get(credit.evidence.key);
      await Audit.record({ actor: actor.email, action: 'credit.scan', unitId: unit.id, detail: { id, employeeCode: credit.employeeCode } });
      return { body, contentType: credit.evidence.contentType, fileName: credit.evidence.fileName };
    },
  );
}
