import { Certificate } from '../certificate/index.ts';
import { Exemption } from '../exemption/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Progress } from '../progress/index.ts';
import { Readiness } from '../readiness/index.ts';
import { dueDate } from '../requirement/schema.ts';
import { Target } from '../target/index.ts';
import type { PersonTargetRow, Transcript } from './model.ts';
import { personMoves, personTrained, unitCompletions, unitMembers, unitTrained } from './store.ts';

/**
 * One row per active person of the subtree in the target's scope, unit by unit (three
 * queries per unit: its people, their completions, their trained marks): memory holds one
 * unit at a time, whatever the size of the province.
 */
export async function* targetRows(rootUnitId: string, target: Target.Info): AsyncGenerator<PersonTargetRow> {
  for await (const unit of Org.subtree(rootUnitId)) {
    const [members, completions, trained] = await Promise.all([unitMembers(unit.id), unitCompletions(unit.id), unitTrained(target.id, unit.id)]);
    const done = new Map(completions.map((c) => [`${c.personId}#${c.slug}`, c.completedAt]));
    const credited = new Set(completions.filter((c) => c.credit).map((c) => `${c.personId}#${c.slug}`));
    const markOf = new Map(trained.map((t) => [t.personId, t]));
    // Until when each exempt person is exempt: one more query, only for a unit where someone is.
    const exempt = members.some((p) => Readiness.isExempt(p, target.id)) ? await Exemption.untilByPerson(unit.id, target.id) : new Map<string, string>();
    for (const p of members) {
      if (p.status !== 'active' || !Target.covers(target, Target.classOf(p, unit))) continue;
      yield {
        unitCode: unit.code,
        unitName: unit.name,
        employeeCode: p.employeeCode,
        fullName: p.fullName,
        category: p.category,
        position: p.position,
        dueDate: dueDate(target, p),
        exemptUntil: Readiness.isExempt(p, target.id) ? (exempt.get(p.id) ?? null) : null,
        trainedAt: markOf.get(p.id)?.trainedAt ?? null,
        validUntil: markOf.get(p.id)?.validUntil ?? null,
        // As the counters have it (the daily job moves it), so a sheet's rows add up to its figures.
        lapse: p.lapse?.[target.id] ?? null,
        courses: target.programme.map((slug) => done.get(`${p.id}#${slug}`) ?? null),
        credited: target.programme.filter((slug) => credited.has(`${p.id}#${slug}`)),
      };
    }
  }
}

/** Everything one person has done, for their transcript PDF. */
export async function transcriptOf(personId: string): Promise<Transcript> {
  const person = await Person.get(personId);
  const unitRead = Org.get(person.unitId);
  const [unit, courses, moves, trained, targets] = await Promise.all([
    unitRead,
    unitRead.then((unit) => Progress.catalogueFor(person, { unit })),
    personMoves(person.id),
    personTrained(person.id),
    Target.list(),
  ]);
  const trainedAt = new Map(trained.map((t) => [t.targetId, t.trainedAt]));
  return {
    person: { employeeCode: person.employeeCode, fullName: person.fullName, category: person.category, position: person.position, status: person.status },
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind },
    generatedAt: new Date().toISOString(),
    moves: moves.map((m) => ({ at: m.effective ?? m.at, fromUnitName: m.fromUnitName, toUnitName: m.toUnitName })),
    // A completed course's certificate is issued (once) so the code printed here verifies.
    courses: await Promise.all(
      courses
        .filter((c) => c.progress.version !== null || c.progress.completed)
        .map(async (c) => ({
          slug: c.slug,
          title: c.title,
          version: c.progress.version ?? c.version,
          lessonsDone: c.progress.lessonsDone.length,
          lessonCount: c.progress.lessonCount,
          bestScore: c.progress.bestScore,
          completedAt: c.progress.completedAt,
          certificateCode: c.progress.completed ? (await Certificate.issue({ personId: person.id, slug: c.slug })).code : null,
        })),
    ),
    targets: Target.applyingAt(unit, targets)
      .filter((t) => Target.covers(t, Target.classOf(person, unit)))
      .map((t) => ({ title: t.title, deadline: t.deadline, trainedAt: trainedAt.get(t.id) ?? null })),
  };
}
