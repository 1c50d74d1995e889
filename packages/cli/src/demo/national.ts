import * as v from 'valibot';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Org, Target, unitIdFor, type Course } from '@sansang/core';
import { generateProvince, pastSnapshots, readProvince, type DemoAccount, type DemoProvince, type ProvinceFile } from './generate.ts';
import { seeded, type Random } from './random.ts';

const Code = v.pipe(v.string(), v.regex(/^[A-Z][0-9]{2}$/, 'mã tỉnh, bộ dạng T01, B01 (cùng độ dài, để mã cán bộ không trùng)'));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const NationalFile = v.object({
  root: v.object({ code: v.string(), name: v.string() }),
  full: v.array(v.string()),
  provinces: v.array(v.object({ code: Code, name: v.string(), city: v.optional(v.boolean(), false), wards: Count, communes: Count, zones: Count })),
  placeNames: v.object({ first: v.array(v.string()), second: v.array(v.string()) }),
  ministries: v.array(v.object({ code: Code, name: v.string(), agencies: v.array(v.string()) })),
  ministryRooms: v.object({ departments: v.array(v.string()), serviceUnits: v.array(v.string()) }),
  /** A province's and a sở's own targets, beside the installation's in content/targets/: each names its unit by code. */
  targets: v.optional(v.array(v.looseObject({ unit: v.string() })), []),
});
export type NationalFile = v.InferOutput<typeof NationalFile> & {
  /** The demo province's file: its sở, the organisation of a commune, names and titles serve every province. */
  template: ProvinceFile;
};

export async function readNational(contentDir: string): Promise<NationalFile> {
  const national = v.parse(NationalFile, parse(await readFile(join(contentDir, 'demo', 'national.yaml'), 'utf8')));
  return { ...national, template: await readProvince(join(contentDir, 'demo', 'province.yaml')) };
}

/** `targets`: the units' own targets of national.yaml, their units resolved; `tenants`: every province and ministry, each with its own name and logo. */
export type DemoNational = DemoProvince & {
  root: Org.Info;
  provinces: Org.Info[];
  ministries: Org.Info[];
  targets: Target.Info[];
};

/** The template province's own name, which its schools and college carry; each province puts its own in. */
const TEMPLATE_PLACE = 'Minh Sơn';

/**
 * Expands national.yaml into a whole synthetic country: a root, 34 provinces (each with its
 * sở and as many communes, wards and special zones as the real province it copies) and a few
 * ministries, through the demo province's generator, so each has its progress, joiners, leave
 * and certificates. Provinces in `full` have every commune office staffed; the others about
 * 2,000 people. `scale` below 1 staffs only that share of the sở, communes and ministries'
 * bodies (communes with one or two leaders and their service centre; the rest of the
 * communes stand empty), and no province in full: for tests. Always the same for the same
 * file and seed.
 */
