import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadDigestTemplate, parseDigestTemplate, projectionPart, renderAlert, renderDigest, type TargetLine } from './template.ts';

const line: TargetLine = {
  title: 'An toàn *thông tin*',
  trained: 1234,
  staff: 2000,
  percent: 61.7,
  goal: 100,
  deadline: '2026-12-31',
  meetsTarget: false,
  projection: { weeklyPace: 12.5, projectedDate: '2027-03-02', onTrack: false },
  behind: [{ name: 'Xã [A]', percent: 10.5, owing: 40 }],
  people: [{ name: 'Trần _Thị_ B', unit: 'Xã [A]', dueDate: '2026-12-31' }],
};

describe('digest templates', () => {
  it('ship every part in Vietnamese and English, in NFC', async () => {
    for (const language of ['vi', 'en'] as const) {
      const source = await readFile(new URL(`../../../../content/reminders/digest-${language}.md`, import.meta.url), 'utf8');
      expect(source.normalize('NFC')).toBe(source);
      const template = await loadDigestTemplate(language);
      expect(template.parts.body).toContain('{{units}}');
      expect(template.parts.body).toContain('{{settings}}');
    }
  });

  it('names a missing part and where', () => {
    expect(() => parseDigestTemplate('## subject\nA\n\n## body\nB', 'digest-vi.md', 'vi')).toThrow('digest-vi.md: thiếu phần "## unit"');
  });

  it('words the projection: met, on track, late by a date, stalled, or too little history', () => {
    const p = (onTrack: boolean | null, projectedDate: string | null, meetsTarget = false) =>
      projectionPart({ meetsTarget, projection: { weeklyPace: 1, projectedDate, onTrack } });
    expect([p(true, null, true), p(true, '2026-12-01'), p(false, '2027-01-02'), p(false, null), p(null, null)]).toEqual([
      'met',
      'on-track',
      'late',
      'stalled',
      'no-history',
    ]);
  });

  it('writes figures in the reader’s language and keeps names as text', async () => {
    const vi = await renderDigest(await loadDigestTemplate('vi'), {
      name: 'Lê <b>C</b>',
      week: '2026-W50',
      units: [{ unit: 'Sở *X*', targets: [line] }],
      link: 'https://a.vn/san-sang',
      settings: 'https://a.vn/thong-bao',
    });
    expect(vi.text).toContain('An toàn *thông tin*: 1.234/2.000 người đã hoàn thành (61,7%)');
    expect(vi.text).toContain('Dự báo: không kịp hạn, với 12,5 người/tuần dự kiến đến ngày 02/03/2027 mới đạt.');
    expect(vi.text).toContain('Đơn vị chậm nhất: Xã [A] (10,5%, còn 40 người).');
    expect(vi.text).toContain('Cần nhắc: Trần _Thị_ B (Xã [A], hạn 31/12/2026).');
    expect(vi.html).toContain('<h3>Sở *X*</h3>');
    expect(vi.html).toContain('Kính gửi Lê &#x3C;b>C&#x3C;/b>,');
    const en = await renderAlert(await loadDigestTemplate('en'), {
      name: 'Lê C',
      unit: 'Sở X',
      line,
      link: 'https://a.vn/san-sang',
      settings: 'https://a.vn/thong-bao',
    });
    expect(en.subject).toBe("Sẵn Sàng: Sở X will miss a target's deadline");
    expect(en.text).toContain('1,234/2,000 trained so far (61.7%)');
    expect(en.summary).toBe(
      'An toàn *thông tin*: 1,234/2,000 trained (61.7%), target 100% by 31/12/2026. Projection: will miss the deadline; at 12.5 a week the target is reached only on 02/03/2027.',
    );
  });
});
