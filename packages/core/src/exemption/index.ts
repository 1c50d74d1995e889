import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { personIdFor } from '../person/import.ts';
import { Readiness } from '../readiness/index.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import { readEvidence as checkEvidence } from '../objects/evidence.ts';
import { privateFiles } from '../objects/store.ts';
import * as schema from './schema.ts';
import { deleteDue, dueUpTo, endExemption, getExemption, personAt, personExemptions, putExemption, unitExemptions } from './store.ts';

/**
 * A person HR has let off training for a while — maternity leave, long illness, secondment,
 * study, retirement soon — for one target or all: out of that target's denominator (and its
 * numerator) from its first day to its last, owing again afterwards with a fresh due date.
 * The records are the source; the person's `exempt` and `resumed` follow from them
 * (`sync`), and the counters follow from the person through the one person-change path.
 */
export namespace Exemption {
  export const Reason = schema.Reason;
  export type Reason = schema.Reason;
  export const reasons = schema.reasons;
  export const reasonLabels = schema.reasonLabels;
  export const Input = schema.Input;
  export type Input = schema.Input;
  export const Info = schema.Info;
  export type Info = schema.Info;
  export type State = schema.State;
  export const states = schema.states;
  export const stateOn = schema.stateOn;
  export const lastDay = schema.lastDay;
  export const overlaps = schema.overlaps;

  /** An exemption as HR lists it: with its state today and its person's unit name. */
  export type Listed = Info & { state: State; unitName: string };

  const Today = v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31')));
  const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
  const MAX_TRIES = 4;

  const notInScope = (code: string) => new VisibleError('exemption.person_not_found', `Không có người mã "${code}" trong phạm vi quản lý của bạn.`);

  /** The person and their unit, when both lie within `within` (null: the whole installation). */
  async function placed(personId: string, code: string, within: string | null) {
    const found = await personAt(personId);
    if (!found) throw notInScope(code);
    const unit = await Org.get(found.person.unitId);
    if (within && !Org.isWithin(unit, within)) throw notInScope(code);
    return { ...found, unit };
  }

  /**
   * Brings a person's `exempt` and `resumed` in line with their exemption records on `today`,
   * moving the counters with them. Idempotent: running it twice, or for nothing new, writes nothing.
   */
  export async function sync(personId: string, today = vnDay()): Promise<void> {
    const all = await personExemptions(personId);
    const exempt = schema.exemptOn(all, today);
    const resumed = schema.resumedOn(all, today);
    await Readiness.changePeople(
      [
        {
          personId,
          reason: 'exemption',
          next: (current) => {
            const { exempt: _e, resumed: _r, ...rest } = current!;
            return { ...rest, ...(exempt.length > 0 ? { exempt } : {}), ...(Object.keys(resumed).length > 0 ? { resumed } : {}) };
          },
        },
      ],
      { actor: 'system' },
    );
  }

