import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf.ts';
import { pdfTitle, streamBytes } from '../../../../test/support/report-fixtures.ts';
import type { Transcript } from './model.ts';
import { transcriptPdf } from './transcript-pdf.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ');

const transcript: Transcript = {
  person: { employeeCode: 'PN-00123', fullName: 'Lò Thị Hương', category: 'cong-chuc', position: 'Công chức Văn phòng - Thống kê', status: 'active' },
  unit: { id: 'pn', code: 'BK.PN', name: 'Xã Pắc Nặm', kind: 'commune' },
  // 20:00 UTC on the 14th is the 15th in Vietnam.
  generatedAt: '2026-11-14T20:00:00.000Z',
  moves: [{ at: '2025-07-01', fromUnitName: 'Sở Nông nghiệp và Môi trường', toUnitName: 'Xã Pắc Nặm' }],
  courses: [
    {
      slug: 'iu01',
      title: 'IU01: Hiểu biết cơ bản về công nghệ thông tin',
      version: 2,
      lessonsDone: 4,
      lessonCount: 4,
      bestScore: 85.5,
      completedAt: '2026-03-01T20:00:00.000Z',
      certificateCode: 'ABCDE-FGHJK',
    },
    {
      slug: 'iu02',
      title: 'IU02: Sử dụng máy tính cơ bản',
      version: 1,
      lessonsDone: 3,
      lessonCount: 4,
      bestScore: null,
      completedAt: null,
      certificateCode: null,
    },
  ],
  targets: [
    { title: 'Kỹ năng số cơ bản cho cán bộ, công chức cấp xã', deadline: '2026-12-31', trainedAt: null },
    { title: 'An toàn thông tin', deadline: '2026-06-30', trainedAt: '2026-03-01T20:00:00.000Z' },
  ],
};

describe('transcript PDF', () => {
  it('prints the person, their moves, each course and where they stand on each target, in Vietnamese as typed', async () => {
    const bytes = await streamBytes(transcriptPdf(transcript));
    expect(bytes.toString('latin1')).toMatch(/BeVietnamPro/);
    expect(await pdfTitle(bytes)).toBe('Phiếu kết quả học tập — Lò Thị Hương');
    const text = flat(await pdfText(bytes));
    for (const expected of [
      'XÃ PẮC NẶM',
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHIẾU KẾT QUẢ HỌC TẬP',
      'Ngày lập: 15/11/2026',
      'Họ và tên: Lò Thị Hương',
      'Mã cán bộ: PN-00123',
      'Phân loại: Công chức',
      'Chức vụ: Công chức Văn phòng - Thống kê',
      'Đơn vị: Xã Pắc Nặm (mã BK.PN)',
      'Tình trạng: Đang công tác',
      '01/07/2025: chuyển từ Sở Nông nghiệp và Môi trường sang Xã Pắc Nặm',
      'Khoá học Phiên bản Bài đã học Điểm cao nhất Ngày hoàn thành Mã chứng nhận',
      '2 4/4 85,5% 02/03/2026 ABCDE-FGHJK',
      'IU02: Sử dụng máy tính cơ bản 1 3/4 — Chưa hoàn thành —',
      'Kỹ năng số cơ bản cho cán bộ, công chức cấp xã (hạn 31/12/2026): Chưa hoàn thành',
      'An toàn thông tin (hạn 30/06/2026): Đã hoàn thành ngày 02/03/2026',
    ])
      expect(text).toContain(expected);
  });

  it('says plainly when there is nothing to list', async () => {
    const empty: Transcript = { ...transcript, person: { ...transcript.person, status: 'left' }, moves: [], courses: [], targets: [] };
    const text = flat(await pdfText(await streamBytes(transcriptPdf(empty))));
    for (const expected of ['Tình trạng: Đã nghỉ việc', 'Không có thay đổi đơn vị.', 'Chưa bắt đầu khoá học nào.', 'Không thuộc diện chỉ tiêu nào.']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Mã chứng nhận');
  });

  it('runs a long course list over pages with the header repeated', async () => {
    const courses = Array.from({ length: 45 }, (_, i) => ({ ...transcript.courses[0]!, slug: `k${i}`, title: `Khoá bồi dưỡng số ${i + 1}` }));
    const pages = (await pdfText(await streamBytes(transcriptPdf({ ...transcript, courses })))).split('\n').map(flat);
    expect(pages.length).toBeGreaterThan(1);
    for (let i = 1; i <= 45; i++) expect(pages.join(' ')).toContain(`Khoá bồi dưỡng số ${i} 2 4/4`);
    for (const page of pages.filter((p) => p.includes('Khoá bồi dưỡng số'))) expect(page).toContain('Khoá học Phiên bản Bài đã học');
  });
});
