import { describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { Progress, Readiness, Requirement, Target } from '@sansang/core';
import { useFreshTable } from '../../../test/support/db.ts';
import { smallProvince, target } from '../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../test/support/quiz-answers.ts';
import { repoRoot } from './paths.ts';

describe('sansang daily', () => {
  it('moves the completions lapsing on the day it is given, as the deployed daily job does, and says how many', async () => {
    const tableName = await useFreshTable();
    const tree = await smallProvince(2);
    const yearly: Target.Info = { ...target, id: 'hang-nam', validity: { months: 12 }, renewalDays: 30 };
    await Target.put(yearly);
    const p = tree.people.find((x) => x.unitId === tree.dept1.id)!;
    for (const lessonId of ['bai-mot', 'bai-hai']) await Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId });
    await takeQuiz(p.id, 'khoa-mau');
    const until = (await Readiness.trainedMarksOf(p.id)).find((m) => m.targetId === yearly.id)!.validUntil!;
    const run = (day: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'daily', '--date', day], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DYNAMODB_ENDPOINT: inject('ddbEndpoint'), TABLE_NAME: tableName },
      });
    const lapsed = Requirement.addDays(until, 1);
    // The day it enters its renewal window and the day it lapses both fall on or before `lapsed`: one person, moved once.
    expect(run(lapsed)).toContain(`Ngày ${lapsed}: 0 người bắt đầu hoặc hết miễn trừ; 1 người có hoàn thành chuyển sang sắp hết hoặc đã hết hiệu lực.`);
    expect((await Readiness.forUnit({ unitId: tree.dept1.id, targetId: yearly.id })).expired).toBe(1);
    expect(run(lapsed)).toContain('0 người có hoàn thành');
  });
});
