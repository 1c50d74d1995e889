import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Course, Credit, Exemption, Org, Person, Readiness, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, allRight, bundle, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/**
 * The authorization matrix: every route of the OpenAPI document × every role × a unit inside
 * and outside the caller's scope, and one in another tenant (a second province beside the
 * first, in the same installation). A route missing from `rules` fails the suite, so a new
 * route cannot ship without someone deciding who may call it.
 */
type Rule = 'public' | 'signedIn' | 'trainerOrAdmin' | 'hrOrAdmin' | 'hrOrAdminInScope' | 'adminInScope' | 'globalAdmin';
const rules: Record<string, Rule> = {
  'get /api/health': 'public',
  'get /api/openapi.json': 'public',
  'post /api/auth/login': 'public',
  'post /api/auth/logout': 'public',
  'post /api/auth/password-link': 'public',
  'get /api/auth/link': 'public',
  'post /api/auth/link': 'public',
  'get /api/auth/providers': 'public',
  'get /api/auth/oidc/start': 'public',
  'get /api/auth/oidc/callback': 'public',
  'get /api/me': 'signedIn',
  'post /api/me/language': 'signedIn',
  'get /api/me/requirements': 'signedIn',
  'get /api/notices': 'signedIn',
  'post /api/notices/{id}/read': 'signedIn',
  'get /api/reminders/plan': 'hrOrAdminInScope',
  'post /api/reminders/run': 'hrOrAdminInScope',
  'get /api/reminders/history': 'hrOrAdminInScope',
  'post /api/reminders/pause': 'hrOrAdminInScope',
  'get /api/reminders/digest': 'signedIn',
  'post /api/reminders/digest-optout': 'signedIn',
  'get /api/reminders/head': 'hrOrAdminInScope',
  'post /api/reminders/head': 'hrOrAdminInScope',
  'post /api/auth/password': 'signedIn',
  'get /api/courses': 'signedIn',
  'get /api/courses/{slug}': 'signedIn',
  'get /api/courses/{slug}/lessons/{lessonId}': 'signedIn',
  'post /api/courses/{slug}/lessons/{lessonId}/complete': 'signedIn',
  'get /api/courses/{slug}/quiz': 'signedIn',
  'post /api/courses/{slug}/attempts': 'signedIn',
  'get /api/courses/{slug}/attempts/{n}': 'signedIn',
  'post /api/courses/{slug}/attempts/{n}/answers': 'signedIn',
  'post /api/courses/{slug}/attempts/{n}/submit': 'signedIn',
  'get /api/courses/{slug}/certificate': 'signedIn',
  'get /api/courses/{slug}/certificate.pdf': 'signedIn',
  'get /api/certificates/{code}': 'public',
  'get /api/readiness': 'hrOrAdminInScope',
  'get /api/reports/completions.csv': 'hrOrAdminInScope',
  'post /api/reports/archives': 'hrOrAdminInScope',
  'get /api/reports/archives': 'hrOrAdminInScope',
  'get /api/reports/archives/{id}': 'hrOrAdminInScope',
  'get /api/reports/completions.xlsx': 'hrOrAdminInScope',
  'get /api/reports/summary.pdf': 'hrOrAdminInScope',
  'get /api/reports/untrained.csv': 'hrOrAdminInScope',
  'get /api/reports/calls.xlsx': 'hrOrAdminInScope',
  'get /api/reports/calls.pdf': 'hrOrAdminInScope',
  'get /api/reports/transcript.pdf': 'hrOrAdminInScope',
  'get /api/reports/schedules': 'hrOrAdminInScope',
  'post /api/reports/schedules': 'hrOrAdminInScope',
  'post /api/reports/schedules/remove': 'hrOrAdminInScope',
  'get /api/readiness/untrained': 'hrOrAdminInScope',
  'get /api/org': 'hrOrAdminInScope',
  'get /api/org/lookup': 'hrOrAdminInScope',
  'post /api/org/units': 'adminInScope',
  'post /api/org/units/{id}/update': 'adminInScope',
  'post /api/org/units/{id}/move': 'adminInScope',
  'post /api/org/merge': 'adminInScope',
  'post /api/org/merges/{id}/undo': 'adminInScope',
  'post /api/org/scheduled/{id}/cancel': 'adminInScope',
  'post /api/org/units/{id}/dissolve': 'adminInScope',
  'post /api/org/import': 'adminInScope',
  'get /api/org/export.csv': 'hrOrAdminInScope',
  'get /api/org/export.xlsx': 'hrOrAdminInScope',
  'post /api/roster/import': 'hrOrAdminInScope',
  'get /api/roster/people': 'hrOrAdminInScope',
  'post /api/roster/person': 'hrOrAdminInScope',
  'get /api/roster/search': 'hrOrAdminInScope',
  'get /api/roster/template.csv': 'hrOrAdmin',
  'get /api/exemptions': 'hrOrAdminInScope',
  'post /api/exemptions': 'hrOrAdminInScope',
  'post /api/exemptions/{id}/end': 'hrOrAdminInScope',
  'get /api/exemptions/{id}/evidence': 'hrOrAdminInScope',
  'get /api/credits': 'hrOrAdminInScope',
  'post /api/credits': 'hrOrAdminInScope',
  'post /api/credits/{id}/approve': 'hrOrAdminInScope',
  'get /api/credits/{id}/scan': 'hrOrAdminInScope',
  'get /api/me/credits': 'signedIn',
  'post /api/me/credits': 'signedIn',
  'get /api/targets': 'hrOrAdminInScope',
  'post /api/targets': 'hrOrAdminInScope',
  'get /api/accounts': 'hrOrAdminInScope',
  'post /api/accounts': 'hrOrAdminInScope',
  'post /api/accounts/password-link': 'hrOrAdminInScope',
  'post /api/accounts/grants': 'adminInScope',
  'get /api/audit': 'adminInScope',
  'get /api/audit.csv': 'adminInScope',
  'get /api/tenants/{id}': 'adminInScope',
  'post /api/tenants/{id}': 'adminInScope',
  'post /api/tenants/{id}/logo': 'adminInScope',
  'post /api/tenants/{id}/logo/remove': 'adminInScope',
  'post /api/tenants/{id}/remove': 'adminInScope',
  'get /api/tenants/{id}/logo': 'signedIn',
  'get /api/content': 'trainerOrAdmin',
  'get /api/content/courses/{slug}': 'trainerOrAdmin',
  'get /api/content/courses/{slug}/statistics': 'trainerOrAdmin',
};

