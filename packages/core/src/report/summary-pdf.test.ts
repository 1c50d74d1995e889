import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf.ts';
import { pdfTitle, streamBytes, targetFigures, unitSummary, notApplicableChild } from '../../../../test/support/report-fixtures.ts';
import { pngLogo } from '../../../../test/support/logo.ts';
import { summaryPdf } from './summary-pdf.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('summary PDF', () => {
  const big = targetFigures({ id: 't1', title: 'Kỹ năng số cơ bản cho cán bộ, công chức cấp xã', programme: ['iu01', 'iu02'], children: 60 });
  const small = targetFigures({
    id: 't2',
    title: 'Chữ ký số và văn bản điện tử',
    programme: ['chu-ky-so'],
    percent: 50,
    owner: { id: 'bk', name: 'Uỷ ban nhân dân tỉnh Bắc Kạn' },
  });
  const summary = unitSummary([big, small]);

  it('heads the report with its tenant’s logo and name above the unit’s, and draws no picture for a unit without one', async () => {
    const branded = await streamBytes(summaryPdf(summary, { name: 'Bộ Nội vụ thử nghiệm', logo: { bytes: pngLogo(48, 40) } }));
    const text = flat(await pdfText(branded));
    expect(text).toContain('BỘ NỘI VỤ THỬ NGHIỆM UỶ BAN NHÂN DÂN TỈNH BẮC KẠN');
    expect(branded.toString('latin1')).toMatch(/\/Subtype \/Image[^>]*\/Width 48[^>]*\/Height 40|\/Height 40[^>]*\/Width 48/);
    const plain = await streamBytes(summaryPdf(summary));
    expect(plain.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    expect(flat(await pdfText(plain))).not.toContain('BỘ NỘI VỤ');
    // A tenant named as its unit is printed once; a picture pdfkit cannot read is left out, and the report still goes out.
    const same = flat(
      await pdfText(await streamBytes(summaryPdf(summary, { name: 'Uỷ ban nhân dân tỉnh Bắc Kạn', logo: { bytes: pngLogo().subarray(0, 40) } }))),
    );
    expect(occurrences(same, 'UỶ BAN NHÂN DÂN TỈNH BẮC KẠN')).toBe(1);
  });

  it("prints the official header, each target's figures and the signature block, in Vietnamese as typed", async () => {
    const bytes = await streamBytes(summaryPdf(summary));
    expect(bytes.toString('latin1')).toMatch(/BeVietnamPro/);
    expect(bytes.toString('latin1')).not.toMatch(/Helvetica/);
    expect(await pdfTitle(bytes)).toBe('Báo cáo kết quả bồi dưỡng kỹ năng số — Uỷ ban nhân dân tỉnh Bắc Kạn');
    const text = flat(await pdfText(bytes));
    for (const expected of [
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO KẾT QUẢ BỒI DƯỠNG KỸ NĂNG SỐ',
      'UỶ BAN NHÂN DÂN TỈNH BẮC KẠN',
      'Đơn vị: Uỷ ban nhân dân tỉnh Bắc Kạn (mã BK)',
      // Read at 20:00 UTC on the 14th: already the 15th in Vietnam.
      'Ngày lập: 15/11/2026',
      '1. Kỹ năng số cơ bản cho cán bộ, công chức cấp xã',
      '2. Chữ ký số và văn bản điện tử',
      // Where each comes from: the installation's, or the unit that set it.
      '1. Kỹ năng số cơ bản cho cán bộ, công chức cấp xã Đơn vị giao: Toàn hệ thống',
      '2. Chữ ký số và văn bản điện tử Đơn vị giao: Uỷ ban nhân dân tỉnh Bắc Kạn',
      `Trong diện: ${big.inScope.toLocaleString('vi-VN')} người, trong đó được miễn ${big.exempt.toLocaleString('vi-VN')} người`,
      `Đã hoàn thành / phải hoàn thành: ${big.trained.toLocaleString('vi-VN')} / ${big.staff.toLocaleString('vi-VN')} người — chưa hoàn thành ${big.owing.toLocaleString('vi-VN')} người`,
      `Còn phải đào tạo: ${big.gap.toLocaleString('vi-VN')} người`,
      'Hạn: 31/12/2026 (còn 45 ngày)',
      // 12.5 people a week prints as a whole number of people.
      'Dự báo: Kịp hạn (dự kiến 20/11/2026) — tốc độ gần đây 13 người/tuần',
      'Đơn vị trực thuộc: 1/3 sở, ban, ngành đạt chỉ tiêu; 2/2 xã đạt chỉ tiêu; 1/1 phường đạt chỉ tiêu.',
      'Sở Nông nghiệp và Môi trường',
      'Xã Pắc Nặm',
      'Phường Đức Xuân',
      'Đường đỏ: chỉ tiêu 80%',
      'Tỷ lệ = số đã hoàn thành / (số trong diện − số được miễn).',
      'Người lập biểu',
      'nguyen.thi.hoa@backan.gov.vn',
      'Thủ trưởng đơn vị',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ])
      expect(text).toContain(expected);
    expect(text).toContain(
      `Tỷ lệ hoàn thành: ${big.percent.toLocaleString('vi-VN', { minimumFractionDigits: 1 })}% (chỉ tiêu 80%) — ${big.meetsTarget ? 'Đạt' : 'Chưa đạt'} chỉ tiêu`,
    );
  });

  it('lists every one of 60 child units over several pages, repeating the table header, and charts each', async () => {
    const pages = (await pdfText(await streamBytes(summaryPdf(summary)))).split('\n').map(flat);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pages.length}`));
    const text = pages.join(' ');
    for (const [i, child] of big.children.entries()) {
      expect(text).toContain(`${i + 1} ${child.code} ${child.name} ${child.inScope} ${child.exempt} ${child.trained}`);
      // Once in the table, once against its bar; the small target repeats the first six.
      expect(occurrences(text, `${child.name} `)).toBeGreaterThanOrEqual(i < 6 ? 4 : 2);
    }
    const tablePages = pages.filter((p) => /\b\d+ BK\.\d{3} /.test(p));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const page of tablePages) expect(page).toContain('STT Mã đơn vị Đơn vị Trong diện Được miễn Đã hoàn thành Tỷ lệ Đạt chỉ tiêu');
  });

  it('prints a child nobody is in the scope of as "Không áp dụng", last, with no broken "Đơn vị trực thuộc: ." line', async () => {
    const base = targetFigures({ id: 't4', title: 'Chỉ tiêu cấp xã', programme: ['iu01'], children: 2, percent: 90 });
    const none = notApplicableChild;
    // Every child out of scope: no "x/y đạt" to print, and no chart.
    const onlyNone = { ...base, children: [none], childrenMeeting: [] };
    const text = flat(await pdfText(await streamBytes(summaryPdf(unitSummary([onlyNone])))));
    expect(text).toContain('Đơn vị trực thuộc: không đơn vị nào có người trong diện của chỉ tiêu này.');
    expect(text).toContain('1 BK.SNV Sở Nội vụ 0 0 0 — Không áp dụng');
    expect(text).not.toContain('Đơn vị trực thuộc: .');
    expect(text).not.toContain('Chưa đạt');
    expect(text).not.toContain('Đường đỏ');
    // Beside children it applies to: after them, and counted in neither number of "x/y đạt".
    const mixed = { ...base, children: [none, ...base.children] };
    const both = flat(await pdfText(await streamBytes(summaryPdf(unitSummary([mixed])))));
    expect(both).toContain(`Đơn vị trực thuộc: ${base.childrenMeeting.map((g) => `${g.meets}/${g.total}`)[0]} sở, ban, ngành đạt chỉ tiêu`);
    expect(both).toContain('1 đơn vị trực thuộc không có ai trong diện: chỉ tiêu không áp dụng (cuối bảng).');
    expect(both).toContain('3 BK.SNV Sở Nội vụ 0 0 0 — Không áp dụng');
  });

  it('composes decomposed names and says so when a unit has no child units', async () => {
    // People of its own in scope, and no child units.
    const lone = {
      ...targetFigures({ id: 't3', title: 'Kỹ năng số'.normalize('NFD'), programme: ['iu01'], children: 0 }),
      staff: 12,
      trained: 3,
      applicable: true,
    };
    const nfd = { ...unitSummary([lone]), unit: { id: 'x', code: 'PN', name: 'Xã Pắc Nặm'.normalize('NFD'), kind: 'commune' } };
    const text = flat(await pdfText(await streamBytes(summaryPdf(nfd))));
    expect(text).toContain('Đơn vị: Xã Pắc Nặm (mã PN)');
    expect(text).toContain('1. Kỹ năng số');
    expect(text).toContain('Đơn vị không có đơn vị trực thuộc.');
    expect(text).not.toContain('Đường đỏ');
  });
});