export function generateNational(
  file: NationalFile,
  courses: Course.Bundle[],
  targets: Target.Info[],
  options: { seed?: number; now?: Date; scale?: number } = {},
): DemoNational {
  const seed = options.seed ?? 2026;
  const scale = options.scale ?? 1;
  const root = Org.make({ id: unitIdFor(file.root.code), code: file.root.code, name: file.root.name, kind: 'other', level: 'trung-uong' }, null);
  const owned = file.targets.map(({ unit, ...t }) => v.parse(Target.Info, { ...t, unitId: unitIdFor(unit) }));
  // The generator makes progress on every target's courses: the units' own among them.
  targets = [...targets, ...owned];
  const out: DemoNational = {
    root,
    provinces: [],
    ministries: [],
    units: [root],
    people: [],
    accounts: [],
    records: [],
    exemptions: [],
    credits: [],
    targets: owned,
    tenants: [],
  };
  const staffed = <T>(list: T[]) => Math.ceil(list.length * Math.min(scale, 1));
  const names = seeded(seed - 1);

  file.provinces.forEach((p, i) => {
    const place = p.name.replace(/^(Tỉnh|Thành phố) /, '');
    const full = scale >= 1 && file.full.includes(p.code);
    const { leaders, offices } = file.template.communeUnits;
    const communes = communesOf(p, names, file.placeNames);
    const province: ProvinceFile = {
      ...file.template,
      province: { code: p.code, name: p.name, committee: `Uỷ ban nhân dân ${p.name[0]!.toLowerCase()}${p.name.slice(1)}` },
      agencies: file.template.agencies.map((a, k) => ({
        code: `${p.code}-${a.code}`,
        name: a.name.replaceAll(TEMPLATE_PLACE, place),
        departments: k < staffed(file.template.agencies) ? a.departments : [],
        serviceUnits: k < staffed(file.template.agencies) ? a.serviceUnits.map((s) => s.replaceAll(TEMPLATE_PLACE, place)) : [],
      })),
      communes: communes.slice(0, Math.max(1, staffed(communes))),
      communeUnits: {
        ...file.template.communeUnits,
        leaders: scale >= 1 ? leaders : leaders.slice(0, 2),
        offices: full ? offices : offices.filter((o) => o.named),
      },
    };
    const generated = generateProvince(province, courses, targets, { seed: seed + 100 * (i + 1), now: options.now });
    out.provinces.push(add(out, generated, root, { bare: communes.slice(province.communes.length) }));
  });

  file.ministries.forEach((m, i) => {
    const bodies = m.agencies.slice(0, staffed(m.agencies));
    const ministry: ProvinceFile = {
      ...file.template,
      province: { code: m.code, name: m.name, committee: m.name },
      agencies: bodies.map((name, k) => ({
        code: `${m.code}-C${String(k + 1).padStart(2, '0')}`,
        name,
        departments: file.ministryRooms.departments,
        serviceUnits: name.startsWith('Cục ') ? file.ministryRooms.serviceUnits : [],
      })),
      communes: [],
    };
    out.ministries.push(add(out, generateProvince(ministry, courses, targets, { seed: seed + 10_000 + 100 * i, now: options.now }), root, { as: 'ministry' }));
  });

  out.accounts = accountsOf(out, file);
  for (const p of out.people) p.email = null;
  for (const a of out.accounts) out.people.find((p) => p.id === a.personId)!.email = a.email;
  // The past weeks of the country, its provinces and ministries and their own units (sở,
  // communes): what dashboards open first. Deeper units' and empty communes' would be a fifth
  // of the items to write, and DynamoDB Local writes a few hundred a second.
  const shown = new Set(out.units.filter((u) => u.ancestors.length <= 2).map((u) => `UNIT#${u.id}`));
  const snapshots = pastSnapshots(out.units, out.people, out.records, options.now ?? new Date());
  out.records.push(...snapshots.filter((r) => shown.has(String(r.pk)) && Object.keys(r.counters as object).length > 0));
  return out;
}

/**
 * A province's wards, special zones and communes, as many as its real counterpart has, under
 * two-syllable names unique within the province.
 */
function communesOf(
  p: v.InferOutput<typeof NationalFile>['provinces'][number],
  r: Random,
  words: { first: string[]; second: string[] },
): ProvinceFile['communes'] {
  const taken = new Set<string>();
  const place = () => {
    for (;;) {
      const [a, b] = [r.pick(words.first), r.pick(words.second)];
      if (a !== b && !taken.has(`${a} ${b}`)) return (taken.add(`${a} ${b}`), `${a} ${b}`);
    }
  };
  const kinds = [
    ...Array.from({ length: p.wards }, () => ['Phường', 'ward'] as const),
    ...Array.from({ length: p.zones }, () => ['Đặc khu', 'commune'] as const),
    ...Array.from({ length: p.communes }, () => ['Xã', 'commune'] as const),
  ];
  return kinds.map(([title, kind], k) => ({ code: `${p.code}-X${String(k + 1).padStart(3, '0')}`, name: `${title} ${place()}`, kind }));
}

/**
 * Adds a generated province (or ministry) under the root: its units made again below it (so
 * their ancestors and level follow), without its own accounts and snapshots (the country's
 * are made once for all), then the communes left unstaffed; its tenant comes along. A
 * ministry's bodies are central, not provincial.
 */
