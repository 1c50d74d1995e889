import { beforeAll, describe, expect, it } from 'vitest';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const cookies: Record<string, string> = {};
const get = (who: string, path: string) => app.request(path, { headers: { cookie: cookies[who]! } });

describe('what an officer is offered of the units above and around them', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    await account('nhansu@test.vn', inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('quantri@test.vn', inAgency[1]!.id, [{ role: 'admin', unitId: null }]);
    cookies.hr = await sessionCookie('nhansu@test.vn');
    cookies.admin = await sessionCookie('quantri@test.vn');
  });

  it('marks each unit above as openable only when it lies inside the caller’s grant', async () => {
    const view = await (await get('hr', `/api/org?unit=${tree.dept1.id}`)).json();
    expect(view.ancestors).toEqual([
      { id: tree.province.id, name: tree.province.name, inScope: false },
      { id: tree.agency.id, name: tree.agency.name, inScope: true },
    ]);
    // What is not offered is also refused: the mark says what the server would answer.
    expect((await get('hr', `/api/org?unit=${tree.province.id}`)).status).toBe(403);
    expect((await get('hr', `/api/org?unit=${tree.agency.id}`)).status).toBe(200);
    const own = await (await get('hr', `/api/org?unit=${tree.agency.id}`)).json();
    expect(own.ancestors).toEqual([{ id: tree.province.id, name: tree.province.name, inScope: false }]);
    const wide = await (await get('admin', `/api/org?unit=${tree.dept1.id}`)).json();
    expect(wide.ancestors.map((a: { inScope: boolean }) => a.inScope)).toEqual([true, true]);
  });

  it('finds the still-to-train by name or code anywhere in the subtree, marks or not, and nobody outside it', async () => {
    const untrained = async (q: string) =>
      ((await (await get('hr', `/api/readiness/untrained?unit=${tree.agency.id}&q=${encodeURIComponent(q)}`)).json()) as { people: { id: string }[] }).people
        .map((p) => p.id)
        .sort();
    const ids = (pick: (p: (typeof tree.people)[number]) => boolean) =>
      tree.people
        .filter(pick)
        .map((p) => p.id)
        .sort();
    // Typed without marks, in any case: "Nguyễn Văn phong-1 2" in a department two levels down.
    expect(await untrained('nguyen van PHONG-1 2')).toEqual(ids((p) => p.fullName === 'Nguyễn Văn phong-1 2'));
    expect(await untrained('NV-phong-2')).toEqual(ids((p) => p.unitId === tree.dept2.id));
    expect(await untrained('Văn so')).toEqual(ids((p) => p.unitId === tree.agency.id));
    // The commune is outside the agency officer's subtree: its people are not found, however named.
    expect(await untrained(`NV-${tree.commune.id}`)).toEqual([]);
    // An empty search is no search.
    expect((await untrained('  ')).length).toBe(ids((p) => p.unitId !== tree.commune.id).length);
  });

  it('searches the roster of the whole subtree by name or code, with each person’s unit, and only inside the grant', async () => {
    type Found = { people: { id: string; unitId: string; unitName: string; status: string }[]; more: boolean };
    const search = async (who: string, q: string, unit = tree.agency.id) => {
      const res = await get(who, `/api/roster/search?unit=${unit}&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return (await res.json()) as Found;
    };
    // Two levels down from the agency, typed without marks.
    const deep = await search('hr', 'NGUYEN VAN phong-2');
    expect(deep.people.map((p) => p.id).sort()).toEqual(
      tree.people
        .filter((p) => p.unitId === tree.dept2.id)
        .map((p) => p.id)
        .sort(),
    );
    expect(deep.people.every((p) => p.unitName === tree.dept2.name && p.status === 'active')).toBe(true);
    expect(deep.more).toBe(false);
    expect((await search('hr', 'NV-so-1')).people.map((p) => p.id)).toEqual([tree.people.find((p) => p.employeeCode === 'NV-so-1')!.id]);
    // Nobody outside the agency's subtree, even by exact code; the commune itself is refused.
    expect((await search('hr', `NV-${tree.commune.id}-0`)).people).toEqual([]);
    expect((await get('hr', `/api/roster/search?unit=${tree.commune.id}&q=nguyen`)).status).toBe(403);
    expect((await search('admin', `NV-${tree.commune.id}-0`, tree.province.id)).people).toHaveLength(1);
    // An empty search is a mistake said in words, not the whole province.
    const empty = await get('hr', `/api/roster/search?unit=${tree.agency.id}&q=%20`);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain('hãy nhập tên hoặc mã cán bộ');
  });

  it('offers a roster template whose Vietnamese header the import reads back, row for row', async () => {
    const res = await get('hr', '/api/roster/template.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('mau-danh-sach-can-bo.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.subarray(3).toString('utf8');
    expect(header).toBe('Mã cán bộ,Họ và tên,Thư điện tử,Mã đơn vị,Phân loại,Chức vụ,Trạng thái,Ngày bắt đầu công tác,Lý do miễn,Nghỉ đến ngày\r\n');
    // Filled in as HR would in Excel, it imports with no problem: every title is one the import knows.
    const filled = `${header}NV-MAU-1,Phạm Thị Mẫu,mau@test.vn,${tree.dept1.code},Công chức,Chuyên viên,đang công tác,01/03/2026,,\r\n`;
    const dry = await app.request(`/api/roster/import?unit=${tree.agency.id}&dryRun=1`, {
      method: 'POST',
      headers: { cookie: cookies.hr!, 'x-requested-with': 'sansang', 'content-type': 'text/csv' },
      body: Buffer.concat([bytes.subarray(0, 3), Buffer.from(filled, 'utf8')]),
    });
    expect(dry.status).toBe(200);
    const { plan } = await dry.json();
    expect(plan.problems).toEqual([]);
    expect(plan).toMatchObject({ rows: 1, invalidRows: 0 });
    expect(plan.counts.create).toBe(1);
    expect(plan.changes[0]).toMatchObject({ employeeCode: 'NV-MAU-1', fullName: 'Phạm Thị Mẫu', action: 'create' });
  });
});