/** `provinceAdmin`: a tenant's admin, of the first province's root; `scopedAdmin` holds a sở of it. */
type Caller = 'anonymous' | 'learner' | 'trainer' | 'hr' | 'scopedAdmin' | 'provinceAdmin' | 'globalAdmin';
const callers: Caller[] = ['anonymous', 'learner', 'trainer', 'hr', 'scopedAdmin', 'provinceAdmin', 'globalAdmin'];
/** Inside the sở "so", outside it in the same province, or in the other province (another tenant). */
type Scope = 'inside' | 'outside' | 'otherTenant';
const scopes: Scope[] = ['inside', 'outside', 'otherTenant'];

function expected(rule: Rule, caller: Caller, scope: Scope): 'allowed' | 401 | 403 {
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (rule === 'signedIn') return 'allowed';
  const admins: Caller[] = ['scopedAdmin', 'provinceAdmin', 'globalAdmin'];
  if (rule === 'trainerOrAdmin') return ['trainer', ...admins].includes(caller) ? 'allowed' : 403;
  if (rule === 'hrOrAdmin') return ['hr', ...admins].includes(caller) ? 'allowed' : 403;
  if (rule === 'globalAdmin') return caller === 'globalAdmin' ? 'allowed' : 403;
  const roleOk = rule === 'adminInScope' ? admins.includes(caller) : ['hr', ...admins].includes(caller);
  if (!roleOk) return 403;
  if (caller === 'globalAdmin' || scope === 'inside') return 'allowed';
  // The province's admin reaches all of it, and nothing of the other province.
  return caller === 'provinceAdmin' && scope === 'outside' ? 'allowed' : 403;
}

