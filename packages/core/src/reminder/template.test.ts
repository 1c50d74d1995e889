import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadTemplate, parseTemplate, render } from './template.ts';

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
