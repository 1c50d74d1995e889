// Measures what one learner action costs the backend: DynamoDB requests and capacity units
// (as DynamoDB Local reports them) and time in the API, for the cost model
// (infra/cost-model.ts). `--write` records the figures in infra/cost-inputs.json.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { app } from '@sansang/api';
import { configureDb, ensureTable, meterDynamo } from '@sansang/core/testing';
import { table } from '../../infra/spec.ts';
import { startDynamoLocal } from '@sansang/cli/dynamodb-local';
import { Readiness, Target } from '@sansang/core';
import { account, allRight, smallProvince, target } from '../support/fixtures.ts';

// A throwaway signing key: this run only measures, nobody signs in later.
process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
const ddb = await startDynamoLocal({});
try {
  configureDb({ endpoint: ddb.endpoint, tableName: 'actions' });
  await ensureTable('actions', table);
  const tree = await smallProvince(3);
  // A yearly target beside the fixture's, as provinces have for security training: a completion makes a mark that lapses.
  const yearly: Target.Info = { ...target, id: 'hang-nam', validity: { months: 12 }, renewalDays: 30 };
  await Target.put(yearly);
  await account('hocvien@bench.vn', tree.people[0]!.id);
  await account('nhansu@bench.vn', tree.people[1]!.id, [{ role: 'hr', unitId: tree.province.id }]);
  const meter = meterDynamo();
  const actions: Record<string, { requests: number; readUnits: number; writeUnits: number; apiMs: number }> = {};
  const write = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
  let cookie = '';
  const act = async (name: string, path: string, init: RequestInit = {}) => {
    meter.take();
    const started = performance.now();
    const res = await app.request(path, { ...init, headers: { ...(init.headers as object), cookie } });
    if (res.status >= 400) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    actions[name] = { ...meter.take(), apiMs: Math.round((performance.now() - started) * 10) / 10 };
    return res;
  };
  const login = await act('signIn', '/api/auth/login', {
    method: 'POST',
    headers: write,
    body: JSON.stringify({ email: 'hocvien@bench.vn', password: 'mat-khau-dung' }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  await act('courseList', '/api/courses');
  await act('openCourse', '/api/courses/khoa-mau');
  await act('readLesson', '/api/courses/khoa-mau/lessons/bai-mot');
  await act('completeLesson', '/api/courses/khoa-mau/lessons/bai-mot/complete', { method: 'POST', headers: write });
  await act('completeLastLesson', '/api/courses/khoa-mau/lessons/bai-hai/complete', { method: 'POST', headers: write });
  await act('openQuiz', '/api/courses/khoa-mau/quiz');
  await act('startAttempt', '/api/courses/khoa-mau/attempts', { method: 'POST', headers: write });
  await act('saveAnswer', '/api/courses/khoa-mau/attempts/0/answers', {
    method: 'POST',
    headers: write,
    body: JSON.stringify({ questionId: 'q1', answer: allRight.q1 }),
  });
  await act('submitQuizAndComplete', '/api/courses/khoa-mau/attempts/0/submit', {
    method: 'POST',
    headers: write,
    body: JSON.stringify({ answers: allRight }),
  });
  const hr = await app.request('/api/auth/login', {
    method: 'POST',
    headers: write,
    body: JSON.stringify({ email: 'nhansu@bench.vn', password: 'mat-khau-dung' }),
  });
  cookie = hr.headers.get('set-cookie')!.split(';')[0]!;
  await act('readinessDashboard', '/api/readiness');
  // The daily job moving one person whose completion enters its renewal window (what it does
  // per person on any day, the lapse itself costing the same): per person, not per roster.
  const mark = (await Readiness.trainedMarksOf(tree.people[0]!.id)).find((m) => m.targetId === yearly.id)!;
  meter.take();
  const started = performance.now();
  const moved = await Readiness.runLapses(Target.renewalOpens(yearly, mark.validUntil!));
  if (moved.people !== 1) throw new Error(`dailyLapse: moved ${moved.people} people, expected 1`);
  actions.dailyLapse = { ...meter.take(), apiMs: Math.round((performance.now() - started) * 10) / 10 };
  for (const [name, a] of Object.entries(actions))
    console.log(
      `${name.padEnd(22)} ${String(a.requests).padStart(3)} requests  ${a.readUnits.toFixed(1).padStart(5)} RRU  ${a.writeUnits.toFixed(1).padStart(5)} WRU  ${a.apiMs} ms`,
    );
  if (process.argv.includes('--write')) {
    const path = new URL('../../infra/cost-inputs.json', import.meta.url);
    const inputs = JSON.parse(readFileSync(path, 'utf8'));
    // Merged: other benchmarks record their own actions here (test/bench/reminders.ts `sendReminder`).
    writeFileSync(path, `${JSON.stringify({ ...inputs, measuredActions: { ...inputs.measuredActions, ...actions } }, null, 2)}\n`);
    console.log('recorded in infra/cost-inputs.json');
  }
} finally {
  await ddb.stop();
}
