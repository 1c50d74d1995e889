import { beforeAll, describe, expect, it } from 'vitest';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<'hr' | 'learner', string> = { hr: '', learner: '' };
const scan = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const certificate = {
  issuer: 'Trung tâm Sát hạch CNTT tỉnh',
  number: 'BDHVS-000731',
  issuedOn: '2025-09-02',
  courses: ['khoa-mau'],
  evidence: { fileName: 'chứng chỉ.png', data: scan.toString('base64') },
};

const call = (who: keyof typeof cookies, path: string, body?: unknown) =>
  app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: cookies[who], 'content-type': 'application/json', 'x-requested-with': 'sansang' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const trained = async () => (await (await call('hr', `/api/readiness?unit=${tree.agency.id}&target=${target.id}`)).json()).trained as number;

describe('credit for prior learning over HTTP', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    const learner = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    await account('hocvien@test.vn', learner.id);
    await account('nhansu.so@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    cookies.learner = await sessionCookie('hocvien@test.vn');
    cookies.hr = await sessionCookie('nhansu.so@test.vn');
  });

  it('a learner sends their certificate; it counts only once HR approves it, and reports mark it as credit', async () => {
    const before = await trained();
    const sent = await call('learner', '/api/me/credits', certificate);
    expect(sent.status).toBe(201);
    const { credit } = await sent.json();
    expect(credit.state).toBe('pending');
    expect(await trained()).toBe(before);
    expect((await (await call('learner', '/api/me/credits')).json()).credits.map((c: { id: string }) => c.id)).toEqual([credit.id]);

    const pending = await (await call('hr', `/api/credits?unit=${tree.agency.id}&state=pending`)).json();
    expect(pending.credits.map((c: { id: string; unitName: string }) => [c.id, c.unitName])).toEqual([[credit.id, tree.dept1.name]]);
    const file = await call('hr', `/api/credits/${credit.id}/scan`);
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await file.arrayBuffer()).equals(scan)).toBe(true);

    const approved = await call('hr', `/api/credits/${credit.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(await trained()).toBe(before + 1);
    const again = await call('hr', `/api/credits/${credit.id}/approve`, {});
    expect([again.status, (await again.json()).error.code]).toEqual([409, 'credit.already_approved']);

    const csv = await (await call('hr', `/api/reports/completions.csv?unit=${tree.dept1.id}`)).text();
    const line = csv.split('\r\n').find((l) => l.includes(credit.employeeCode) && l.includes('khoa-mau'))!;
    expect(line).toContain('Công nhận tương đương');
  });

  it('refuses, with a Vietnamese message, a certificate without its scan, the same one twice, and someone outside the officer’s subtree', async () => {
    const inDept = tree.people.filter((p) => p.unitId === tree.dept2.id);
    const outside = tree.people.find((p) => p.unitId === tree.commune.id)!;
    const { evidence: _, ...withoutScan } = certificate;
    const cases: [unknown, number, string, RegExp][] = [
      [{ ...withoutScan, employeeCode: inDept[0]!.employeeCode }, 400, 'request.invalid', /bản chụp/],
      [{ ...certificate, employeeCode: outside.employeeCode }, 403, 'auth.forbidden', /phạm vi quản lý/],
    ];
    expect((await call('hr', '/api/credits', { ...certificate, employeeCode: inDept[0]!.employeeCode })).status).toBe(201);
    cases.push([{ ...certificate, employeeCode: inDept[0]!.employeeCode, number: 'bdhvs-000731' }, 409, 'credit.duplicate', /đã được ghi/]);
    for (const [body, status, code, message] of cases) {
      const res = await call('hr', '/api/credits', body);
      const { error } = await res.json();
      expect([res.status, error.code]).toEqual([status, code]);
      expect(error.message).toMatch(message);
    }
    expect((await (await call('hr', `/api/credits?unit=${tree.dept2.id}`)).json()).credits).toHaveLength(1);
  });

  it('lets nobody approve their own certificate: an officer sends theirs as a learner, and it waits for another', async () => {
    const self = tree.people.find((p) => p.unitId === tree.agency.id)!;
    const direct = await call('hr', '/api/credits', { ...certificate, employeeCode: self.employeeCode, number: 'TU-DUYET-1' });
    expect([direct.status, (await direct.json()).error.code]).toEqual([403, 'credit.self_approval']);
    const sent = await call('hr', '/api/me/credits', { ...certificate, number: 'TU-DUYET-2' });
    expect(sent.status).toBe(201);
    const { credit } = await sent.json();
    const approve = await call('hr', `/api/credits/${credit.id}/approve`, {});
    expect([approve.status, (await approve.json()).error.code]).toEqual([403, 'credit.self_approval']);
    expect((await (await call('hr', `/api/credits?unit=${tree.agency.id}&state=pending`)).json()).credits.map((c: { id: string }) => c.id)).toContain(
      credit.id,
    );
  });
});
