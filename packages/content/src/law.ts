import * as v from 'valibot';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Diagnostics, type Diagnostic, type Position } from './diagnostic.ts';
import { readYaml } from './front-matter.ts';
import { readText } from './text-file.ts';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'không được để trống'));
/** Dates are written YYYY-MM-DD (quoted or not: the YAML reader keeps them as text). */
const Day = v.pipe(
  v.string('phải là ngày dạng YYYY-MM-DD'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng YYYY-MM-DD'),
  v.check((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), 'không phải ngày có thật'),
);
export const STATUSES = ['in-force', 'superseded', 'expired', 'not-yet-in-force'] as const;

/** One legal document, `content/law/<id>.yaml`; content/README.md describes each field. */
export const LawEntry = v.object({
  id: v.pipe(v.string(), v.regex(ID, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang')),
  number: Text,
  title: Text,
  issuer: Text,
  signed: Day,
  effective: Day,
  /** The day it stops applying, when known (for a superseded document: the successor's effective day). */
  expires: v.optional(Day),
  status: v.picklist(STATUSES, `chỉ nhận ${STATUSES.join(', ')}`),
  supersededBy: v.optional(v.pipe(v.string(), v.regex(ID, 'phải là mã của một văn bản trong content/law'))),
  source: v.pipe(v.string(), v.regex(/^https?:\/\/\S+$/, 'phải là địa chỉ http(s) của văn bản')),
  checked: Day,
  /** Other ways lessons name it ("Luật Bảo vệ dữ liệu cá nhân năm 2025"), for `content cites`. */
  aliases: v.optional(v.array(Text), []),
  /** Some field could not be confirmed against a source; `note` says which and why. */
  unverified: v.optional(v.boolean('phải là true hoặc false'), false),
  note: v.optional(Text),
});
export type LawEntry = v.InferOutput<typeof LawEntry>;
export type LawRegister = Map<string, LawEntry & { file: string }>;

const DAY_MS = 86_400_000;
/** Today in Viet Nam (UTC+7), as YYYY-MM-DD. */
export const todayInVietnam = (now = Date.now()) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const vnDate = (d: string) => d.split('-').reverse().join('/');
/** A warning this many days ahead of a document taking effect or lapsing. */
export const SOON_DAYS = 90;

/**
 * Reads `content/law/*.yaml`. Each file is checked on its own (schema, id = file name,
 * unverified fields, a status the dates contradict); then every `supersededBy` must name an entry.
 */
export async function readLawRegister(lawDir: string, today: string, fix = false): Promise<{ register: LawRegister; diagnostics: Diagnostic[] }> {
  const register: LawRegister = new Map();
  const all: Diagnostics[] = [];
  const names = (await readdir(lawDir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml')).sort();
  const successors: { id: string; at: Position; d: Diagnostics }[] = [];
  for (const name of names) {
    const d = new Diagnostics(`law/${name}`);
    all.push(d);
    const text = await readText(join(lawDir, name), d, fix);
    if (text === null) continue;
    const { data: entry, keyLine } = readYaml(text, LawEntry, d, { firstLine: 1, code: 'law' });
    if (!entry) continue;
    if (`${entry.id}.yaml` !== name) {
      d.error(keyLine('id'), 'law.id_mismatch', `Mã "${entry.id}" phải trùng tên tệp (${name}); hãy đổi tên tệp thành ${entry.id}.yaml.`);
      continue;
    }
    if (entry.unverified && !entry.note) d.error(keyLine('unverified'), 'law.invalid_value', 'unverified: true cần một note nói trường nào chưa đối chiếu được và vì sao.');
    if (entry.status === 'superseded' && !entry.supersededBy) d.error(keyLine('status'), 'law.invalid_value', 'Văn bản đã bị thay thế (status: superseded) cần supersededBy: mã văn bản thay thế.');
    if (entry.unverified) d.warn(keyLine('unverified'), 'law.unverified', `Văn bản ${entry.number} còn trường chưa đối chiếu với nguồn: ${entry.note}`);
    const stale =
      entry.status === 'not-yet-in-force' && entry.effective <= today
        ? `ghi "not-yet-in-force" nhưng đã có hiệu lực từ ${vnDate(entry.effective)}`
        : entry.status === 'in-force' && entry.effective > today
          ? `ghi "in-force" nhưng đến ${vnDate(entry.effective)} mới có hiệu lực`
          : entry.status === 'in-force' && entry.expires !== undefined && entry.expires <= today
            ? `ghi "in-force" nhưng đã hết hiệu lực từ ${vnDate(entry.expires)}`
            : null;
    if (stale) d.warn(keyLine('status'), 'law.status_stale', `Văn bản ${entry.number} ${stale}; hãy kiểm tra lại và cập nhật status, checked.`);
    if (entry.supersededBy) successors.push({ id: entry.supersededBy, at: keyLine('supersededBy'), d });
    register.set(entry.id, { ...entry, file: `law/${name}` });
  }
  for (const { id, at, d } of successors) {
    if (!register.has(id)) d.error(at, 'law.unknown', `supersededBy nêu "${id}" nhưng không có tệp law/${id}.yaml.`);
  }
  return { register, diagnostics: all.flatMap((d) => d.list) };
}

/** Where a lesson or a question cites a register entry. */
export type Citation = { law: string; file: string; line: number; col: number; kind: 'lesson' | 'question'; name: string };

/**
 * A citation must name an entry in force: an unknown id or a document that has lapsed is an
 * error (the course teaches what is no longer the rule); one taking effect or lapsing within
 * 90 days, or not yet in force, is a warning so the lesson is reviewed in time.
 */
export function checkCitation(id: string, at: Position, register: LawRegister, today: string, diags: Diagnostics) {
  const entry = register.get(id);
  if (!entry) {
    diags.error(at, 'law.unknown', `Trích dẫn "${id}" không có trong sổ văn bản (content/law/${id}.yaml); hãy thêm văn bản vào sổ hoặc sửa mã.`);
    return;
  }
  const successor = entry.supersededBy ? register.get(entry.supersededBy) : undefined;
  const instead = successor ? `; hãy dạy và trích dẫn ${successor.number} (${successor.id})` : '';
  if (entry.status === 'superseded') {
    diags.error(at, 'law.superseded', `${entry.number} đã bị thay thế${entry.expires ? ` từ ${vnDate(entry.expires)}` : ''}${instead}.`);
    return;
  }
  if (entry.status === 'expired' || (entry.expires !== undefined && entry.expires <= today)) {
    diags.error(at, 'law.expired', `${entry.number} đã hết hiệu lực${entry.expires ? ` từ ${vnDate(entry.expires)}` : ''}${instead}.`);
    return;
  }
  if (entry.status === 'not-yet-in-force' || entry.effective > today) {
    const days = daysBetween(today, entry.effective);
    if (days <= SOON_DAYS) diags.warn(at, 'law.effective_soon', `${entry.number} có hiệu lực từ ${vnDate(entry.effective)} (còn ${days} ngày); hãy rà soát bài trước ngày đó.`);
    else diags.warn(at, 'law.not_yet_in_force', `${entry.number} đến ${vnDate(entry.effective)} mới có hiệu lực; bài học cần nói rõ điều đó.`);
    return;
  }
  if (entry.expires !== undefined && daysBetween(today, entry.expires) <= SOON_DAYS) {
    diags.warn(at, 'law.expires_soon', `${entry.number} hết hiệu lực từ ${vnDate(entry.expires)} (còn ${daysBetween(today, entry.expires)} ngày)${instead}.`);
  }
}

/** A place in a course's Markdown that names a document by number or alias, cited or not. */
export type Mention = { file: string; line: number; text: string };

/** Every line under `courses/` that names the entry, so a trainer also finds the places nobody cited. */
export async function findMentions(root: string, entry: LawEntry): Promise<Mention[]> {
  const needles = [entry.number, ...entry.aliases].map((n) => n.normalize('NFC').toLocaleLowerCase('vi'));
  const out: Mention[] = [];
  const coursesDir = join(root, 'courses');
  for (const slug of (await readdir(coursesDir).catch(() => [] as string[])).sort()) {
    const files = await readdir(join(coursesDir, slug)).catch(() => [] as string[]);
    for (const name of files.filter((f) => f.endsWith('.md')).sort()) {
      const text = await readText(join(coursesDir, slug, name), new Diagnostics(name));
      if (text === null) continue;
      text.split('\n').forEach((line, i) => {
        const lower = line.normalize('NFC').toLocaleLowerCase('vi');
        if (needles.some((n) => lower.includes(n))) out.push({ file: `courses/${slug}/${name}`, line: i + 1, text: line.trim() });
      });
    }
  }
  return out;
}
