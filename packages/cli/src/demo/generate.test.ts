import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileContent } from '@sansang/content';
import { Person, Tenant } from '@sansang/core';
import { contentDir } from '../paths.ts';
import { generateProvince, readProvince } from './generate.ts';

const now = new Date('2026-11-01T00:00:00Z');

describe('demo province', async () => {
  const file = await readProvince(join(contentDir, 'demo', 'province.yaml'));
  const { courses, targets } = await compileContent(contentDir);
  const demo = generateProvince(file, courses, targets, { now });

  it('is a two-tier province after the 2025 reform, at the size the demo promises', () => {
    const kinds = (k: string[]) => demo.units.filter((u) => k.includes(u.kind)).length;
    expect(demo.units.filter((u) => u.parentId === null)).toHaveLength(1);
    expect(kinds(['agency'])).toBeGreaterThanOrEqual(18);
    expect(kinds(['commune', 'ward'])).toBeGreaterThanOrEqual(55);
    expect(kinds(['department'])).toBeGreaterThan(40);
    expect(demo.people.length).toBeGreaterThan(2500);
    expect(demo.people.length).toBeLessThan(3600);
    // Every commune hangs directly under the province: no district level any more.
    const root = demo.units.find((u) => u.parentId === null)!;
    expect(demo.units.filter((u) => u.kind === 'commune' || u.kind === 'ward').every((u) => u.parentId === root.id)).toBe(true);
  });

  it('organises each commune and ward as Decree 150/2025 and Decree 118/2025 do: leaders, three offices and a public administration service centre', () => {
    const root = demo.units.find((u) => u.parentId === null)!;
    const communes = demo.units.filter((u) => u.kind === 'commune' || u.kind === 'ward');
    for (const c of communes) {
      const offices = demo.units.filter((u) => u.parentId === c.id).map((u) => u.name);
      const place = c.name.replace(/^(Xã|Phường) /, '');
      const economy = c.kind === 'ward' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế';
      const tier = c.kind === 'ward' ? 'phường' : 'xã';
      expect(offices, c.name).toEqual([
        'Văn phòng Hội đồng nhân dân và Uỷ ban nhân dân',
        economy,
        'Phòng Văn hoá – Xã hội',
        `Trung tâm Phục vụ hành chính công ${tier} ${place}`,
      ]);
      expect(demo.units.filter((u) => u.parentId === c.id).every((u) => u.level === 'xa')).toBe(true);
      const leaders = demo.people.filter((p) => p.unitId === c.id);
      expect(leaders.every((p) => p.category === 'can-bo')).toBe(true);
      expect(leaders.map((p) => p.position)).toContain(`Chủ tịch Uỷ ban nhân dân ${tier}`);
    }
    expect(communes.every((c) => c.parentId === root.id)).toBe(true);
    // No district tier, and none of the commune titles abolished in 2025.
    expect(demo.units.some((u) => u.kind === 'district' || /huyện|quận|thị xã/i.test(u.name))).toBe(false);
    expect(demo.people.filter((p) => /Tư pháp - Hộ tịch|Địa chính|Tài chính - Kế toán|Văn phòng - Thống kê|Bộ phận Một cửa/.test(p.position))).toEqual([]);
    const learner = demo.people.find((p) => p.id === demo.accounts.find((a) => a.email === 'hocvien@demo.sansang.vn')!.personId)!;
    expect(demo.units.find((u) => u.id === learner.unitId)!.name).toMatch(/^Trung tâm Phục vụ hành chính công (xã|phường) /);
  });

  it('has all three employee categories, Vietnamese names in NFC and unique employee codes', () => {
    for (const c of Person.categories) expect(demo.people.some((p) => p.category === c)).toBe(true);
    expect(new Set(demo.people.map((p) => p.employeeCode)).size).toBe(demo.people.length);
    expect(demo.people.every((p) => p.fullName === p.fullName.normalize('NFC') && p.fullName.split(' ').length >= 3)).toBe(true);
  });

  it('is the same every time, except for the dates of progress', () => {
    const again = generateProvince(file, courses, targets, { now });
    expect(again.people).toEqual(demo.people);
    expect(again.units).toEqual(demo.units);
    expect(again.records.length).toBe(demo.records.length);
    expect(again.tenants).toEqual(demo.tenants);
  });

  it('makes the province a tenant, its name in capitals above its reports and its own PNG logo', () => {
    const root = demo.units.find((u) => u.parentId === null)!;
    expect(demo.tenants).toEqual([{ unitId: root.id, name: 'UỶ BAN NHÂN DÂN TỈNH MINH SƠN', logo: expect.any(Buffer) }]);
    expect(Tenant.inspectLogo(demo.tenants[0]!.logo)).toEqual({ type: 'image/png', width: 128, height: 128 });
  });

  it('has progress to show, and none for the demo learner', () => {
    const completions = demo.records.filter((r) => r.type === 'completion');
    const counted = new Set(targets.flatMap((t) => t.programme)).size;
    expect(completions.length).toBeGreaterThan(demo.people.length * counted * 0.15);
    expect(completions.length).toBeLessThan(demo.people.length * counted * 0.85);
    const learner = demo.accounts.find((a) => a.email === 'hocvien@demo.sansang.vn')!;
    expect(demo.records.some((r) => String(r.pk).endsWith(learner.personId))).toBe(false);
  });

  it('has a few recent joiners, started in the last two months and on no course yet, so their due dates differ', () => {
    const joiners = demo.people.filter((p) => p.startDate);
    expect(joiners.length).toBeGreaterThanOrEqual(10);
    expect(joiners.length).toBeLessThan(demo.people.length * 0.03);
    // now is 1 Nov 2026: 3 to 60 days before is 2 Sep to 29 Oct.
    expect(joiners.every((p) => p.startDate! >= '2026-09-02' && p.startDate! <= '2026-10-29')).toBe(true);
    expect(demo.records.some((r) => joiners.some((p) => String(r.pk).endsWith(p.id)))).toBe(false);
  });

  it('has a few people on leave, exempted for every target: most already, some from next month; none a demo account', () => {
    const onLeave = new Set(demo.exemptions.map((e) => e.employeeCode));
    expect(onLeave.size).toBe(demo.exemptions.length);
    expect(onLeave.size).toBeGreaterThanOrEqual(10);
    expect(onLeave.size).toBeLessThan(demo.people.length * 0.03);
    const today = '2026-11-01';
    expect(demo.exemptions.some((e) => e.from <= today) && demo.exemptions.some((e) => e.from > today)).toBe(true);
    expect(demo.exemptions.every((e) => e.until > e.from && e.targetId === null)).toBe(true);
    const accounts = new Set(demo.accounts.map((a) => demo.people.find((p) => p.id === a.personId)!.employeeCode));
    expect([...onLeave].filter((code) => accounts.has(code))).toEqual([]);
  });

  it('has a few equivalent certificates, most approved, none of a demo account, each for a course a target counts', () => {
    expect(demo.credits.length).toBeGreaterThanOrEqual(8);
    expect(demo.credits.length).toBeLessThan(demo.people.length * 0.02);
    expect(demo.credits.some((c) => c.approved) && demo.credits.some((c) => !c.approved)).toBe(true);
    const counted = new Set(targets.flatMap((t) => t.programme));
    expect(demo.credits.every((c) => c.courses.every((slug) => counted.has(slug)) && c.issuedOn < '2026-11-01')).toBe(true);
    const accounts = new Set(demo.accounts.map((a) => demo.people.find((p) => p.id === a.personId)!.employeeCode));
    expect(demo.credits.filter((c) => accounts.has(c.employeeCode))).toEqual([]);
  });

  it('has ten weeks of snapshots before today, rising, so the trend and the projection have a past', () => {
    const root = demo.units.find((u) => u.parentId === null)!;
    const shots = demo.records.filter((r) => r.type === 'snapshot' && r.pk === `UNIT#${root.id}`) as { takenAt: string; counters: Record<string, number> }[];
    expect(shots).toHaveLength(10);
    expect(shots.every((s) => s.takenAt < now.toISOString())).toBe(true);
    const trained = shots.map((s) =>
      Object.entries(s.counters)
        .filter(([k]) => k.startsWith('trained:'))
        .reduce((t, [, n]) => t + n, 0),
    );
    expect(trained).toEqual([...trained].sort((a, b) => a - b));
    expect(trained.at(-1)!).toBeGreaterThan(trained[0]!);
  });
});
