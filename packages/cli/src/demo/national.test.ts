import { describe, expect, it } from 'vitest';
import { compileContent } from '@sansang/content';
import { Org, Readiness, Tenant, unitIdFor } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { readPng } from '../../../../test/support/logo.ts';
import { contentDir } from '../paths.ts';
import { seedNational } from '../seed-national.ts';
import { generateNational, readNational } from './national.ts';

const now = new Date('2026-11-01T00:00:00Z');

/** The 34 provinces and cities since 1 July 2025, and the 63 before: no demo unit may carry one's name. */
const realProvinces = [
  'Hà Nội',
  'Huế',
  'Lai Châu',
  'Điện Biên',
  'Sơn La',
  'Lạng Sơn',
  'Quảng Ninh',
  'Thanh Hoá',
  'Nghệ An',
  'Hà Tĩnh',
  'Cao Bằng',
  'Tuyên Quang',
  'Lào Cai',
  'Thái Nguyên',
  'Phú Thọ',
  'Bắc Ninh',
  'Hưng Yên',
  'Hải Phòng',
  'Ninh Bình',
  'Quảng Trị',
  'Đà Nẵng',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hoà',
  'Lâm Đồng',
  'Đắk Lắk',
  'Hồ Chí Minh',
  'Đồng Nai',
  'Tây Ninh',
  'Cần Thơ',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
  'Hà Giang',
  'Yên Bái',
  'Bắc Kạn',
  'Vĩnh Phúc',
  'Hoà Bình',
  'Bắc Giang',
  'Thái Bình',
  'Hải Dương',
  'Hà Nam',
  'Nam Định',
  'Quảng Bình',
  'Quảng Nam',
  'Kon Tum',
  'Bình Định',
  'Phú Yên',
  'Ninh Thuận',
  'Đắk Nông',
  'Bình Thuận',
  'Bình Dương',
  'Bình Phước',
  'Bà Rịa',
  'Vũng Tàu',
  'Long An',
  'Tiền Giang',
  'Bến Tre',
  'Trà Vinh',
  'Sóc Trăng',
  'Hậu Giang',
  'Bạc Liêu',
  'Kiên Giang',
];
// Old and new tone placement ("Hoá"/"Hóa") are the same name.
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe('national demo', async () => {
  const file = await readNational(contentDir);
  const { courses, targets } = await compileContent(contentDir);
  const demo = generateNational(file, courses, targets, { now });
  const communeKinds = new Set(['commune', 'ward']);

  it('is 34 provinces under one root, each with its sở and as many communes as the YAML gives its real counterpart, 3,321 in all', () => {
    expect(demo.units.filter((u) => u.parentId === null)).toEqual([demo.root]);
    expect(demo.provinces).toHaveLength(34);
    expect(demo.provinces.every((p) => p.kind === 'province' && p.parentId === demo.root.id && p.level === 'tinh')).toBe(true);
    for (const [i, p] of demo.provinces.entries()) {
      const spec = file.provinces[i]!;
      const communes = demo.units.filter((u) => u.parentId === p.id && communeKinds.has(u.kind));
      expect(communes, spec.code).toHaveLength(spec.wards + spec.communes + spec.zones);
      expect(
        communes.filter((c) => c.kind === 'ward'),
        spec.code,
      ).toHaveLength(spec.wards);
      expect(
        communes.filter((c) => c.name.startsWith('Đặc khu ')),
        spec.code,
      ).toHaveLength(spec.zones);
      expect(communes.every((c) => c.level === 'xa')).toBe(true);
      const agencies = demo.units.filter((u) => u.parentId === p.id && u.kind === 'agency');
      expect(agencies.length).toBeGreaterThanOrEqual(12);
      expect(agencies.length).toBeLessThanOrEqual(21);
    }
    const all = demo.units.filter((u) => communeKinds.has(u.kind) && u.ancestors.length === 2);
    expect(all).toHaveLength(3321);
    expect(all.filter((u) => u.kind === 'ward')).toHaveLength(687);
    expect(all.filter((u) => u.name.startsWith('Đặc khu '))).toHaveLength(13);
    expect(new Set(demo.units.map((u) => u.id)).size).toBe(demo.units.length);
  });

  it('has ministries with their bodies, all at the central level', () => {
    expect(demo.ministries.length).toBeGreaterThanOrEqual(4);
    for (const m of demo.ministries) {
      expect(m).toMatchObject({ kind: 'ministry', level: 'trung-uong', parentId: demo.root.id });
      const subtree = demo.units.filter((u) => u.ancestors.includes(m.id));
      expect(subtree.filter((u) => u.parentId === m.id).length).toBeGreaterThanOrEqual(8);
      expect(subtree.every((u) => u.level === 'trung-uong')).toBe(true);
    }
  });

  it('names no unit after a real province, and says in the root that the data is made up', () => {
    const real = realProvinces.map(plain);
    const named = demo.units.filter((u) => real.some((r) => new RegExp(`(^|\\s)${r}($|\\s)`).test(plain(u.name))));
    // Commune names are drawn from common syllables; only the provinces and ministries must be clear of real ones.
    const tenants = new Set([...demo.provinces, ...demo.ministries].map((u) => u.id));
    expect(named.filter((u) => tenants.has(u.id) || (u.ancestors.length === 2 && u.kind === 'agency')).map((u) => u.name)).toEqual([]);
    expect(demo.root.name).toContain('dữ liệu mẫu');
    expect(demo.units.every((u) => u.name === u.name.normalize('NFC'))).toBe(true);
  });

  it('has two provinces in full and about two thousand people in each other, a thousand or so per ministry', () => {
    const unitOf = new Map(demo.units.map((u) => [u.id, u]));
    const per = new Map<string, number>();
    for (const p of demo.people) {
      const top = unitOf.get(p.unitId)!.ancestors[1] ?? p.unitId;
      per.set(top, (per.get(top) ?? 0) + 1);
    }
    const full = new Set(file.full.map((c) => unitIdFor(c)));
    for (const p of demo.provinces) {
      const n = per.get(p.id)!;
      const communes = demo.units.filter((u) => u.parentId === p.id && communeKinds.has(u.kind)).length;
      if (full.has(p.id)) expect(n / communes).toBeGreaterThan(25);
      else (expect(n, p.code).toBeGreaterThan(1200), expect(n, p.code).toBeLessThan(3500));
    }
    for (const m of demo.ministries) (expect(per.get(m.id)).toBeGreaterThan(700), expect(per.get(m.id)).toBeLessThan(1300));
    expect(demo.people.length).toBeGreaterThan(60_000);
    expect(demo.people.length).toBeLessThan(150_000);
    expect(new Set(demo.people.map((p) => p.employeeCode)).size).toBe(demo.people.length);
  });

  it('has the accounts it promises, each on a person without progress, and one e-mail per account', () => {
    const emails = demo.accounts.map((a) => a.email);
    expect(emails).toEqual(expect.arrayContaining(['quantri@demo.sansang.vn', 'hocvien@demo.sansang.vn', 'quantri.bo@demo.sansang.vn']));
    expect(demo.accounts.find((a) => a.email === 'quantri@demo.sansang.vn')!.grants).toEqual([{ role: 'admin', unitId: null }]);
    const admins = demo.accounts.filter((a) => a.grants.some((g) => g.role === 'admin' && g.unitId !== null));
    expect(admins).toHaveLength(3);
    expect(demo.accounts.filter((a) => a.grants.some((g) => g.role === 'hr'))).toHaveLength(2);
    expect(
      demo.people
        .filter((p) => p.email)
        .map((p) => p.email)
        .sort(),
    ).toEqual([...emails].sort());
    for (const a of demo.accounts) expect(demo.records.some((r) => String(r.pk).endsWith(a.personId))).toBe(false);
  });

  it('carries a province’s and a sở’s own targets, resolved to their units, and every province and ministry as a tenant with a logo of its own', () => {
    expect(demo.targets.map((t) => [t.id, t.unitId])).toEqual([
      ['t18-chu-ky-so-2027', unitIdFor('T18')],
      ['t18-snv-du-lieu-2027', unitIdFor('T18-SNV')],
    ]);
    expect(demo.targets.every((t) => demo.units.some((u) => u.id === t.unitId))).toBe(true);
    expect(demo.tenants).toHaveLength(demo.provinces.length + demo.ministries.length);
    expect(demo.tenants.find((t) => t.unitId === unitIdFor('T18'))?.name).toBe('UỶ BAN NHÂN DÂN THÀNH PHỐ PHÚ HẢI');
    expect(demo.tenants.map((t) => t.unitId)).toEqual([...demo.provinces, ...demo.ministries].map((u) => u.id));
    for (const t of demo.tenants) {
      expect(Tenant.inspectLogo(t.logo), t.unitId).toEqual({ type: 'image/png', width: 128, height: 128 });
      expect(() => readPng(t.logo), t.unitId).not.toThrow();
    }
    expect(new Set(demo.tenants.map((t) => t.logo.toString('base64'))).size).toBe(demo.tenants.length);
  });

  it('is the same every time, except for the dates of progress', () => {
    const again = generateNational(file, courses, targets, { now });
    expect(again.units).toEqual(demo.units);
    expect(again.people).toEqual(demo.people);
    expect(again.records.length).toBe(demo.records.length);
    expect(again.tenants).toEqual(demo.tenants);
  }, 240_000);

  it('seeds a smaller country into a fresh table, with figures at the root, a province and a commune', async () => {
    const table = await useFreshTable();
    const seeded = await seedNational({ table, contentDir, now, scale: 0.02 });
    expect(seeded.seeded).toBe(true);
    const again = await seedNational({ table, contentDir, now, scale: 0.02 });
    expect(again.seeded).toBe(false);
    const figures = async (unitId: string, targetId: string) =>
      (await Readiness.forUnit({ unitId, targetId })) as unknown as { staff: number; trained: number };
    const best = async (unitId: string) => {
      const all = await Promise.all(targets.map((t) => figures(unitId, t.id)));
      return { staff: Math.max(...all.map((f) => f.staff)), trained: Math.max(...all.map((f) => f.trained)) };
    };
    // The commune of the seeded province whose people finished most courses.
    const small = generateNational(file, courses, targets, { now, scale: 0.02 });
    const province = unitIdFor(file.full[0]!);
    const completed = new Map<string, number>();
    const unitOfPerson = new Map(small.people.map((p) => [p.id, p.unitId]));
    const unitOf = new Map(small.units.map((u) => [u.id, u]));
    for (const r of small.records) {
      if (r.type !== 'completion') continue;
      const unit = unitOf.get(unitOfPerson.get(String(r.personId))!)!;
      const commune = [...unit.ancestors, unit.id].find((id) => communeKinds.has(unitOf.get(id)!.kind));
      if (commune && unit.ancestors.includes(province)) completed.set(commune, (completed.get(commune) ?? 0) + 1);
    }
    const commune = [...completed].sort((a, b) => b[1] - a[1])[0]![0];
    for (const unitId of [small.root.id, province, commune]) {
      const f = await best(unitId);
      expect(f.staff, unitId).toBeGreaterThan(0);
      expect(f.trained, unitId).toBeGreaterThan(0);
    }
    expect((await best(small.root.id)).staff).toBeGreaterThan((await best(province)).staff);

    // Targets at three levels: the nation's everywhere, Phú Hải's in its subtree, its Sở Nội vụ's in the sở alone, each with where it comes from.
    const phuHai = unitIdFor('T18');
    const applying = async (unitId: string) =>
      Object.fromEntries((await Readiness.forUnit({ unitId })).targets.map((t) => [t.id, t.owner?.id ?? null])) as Record<string, string | null>;
    const national = Object.fromEntries(targets.map((t) => [t.id, null]));
    expect(await applying(small.root.id)).toEqual(national);
    expect(await applying(phuHai)).toEqual({ ...national, 't18-chu-ky-so-2027': phuHai });
    expect(await applying(unitIdFor('T18-SNV'))).toEqual({ ...national, 't18-chu-ky-so-2027': phuHai, 't18-snv-du-lieu-2027': unitIdFor('T18-SNV') });
    expect(await applying(unitIdFor('T01'))).toEqual(national);
    // Each province and ministry heads its people's pages with its own name.
    const someCommune = small.units.find((u) => u.ancestors.includes(phuHai) && communeKinds.has(u.kind))!;
    expect((await Tenant.of(someCommune))?.name).toBe('UỶ BAN NHÂN DÂN THÀNH PHỐ PHÚ HẢI');
    expect((await Tenant.of(small.ministries[0]!))?.name).toBe(small.ministries[0]!.name.toLocaleUpperCase('vi-VN'));
    expect(await Tenant.of(small.root)).toBeNull();
    // And its own logo, as the header and the reports get it: two provinces' differ, a ministry has one.
    const logoOf = async (unitId: string) => {
      const brand = await Tenant.brandOf(await Org.get(unitId));
      expect(brand?.logo, unitId).toMatch(/^\/api\/tenants\/.+\/logo\?v=/);
      const bytes = (await Tenant.logo(brand!.unitId))!.bytes;
      expect(Tenant.inspectLogo(bytes), unitId).toEqual({ type: 'image/png', width: 128, height: 128 });
      return Buffer.from(bytes);
    };
    const [phuHaiLogo, firstLogo, ministryLogo] = await Promise.all([logoOf(someCommune.id), logoOf(unitIdFor('T01')), logoOf(small.ministries[0]!.id)]);
    expect(phuHaiLogo.equals(firstLogo)).toBe(false);
    expect(ministryLogo.equals(phuHaiLogo) || ministryLogo.equals(firstLogo)).toBe(false);
    expect(phuHaiLogo.equals(small.tenants.find((t) => t.unitId === phuHai)!.logo)).toBe(true);
  }, 900_000);
});