let tree: Awaited<ReturnType<typeof smallProvince>>;
/** An exemption and a credit (waiting for approval) of someone inside the agency "so" and of someone outside it. */
const exemptions: Record<Scope, string> = { inside: '', outside: '', otherTenant: '' };
const credits: Record<Scope, string> = { inside: '', outside: '', otherTenant: '' };
/** The other tenant: a province with one commune and two people, one with an account. */
const other = {
  province: Org.make({ id: 'tinh-khac', code: 'TINH-KHAC', name: 'Tỉnh Khác', kind: 'province' }, null),
  get commune() {
    return Org.make({ id: 'xa-khac', code: 'XA-KHAC', name: 'Xã Khác', kind: 'commune' }, this.province);
  },
};
const otherPeople: Person.Info[] = [0, 1].map((i) => ({
  id: personIdFor(`NV-KHAC-${i}`),
  employeeCode: `NV-KHAC-${i}`,
  fullName: `Trần Văn Khác ${i}`,
  email: null,
  unitId: 'xa-khac',
  category: 'cong-chuc',
  position: 'Chuyên viên',
  status: 'active',
}));
const unitOf = (scope: Scope) => (scope === 'inside' ? tree.dept1 : scope === 'outside' ? tree.commune : other.commune);
const learnerEmail = (scope: Scope) => ({ inside: 'hocvien@test.vn', outside: 'xa@test.vn', otherTenant: 'xa.khac@test.vn' })[scope];
const certificate = {
  issuer: 'Trung tâm Sát hạch CNTT',
  number: 'IU-0001',
  issuedOn: '2025-05-20',
  courses: ['khoa-mau'],
  evidence: { fileName: 'chung-chi.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
};
const cookies: Partial<Record<Caller, string>> = {};
let seq = 0;

/** A request that is valid in every way but who sends it, aimed inside or outside the agency "so". */
function sample(route: string, scope: Scope): { path: string; body?: unknown } {
  const unit = unitOf(scope).id;
  const person = [...tree.people, ...otherPeople].find((p) => p.unitId === unit)!;
  const today = new Date().toISOString().slice(0, 10);
  const paths: Record<string, { path: string; body?: unknown }> = {
    'get /api/health': { path: '/api/health' },
    'get /api/openapi.json': { path: '/api/openapi.json' },
    'post /api/auth/login': { path: '/api/auth/login', body: { email: 'khong.co@test.vn', password: 'x' } },
    'post /api/auth/logout': { path: '/api/auth/logout' },
    'post /api/auth/password-link': { path: '/api/auth/password-link', body: { token: 'khong-hop-le', password: 'mat-khau-dai-du' } },
    'get /api/auth/providers': { path: '/api/auth/providers' },
    'get /api/auth/link': { path: '/api/auth/link?token=khong-hop-le' },
    'post /api/auth/link': { path: '/api/auth/link', body: { token: 'khong-hop-le' } },
    'get /api/auth/oidc/start': { path: '/api/auth/oidc/start' },
    'get /api/auth/oidc/callback': { path: '/api/auth/oidc/callback?code=x&state=y' },
    'get /api/me': { path: '/api/me' },
    'post /api/me/language': { path: '/api/me/language', body: { language: 'vi' } },
    'get /api/me/requirements': { path: '/api/me/requirements' },
    'get /api/notices': { path: '/api/notices' },
    // No such notice: a learner marks only their own, found by their own key.
    'post /api/notices/{id}/read': { path: `/api/notices/${today}.nhac-viec/read` },
    'get /api/reminders/plan': { path: `/api/reminders/plan?unit=${unit}` },
    // Nobody of the fixture has an e-mail address: whatever is due today becomes a notice, never an e-mail.
    'post /api/reminders/run': { path: `/api/reminders/run?unit=${unit}` },
    'get /api/reminders/history': { path: `/api/reminders/history?unit=${unit}` },
    // Resuming: a unit not paused stays so, and no other call of the matrix is held back.
    'post /api/reminders/pause': { path: `/api/reminders/pause?unit=${unit}`, body: { paused: false } },
    'get /api/reminders/digest': { path: '/api/reminders/digest' },
    // Turning one's own digest on: it was never off, and nothing else of the matrix reads it.
    'post /api/reminders/digest-optout': { path: '/api/reminders/digest-optout', body: { optOut: false } },
    'get /api/reminders/head': { path: `/api/reminders/head?unit=${unit}` },
    // Clearing a head that was never named: allowed or refused by scope alone, and nothing else depends on it.
    'post /api/reminders/head': { path: `/api/reminders/head?unit=${unit}`, body: { employeeCode: null } },
    'post /api/auth/password': { path: '/api/auth/password', body: { current: 'sai-mat-khau', next: 'mat-khau-moi-dai' } },
    'get /api/courses': { path: '/api/courses' },
    'get /api/courses/{slug}': { path: '/api/courses/khoa-mau' },
    'get /api/courses/{slug}/lessons/{lessonId}': { path: '/api/courses/khoa-mau/lessons/bai-mot' },
    'post /api/courses/{slug}/lessons/{lessonId}/complete': { path: '/api/courses/khoa-mau/lessons/bai-mot/complete' },
    'get /api/courses/{slug}/quiz': { path: '/api/courses/khoa-mau/quiz' },
    'post /api/courses/{slug}/attempts': { path: '/api/courses/khoa-mau/attempts' },
    'get /api/courses/{slug}/attempts/{n}': { path: '/api/courses/khoa-mau/attempts/0' },
    'post /api/courses/{slug}/attempts/{n}/answers': { path: '/api/courses/khoa-mau/attempts/0/answers', body: { questionId: 'q1', answer: ['b'] } },
    'post /api/courses/{slug}/attempts/{n}/submit': { path: '/api/courses/khoa-mau/attempts/0/submit', body: { answers: allRight } },
    'get /api/courses/{slug}/certificate': { path: '/api/courses/khoa-mau/certificate' },
    'get /api/courses/{slug}/certificate.pdf': { path: '/api/courses/khoa-mau/certificate.pdf' },
    'get /api/certificates/{code}': { path: '/api/certificates/ABCDE-12345' },
    'get /api/readiness': { path: `/api/readiness?unit=${unit}` },
    'get /api/reports/completions.csv': { path: `/api/reports/completions.csv?unit=${unit}` },
    'post /api/reports/archives': { path: `/api/reports/archives?unit=${unit}` },
    'get /api/reports/archives': { path: `/api/reports/archives?unit=${unit}` },
    'get /api/reports/archives/{id}': { path: `/api/reports/archives/20260101T000000000Z-0123456789ab?unit=${unit}` },
    'get /api/reports/completions.xlsx': { path: `/api/reports/completions.xlsx?unit=${unit}` },
    'get /api/reports/summary.pdf': { path: `/api/reports/summary.pdf?unit=${unit}` },
    'get /api/reports/untrained.csv': { path: `/api/reports/untrained.csv?unit=${unit}` },
    'get /api/reports/calls.xlsx': { path: `/api/reports/calls.xlsx?unit=${unit}` },
    'get /api/reports/calls.pdf': { path: `/api/reports/calls.pdf?unit=${unit}` },
    'get /api/reports/transcript.pdf': { path: `/api/reports/transcript.pdf?employeeCode=${encodeURIComponent(person.employeeCode)}` },
    'get /api/reports/schedules': { path: `/api/reports/schedules?unit=${unit}` },
    'post /api/reports/schedules': { path: '/api/reports/schedules', body: { unit, frequency: 'monthly' } },
    'post /api/reports/schedules/remove': { path: '/api/reports/schedules/remove', body: { unit, frequency: 'monthly' } },
    'get /api/readiness/untrained': { path: `/api/readiness/untrained?unit=${unit}` },
    'get /api/org': { path: `/api/org?unit=${unit}` },
    'get /api/org/lookup': { path: `/api/org/lookup?code=${unitOf(scope).code}` },
    'post /api/org/units': { path: '/api/org/units', body: { code: `MOI-${++seq}`, name: 'Phòng mới', kind: 'department', parentId: unit, effective: today } },
    'post /api/org/units/{id}/update': { path: `/api/org/units/${unit}/update`, body: { name: `Đơn vị ${unit}`, effective: today } },
    'post /api/org/units/{id}/move': {
      path: `/api/org/units/${unit}/move`,
      body: { parentId: scope === 'inside' ? tree.agency.id : scope === 'outside' ? tree.province.id : other.province.id, effective: today },
    },
    'post /api/org/merge': { path: '/api/org/merge', body: { sourceIds: [unit], into: { unitId: unit }, effective: today } },
    // Ids that name no merge or change, under a unit inside or outside: the scope is checked first.
    'post /api/org/merges/{id}/undo': { path: `/api/org/merges/${unit}.khong-co/undo` },
    'post /api/org/scheduled/{id}/cancel': { path: `/api/org/scheduled/${unit}.khong-co/cancel` },
    'post /api/org/units/{id}/dissolve': { path: `/api/org/units/${unit}/dissolve`, body: { effective: today } },
    'post /api/org/import': { path: `/api/org/import?unit=${unit}&dryRun=1` },
    'get /api/org/export.csv': { path: `/api/org/export.csv?unit=${unit}` },
    'get /api/org/export.xlsx': { path: `/api/org/export.xlsx?unit=${unit}` },
    'post /api/roster/import': { path: `/api/roster/import?unit=${unit}&dryRun=1` },
    'get /api/roster/people': { path: `/api/roster/people?unit=${unit}` },
    'post /api/roster/person': {
      path: `/api/roster/person?unit=${unit}`,
      body: {
        employeeCode: person.employeeCode,
        fullName: person.fullName,
        email: '',
        unitCode: unitOf(scope).code,
        category: person.category,
        position: person.position,
        status: 'active',
        startDate: '',
      },
    },
    'get /api/roster/search': { path: `/api/roster/search?unit=${unit}&q=nguyen` },
    'get /api/roster/template.csv': { path: '/api/roster/template.csv' },
    'get /api/exemptions': { path: `/api/exemptions?unit=${unit}` },
    'post /api/exemptions': {
      path: '/api/exemptions',
      body: { employeeCode: person.employeeCode, targetId: null, reason: 'di-hoc', from: '2030-01-01', until: '2030-01-31' },
    },
    'post /api/exemptions/{id}/end': { path: `/api/exemptions/${exemptions[scope]}/end` },
    'get /api/exemptions/{id}/evidence': { path: `/api/exemptions/${exemptions[scope]}/evidence` },
    'get /api/credits': { path: `/api/credits?unit=${unit}` },
    'post /api/credits': { path: '/api/credits', body: { ...certificate, employeeCode: person.employeeCode } },
    'post /api/credits/{id}/approve': { path: `/api/credits/${credits[scope]}/approve` },
    'get /api/credits/{id}/scan': { path: `/api/credits/${credits[scope]}/scan` },
    'get /api/me/credits': { path: '/api/me/credits' },
    'post /api/me/credits': { path: '/api/me/credits', body: { ...certificate, number: `MC-${++seq}` } },
    'get /api/targets': { path: `/api/targets?unit=${unit}` },
    // A target of the unit itself: allowed or refused by scope alone.
    'post /api/targets': {
      path: '/api/targets',
      body: { ...target, id: `muc-tieu-${scope.toLowerCase()}-${++seq}`, unitId: unit },
    },
    'get /api/accounts': { path: `/api/accounts?unit=${unit}` },
    'post /api/accounts': { path: '/api/accounts', body: { email: `moi-${++seq}@test.vn`, employeeCode: person.employeeCode } },
    'post /api/accounts/password-link': { path: '/api/accounts/password-link', body: { email: learnerEmail(scope) } },
    'post /api/accounts/grants': { path: '/api/accounts/grants', body: { email: learnerEmail(scope), grants: [] } },
    'get /api/audit': { path: `/api/audit?from=${today}&to=${today}&unit=${unit}` },
    'get /api/audit.csv': { path: `/api/audit.csv?from=${today}&to=${today}&unit=${unit}` },
    'get /api/tenants/{id}': { path: `/api/tenants/${unit}` },
    'post /api/tenants/{id}': { path: `/api/tenants/${unit}`, body: { name: 'UBND TỈNH THỬ' } },
    'post /api/tenants/{id}/logo': { path: `/api/tenants/${unit}/logo` },
    'post /api/tenants/{id}/logo/remove': { path: `/api/tenants/${unit}/logo/remove` },
    'post /api/tenants/{id}/remove': { path: `/api/tenants/${unit}/remove` },
    'get /api/tenants/{id}/logo': { path: `/api/tenants/${unit}/logo` },
    'get /api/content': { path: '/api/content' },
    'get /api/content/courses/{slug}': { path: '/api/content/courses/khoa-mau' },
    'get /api/content/courses/{slug}/statistics': { path: '/api/content/courses/khoa-mau/statistics' },
  };
  return paths[route]!;
}

describe('authorization matrix', () => {
  let routes: string[];
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await putMany([other.province, other.commune].map(Org.toItem));
    await putMany(otherPeople.map(Person.toItem));
    await Readiness.rebuild({ write: true });
    for (const scope of scopes) {
      const unitId = unitOf(scope).id;
      const employeeCode = [...tree.people, ...otherPeople].find((p) => p.unitId === unitId)!.employeeCode;
      const input = { employeeCode, targetId: null, reason: 'thai-san' as const, from: '2029-01-01', until: '2029-06-30' };
      exemptions[scope] = (await Exemption.create({ actor: { email: 'seed' }, within: null, input })).id;
      credits[scope] = (
        await Credit.submit({ actor: { email: 'seed' }, within: null, input: { ...certificate, employeeCode, number: 'IU-9999' }, approve: false })
      ).id;
    }
    const inDept = tree.people.filter((p) => p.unitId === tree.dept1.id);
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    await account('hocvien@test.vn', inDept[0]!.id);
    await account('xa@test.vn', tree.people.find((p) => p.unitId === tree.commune.id)!.id);
    await account(learnerEmail('otherTenant'), otherPeople[0]!.id);
    const grants: Record<Exclude<Caller, 'anonymous'>, [string, string, Account.Grant[]]> = {
      learner: ['hocvien@test.vn', inDept[0]!.id, []],
      trainer: ['giangvien@test.vn', inDept[1]!.id, [{ role: 'trainer', unitId: null }]],
      hr: ['nhansu@test.vn', inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]],
      scopedAdmin: ['quantri.so@test.vn', inAgency[1]!.id, [{ role: 'admin', unitId: tree.agency.id }]],
      // Neither admin is a person the matrix acts on (the first of each unit): acting on someone holding a higher grant is refused by rank, not scope.
      provinceAdmin: ['quantri.tinh@test.vn', tree.people.filter((p) => p.unitId === tree.commune.id)[1]!.id, [{ role: 'admin', unitId: tree.province.id }]],
      globalAdmin: ['quantri@test.vn', otherPeople[1]!.id, [{ role: 'admin', unitId: null }]],
    };
    for (const [caller, [email, personId, g]] of Object.entries(grants)) {
      if (caller !== 'learner') await account(email, personId, g);
      cookies[caller as Caller] = await sessionCookie(email);
    }
    const doc = await (await app.request('/api/openapi.json')).json();
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`));
  });

  it('has a rule for every route in the OpenAPI document, and the document declares it too', async () => {
    expect(routes.filter((r) => !(r in rules))).toEqual([]);
    expect(Object.keys(rules).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('keeps a province’s own course to its people: to the other province’s learner every page of it is "not found", whatever the URL', async () => {
    await Course.publish(bundle({ slug: 'khoa-cua-tinh', title: 'Khoá riêng của tỉnh', unitId: tree.province.id, hash: 'cua-tinh' }));
    const headers = (caller: string) => ({ 'x-requested-with': 'sansang', 'content-type': 'application/json', cookie: caller });
    const pages = [
      ['GET', '/api/courses/khoa-cua-tinh'],
      ['GET', '/api/courses/khoa-cua-tinh/lessons/bai-mot'],
      ['POST', '/api/courses/khoa-cua-tinh/lessons/bai-mot/complete'],
      ['GET', '/api/courses/khoa-cua-tinh/quiz'],
      ['POST', '/api/courses/khoa-cua-tinh/attempts'],
    ] as const;
    const otherLearner = await sessionCookie(learnerEmail('otherTenant'));
    const answers: string[] = [];
    for (const [method, path] of pages) {
      const mine = await app.request(path, { method, headers: headers(cookies.learner!) });
      const theirs = await app.request(path, { method, headers: headers(otherLearner) });
      answers.push(`${method} ${path}: ${mine.status} / ${theirs.status} ${(await theirs.json()).error?.code ?? ''}`);
    }
    expect(answers).toEqual(pages.map(([method, path]) => `${method} ${path}: 200 / 404 course.not_found`));
    const listed = async (cookie: string) =>
      ((await (await app.request('/api/courses', { headers: headers(cookie) })).json()) as { courses: { slug: string }[] }).courses.map((c) => c.slug);
    expect(await listed(cookies.learner!)).toContain('khoa-cua-tinh');
    expect(await listed(otherLearner)).toEqual(['khoa-mau']);

    // Its preview, answers included, is for its own province's admins and the installation's, not the other province's.
    await account('quantri.khac@test.vn', otherPeople[0]!.id, [{ role: 'admin', unitId: other.province.id }]);
    const otherAdmin = await sessionCookie('quantri.khac@test.vn');
    const preview = async (cookie: string) => {
      const res = await app.request('/api/content/courses/khoa-cua-tinh', { headers: headers(cookie) });
      const stats = await app.request('/api/content/courses/khoa-cua-tinh/statistics', { headers: headers(cookie) });
      return [res.status, stats.status];
    };
    expect([await preview(cookies.provinceAdmin!), await preview(cookies.globalAdmin!), await preview(otherAdmin)]).toEqual([
      [200, 200],
      [200, 200],
      [404, 404],
    ]);
    const previewList = async (cookie: string) =>
      ((await (await app.request('/api/content', { headers: headers(cookie) })).json()) as { courses: { slug: string }[] }).courses.map((c) => c.slug).sort();
    expect(await previewList(cookies.scopedAdmin!)).toEqual(['khoa-cua-tinh', 'khoa-mau']);
    expect(await previewList(otherAdmin)).toEqual(['khoa-mau']);
  });

  it('answers every route × role × scope as its rule says, never with a 5xx', async () => {
    // A staff code or an audit log unit outside the officer's scope is refused as one that does not exist, so neither can be probed.
    const refusals = new Set(['auth.forbidden', 'account.person_not_found', 'audit.unit_unknown']);
    const wrong: string[] = [];
    // Logout really ends the session, so it goes last.
    const ordered = [...routes.filter((r) => r !== 'post /api/auth/logout'), 'post /api/auth/logout'];
    for (const route of ordered) {
      const method = route.split(' ')[0]!.toUpperCase();
      for (const caller of callers) {
        for (const scope of scopes) {
          const { path, body } = sample(route, scope);
          const headers: Record<string, string> = { 'x-requested-with': 'sansang', 'content-type': 'application/json' };
          if (caller !== 'anonymous') headers.cookie = cookies[caller]!;
          const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          const code = res.headers.get('content-type')?.includes('json') && res.status >= 400 ? (await res.json()).error?.code : null;
          const denied = code === 'auth.required' ? 401 : refusals.has(code) ? 403 : 'allowed';
          const want = expected(rules[route]!, caller, scope);
          if (res.status >= 500 || denied !== want) wrong.push(`${route} as ${caller} (${scope}): got ${res.status} ${code ?? ''}, want ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // About 2,200 requests (routes × 7 callers × 3 scopes): 20 s on a quiet machine, more beside other suites.
  }, 300_000);
});
