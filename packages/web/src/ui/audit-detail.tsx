import { Exemption } from '@sansang/core/schema';
import type { AuditEntry, AuditUnits } from '../data/api.ts';
import { formatDay, formatNumber, t, type Key } from '../i18n/index.ts';
import { vi } from '../i18n/vi.ts';

type Detail = Record<string, unknown>;
type Render = (d: Detail, unit: (id: unknown) => string, entry: AuditEntry) => string;

const text = (value: unknown) => (value === null || value === undefined ? '—' : String(value));
const num = (value: unknown) => formatNumber(Number(value ?? 0));
/** A key the dictionary may lack (an unknown role, kind or report): the raw value then. */
const label = (key: string, raw: unknown) => (key in vi ? t(key as Key) : text(raw));
const effective = (d: Detail) => (typeof d.effective === 'string' ? t('audit.detail.effective', { date: formatDay(d.effective) }) : '');
const joined = (...parts: string[]) => parts.filter(Boolean).join(' · ');

type Grant = { role?: string; unitId?: string | null };
const grants = (list: unknown, unit: (id: unknown) => string) => {
  const held = Array.isArray(list) ? (list as Grant[]) : [];
  if (held.length === 0) return t('audit.detail.noRole');
  return held.map((g) => `${label(`role.${g.role}`, g.role)}${g.unitId ? ` (${unit(g.unitId)})` : ''}`).join(', ');
};

/** "Tên: A → B; Mã: X → Y": only the fields that changed. */
const changes = (d: Detail) => {
  const before = (d.before ?? {}) as Detail;
  const after = (d.after ?? {}) as Detail;
  const shown = (field: string, value: unknown) => (field === 'kind' || field === 'level' ? label(`${field}.${value}`, value) : text(value));
  return ['name', 'code', 'kind', 'level']
    .filter((f) => before[f] !== after[f])
    .map((f) => `${t(`audit.field.${f}` as Key)}: ${shown(f, before[f])} → ${shown(f, after[f])}`)
    .join('; ');
};

const names = (ids: unknown, unit: (id: unknown) => string) => (Array.isArray(ids) ? ids.map(unit).join(', ') : '');
const person = (d: Detail) => (d.employeeCode ? t('audit.detail.person', { code: text(d.employeeCode) }) : '');
const courses = (d: Detail) => (Array.isArray(d.courses) ? d.courses.join(', ') : '');
const report = (kind: unknown) => label(`archives.kind.${kind}` in vi ? `archives.kind.${kind}` : `audit.report.${kind}`, kind);
const signIn: Render = (d) =>
  joined(d.issuer ? t('audit.detail.oidc', { issuer: text(d.issuer) }) : '', d.address ? t('audit.detail.address', { address: text(d.address) }) : '');

/** One small renderer per kind of action; an action without one lists its detail as it is. */
const renderers: Record<string, Render> = {
  'auth.sign_in': signIn,
  'auth.sign_in_failed': signIn,
  'account.password_change_failed': signIn,
  'account.created': (d, unit) => t('audit.detail.account', { email: text(d.email), grants: grants(d.grants, unit) }),
  'account.grants_changed': (d, unit) => t('audit.detail.grants', { email: text(d.email), before: grants(d.before, unit), after: grants(d.after, unit) }),
  'account.password_link_issued': (d) => t('audit.detail.for', { email: text(d.email) }),
  'org.create': (d, unit) => joined(t('audit.detail.create', { name: text(d.name), parent: unit(d.parentId) }), effective(d)),
  'org.update': (d) => joined(changes(d), effective(d)),
  'org.move': (d, unit) => joined(t('audit.detail.move', { from: unit(d.fromParentId), to: unit(d.toParentId) }), effective(d)),
  'org.merge': (d, unit, e) => joined(t('audit.detail.merge', { sources: names(d.sources, unit), into: unit(e.unitId), people: num(d.people) }), effective(d)),
  'org.merge_undo': (d, unit, e) =>
    joined(t('audit.detail.mergeUndo', { sources: names(d.sources, unit), into: unit(e.unitId), people: num(d.people) }), effective(d)),
  'org.schedule': (d, unit) => {
    const into = (d.into ?? {}) as Detail;
    return joined(
      t('audit.detail.scheduledMerge', { sources: names(d.sourceIds, unit), into: into.unitId ? unit(into.unitId) : text(into.name) }),
      effective(d),
    );
  },
  'org.schedule_cancel': effective,
  'org.schedule_apply': (d) => joined(effective(d), d.people === undefined ? '' : t('audit.detail.people', { n: num(d.people) })),
  'org.schedule_failed': (d) => joined(effective(d), text(d.reason)),
  'org.dissolve': effective,
  'org.import': (d) => joined(t('audit.detail.import', { created: num(d.created), updated: num(d.updated), moved: num(d.moved) }), effective(d)),
  'roster.import': (d) =>
    joined(
      ...['create', 'update', 'move', 'leave', 'return', 'exempt']
        .filter((k) => Number(d[k]) > 0)
        .map((k) => `${t(`roster.action.${k}` as Key)}: ${num(d[k])}`),
      Array.isArray(d.skippedRows) && d.skippedRows.length > 0 ? t('audit.detail.skipped', { n: num(d.skippedRows.length) }) : '',
    ),
  'report.download': (d) => joined(t('audit.detail.report', { report: report(d.report) }), person(d), typeof d.date === 'string' ? formatDay(d.date) : ''),
  'report.schedule': (d) => label(`schedules.${d.frequency}`, d.frequency),
  'report.unschedule': (d) => label(`schedules.${d.frequency}`, d.frequency),
  'target.create': (d) => target(d.after),
  'target.update': (d) => target(d.after),
  'certificate.download': (d) => joined(t('audit.detail.course', { course: text(d.course) }), text(d.code)),
  'content.publish': (d) => joined(t('audit.detail.course', { course: text(d.course) }), `v${text(d.version)}`),
  'credit.submit': (d) => joined(person(d), text(d.issuer), text(d.number), courses(d)),
  'credit.approve': (d) => joined(person(d), courses(d)),
  'credit.scan': person,
  'exemption.create': (d) =>
    joined(
      person(d),
      (Exemption.reasonLabels as Record<string, string>)[text(d.reason)] ?? text(d.reason),
      t('audit.detail.period', { from: formatDay(text(d.from)), until: formatDay(text(d.until)) }),
    ),
  'exemption.end': (d) => joined(person(d), typeof d.endedOn === 'string' ? formatDay(d.endedOn) : ''),
  'exemption.evidence': person,
};

function target(after: unknown): string {
  const d = (after ?? {}) as Detail;
  return t('audit.detail.target', { title: text(d.title), percent: num(d.percent), deadline: typeof d.deadline === 'string' ? formatDay(d.deadline) : '—' });
}

/** Anything else, readable if not pretty: "key: value" pairs, objects as JSON. */
const generic = (d: Detail) =>
  Object.entries(d)
    .map(([k, v]) => `${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : text(v)}`)
    .join(' · ');

/** What an entry changed, in words, with units by name ("Xã Z"), their codes kept for an id no longer stored. */
export function auditDetail(entry: AuditEntry, units: AuditUnits): string {
  const d = (entry.detail ?? {}) as Detail;
  const unit = (id: unknown) => (typeof id === 'string' ? (units[id]?.name ?? id) : '—');
  const render = renderers[entry.action];
  return render ? render(d, unit, entry) : generic(d);
}
