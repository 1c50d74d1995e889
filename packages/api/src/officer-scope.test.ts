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
});
