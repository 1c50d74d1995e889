import type { Readable } from 'node:stream';
import type { ChildFigures, TargetFigures, UnitSummary } from '@sansang/core/testing';

/** Real-looking unit names, with the diacritics that break a renderer missing a glyph or NFC. */
export const childNames = ['Sở Nông nghiệp và Môi trường', 'Xã Pắc Nặm', 'Sở Giáo dục và Đào tạo', 'Phường Đức Xuân', 'Xã Bằng Thành', 'Sở Y tế'];

/** A child unit where nobody is in the target's scope: "không áp dụng", never failing. */
export const notApplicableChild: ChildFigures = {
  id: 'u-x',
  code: 'BK.SNV',
  name: 'Sở Nội vụ',
  kind: 'agency',
  inScope: 0,
  exempt: 0,
  staff: 0,
  trained: 0,
  owing: 0,
  validNow: 0,
  expiringSoon: 0,
  expired: 0,
  everTrained: 0,
  percent: 0,
  meetsTarget: false,
  gap: 0,
  applicable: false,
};

/**
 * `count` child units: the first names above, then numbered ones, every third one below the
 * target; with `lapses`, some of the trained are expiring soon and some who owe had theirs lapse.
 */
export function children(count: number, targetPercent: number, lapses = false): ChildFigures[] {
  return Array.from({ length: count }, (_, i) => {
    const name = childNames[i] ?? `Xã Thượng Quan số ${i + 1}`;
    const staff = 40 + i;
    const percent = i % 3 === 2 ? Math.max(0, targetPercent - 25 - (i % 7)) : Math.min(100, targetPercent + (i % 11));
    const trained = Math.floor((staff * percent) / 100);
    // Some units have people exempt (on leave): in scope, out of the denominator.
    const exempt = i % 4 === 1 ? 2 : 0;
    const expiringSoon = lapses && i % 5 === 0 ? Math.min(3, trained) : 0;
    const expired = lapses && i % 6 === 3 ? Math.min(2, staff - trained) : 0;
    return {
      id: `u-${i}`,
      code: `BK.${String(i + 1).padStart(3, '0')}`,
      name,
      kind: name.startsWith('Sở') ? 'agency' : name.startsWith('Phường') ? 'ward' : 'commune',
      inScope: staff + exempt,
      exempt,
      staff,
      trained,
      owing: staff - trained,
      validNow: trained,
      expiringSoon,
      expired,
      everTrained: trained + expired,
      percent,
      meetsTarget: percent >= targetPercent,
      gap: Math.max(0, Math.ceil((staff * targetPercent) / 100) - trained),
      applicable: true,
    };
  });
}

export function targetFigures(overrides: {
  id: string;
  title: string;
  programme: string[];
  children?: number;
  percent?: number;
  /** Completions valid to the end of the year, with some expiring and some expired. */
  lapses?: boolean;
  /** The unit that set it; absent: the installation's. */
  owner?: { id: string; name: string };
}): TargetFigures {
  const targetPercent = overrides.percent ?? 80;
  const kids = children(overrides.children ?? 6, targetPercent, overrides.lapses);
  const sum = (f: (c: ChildFigures) => number) => kids.reduce((n, c) => n + f(c), 0);
  const staff = kids.reduce((n, c) => n + c.staff, 0);
  const trained = kids.reduce((n, c) => n + c.trained, 0);
  const exempt = kids.reduce((n, c) => n + c.exempt, 0);
  const percent = staff === 0 ? 0 : Math.floor((trained / staff) * 1000) / 10;
  const byKind = new Map<string, { kind: string; meets: number; total: number }>();
  for (const c of kids) {
    const group = byKind.get(c.kind) ?? { kind: c.kind, meets: 0, total: 0 };
    group.total++;
    if (c.meetsTarget) group.meets++;
    byKind.set(c.kind, group);
  }
  return {
    target: {
      id: overrides.id,
      title: overrides.title,
      percent: targetPercent,
      deadline: '2026-12-31',
      programme: overrides.programme,
      validity: overrides.lapses ? { until: 'year-end' } : null,
      renewalDays: 30,
      owner: overrides.owner ?? null,
    },
    inScope: staff + exempt,
    exempt,
    staff,
    trained,
    owing: staff - trained,
    validNow: trained,
    expiringSoon: sum((c) => c.expiringSoon),
    expired: sum((c) => c.expired),
    everTrained: trained + sum((c) => c.expired),
    percent,
    meetsTarget: percent >= targetPercent,
    applicable: staff > 0,
    gap: Math.max(0, Math.ceil((staff * targetPercent) / 100) - trained),
    daysLeft: 45,
    projection: { weeklyPace: 12.5, projectedDate: '2026-11-20', onTrack: true },
    childrenMeeting: [...byKind.values()],
    children: kids,
    history: [
      { week: '2026-W40', staff, trained: trained - 20, percent: percent - 1 },
      { week: '2026-W41', staff, trained, percent },
    ],
  };
}

export function unitSummary(targets: TargetFigures[]): UnitSummary {
  return {
    unit: { id: 'bac-kan', code: 'BK', name: 'Uỷ ban nhân dân tỉnh Bắc Kạn', kind: 'province' },
    // 20:00 UTC is already the next day in Vietnam: the report must say 15/11/2026.
    generatedAt: '2026-11-14T20:00:00.000Z',
    requestedBy: 'nguyen.thi.hoa@backan.gov.vn',
    targets,
  };
}

export async function streamBytes(stream: Readable): Promise<Buffer> {
  return Buffer.concat(await stream.toArray());
}

/** The document Title from the PDF's Info, as a reader's title bar shows it. */
export async function pdfTitle(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return (info as { Title?: string }).Title ?? '';
}