  /**
   * HR records an exemption (they approve it by recording it). Refused, writing nothing: a
   * person outside `within` or not in the roster, someone who left, an unknown target, days
   * that overlap another exemption of the same person for the same target (or all), evidence
   * that is not a PDF or an image or is over 5 MB. The evidence is stored before the record,
   * so a record never points at a missing file.
   */
  export const create = fn(
    v.object({ actor: Actor, within: v.nullable(Org.Id), input: Input, today: Today }),
    async ({ actor, within, input, today = vnDay() }): Promise<Info> => {
      const personId = personIdFor(input.employeeCode);
      // The approver is whoever records it: an officer's own leave is for another officer to approve.
      if (actor.personId === personId)
        throw new VisibleError('exemption.self', 'Không thể tự ghi miễn cho chính mình: cán bộ tổ chức khác hoặc cấp trên sẽ ghi và duyệt.');
      let found = await placed(personId, input.employeeCode, within);
      if (found.person.status !== 'active') throw new VisibleError('exemption.person_left', `${found.person.fullName} đã nghỉ việc: không cần ghi miễn.`);
      if (input.targetId !== null) await Target.pick(input.targetId);
      const evidence = input.evidence ? checkEvidence(input.evidence) : null;
      const id = `${personId}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const stored = evidence
        ? { key: `evidence/${id}.${evidence.ext}`, fileName: input.evidence!.fileName, contentType: evidence.contentType, size: evidence.bytes.length }
        : null;
      for (let attempt = 1; ; attempt++) {
        const exemption: Info = {
          id,
          personId,
          employeeCode: found.person.employeeCode,
          fullName: found.person.fullName,
          unitId: found.unit.id,
          targetId: input.targetId,
          reason: input.reason,
          note: input.note || null,
          from: input.from,
          until: input.until,
          endedOn: null,
          endedBy: null,
          evidence: stored,
          approvedBy: actor.email,
          createdAt: new Date().toISOString(),
        };
        const clash = (await personExemptions(personId)).find((e) => schema.overlaps(e, exemption));
        if (clash)
          throw new VisibleError(
            'exemption.overlap',
            `${found.person.fullName} đã được miễn (${reasonLabels[clash.reason].toLowerCase()}) từ ${dmy(clash.from)} đến ${dmy(lastDay(clash))}${clash.targetId ? ` cho chỉ tiêu "${clash.targetId}"` : ' cho mọi chỉ tiêu'}: thời gian trùng nhau.`,
          );
        if (evidence && attempt === 1) await privateFiles.put(stored!.key, evidence.bytes, evidence.contentType);
        if (await putExemption(exemption, found.unit.ancestors, found.rev)) {
          await sync(personId, today);
          await Audit.record({
            actor: actor.email,
            action: 'exemption.create',
            unitId: found.unit.id,
            detail: {
              id,
              employeeCode: exemption.employeeCode,
              targetId: exemption.targetId,
              reason: exemption.reason,
              from: exemption.from,
              until: exemption.until,
              evidence: Boolean(stored),
            },
          });
          return exemption;
        }
        if (attempt >= MAX_TRIES) throw new VisibleError('exemption.changed', 'Thông tin của người này vừa thay đổi. Vui lòng thử lại.');
        found = await placed(personId, input.employeeCode, within);
      }
    },
  );

  async function inScope(id: string, within: string | null) {
    const exemption = await getExemption(id);
    if (!exemption) throw new VisibleError('exemption.not_found', 'Không tìm thấy miễn trừ này trong phạm vi quản lý của bạn.');
    const found = await placed(exemption.personId, exemption.employeeCode, within).catch((err) => {
      throw err instanceof VisibleError && err.code === 'exemption.person_not_found'
        ? new VisibleError('exemption.not_found', 'Không tìm thấy miễn trừ này trong phạm vi quản lý của bạn.')
        : err;
    });
    return { exemption, ...found };
  }

  /**
   * Ends an exemption early: from `today` the person owes again (with a due date counted from
   * today). One that has not started yet is thereby cancelled. Refused once it has ended.
   */
  export const end = fn(
    v.object({ actor: Actor, within: v.nullable(Org.Id), id: v.string(), today: Today }),
    async ({ actor, within, id, today = vnDay() }) => {
      for (let attempt = 1; ; attempt++) {
        const { exemption, rev, unit } = await inScope(id, within);
        if (stateOn(exemption, today) === 'ended')
          throw new VisibleError('exemption.already_ended', `Miễn trừ của ${exemption.fullName} đã kết thúc ngày ${dmy(lastDay(exemption))}.`);
        const ended: Info = { ...exemption, endedOn: today, endedBy: actor.email };
        if (await endExemption(ended, rev)) {
          await sync(exemption.personId, today);
          await Audit.record({
            actor: actor.email,
            action: 'exemption.end',
            unitId: unit.id,
            detail: { id, employeeCode: exemption.employeeCode, endedOn: today },
          });
          return ended;
        }
        if (attempt >= MAX_TRIES) throw new VisibleError('exemption.changed', 'Thông tin của người này vừa thay đổi. Vui lòng thử lại.');
      }
    },
  );

  /**
   * The exemptions of a unit's subtree (one query per unit), newest start first, optionally
   * of one state on `today`; at most `limit`, `more` saying the list was cut.
   */
  export const list = fn(
    v.object({
      unitId: Org.Id,
      state: v.optional(v.picklist(states)),
      today: Today,
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000)), 1000),
    }),
    async ({ unitId, state, today = vnDay(), limit }): Promise<{ exemptions: Listed[]; more: boolean }> => {
      const out: Listed[] = [];
      for await (const unit of Org.subtree(unitId)) {
        for (const e of await unitExemptions(unit.id)) {
          const s = stateOn(e, today);
          if (state && s !== state) continue;
          if (out.length === limit) return { exemptions: out.sort(newestFirst), more: true };
          out.push({ ...e, state: s, unitName: unit.name });
        }
      }
      return { exemptions: out.sort(newestFirst), more: false };
    },
  );
  const newestFirst = (a: Info, b: Info) => b.from.localeCompare(a.from) || a.fullName.localeCompare(b.fullName, 'vi');

  /** One exemption by id, or null. */
  export const get = (id: string) => getExemption(id);

  /** The last day of each person's exemption from a target (or all) active `today`, for the people of one unit: one query. */
  export async function untilByPerson(unitId: string, targetId: string, today = vnDay()): Promise<Map<string, string>> {
    const until = new Map<string, string>();
    for (const e of await unitExemptions(unitId)) {
      if ((e.targetId !== null && e.targetId !== targetId) || stateOn(e, today) !== 'active') continue;
      const last = lastDay(e);
      if (last > (until.get(e.personId) ?? '')) until.set(e.personId, last);
    }
    return until;
  }

  /** A person's own exemptions: what their page "Việc cần hoàn thành" shows. */
  /** `file`: the person's records when the caller read them already (Person.file). */
  export const ofPerson = (personId: string, file?: Person.File) => personExemptions(personId, file);

  /** An exemption's evidence file, for HR within scope; every read is audited (personal data). */
  export const evidence = fn(
    v.object({ actor: Actor, within: v.nullable(Org.Id), id: v.string() }),
    async ({ actor, within, id }): Promise<{ body: Readable; contentType: string; fileName: string }> => {
      const { exemption, unit } = await inScope(id, within);
      if (!exemption.evidence) throw new VisibleError('exemption.not_found', 'Miễn trừ này không có tệp minh chứng.');
      const body = await privateFiles.get(exemption.evidence.key);
      await Audit.record({ actor: actor.email, action: 'exemption.evidence', unitId: unit.id, detail: { id, employeeCode: exemption.employeeCode } });
      return { body, contentType: exemption.evidence.contentType, fileName: exemption.evidence.fileName };
    },
  );

  /**
   * The daily job's part: every exemption starting or ending on or before `today` that has
   * not been worked yet brings its person in line, then its due mark goes. O(what is due):
   * the marks of past days are gone. A crash leaves the rest for the next run; `stopAt`
   * (epoch ms) stops before a Lambda's timeout.
   */
  export async function runDue(today = vnDay(), options: { stopAt?: number } = {}): Promise<{ people: number }> {
    const done = new Set<string>();
    for await (const { key, exemptionId } of dueUpTo(today)) {
      if (Date.now() >= (options.stopAt ?? Infinity)) break;
      const exemption = await getExemption(exemptionId);
      if (exemption && !done.has(exemption.personId)) {
        const person = await Person.get(exemption.personId).catch(() => null);
        if (person) await sync(exemption.personId, today);
        done.add(exemption.personId);
      }
      await deleteDue(key);
    }
    return { people: done.size };
  }
}
