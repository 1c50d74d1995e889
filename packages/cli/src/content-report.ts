import { findMentions, quizStats, type CompiledContent, type QuizStats } from '@sansang/content';

const STATUS: Record<string, string> = {
  'in-force': 'đang có hiệu lực',
  superseded: 'đã bị thay thế',
  expired: 'hết hiệu lực',
  'not-yet-in-force': 'chưa có hiệu lực',
};

/**
 * `content cites <id>`: every lesson and question that cites a register entry, then every
 * other line of course Markdown that names it by number or alias — what a trainer reviews the
 * day the document changes. Null when the id is not in the register.
 */
export async function citesReport(root: string, compiled: CompiledContent, id: string): Promise<string | null> {
  const entry = compiled.law.get(id);
  if (!entry) return null;
  const cited = compiled.citations.filter((c) => c.law === id);
  const citedLines = new Set(cited.map((c) => `${c.file}:${c.line}`));
  const mentions = (await findMentions(root, entry)).filter((m) => !citedLines.has(`${m.file}:${m.line}`));
  const successor = entry.supersededBy ? `, thay bằng ${entry.supersededBy}` : '';
  const lines = [`${entry.number} — ${entry.title} (${STATUS[entry.status]}${successor}; ${entry.file})`, `Trích dẫn (${cited.length}):`];
  for (const c of cited) lines.push(`  ${c.file}:${c.line}:${c.col}  ${c.kind === 'lesson' ? `bài "${c.name}"` : `câu ${c.name}`}`);
  lines.push(`Nhắc tới trong bài nhưng chưa trích dẫn (${mentions.length}):`);
  for (const m of mentions) lines.push(`  ${m.file}:${m.line}  ${m.text.length > 100 ? `${m.text.slice(0, 99)}…` : m.text}`);
  return lines.join('\n');
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const ratio = (x: number) => x.toFixed(1).replace('.', ',');

/**
 * `content stats`: per quiz, the pool against the draw, how often the key is the longest
 * option, and what a learner who answers by length alone scores (content/README.md).
 */
export function statsReport(compiled: CompiledContent): string {
  const rows = compiled.courses.map(quizStats).filter((s): s is QuizStats => s !== null);
  const header = ['Khoá học', 'Số câu', 'Rút', 'Câu/rút', 'Đáp án dài nhất', 'Điểm chọn dài nhất', 'Điểm đạt', 'Đạt?'];
  const cells = rows.map((s) => [
    s.slug,
    String(s.items),
    String(s.drawn),
    ratio(s.items / s.drawn),
    `${s.keyLongest}/${s.single} (${s.single ? pct(s.keyLongest / s.single) : '–'})`,
    pct(s.lengthAloneScore),
    `${s.passMark}%`,
    s.lengthAlonePasses ? 'đạt' : 'không',
  ]);
  const items = rows.reduce((n, s) => n + s.items, 0);
  const drawn = rows.reduce((n, s) => n + s.drawn, 0);
  const single = rows.reduce((n, s) => n + s.single, 0);
  const longest = rows.reduce((n, s) => n + s.keyLongest, 0);
  const mean = rows.length ? rows.reduce((n, s) => n + s.lengthAloneScore, 0) / rows.length : 0;
  const passed = rows.filter((s) => s.lengthAlonePasses).length;
  cells.push([
    `Tổng (${rows.length} bài kiểm tra)`,
    String(items),
    String(drawn),
    drawn ? ratio(items / drawn) : '–',
    `${longest}/${single} (${single ? pct(longest / single) : '–'})`,
    `TB ${pct(mean)}`,
    '',
    `đạt ${passed}/${rows.length}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const tf = compiled.courses.flatMap((c) => c.quiz?.questions ?? []).filter((q) => q.type === 'truefalse');
  const sai = tf.filter((q) => q.type === 'truefalse' && !q.answer).length;
  return [
    line(header),
    ...cells.slice(0, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(cells.at(-1)!),
    '',
    `Câu đúng/sai có đáp án "Sai": ${sai}/${tf.length}.`,
    'Điểm chọn dài nhất: điểm kỳ vọng của người không học, luôn chọn phương án dài nhất (bằng nhau thì chia đều),',
    'câu nhiều đáp án chỉ tích phương án dài nhất, câu đúng/sai luôn chọn "Sai", các loại câu khác được 0 điểm.',
  ].join('\n');
}
