import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent, findMentions } from './index.ts';

const TODAY = '2026-12-06';
let root: string;

const entry = (id: string, fields: Record<string, string>) =>
  [
    `id: ${id}`,
    `number: "${fields['number'] ?? id}"`,
    'title: "Văn bản thử"',
    'issuer: "Chính phủ"',
    'signed: 2025-01-01',
    `effective: ${fields['effective'] ?? '2025-02-01'}`,
    ...(fields['expires'] ? [`expires: ${fields['expires']}`] : []),
    `status: ${fields['status'] ?? 'in-force'}`,
    ...(fields['supersededBy'] ? [`supersededBy: ${fields['supersededBy']}`] : []),
    'source: "https://vbpl.vn/van-ban-thu"',
    'checked: 2026-12-01',
    ...(fields['extra'] ? [fields['extra']] : []),
  ].join('\n') + '\n';

const lesson = (law: string) => `---\ntitle: Bài có trích dẫn\nlaw: [${law}]\n---\n\nNội dung bài nêu Nghị định 13/2023/NĐ-CP.\n`;

async function write(path: string, text: string) {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sansang-law-'));
  await write('law/nd-moi.yaml', entry('nd-moi', { number: '356/2025/NĐ-CP' }));
  await write('law/nd-cu.yaml', entry('nd-cu', { number: '13/2023/NĐ-CP', status: 'superseded', supersededBy: 'nd-moi', expires: '2026-01-01' }));
  await write('law/het-han.yaml', entry('het-han', { expires: '2026-06-30' }));
  await write('law/sap-hieu-luc.yaml', entry('sap-hieu-luc', { effective: '2027-01-05', status: 'not-yet-in-force' }));
  await write('law/con-lau.yaml', entry('con-lau', { effective: '2027-07-01', status: 'not-yet-in-force' }));
  await write('law/sap-het.yaml', entry('sap-het', { expires: '2027-02-01' }));
  await write('law/ten-khac.yaml', entry('ma-khac', {}));
  await write('law/thay-boi-la.yaml', entry('thay-boi-la', { status: 'superseded', supersededBy: 'khong-co', expires: '2026-01-01' }));
  await write('law/chua-xac-minh.yaml', entry('chua-xac-minh', { extra: 'unverified: true' }));
  await write('law/cu-roi.yaml', entry('cu-roi', { effective: '2026-01-01', status: 'not-yet-in-force' }));
  const course = 'courses/trich-dan';
  await write(`${course}/course.md`, '---\ntitle: Trích dẫn\nsummary: Thử.\nversion: 1\nestimatedMinutes: 5\ncompletion: { quiz: none }\n---\n');
  const cases = ['nd-moi', 'nd-cu', 'het-han', 'sap-hieu-luc', 'con-lau', 'sap-het', 'khong-co'];
  for (const [i, id] of cases.entries()) await write(`${course}/0${i + 1}-bai-${id}.md`, lesson(id));
  await write(`${course}/quiz.md`, '---\ntitle: Kiểm tra\npassMark: 70\n---\n\n## Nghị định nào đang áp dụng? {#q1 law=nd-moi,nd-cu}\n\n- [x] Một\n- [ ] Hai\n');
});

const found = async () => (await compileContent(root, { today: TODAY })).diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.severity}`);

describe('citations of the law register', () => {
  it('fails on an unknown or lapsed document and warns ahead of a change, at the line of the citation', async () => {
    const lines = await found();
    const course = 'courses/trich-dan';
    expect(lines.filter((l) => l.startsWith(course)).sort()).toEqual(
      [
        `${course}/02-bai-nd-cu.md:3 law.superseded error`,
        `${course}/03-bai-het-han.md:3 law.expired error`,
        `${course}/04-bai-sap-hieu-luc.md:3 law.effective_soon warning`,
        `${course}/05-bai-con-lau.md:3 law.not_yet_in_force warning`,
        `${course}/06-bai-sap-het.md:3 law.expires_soon warning`,
        `${course}/07-bai-khong-co.md:3 law.unknown error`,
        `${course}/quiz.md:6 law.superseded error`,
      ].sort(),
    );
  });

  it('judges the dates against the day it is given, not the clock', async () => {
    const { diagnostics } = await compileContent(root, { today: '2025-06-01' });
    const lessonCodes = diagnostics.filter((d) => d.file.includes('nd-cu') || d.file.includes('het-han')).map((d) => d.code);
    // nd-cu is recorded as superseded, whatever the day; het-han still applied in June 2025.
    expect(lessonCodes).toEqual(['law.superseded']);
  });

  it('checks each register file: id = file name, a known successor, a note for unverified fields, a status the dates allow', async () => {
    const lines = (await found()).filter((l) => l.startsWith('law/'));
    expect(lines.sort()).toEqual(
      ['law/chua-xac-minh.yaml:10 law.invalid_value error', 'law/chua-xac-minh.yaml:10 law.unverified warning', 'law/cu-roi.yaml:7 law.status_stale warning', 'law/het-han.yaml:8 law.status_stale warning', 'law/ten-khac.yaml:1 law.id_mismatch error', 'law/thay-boi-la.yaml:9 law.unknown error'].sort(),
    );
  });

  it('lists every citation, and finds lines that name a document without citing it', async () => {
    const { citations, law } = await compileContent(root, { today: TODAY });
    expect(citations.filter((c) => c.law === 'nd-cu').map((c) => `${c.file}:${c.line} ${c.kind} ${c.name}`)).toEqual([
      'courses/trich-dan/02-bai-nd-cu.md:3 lesson Bài có trích dẫn',
      'courses/trich-dan/quiz.md:6 question q1',
    ]);
    const mentions = await findMentions(root, law.get('nd-cu')!);
    expect(mentions.length).toBe(7);
    expect(mentions[0]).toEqual({ file: 'courses/trich-dan/01-bai-nd-moi.md', line: 6, text: 'Nội dung bài nêu Nghị định 13/2023/NĐ-CP.' });
  });
});
