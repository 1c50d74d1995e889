import { beforeAll, describe, expect, it } from 'vitest';
import { Audit, Person, personIdFor } from '@sansang/core';
import { app } from './app.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { account, smallProvince } from '../../../test/support/fixtures.ts';
import { sessionCookie } from '../../../test/support/api-session.ts';

/** Editing one person of the roster from the page: the rules of one import row, inside the officer's scope. */
describe('POST /api/roster/person', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  let cookie = '';
  const edit = async (body: Record<string, unknown>, unit = 'so') => {
    const res = await app.request(`/api/roster/person?unit=${unit}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { cookie, 'x-requested-with': 'sansang', 'content-type': 'application/json' },
    });
    return { status: res.status, body: await res.json() };
  };
  const as = (p: Person.Info, change: Record<string, unknown> = {}) => ({
    employeeCode: p.employeeCode,
    fullName: p.fullName,
    email: '',
    unitCode: tree.units.find((u) => u.id === p.unitId)!.code,
    category: p.category,
    position: p.position,
    status: p.status,
    startDate: '',
    ...change,
  });

  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === 'so')!.id, [{ role: 'hr', unitId: 'so' }]);
    cookie = await sessionCookie('nhansu@test.vn');
  });

  it('corrects the name, position and start date, and moves the person to another unit of the scope with the audit naming the officer', async () => {
    const person = tree.people.find((p) => p.unitId === 'phong-1')!;
    const res = await edit(as(person, { fullName: 'Trần Thị Bình', position: 'Phó trưởng phòng', startDate: '2026-03-02', unitCode: tree.dept2.code }));
    expect(res.status).toBe(200);
    expect(res.body.change.action).toBe('move');
    const now = await Person.get(person.id);
    expect(now).toMatchObject({ fullName: 'Trần Thị Bình', position: 'Phó trưởng phòng', startDate: '2026-03-02', unitId: 'phong-2' });
    const today = new Date().toISOString().slice(0, 10);
    expect((await Audit.list({ from: today, to: today })).some((e) => e.actor === 'nhansu@test.vn')).toBe(true);
  });

  it('names the wrong field in words, and changes nothing', async () => {
    const person = tree.people.find((p) => p.unitId === 'phong-2')!;
    const res = await edit(as(person, { fullName: 'Tên mới', unitCode: 'KHONG-CO' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'person.invalid', message: 'Đơn vị: không có đơn vị mã "KHONG-CO"' });
    expect((await Person.get(person.id)).fullName).toBe(person.fullName);
  });

  it('does not move someone out of the scope, nor reach someone outside it, nor make a new person', async () => {
    const inside = tree.people.find((p) => p.unitId === 'phong-2' && p.fullName !== 'Trần Thị Bình')!;
    const out = await edit(as(inside, { unitCode: tree.commune.code }));
    expect(out.status).toBe(400);
    expect(out.body.error.message).toMatch(/^Đơn vị: đơn vị "XA" ngoài phạm vi quản lý của bạn/);
    expect((await Person.get(inside.id)).unitId).toBe('phong-2');
    const foreign = tree.people.find((p) => p.unitId === 'xa')!;
    const unknown = await edit(as(foreign, { employeeCode: 'NV-MOI-1' }));
    const beyond = await edit(as(foreign, { unitCode: tree.dept1.code }));
    expect(beyond.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(beyond.body.error.code).toBe('person.not_found');
    expect((await Person.get(foreign.id)).unitId).toBe('xa');
    await expect(Person.get(personIdFor('NV-MOI-1'))).rejects.toThrow();
  });
});
