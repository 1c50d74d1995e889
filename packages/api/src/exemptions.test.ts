import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Audit, vnDay } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
let cookie: string;
const today = vnDay();
const later = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const scan = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ảnh chụp giấy ra viện')]);

const post = (path: string, body?: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'sansang' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const get = (path: string) => app.request(path, { headers: { cookie } });
const readiness = async () => (await (await get(`/api/readiness?unit=${tree.agency.id}&target=${target.id}`)).json()) as Record<string, number>;

describe('exemptions over HTTP', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    // An HR officer of the agency "so" (its departments below it), not of the commune.
    await account('nhansu.so@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    cookie = await sessionCookie('nhansu.so@test.vn');
  });

  it('records an exemption with its scan: the denominator falls by one, the list shows it, the scan opens and its reading is audited', async () => {
    const before = await readiness();
    const someone = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    const res = await post('/api/exemptions', {
      employeeCode: someone.employeeCode,
      targetId: null,
      reason: 'om-dai-ngay',
      note: 'Điều trị dài ngày',
      from: today,
      until: later(90),
      evidence: { fileName: 'giấy ra viện.jpg', data: scan.toString('base64') },
    });
    expect(res.status).toBe(201);
    const { exemption } = await res.json();
    expect(exemption).toMatchObject({ employeeCode: someone.employeeCode, approvedBy: 'nhansu.so@test.vn', evidence: { contentType: 'image/jpeg' } });
    // Where the scan is kept stays on the server.
    expect(exemption.evidence).not.toHaveProperty('key');

    const after = await readiness();
    expect([after.inScope, after.exempt, after.staff, after.owing]).toEqual([before.inScope, before.exempt! + 1, before.staff! - 1, before.owing! - 1]);

    const listed = await (await get(`/api/exemptions?unit=${tree.agency.id}&state=active`)).json();
    expect(listed.exemptions.map((e: { id: string; unitName: string; state: string }) => [e.id, e.unitName, e.state])).toEqual([
      [exemption.id, tree.dept1.name, 'active'],
    ]);

    const file = await get(`/api/exemptions/${exemption.id}/evidence`);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''gi%E1%BA%A5y%20ra%20vi%E1%BB%87n.jpg");
    expect(Buffer.from(await file.arrayBuffer()).equals(scan)).toBe(true);
    // The audit log files entries by UTC day: from 17:00 UTC on, the day before Vietnam's.
    const audit = await Audit.list({ from: new Date().toISOString().slice(0, 10), to: today });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['exemption.create', 'exemption.evidence']));

    // The reports say so too: out of the still-to-train list, "Được miễn đến …" in the workbook.
    const untrained = await (await get(`/api/reports/untrained.csv?unit=${tree.dept1.id}&target=${target.id}`)).text();
    expect(untrained).toContain(tree.people.filter((p) => p.unitId === tree.dept1.id)[1]!.employeeCode);
    expect(untrained).not.toContain(someone.employeeCode);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await get(`/api/reports/completions.xlsx?unit=${tree.dept1.id}`)).arrayBuffer());
    const rowOf = book.worksheets[1]!.getSheetValues().find((r) => Array.isArray(r) && r.includes(someone.employeeCode)) as unknown[];
    const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    expect(rowOf).toContain(`Được miễn đến ${dmy(later(90))}`);

    const ended = await post(`/api/exemptions/${exemption.id}/end`);
    expect(ended.status).toBe(200);
    expect((await readiness()).staff).toBe(before.staff);
  });

  it('refuses bad input with a Vietnamese message that says what is wrong, and records nothing', async () => {
    const inDept = tree.people.filter((p) => p.unitId === tree.dept2.id);
    const inCommune = tree.people.find((p) => p.unitId === tree.commune.id)!;
    const base = { employeeCode: inDept[0]!.employeeCode, targetId: null, reason: 'thai-san', from: today, until: later(180) };
    expect((await post('/api/exemptions', base)).status).toBe(201);
    const cases: [unknown, number, string, RegExp][] = [
      [{ ...base, targetId: target.id, from: later(10), until: later(20) }, 409, 'exemption.overlap', /trùng nhau/],
      [{ ...base, employeeCode: inDept[1]!.employeeCode, from: later(5), until: today }, 400, 'request.invalid', /ngày kết thúc/],
      [{ ...base, employeeCode: inDept[1]!.employeeCode, reason: 'nghi-phep' }, 400, 'request.invalid', /lý do/],
      [{ ...base, employeeCode: inCommune.employeeCode }, 403, 'auth.forbidden', /phạm vi quản lý/],
      [{ ...base, employeeCode: 'KHONG-CO-AI' }, 403, 'auth.forbidden', /phạm vi quản lý/],
      [
        {
          ...base,
          employeeCode: inDept[1]!.employeeCode,
          evidence: { fileName: 'don.pdf', data: Buffer.from('<html>không phải PDF</html>').toString('base64') },
        },
        400,
        'evidence.type',
        /không phải PDF hay ảnh/,
      ],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await post('/api/exemptions', body);
      const { error } = await res.json();
      expect([res.status, error.code], JSON.stringify(body).slice(0, 120)).toEqual([status, code]);
      expect(error.message).toMatch(message);
    }
    // An officer's own leave is for another officer to record and approve.
    const self = tree.people.find((p) => p.unitId === tree.agency.id)!;
    const mine = await post('/api/exemptions', { ...base, employeeCode: self.employeeCode });
    expect([mine.status, (await mine.json()).error.code]).toEqual([403, 'exemption.self']);
    const listed = await (await get(`/api/exemptions?unit=${tree.dept2.id}`)).json();
    expect(listed.exemptions).toHaveLength(1);
  });
});
