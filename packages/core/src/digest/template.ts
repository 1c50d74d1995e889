import { readFile } from 'node:fs/promises';
import type { Projection } from '../report/model.ts';
import { shownDay, type Language } from '../reminder/schema.ts';
import { asText, defaultDir, escapeMarkdown, fill, markdownToHtml, templateParts, type Rendered } from '../reminder/template.ts';

/**
 * The officers' wording: `content/reminders/digest-vi.md` and `digest-en.md`, edited by a
 * province like the learners' reminders (parts headed `## name`; the placeholders are listed
 * at the top of each file).
 */
const partNames = [
  'subject',
  'body',
  'unit',
  'target',
  'on-track',
  'late',
  'stalled',
  'met',
  'no-history',
  'units-behind',
  'unit-behind',
  'people-behind',
  'person-behind',
  'alert-subject',
  'alert-body',
] as const;
type PartName = (typeof partNames)[number];
export type DigestTemplate = { language: Language; parts: Record<PartName, string> };

export function parseDigestTemplate(source: string, file: string, language: Language): DigestTemplate {
  const part = templateParts(source, file);
  return { language, parts: Object.fromEntries(partNames.map((name) => [name, part(name)])) as Record<PartName, string> };
}

const loaded = new Map<string, Promise<DigestTemplate>>();

export function loadDigestTemplate(language: Language, dir = defaultDir()): Promise<DigestTemplate> {
  const file = `${dir.replace(/\/?$/, '/')}digest-${language}.md`;
  let template = loaded.get(file);
  if (!template) {
    template = readFile(file, 'utf8').then((source) => parseDigestTemplate(source, file, language));
    loaded.set(file, template);
    template.catch(() => loaded.delete(file));
  }
  return template;
}

/** One target's figures at one unit, as a message shows them. */
export type TargetLine = {
  title: string;
  trained: number;
  staff: number;
  percent: number;
  goal: number;
  deadline: string;
  meetsTarget: boolean;
  projection: Projection;
  /** The children most behind, worst first: only units inside the recipient's scope. */
  behind: { name: string; percent: number; owing: number }[];
  /** The people most behind, earliest due first: only people inside the recipient's scope. */
  people: { name: string; unit: string; dueDate: string }[];
};
export type UnitSection = { unit: string; targets: TargetLine[] };

const numberOf = (language: Language) => new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });

/** The projection in words: met, on track, late (by a date or stalled), or not enough history. */
export function projectionPart(line: Pick<TargetLine, 'meetsTarget' | 'projection'>): PartName {
  const p = line.projection;
  if (line.meetsTarget) return 'met';
  if (p.onTrack === null) return 'no-history';
  if (p.onTrack) return p.projectedDate ? 'on-track' : 'met';
  return p.projectedDate ? 'late' : 'stalled';
}

type Values = Record<'title' | 'trained' | 'staff' | 'percent' | 'goal' | 'deadline' | 'projection', string>;

function figures(t: DigestTemplate, line: TargetLine): Values {
  const n = numberOf(t.language).format;
  const projection = fill(t.parts[projectionPart(line)], {
    date: line.projection.projectedDate ? shownDay(line.projection.projectedDate) : '',
    pace: n(line.projection.weeklyPace ?? 0),
  });
  return {
    title: escapeMarkdown(line.title),
    trained: n(line.trained),
    staff: n(line.staff),
    percent: n(line.percent),
    goal: n(line.goal),
    deadline: shownDay(line.deadline),
    projection,
  };
}

function targetLine(t: DigestTemplate, line: TargetLine): string {
  const n = numberOf(t.language).format;
  const list = (items: string[]) => items.join('; ');
  const behind = line.behind.map((u) => fill(t.parts['unit-behind'], { name: escapeMarkdown(u.name), percent: n(u.percent), owing: n(u.owing) }));
  const people = line.people.map((p) =>
    fill(t.parts['person-behind'], { name: escapeMarkdown(p.name), unit: escapeMarkdown(p.unit), due: shownDay(p.dueDate) }),
  );
  const values = figures(t, line);
  const details = [
    values.projection,
    behind.length > 0 ? fill(t.parts['units-behind'], { list: list(behind) }) : '',
    people.length > 0 ? fill(t.parts['people-behind'], { list: list(people) }) : '',
  ].filter(Boolean);
  return fill(t.parts.target, { ...values, details: details.join(' ') });
}

async function rendered(subject: string, markdown: string, summary: string): Promise<Rendered> {
  return { subject, text: asText(markdown), html: (await markdownToHtml())(markdown), summary: asText(summary) };
}

/** The weekly digest: each unit of the recipient's scope, each target that applies there. */
export function renderDigest(
  t: DigestTemplate,
  message: { name: string; week: string; units: UnitSection[]; link: string; settings: string },
): Promise<Rendered> {
  const units = message.units.map((u) =>
    fill(t.parts.unit, { unit: escapeMarkdown(u.unit), targets: u.targets.map((line) => targetLine(t, line)).join('\n') }),
  );
  const markdown = fill(t.parts.body, {
    name: escapeMarkdown(message.name),
    week: message.week,
    units: units.join('\n\n'),
    link: message.link,
    settings: message.settings,
  });
  // The in-app notice: the figures without the greeting, the links or the footer.
  const summary = message.units.flatMap((u) =>
    u.targets.map((line) => `${escapeMarkdown(u.unit)}: ${targetLine(t, { ...line, behind: [], people: [] }).replace(/^- /, '')}`),
  );
  return rendered(fill(t.parts.subject, { week: message.week }), markdown, summary.join('\n'));
}

/** The notice that a unit's projection turned "không kịp hạn" for a target. */
export function renderAlert(t: DigestTemplate, message: { name: string; unit: string; line: TargetLine; link: string; settings: string }): Promise<Rendered> {
  const values = { ...figures(t, message.line), unit: escapeMarkdown(message.unit) };
  const markdown = fill(t.parts['alert-body'], { ...values, name: escapeMarkdown(message.name), link: message.link, settings: message.settings });
  // The in-app notice: the target's line with its projection; the title names the unit.
  const summary = fill(t.parts.target, { ...values, details: values.projection }).replace(/^- /, '');
  return rendered(fill(t.parts['alert-subject'], { unit: message.unit }), markdown, summary);
}
