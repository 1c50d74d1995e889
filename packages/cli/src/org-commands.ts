import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Org, vnDay, Readiness, Report, createUnit, dissolveUnit, mergeUnits, moveUnit, unitIdFor, updateUnit, type TargetFigures } from '@sansang/core';
import { exportUnitsFile } from './org-export.ts';

const actor = () => process.env.SANSANG_ACTOR ?? 'cli';
type Option = (name: string) => string | undefined;
const need = (option: Option, name: string) => {
  const value = option(name);
  if (!value) throw new Error(`Thiếu --${name}.`);
  return value;
};
const unitOf = async (code: string) => Org.get(unitIdFor(code));

/** `sansang org …`: the reorganisations an admin makes on the pages, from a terminal. */
export async function orgCommand(sub: string | undefined, args: string[], option: Option): Promise<string | null> {
  const effective = option('effective') ?? vnDay();
  if (sub === 'export') return exportUnitsFile(option('out') ?? 'don-vi.csv', option('root'));
  if (sub === 'create') {
    const parent = await unitOf(need(option, 'parent'));
    const unit = await createUnit({
      code: need(option, 'code'),
      name: need(option, 'name'),
      kind: need(option, 'kind') as Org.Kind,
      level: option('level') as Org.Level | undefined,
      parentId: parent.id,
      effective,
      actor: actor(),
    });
    return `Đã thành lập ${unit.name} (${unit.code}) thuộc ${parent.name}, hiệu lực ${effective}.`;
  }
  if (sub === 'update' && args[0]) {
    const unit = await updateUnit({
      unitId: (await unitOf(args[0])).id,
      name: option('name'),
      code: option('code'),
      kind: option('kind') as Org.Kind | undefined,
      level: option('level') as Org.Level | undefined,
      effective,
      actor: actor(),
    });
    return `Đã cập nhật ${unit.code}: ${unit.name} (${unit.kind}, cấp ${unit.level}), hiệu lực ${effective}.`;
  }
  if (sub === 'move' && args[0]) {
    const [unit, parent] = await Promise.all([unitOf(args[0]), unitOf(need(option, 'parent'))]);
    await moveUnit({ unitId: unit.id, parentId: parent.id, effective, actor: actor() });
    return `Đã chuyển ${unit.name} sang ${parent.name}, hiệu lực ${effective}.`;
  }
  if (sub === 'merge' && args[0]) {
    const sources = await Promise.all(args[0].split(',').map(unitOf));
    const into = option('into')
      ? { unitId: (await unitOf(option('into')!)).id }
      : {
          code: need(option, 'new-code'),
          name: need(option, 'new-name'),
          kind: need(option, 'new-kind') as Org.Kind,
          parentId: (await unitOf(need(option, 'parent'))).id,
        };
    const result = await mergeUnits({ sourceIds: sources.map((s) => s.id), into, effective, actor: actor() });
    return `Đã hợp nhất ${sources.map((s) => s.name).join(', ')} vào ${result.into.name}: ${result.people} người, ${result.units} đơn vị trực thuộc chuyển theo; hiệu lực ${effective}.`;
  }
  if (sub === 'dissolve' && args[0]) {
    const unit = await dissolveUnit({ unitId: (await unitOf(args[0])).id, effective, actor: actor() });
    return `Đã giải thể ${unit.name}, hiệu lực ${effective}.`;
  }
  return null;
}

function describeTarget(f: TargetFigures): string[] {
  const p = f.projection;
  const forecast = p.onTrack === null ? 'chưa đủ dữ liệu' : p.onTrack ? `kịp hạn${p.projectedDate ? ` (dự kiến ${p.projectedDate})` : ''}` : 'không kịp hạn';
  if (!f.applicable) return [`${f.target.title}: không áp dụng (không có ai trong diện); chỉ tiêu ${f.target.percent}%, hạn ${f.target.deadline}`];
  return [
    `${f.target.title}: ${f.percent}% (${f.trained}/${f.staff}), chỉ tiêu ${f.target.percent}%, còn ${f.gap} người; hạn ${f.target.deadline} (${f.daysLeft} ngày); dự báo: ${forecast}${p.weeklyPace !== null ? `, ${Math.round(p.weeklyPace)} người/tuần` : ''}`,
    ...f.childrenMeeting.map((g) => `  ${g.meets}/${g.total} ${Report.kindLabel(g.kind)} đạt chỉ tiêu`),
    ...f.children.map(
      (c) =>
        `  ${c.code.padEnd(14)} ${c.name.padEnd(40)} ${String(c.trained).padStart(6)}/${String(c.staff).padEnd(6)} ${String(c.percent).padStart(5)}% ${c.applicable ? (c.meetsTarget ? 'đạt' : '') : 'không áp dụng'}`,
    ),
  ];
}

/** `sansang readiness` and `sansang report …`: the figures and the files of the HR pages. */
export async function reportCommand(command: string, sub: string | undefined, option: Option): Promise<string | null> {
  const root = option('unit') ? await unitOf(option('unit')!) : (await Org.children(null))[0];
  if (!root) return 'Chưa có đơn vị nào.';
  if (command === 'readiness') {
    const summary = await Readiness.summary(root.id, actor(), option('date'));
    return [
      `${summary.unit.name} (${summary.unit.code})${option('date') ? `, số liệu ngày ${option('date')}` : ''}`,
      ...summary.targets.flatMap(describeTarget),
    ].join('\n');
  }
  if (sub === 'schedule') {
    const s = await Report.schedule({ unitId: root.id, frequency: need(option, 'frequency') as Report.Schedule['frequency'], actor: { email: actor() } });
    return `Đã đặt lịch ${s.frequency} cho ${s.unitName}; lần tới: ${s.nextRun}.`;
  }
  if (sub === 'run-schedules') return `Đã tạo ${(await Report.runDueSchedules()).length} báo cáo theo lịch.`;
  const out = need(option, 'out');
  // A file made at the terminal leaves the system as surely as a download: core audits it too.
  const taken = { actor: { email: actor() }, unitId: root.id, terminal: { out } };
  const body =
    sub === 'transcript'
      ? await Report.download({ ...taken, kind: 'transcript.pdf', employeeCode: need(option, 'employee-code') })
      : sub === 'csv' || sub === 'xlsx' || sub === 'pdf'
        ? await Report.download({ ...taken, kind: ({ csv: 'completions.csv', xlsx: 'completions.xlsx', pdf: 'summary.pdf' } as const)[sub] })
        : null;
  if (!body) return null;
  await pipeline(body, createWriteStream(out, { flags: 'wx' }));
  return `Đã ghi ${out}.`;
}
