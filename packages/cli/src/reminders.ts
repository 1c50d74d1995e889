import { Digest, Org, Reminder, unitIdFor, vnDay } from '@sansang/core';

type Option = (name: string) => string | undefined;

const reasonNames: Record<Reminder.Reason, string> = {
  start: 'bắt đầu',
  'due-30': 'còn 30 ngày',
  'due-7': 'còn 7 ngày',
  'overdue-1': 'quá hạn 1 ngày',
  lapse: 'sắp hết hiệu lực',
};
const shown = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** What `sansang reminders plan` prints: one line per message, who, where, and what they owe. */
export function planTable(day: string, plan: Reminder.Planned[], unitNames: Map<string, string>): string {
  if (plan.length === 0) return `Ngày ${shown(day)}: không có thư nhắc việc nào đến hạn.`;
  const lines = plan.map((p) =>
    [
      p.fullName.padEnd(28),
      (unitNames.get(p.unitId) ?? p.unitId).slice(0, 30).padEnd(30),
      (p.email ?? '(không có email: chỉ thông báo)').padEnd(32),
      p.items.map((i) => `${i.title} — ${reasonNames[i.reason]}, hạn ${shown(i.dueDate)}`).join('; '),
    ].join(' '),
  );
  const header = ['Người nhận'.padEnd(28), 'Đơn vị'.padEnd(30), 'Email'.padEnd(32), 'Việc đến hạn'].join(' ');
  return [`Ngày ${shown(day)}: ${plan.length} thư nhắc việc.`, header, ...lines].join('\n');
}

/** How a run's messages went, one line each, as a reminder run and a digest run print them. */
const deliveries = (o: Pick<Reminder.RunOutcome, 'sent' | 'noAddress' | 'already' | 'busy' | 'failed'>) => [
  `  đã gửi:                 ${o.sent}`,
  `  chỉ thông báo (không có email): ${o.noAddress}`,
  `  đã gửi từ trước:        ${o.already}`,
  `  đợt khác đang gửi:      ${o.busy}`,
  `  lỗi, sẽ gửi lại lần sau: ${o.failed}`,
];

/** What `sansang reminders run` prints: the counts of a run. */
export function runSummary(o: Reminder.RunOutcome): string {
  if (o.quiet) return `Ngày ${shown(o.day)}: đang trong giờ yên lặng (21:00–07:00), không gửi thư nào; ${o.planned} thư sẽ được gửi khi chạy lại sau 7:00.`;
  return [`Ngày ${shown(o.day)}: ${o.planned} thư đến hạn.`, ...deliveries(o)].join('\n');
}

/** What `sansang reminders digest` prints: the counts of the week's digests. */
export function digestSummary(o: Digest.Outcome & { week: string }): string {
  if (o.quiet) return `Tuần ${o.week}: đang trong giờ yên lặng (21:00–07:00), không gửi báo cáo tuần nào.`;
  return [
    `Tuần ${o.week}: ${o.recipients} người nhận báo cáo tuần (${o.optedOut} đã tắt, ${o.empty} không có chỉ tiêu nào trong phạm vi).`,
    ...deliveries(o),
  ].join('\n');
}

/** `sansang reminders plan|run [--unit CODE] [--date D]` and `sansang reminders digest`; null for another sub-command. */
export async function remindersCommand(sub: string | undefined, option: Option): Promise<string | null> {
  const actor = { email: process.env.SANSANG_ACTOR ?? 'cli' };
  const site = process.env.SITE_URL ?? 'http://localhost:3000';
  // The week's digest, on demand: once a week per recipient however often it runs, as the daily job sends it on Mondays.
  if (sub === 'digest') return digestSummary(await Digest.weekly({ actor, site }));
  if (sub !== 'plan' && sub !== 'run') return null;
  const unitId = option('unit') ? (await Org.get(unitIdFor(option('unit')!))).id : undefined;
  const date = option('date') ?? vnDay();
  if (sub === 'run') return runSummary(await Reminder.run({ unitId, date, actor, site }));
  const plan = await Reminder.plan({ unitId, date });
  const units = await Org.getMap(new Set(plan.map((p) => p.unitId)));
  return planTable(date, plan, new Map([...units].map(([id, u]) => [id, u.name])));
}
