import { describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { targetFigures, unitSummary, notApplicableChild } from '../../../../test/support/report-fixtures.ts';
import type { PersonTargetRow, TargetFigures } from './model.ts';
import { completionsXlsx } from './xlsx-report.ts';

const hostile = '=HYPERLINK("http://x","Bấm vào đây")';
const decomposed = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
const courseTitles = new Map([
  ['iu01', 'IU01: Hiểu biết cơ bản về công nghệ thông tin'],
  ['iu02', 'IU02: Sử dụng máy tính cơ bản'],
]);

const targets = [
  targetFigures({ id: 't1', title: 'Chỉ tiêu 2026: Kỹ năng số cơ bản cho cán bộ, công chức cấp xã', programme: ['iu01', 'iu02'], lapses: true }),
  targetFigures({ id: 't2', title: 'IU01/IU02 [bắt buộc]*?', programme: ['iu01'], owner: { id: 'bk', name: 'Uỷ ban nhân dân tỉnh Bắc Kạn' } }),
  targetFigures({ id: 't3', title: 'Chỉ tiêu 2026: Kỹ năng số cơ bản cho viên chức', programme: ['iu02', 'iu01'] }),
];

function person(i: number): PersonTargetRow {
  const trained = i % 2 === 0;
  return {
    unitCode: i === 3 ? '@SUM(1+1)' : `BK.${String(i % 60).padStart(3, '0')}`,
    unitName: i % 2 === 0 ? 'Xã Pắc Nặm' : 'Sở Nông nghiệp và Môi trường',
    employeeCode: i === 4 ? '-2+3' : `CB${String(i).padStart(5, '0')}`,
    fullName: i === 0 ? hostile : i === 1 ? decomposed : `Hoàng Văn Đức ${i}`,
    category: i % 3 === 0 ? 'can-bo' : i % 3 === 1 ? 'cong-chuc' : 'vien-chuc',
    position: i === 2 ? '+84912345678' : 'Chuyên viên',
    // Person 1 started late: their own due date is after the deadline.
    dueDate: i === 1 ? '2027-02-13' : '2026-12-31',
    // Person 5 is on maternity leave until 30 April.
    exemptUntil: i === 5 ? '2027-04-30' : null,
    // 20:00 UTC on 1 March is 2 March in Vietnam.
    trainedAt: trained ? '2026-03-01T20:00:00.000Z' : null,
    // Person 6's completion lapsed (they owe it again), person 8's lapses soon; every trained one's is valid to the year's end.
    validUntil: trained ? '2026-12-31' : null,
    lapse: i === 6 ? 'lapsed' : i === 8 ? 'soon' : null,
    courses: trained ? ['2026-02-10T03:00:00.000Z', '2026-03-01T20:00:00.000Z'] : ['2026-02-10T03:00:00.000Z', null],
    // Person 2 holds an equivalent certificate for the first course of each programme.
    credited: i === 2 ? ['iu01'] : [],
  };
}

async function* people(count: number): AsyncGenerator<PersonTargetRow> {
  for (let i = 0; i < count; i++) yield person(i);
}
const counts: Record<string, number> = { t1: 2000, t2: 5, t3: 0 };
const rowsFor = (t: TargetFigures) => people(counts[t.target.id]!);

async function bytes(stream: Readable): Promise<Buffer> {
  return Buffer.concat(await stream.toArray());
}
async function load(stream: Readable): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs's types predate Buffer being generic; the bytes are what it reads.
  await book.xlsx.load((await bytes(stream)) as unknown as ExcelJS.Buffer);
  return book;
}
const sheet = (book: ExcelJS.Workbook, index: number) => book.worksheets[index]!;
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
const vnDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('completions workbook', () => {
  it('has a summary sheet, then one valid, unique sheet per target with a frozen, filtered header', async () => {
    const book = await load(completionsXlsx(unitSummary(targets), rowsFor, courseTitles));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Tổng hợp',
      'Chỉ tiêu 2026 Kỹ năng số cơ bản',
      'IU01 IU02 bắt buộc',
      'Chỉ tiêu 2026 Kỹ năng số cơ (2)',
    ]);
    const t1 = sheet(book, 1);
    expect(t1.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(t1.autoFilter).toBe('A1:L1');
    expect(t1.rowCount).toBe(2001);
    expect(rowValues(t1, 1)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Mã cán bộ',
      'Họ và tên',
      'Phân loại',
      'Chức vụ',
      'Trạng thái',
      'Ngày hoàn thành',
      'Hạn hoàn thành',
      'IU01: Hiểu biết cơ bản về công nghệ thông tin',
      'IU02: Sử dụng máy tính cơ bản',
      'Công nhận tương đương',
    ]);
    // The course columns follow the target's own programme order.
    expect(rowValues(sheet(book, 3), 1).slice(9)).toEqual([
      'IU02: Sử dụng máy tính cơ bản',
      'IU01: Hiểu biết cơ bản về công nghệ thông tin',
      'Công nhận tương đương',
    ]);
    expect(sheet(book, 3).rowCount).toBe(1);
    expect(t1.getColumn(2).width).toBeGreaterThan(t1.getColumn(5).width!);
  });

  it('names the tenant the unit belongs to above the unit on the summary sheet, and nothing for a unit without one', async () => {
    const label = async (tenant: string | null) => {
      const summarySheet = sheet(await load(completionsXlsx(unitSummary(targets), () => people(0), courseTitles, tenant)), 0);
      return [rowValues(summarySheet, 2), rowValues(summarySheet, 3)];
    };
    expect(await label('UBND TỈNH THỬ')).toEqual([
      ['Cơ quan', 'UBND TỈNH THỬ'],
      ['Đơn vị', unitSummary(targets).unit.name],
    ]);
    expect((await label(null))[0]).toEqual(['Đơn vị', unitSummary(targets).unit.name]);
  });

  it('writes a target nobody is in the scope of, and such a child, as "Không áp dụng", never "Chưa đạt"', async () => {
    const none = notApplicableChild;
    const empty = {
      ...targetFigures({ id: 'na', title: 'Chỉ tiêu cấp xã', programme: ['iu01'], children: 0, percent: 90 }),
      projection: { weeklyPace: null, projectedDate: null, onTrack: null },
    };
    const mixed = targetFigures({ id: 'mx', title: 'Chỉ tiêu cấp tỉnh', programme: ['iu01'], children: 1 });
    const book = await load(completionsXlsx(unitSummary([empty, { ...mixed, children: [...mixed.children, none] }]), () => people(0), courseTitles));
    // Array.from fills the holes a sparse sheet leaves (empty rows and cells) with null.
    const rows = Array.from(sheet(book, 0).getSheetValues(), (r) => (Array.isArray(r) ? Array.from(r.slice(1), (v) => v ?? null) : []));
    const targetRow = rows.find((r) => r[0] === 'Chỉ tiêu cấp xã')!;
    expect(targetRow.slice(3)).toEqual([0, 0, 0, 0, 0, null, null, null, 0, 90, 0, 'Không áp dụng', 'Không áp dụng']);
    expect(rows.find((r) => r[0] === 'BK.SNV')).toEqual(['BK.SNV', 'Sở Nội vụ', 0, 0, 0, 0, 0, null, null, null, null, 'Không áp dụng']);
    // Its own target has no children to count: said in words, not an empty line.
    expect(rows).toContainEqual(['Không có đơn vị trực thuộc.']);
    expect(rows.flat().filter((v) => v === 'Chưa đạt')).toEqual([]);
  });

  it('writes names as text, never formulas, in NFC, and dates as Excel dates of the Vietnam day', async () => {
    const book = await load(completionsXlsx(unitSummary(targets), rowsFor, courseTitles));
    const t1 = sheet(book, 1);
    const first = t1.getRow(2);
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(4).value).toBe(hostile);
    expect(first.getCell(4).formula).toBeUndefined();
    expect(t1.getRow(3).getCell(4).value).toBe(decomposed.normalize('NFC'));
    expect(t1.getRow(3).getCell(4).value).not.toBe(decomposed);
    expect([t1.getRow(4).getCell(6).value, t1.getRow(5).getCell(1).value, t1.getRow(6).getCell(3).value]).toEqual(['+84912345678', '@SUM(1+1)', '-2+3']);
    expect(rowValues(t1, 2).slice(4, 7)).toEqual(['Cán bộ', 'Chuyên viên', 'Đã hoàn thành (hiệu lực đến 31/12/2026)']);
    expect(rowValues(t1, 8)[6]).toBe('Hết hiệu lực sau ngày 31/12/2026 — phải học lại');
    expect(rowValues(t1, 10)[6]).toBe('Đã hoàn thành — sắp hết hiệu lực (đến 31/12/2026)');
    expect(rowValues(t1, 3).slice(4, 7)).toEqual(['Công chức', 'Chuyên viên', 'Chưa hoàn thành']);
    expect(rowValues(t1, 7).slice(4, 7)).toEqual(['Viên chức', 'Chuyên viên', 'Được miễn đến 30/04/2027']);
    // The last column names the courses completed by credit for prior learning.
    const creditColumn = 12;
    expect(t1.getRow(1).getCell(creditColumn).value).toBe('Công nhận tương đương');
    expect([t1.getRow(4).getCell(creditColumn).value, t1.getRow(3).getCell(creditColumn).value]).toEqual([courseTitles.get('iu01'), null]);

    const done = first.getCell(8);
    expect(done.type).toBe(ExcelJS.ValueType.Date);
    expect(done.value).toEqual(vnDay(2026, 3, 2));
    expect(done.numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(9).value).toEqual(vnDay(2026, 12, 31));
    expect(first.getCell(9).numFmt).toBe('dd/mm/yyyy');
    expect(t1.getRow(3).getCell(9).value).toEqual(vnDay(2027, 2, 13));
    expect(first.getCell(10).value).toEqual(vnDay(2026, 2, 10));
    expect(first.getCell(11).value).toEqual(vnDay(2026, 3, 2));
    expect(t1.getRow(3).getCell(8).value).toBeNull();
    expect(t1.getRow(3).getCell(11).value).toBeNull();

    let strings = 0;
    for (const ws of book.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            strings++;
            expect(cell.value).toBe(cell.value.normalize('NFC'));
          }
        }),
      );
    }
    expect(strings).toBeGreaterThan(2000 * 6);
  });

  it('summarises each target and its child units in Vietnamese, with numeric percentages', async () => {
    const book = await load(completionsXlsx(unitSummary(targets), rowsFor, courseTitles));
    const ws = sheet(book, 0);
    const rows = Array.from({ length: ws.rowCount }, (_, i) => rowValues(ws, i + 1));
    expect(rows.slice(0, 5)).toEqual([
      ['BÁO CÁO KẾT QUẢ BỒI DƯỠNG KỸ NĂNG SỐ'],
      ['Đơn vị', 'Uỷ ban nhân dân tỉnh Bắc Kạn'],
      ['Mã đơn vị', 'BK'],
      ['Ngày lập', vnDay(2026, 11, 15)],
      ['Người lập', 'nguyen.thi.hoa@backan.gov.vn'],
    ]);
    const headerAt = rows.findIndex((r) => r[0] === 'Chỉ tiêu');
    expect(rows[headerAt]).toEqual([
      'Chỉ tiêu',
      'Đơn vị giao',
      'Hạn',
      'Số người trong diện',
      'Được miễn',
      'Phải hoàn thành',
      'Đã hoàn thành',
      'Chưa hoàn thành',
      'Sắp hết hiệu lực',
      'Đã hết hiệu lực',
      'Từng hoàn thành',
      'Tỷ lệ (%)',
      'Chỉ tiêu (%)',
      'Còn phải đào tạo',
      'Đạt chỉ tiêu',
      'Dự báo',
    ]);
    const t1 = targets[0]!;
    expect(rows[headerAt + 1]).toEqual([
      t1.target.title,
      'Toàn hệ thống',
      vnDay(2026, 12, 31),
      t1.inScope,
      t1.exempt,
      t1.staff,
      t1.trained,
      t1.owing,
      t1.expiringSoon,
      t1.expired,
      t1.everTrained,
      Math.round(t1.percent * 10) / 10,
      80,
      t1.gap,
      t1.meetsTarget ? 'Đạt' : 'Chưa đạt',
      'Kịp hạn (dự kiến 20/11/2026)',
    ]);
    expect(ws.getRow(headerAt + 2).getCell(12).numFmt).toBe('0.0');
    // A target the province set says so; the installation's says "Toàn hệ thống".
    expect(rows.find((r) => r[0] === targets[1]!.target.title)![1]).toBe('Uỷ ban nhân dân tỉnh Bắc Kạn');
    // In scope = exempt + to complete; to complete = done + not yet; ever done = done + lapsed: the columns add up.
    expect(t1.exempt).toBeGreaterThan(0);
    expect(t1.inScope).toBe(t1.exempt + t1.staff);
    expect(t1.expiringSoon * t1.expired).toBeGreaterThan(0);
    expect(t1.everTrained).toBe(t1.trained + t1.expired);
    // A target whose completions never lapse leaves those columns blank.
    const t2At = rows.findIndex((r) => r[0] === targets[1]!.target.title);
    expect(ws.getRow(t2At + 1).getCell(9).value).toBeNull();
    const meetingLines = rows.filter((r) => r[0] === '1/3 sở, ban, ngành đạt chỉ tiêu; 2/2 xã đạt chỉ tiêu; 1/1 phường đạt chỉ tiêu');
    expect(meetingLines).toHaveLength(3);
    const childHeader = rows.findIndex((r, i) => i > headerAt && r[0] === 'Mã đơn vị');
    expect(rows[childHeader]).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Trong diện',
      'Được miễn',
      'Phải hoàn thành',
      'Đã hoàn thành',
      'Chưa hoàn thành',
      'Sắp hết hiệu lực',
      'Đã hết hiệu lực',
      'Từng hoàn thành',
      'Tỷ lệ (%)',
      'Đạt chỉ tiêu',
    ]);
    const child = t1.children[1]!;
    expect(rows[childHeader + 2]).toEqual([
      child.code,
      'Xã Pắc Nặm',
      child.inScope,
      child.exempt,
      child.staff,
      child.trained,
      child.owing,
      child.expiringSoon,
      child.expired,
      child.everTrained,
      child.percent,
      'Đạt',
    ]);
  });

  it('ends the stream with the error when the rows cannot be read', async () => {
    async function* failing(): AsyncGenerator<PersonTargetRow> {
      yield person(1);
      throw new Error('DynamoDB throttled');
    }
    await expect(bytes(completionsXlsx(unitSummary(targets), failing, courseTitles))).rejects.toThrow('DynamoDB throttled');
  });

  it('reads rows only as fast as the file is taken, and stops reading when the reader goes away', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<PersonTargetRow> {
      try {
        for (;;) yield person(pulled++);
      } finally {
        closed = true;
      }
    }
    const stream = completionsXlsx(unitSummary(targets.slice(0, 1)), endless, courseTitles);
    // Nobody reads: the writer must come to rest after what its buffers hold (about a thousand
    // rows): looked at every 250 ms, the count stops changing, well before ten thousand rows.
    let seen = -1;
    await vi.waitFor(
      () => {
        const still = pulled === seen;
        seen = pulled;
        if (!still) throw new Error(`still reading rows: ${pulled}`);
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(pulled).toBeLessThan(10_000);
    stream.destroy();
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 5_000, interval: 10 });
  });
});