function add(out: DemoNational, part: DemoProvince, root: Org.Info, { as, bare = [] }: { as?: 'ministry'; bare?: ProvinceFile['communes'] }): Org.Info {
  const made = new Map<string, Org.Info>();
  // Special zones take a commune's organisation; their titles and centre say "đặc khu", not "xã".
  const zones = new Set(part.units.filter((u) => u.name.startsWith('Đặc khu ')).map((u) => u.id));
  for (const u of part.units) {
    const parent = u.parentId ? made.get(u.parentId)! : root;
    const zone = zones.has(u.id) || zones.has(u.parentId ?? '');
    const kind = as && u.parentId === null ? as : u.kind;
    const level = as && u.kind === 'agency' ? 'trung-uong' : undefined;
    const name = zone ? u.name.replace(' xã khu ', ' đặc khu ') : u.name;
    const unit = Org.make({ id: u.id, code: u.code, name, kind, level }, parent);
    made.set(u.id, unit);
    out.units.push(unit);
  }
  for (const p of part.people) {
    if (zones.has(p.unitId) || zones.has(made.get(p.unitId)!.parentId ?? '')) p.position = p.position.replace(/ xã$/, ' đặc khu');
    out.people.push(p);
  }
  const top = made.get(part.units[0]!.id)!;
  for (const c of bare) out.units.push(Org.make({ id: unitIdFor(c.code), code: c.code, name: c.name, kind: c.kind }, top));
  out.records.push(...part.records.filter((r) => r.type !== 'snapshot'));
  out.exemptions.push(...part.exemptions);
  out.credits.push(...part.credits);
  // Each province and ministry a tenant, as the generator made it: its name and logo head its people's pages and its reports.
  out.tenants.push(...part.tenants);
  return top;
}

/**
 * The national admin, province admins and HR officers of the two provinces in full, a
 * ministry's admin, a trainer and a learner, each on a person of the tree the generator left
 * without progress (an office's first three, a service centre's third).
 */
function accountsOf(out: DemoNational, file: NationalFile): DemoAccount[] {
  const byCode = new Map(out.units.map((u) => [u.code, u]));
  const inUnit = (code: string, k: number) => out.people.filter((p) => p.unitId === byCode.get(code)!.id)[k]!.id;
  const [first, second] = file.full.map((c) => byCode.get(c)!);
  const ministry = out.ministries[0]!;
  const centre = out.units.find((u) => u.ancestors.includes(first!.id) && u.code.endsWith('-HCC'))!;
  return [
    {
      label: 'quản trị toàn quốc / national admin',
      email: 'quantri@demo.sansang.vn',
      personId: inUnit(`${ministry.code}-VP`, 0),
      grants: [{ role: 'admin', unitId: null }],
    },
    {
      label: 'giảng viên / trainer',
      email: 'giangvien@demo.sansang.vn',
      personId: inUnit(`${ministry.code}-VP`, 1),
      grants: [{ role: 'trainer', unitId: null }],
    },
    {
      label: `quản trị ${ministry.name} / ministry admin`,
      email: 'quantri.bo@demo.sansang.vn',
      personId: inUnit(`${ministry.code}-VP`, 2),
      grants: [{ role: 'admin', unitId: ministry.id }],
    },
    ...[first!, second!].flatMap((p, k): DemoAccount[] => [
      {
        label: `quản trị ${p.name} / province admin`,
        email: `quantri.tinh${k + 1}@demo.sansang.vn`,
        personId: inUnit(`${p.code}-VP`, 0),
        grants: [{ role: 'admin', unitId: p.id }],
      },
      {
        label: `cán bộ tổ chức ${p.name} / HR of the province`,
        email: `nhansu.tinh${k + 1}@demo.sansang.vn`,
        personId: inUnit(`${p.code}-VP`, 1),
        grants: [{ role: 'hr', unitId: p.id }],
      },
    ]),
    { label: `học viên, ${centre.name} / learner`, email: 'hocvien@demo.sansang.vn', personId: inUnit(centre.code, 2), grants: [] },
  ];
}
