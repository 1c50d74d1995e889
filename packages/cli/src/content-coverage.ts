import type { Framework, LessonTags } from '@sansang/content';

/**
 * `content coverage`: for each framework, which of its competencies the catalogue covers (the
 * courses carrying the code in `tags`, or having a lesson that does) with how many lessons teach
 * each, and which none covers; then the courses that carry no framework code at all.
 */
export function coverageReport(
  frameworks: Framework[],
  compiled: { courses: { slug: string; tags: string[] }[]; law: Map<string, { number: string }>; lessonTags?: LessonTags[] },
): string {
  const lessonTags = compiled.lessonTags ?? [];
  const lessonsOf = (slug: string, code: string) => lessonTags.filter((l) => l.slug === slug && l.tags.includes(code)).length;
  const coursesOf = (code: string) => compiled.courses.filter((c) => c.tags.includes(code) || lessonsOf(c.slug, code) > 0).map((c) => c.slug);
  const taughtIn = (code: string) => compiled.courses.reduce((n, c) => n + lessonsOf(c.slug, code), 0);
  const codes = frameworks.flatMap((f) => [...f.competencies.keys()]);
  const width = Math.max(...codes.map((c) => c.length));
  const lines: string[] = [];
  const uncovered: string[] = [];
  for (const f of frameworks) {
    const entry = compiled.law.get(f.law);
    const all = [...f.competencies.keys()];
    const covered = all.filter((code) => coursesOf(code).length > 0).length;
    const withLessons = all.filter((code) => taughtIn(code) > 0).length;
    lines.push(
      `${entry ? `${entry.number} — ` : ''}${f.title}: ${covered}/${f.competencies.size} năng lực có khoá học, ${withLessons}/${f.competencies.size} có bài học gắn mã`,
    );
    if (!entry) lines.push(`  (không có văn bản "${f.law}" trong sổ văn bản law/)`);
    if (f.unverified) lines.push(`  Chưa kiểm chứng: ${f.unverified}`);
    for (const [code, name] of f.competencies) {
      const slugs = coursesOf(code).map((slug) => (lessonsOf(slug, code) ? `${slug} (${lessonsOf(slug, code)} bài)` : slug));
      if (!slugs.length) uncovered.push(`${code} ${name}`);
      lines.push(`  ${code.padEnd(width)}  ${name}: ${slugs.length ? slugs.join(', ') : 'CHƯA CÓ KHOÁ HỌC'}`);
    }
    lines.push('');
  }
  const untagged = compiled.courses.filter((c) => !codes.some((code) => c.tags.includes(code) || lessonsOf(c.slug, code) > 0)).map((c) => c.slug);
  const tagged = lessonTags.filter((l) => compiled.courses.some((c) => c.slug === l.slug) && l.tags.some((t) => codes.includes(t)));
  lines.push(`Năng lực chưa khoá học nào bao phủ (${uncovered.length}): ${uncovered.join('; ') || 'không có'}.`);
  lines.push(`Khoá học chưa gắn năng lực nào của các khung (${untagged.length}): ${untagged.join(', ') || 'không có'}.`);
  lines.push(`Bài học gắn mã năng lực: ${tagged.length} bài trong ${new Set(tagged.map((l) => l.slug)).size} khoá.`);
  return lines.join('\n');
}
