import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadTemplate, parseTemplate, render, renderWhole } from './template.ts';

const item = { reason: 'due-7' as const, targetId: 't', title: 'An toàn *thông tin* [2026]', dueDate: '2026-12-08', validUntil: null };

describe('reminder templates', () => {
  it('ships every part in Vietnamese and English, in NFC', async () => {
    for (const language of ['vi', 'en'] as const) {
      const source = await readFile(new URL(`../../../../content/reminders/${language}.md`, import.meta.url), 'utf8');
      expect(source.normalize('NFC')).toBe(source);
      const template = await loadTemplate(language);
      expect(Object.keys(template.items)).toEqual(['start', 'due-30', 'due-7', 'overdue-1', 'lapse']);
      expect(template.body).toContain('{{items}}');
      expect(template.body).toContain('{{link}}');
    }
  });

  it('names a missing part and where', () => {
    expect(() => parseTemplate('## subject\nA\n\n## body\nB', 'vi.md')).toThrow('vi.md: thiếu phần "## start"');
  });

  it('keeps names and titles as text, never Markdown or HTML, and writes days as dd/mm/yyyy', async () => {
    const out = await render(await loadTemplate('vi'), {
      name: 'Nguyễn <b>Văn</b> _A_',
      items: [item],
      link: 'https://sansang.example/api/auth/link?token=abc',
    });
    expect(out.html).toContain('Kính gửi Nguyễn &#x3C;b>Văn&#x3C;/b> _A_,');
    expect(out.html).toContain('<strong>An toàn *thông tin* [2026]</strong>: chỉ còn 7 ngày, hạn hoàn thành 08/12/2026.');
    expect(out.html).toContain('<a href="https://sansang.example/api/auth/link?token=abc">');
    expect(out.text).toContain('Kính gửi Nguyễn <b>Văn</b> _A_,');
    expect(out.text).toContain('- An toàn *thông tin* [2026]: chỉ còn 7 ngày, hạn hoàn thành 08/12/2026.');
    expect(out.summary).toBe('- An toàn *thông tin* [2026]: chỉ còn 7 ngày, hạn hoàn thành 08/12/2026.');
  });
});

describe('reminder HTML, rendered once per wording and filled in', () => {
  const names = [
    'Nguyễn Văn A',
    'Lê Thị Ánh-Dương',
    "O'Neil Trần",
    'Đặng 2 Bình.',
    'Hà _Nội_',
    '*Mai* Lan',
    '1. Phạm',
    '<i>Vũ</i>',
    'A & B',
    '  Khoảng trắng ',
  ];
  const links = [
    'http://localhost:3000/dang-nhap/lien-ket#abc-DEF_123',
    'http://localhost:3000/dang-nhap/lien-ket#_abc_',
    'https://sansang.example/dang-nhap?tiep=%2Fviec-can-hoan-thanh',
    'http://x.vn/a?b=1&c=<2>',
    'http://x.vn/%zz',
  ];
  const items = [[item], [item, { ...item, reason: 'lapse' as const, title: 'IU01 (cơ bản)', validUntil: '2027-01-31' }]];

  it('comes out exactly as rendering the whole Markdown of each message does, for names and links Markdown or HTML would change', async () => {
    // The shipped wordings, and two where a stand-in could read differently from its value: the link as text, the name in a link's address.
    const odd = { ...(await loadTemplate('vi')), body: '**{{name}}**\n\n{{items}}\n\nĐường dẫn: {{link}} hoặc [bấm vào đây]({{link}})' };
    const inLink = { ...(await loadTemplate('vi')), body: '[{{name}}](http://x.vn/{{name}}) `{{name}}`\n\n{{items}}\n\n[Mở]({{link}})' };
    let compared = 0;
    for (const template of [await loadTemplate('vi'), await loadTemplate('en'), odd, inLink])
      for (const its of items)
        for (const name of names)
          for (const link of links) {
            expect(await render(template, { name, items: its, link })).toEqual(await renderWhole(template, { name, items: its, link }));
            compared++;
          }
    expect(compared).toBe(4 * 2 * names.length * links.length);
  });

  it('is what the whole render would have made, not a stand-in: the name and link are filled in each time', async () => {
    const template = await loadTemplate('vi');
    const first = await render(template, { name: 'Nguyễn Văn A', items: [item], link: 'http://localhost:3000/dang-nhap/lien-ket#aaa' });
    const second = await render(template, { name: 'Trần Thị B', items: [item], link: 'http://localhost:3000/dang-nhap/lien-ket#bbb' });
    expect(second.html).toContain('Kính gửi Trần Thị B,');
    expect(second.html).toContain('href="http://localhost:3000/dang-nhap/lien-ket#bbb"');
    expect(second.html).not.toMatch(/sansang(name|link)value|Nguyễn Văn A|#aaa/);
    expect(first.html.replace('Nguyễn Văn A', 'Trần Thị B').replace('#aaa', '#bbb')).toBe(second.html);
  });
});
