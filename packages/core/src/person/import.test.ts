import { beforeAll, describe, expect, it } from 'vitest';
import { Account, ImportError, Person, Readiness, importRoster, personIdFor, readImportFile } from '@sansang/core';
import { queryList } from '../db/query.ts';
import { keys } from '../db/keys.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const csv = (lines: string[]) => readImportFile(new TextEncoder().encode(lines.join('\r\n')));
const header = 'employee_code,full_name,email,unit_code,category,position,status';
const staffOf = async (unitId: string) => (await Readiness.forUnit({ unitId })).staff;

describe('importing the roster', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
  });

  it('shows in a dry run what would change, and writes nothing', async () => {
    const before = await staffOf(tree.province.id);
    const rows = await csv([
      header,
      'MOI-1,Nguyễn Thị Hoa,hoa@xa.gov.vn,XA,Công chức,Công chức Văn phòng - Thống kê,',
      `${tree.people[0]!.employeeCode},${tree.people[0]!.fullName},,PHONG-2,cong-chuc,Chuyên viên chính,`,
      `${tree.people[1]!.employeeCode},${tree.people[1]!.fullName},,${tree.people[1]!.unitId.toUpperCase()},${tree.people[1]!.category},Chuyên viên,nghỉ việc`,
      `${tree.people[2]!.employeeCode},${tree.people[2]!.fullName},,${tree.people[2]!.unitId.toUpperCase()},${tree.people[2]!.category},Chuyên viên,`,
    ]);
    const plan = await importRoster(rows, { dryRun: true });
    expect(plan.applied).toBe(false);
    expect(plan.counts).toMatchObject({ create: 1, move: 1, leave: 1, unchanged: 1 });
    expect(plan.changes.map((c) => [c.row, c.action])).toEqual([
      [2, 'create'],
      [3, 'move'],
      [4, 'leave'],
    ]);
    expect(plan.changes[1]!.detail).toBe(`${tree.agency.name} → ${tree.dept2.name}`);
    expect(await staffOf(tree.province.id)).toBe(before);
    await expect(Person.get(personIdFor('MOI-1'))).rejects.toMatchObject({ code: 'person.not_found' });
  });

  it('refuses a file with bad rows as a whole, naming each row and column, unless the valid rows are accepted', async () => {
    const rows = await csv([
      header,
      'MOI-2,Trần Văn Nam,khong-phai-email,XA,Công chức,,',
      'MOI-3,,,KHONG-CO,Giáo viên,,',
      'MOI-4,Lê Thị Mai,,XA,Viên chức,Y sĩ,',
      'MOI-2,Trùng Mã,,XA,Cán bộ,,',
    ]);
    const err = await importRoster(rows, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'email', message: expect.stringContaining('khong-phai-email') },
        { row: 3, column: 'full_name', message: 'không được để trống' },
        { row: 3, column: 'unit_code', message: expect.stringContaining('KHONG-CO') },
        { row: 3, column: 'category', message: expect.stringContaining('Giáo viên') },
        { row: 5, column: 'employee_code', message: expect.stringContaining('dòng 2') },
      ]),
    );
    expect(err.message).toMatch(/^dòng 2, cột email: /m);
    await expect(Person.get(personIdFor('MOI-4'))).rejects.toMatchObject({ code: 'person.not_found' });

    const plan = await importRoster(rows, { acceptValid: true });
    expect(plan).toMatchObject({ applied: true, invalidRows: 3, counts: { create: 1 } });
    expect(await Person.get(personIdFor('MOI-4'))).toMatchObject({ fullName: 'Lê Thị Mai', category: 'vien-chuc', unitId: tree.commune.id });
    await expect(Person.get(personIdFor('MOI-2'))).rejects.toMatchObject({ code: 'person.not_found' });
  });

  it('moves a person with their completions and history, counts a leaver out, and does nothing when run again', async () => {
    const mover = tree.people.find((p) => p.unitId === tree.agency.id)!;
    const leaver = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    await Readiness.recordCompletion({ person: mover, slug: 'khoa-mau', version: 1 });
    await Readiness.recordCompletion({ person: leaver, slug: 'khoa-mau', version: 1 });
    const province = await Readiness.forUnit({ unitId: tree.province.id });
    const file = [
      header,
      `${mover.employeeCode},${mover.fullName},,XA,${mover.category},Chuyên viên,`,
      `${leaver.employeeCode},${leaver.fullName},,PHONG-1,${leaver.category},Chuyên viên,đã nghỉ`,
    ];
    const plan = await importRoster(await csv(file), { effective: '2026-01-15' });
    expect(plan.counts).toMatchObject({ move: 1, leave: 1 });
    const moved = await Person.get(mover.id);
    expect(moved.unitId).toBe(tree.commune.id);
    const history = await queryList({ pk: keys.personPartition(mover.id), skPrefix: keys.movePrefix });
    expect(history).toMatchObject([{ fromUnitId: tree.agency.id, toUnitId: tree.commune.id, effective: '2026-01-15', reason: 'roster' }]);
    // The completion went along: the commune counts it now, the agency no longer does.
    const completion = await queryList({ index: 'gsi1', pk: keys.completionsOf(tree.commune.id) });
    expect(completion.map((c) => c.personId)).toContain(mover.id);
    const after = await Readiness.forUnit({ unitId: tree.province.id });
    expect(after.staff).toBe(province.staff - 1);
    expect(after.trained).toBe(province.trained - 1);
    expect(after.children.find((c) => c.id === tree.commune.id)!.trained).toBe(province.children.find((c) => c.id === tree.commune.id)!.trained + 1);
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);

    const again = await importRoster(await csv(file), {});
    expect(again.counts).toMatchObject({ unchanged: 2, move: 0, leave: 0 });
    expect(again.changes).toEqual([]);
  });

  it('flags two codes that name one person as duplicates, however they are written', async () => {
    const rows = await csv([header, 'MS.001024,Phạm Văn Một,,XA,Công chức,,', 'ms 001024,Phạm Văn Hai,,XA,Công chức,,']);
    const plan = await importRoster(rows, { dryRun: true });
    expect(plan.problems).toEqual([{ row: 3, column: 'employee_code', message: 'mã "ms 001024" trùng với mã "MS.001024" ở dòng 2' }]);
    expect(plan.counts.create).toBe(1);
  });

  it("refuses a person outside the officer's scope without saying where they work", async () => {
    const outsider = tree.people.find((p) => p.unitId === tree.commune.id)!;
    const rows = await csv([header, `${outsider.employeeCode},${outsider.fullName},,PHONG-1,${outsider.category},,`]);
    const plan = await importRoster(rows, { dryRun: true, within: tree.agency });
    expect(plan.problems).toEqual([{ row: 2, column: 'employee_code', message: `mã "${outsider.employeeCode}" là người ngoài phạm vi quản lý của bạn` }]);
    expect(plan.problems[0]!.message).not.toContain(tree.commune.name);
  });

  it("refuses to give a person the sign-in email of someone else's account, or one email to two rows", async () => {
    const [admin, subordinate, other] = tree.people.filter((p) => p.unitId === tree.dept2.id).concat(tree.people.filter((p) => p.unitId === tree.dept1.id));
    await Account.create({ email: 'quantri.tinh@test.vn', personId: admin!.id, grants: [{ role: 'admin', unitId: null }] });
    const rows = await csv([
      header,
      `${subordinate!.employeeCode},${subordinate!.fullName},QuanTri.Tinh@test.vn,PHONG-2,${subordinate!.category},,`,
      `${other!.employeeCode},${other!.fullName},chung@test.vn,PHONG-1,${other!.category},,`,
      `MOI-CHUNG,Đỗ Thị Chung,Chung@test.vn,PHONG-1,Viên chức,,`,
    ]);
    const err = await importRoster(rows, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([
      { row: 2, column: 'email', message: 'email "QuanTri.Tinh@test.vn" đã là tài khoản đăng nhập của người khác' },
      { row: 4, column: 'email', message: 'email "Chung@test.vn" trùng với dòng 3' },
    ]);
    expect((await Person.get(subordinate!.id)).email).toBeNull();
    // The account's own person may be given its sign-in address.
    const own = await importRoster(await csv([header, `${admin!.employeeCode},${admin!.fullName},quantri.tinh@test.vn,PHONG-2,${admin!.category},,`]), {});
    expect(own.problems).toEqual([]);
    expect((await Person.get(admin!.id)).email).toBe('quantri.tinh@test.vn');
  });

  it('reads Excel files and UTF-16 text with Vietnamese column titles', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Phân loại', 'Chức vụ', 'Trạng thái']);
    sheet.addRow(['XL-1', 'Hoàng Văn Thụ', 'PHONG-2', 'Công chức', 'Phó Trưởng phòng', 'Đang công tác']);
    sheet.addRow([]);
    sheet.addRow([12345, 'Ma Thị Nhàn', 'XA', 'Cán bộ', 'Chủ tịch Hội đồng nhân dân xã', '']);
    const rows = await readImportFile(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    const plan = await importRoster(rows, {});
    expect(plan.counts.create).toBe(2);
    expect(await Person.get(personIdFor('12345'))).toMatchObject({ fullName: 'Ma Thị Nhàn', category: 'can-bo' });

    const text = 'Mã cán bộ\tHọ và tên\tMã đơn vị\tPhân loại\r\nU16-1\tĐặng Thuỳ Trâm\tXA\tViên chức\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const fromText = await readImportFile(utf16);
    expect(fromText).toEqual([{ row: 2, cells: { 'mã cán bộ': 'U16-1', 'họ và tên': 'Đặng Thuỳ Trâm', 'mã đơn vị': 'XA', 'phân loại': 'Viên chức' } }]);
    expect((await importRoster(fromText, {})).counts.create).toBe(1);
    await expect(readImportFile(new Uint8Array([0x4d, 0xe3, 0x20, 0xc4, 0x91]))).rejects.toMatchObject({ code: 'import.encoding' });
    await expect(importRoster(await csv(['ten,tuoi', 'a,1']), {})).rejects.toMatchObject({
      code: 'import.invalid_rows',
      message: expect.stringContaining('dòng 1, cột employee_code'),
    });
  });

  it('reads an optional start date as dd/mm/yyyy, yyyy-mm-dd or an Excel date, and refuses a bad one naming its row and column', async () => {
    const withStart = `${header},start_date`;
    const rows = await csv([
      withStart,
      'BD-1,Vũ Thị Lan,,XA,Công chức,,,05/03/2026',
      'BD-2,Đinh Văn Hùng,,XA,Viên chức,,,2026-11-20',
      'BD-3,Lý Thị Hạnh,,XA,Cán bộ,,,',
    ]);
    expect((await importRoster(rows, {})).counts.create).toBe(3);
    expect(await Person.get(personIdFor('BD-1'))).toMatchObject({ startDate: '2026-03-05' });
    expect(await Person.get(personIdFor('BD-2'))).toMatchObject({ startDate: '2026-11-20' });
    expect(await Person.get(personIdFor('BD-3'))).not.toHaveProperty('startDate');

    // An empty cell keeps the date known; a new one is an update the dry run names.
    const again = await importRoster(await csv([withStart, 'BD-1,Vũ Thị Lan,,XA,Công chức,,,', 'BD-2,Đinh Văn Hùng,,XA,Viên chức,,,1/12/2026']), {
      dryRun: true,
    });
    expect(again.counts).toMatchObject({ unchanged: 1, update: 1 });
    expect(again.changes).toEqual([
      { row: 3, employeeCode: 'BD-2', fullName: 'Đinh Văn Hùng', action: 'update', detail: 'ngày bắt đầu công tác: 2026-11-20 → 2026-12-01' },
    ]);

    const bad = await csv([
      withStart,
      'BD-4,Tạ Văn Sơn,,XA,Công chức,,,31/02/2026',
      'BD-5,Mai Thị Thu,,XA,Công chức,,,2026-13-01',
      'BD-6,Hồ Văn Lâm,,XA,Công chức,,,tháng 3',
    ]);
    const err = await importRoster(bad, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message.split('\n')).toEqual([
      'dòng 2, cột start_date: "31/02/2026" không phải ngày hợp lệ (ghi dạng 25/03/2026 hoặc 2026-03-25)',
      'dòng 3, cột start_date: "2026-13-01" không phải ngày hợp lệ (ghi dạng 25/03/2026 hoặc 2026-03-25)',
      'dòng 4, cột start_date: "tháng 3" không phải ngày hợp lệ (ghi dạng 25/03/2026 hoặc 2026-03-25)',
    ]);
    for (const code of ['BD-4', 'BD-5', 'BD-6']) await expect(Person.get(personIdFor(code))).rejects.toMatchObject({ code: 'person.not_found' });

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Phân loại', 'Ngày bắt đầu công tác']);
    sheet.addRow(['BD-7', 'Kiều Văn Phúc', 'XA', 'Công chức', new Date(Date.UTC(2026, 9, 15))]);
    sheet.getCell('E2').numFmt = 'dd/mm/yyyy';
    sheet.addRow(['BD-8', 'Lò Thị Sen', 'XA', 'Công chức', '15/10/2026']);
    expect((await importRoster(await readImportFile(new Uint8Array(await book.xlsx.writeBuffer())), {})).counts.create).toBe(2);
    expect(await Person.get(personIdFor('BD-7'))).toMatchObject({ startDate: '2026-10-15' });
    expect(await Person.get(personIdFor('BD-8'))).toMatchObject({ startDate: '2026-10-15' });
  });

  it('puts people on leave from the leave columns through exemptions, once however often the file comes, refusing what cannot be', async () => {
    const [a, b, c] = tree.people.filter((p) => p.unitId === tree.commune.id).concat(tree.people.filter((p) => p.unitId === tree.dept1.id));
    const line = (p: Person.Info, reason: string, until: string) =>
      `${p.employeeCode},${p.fullName},,${p.unitId.toUpperCase()},${p.category},Chuyên viên,,,${reason},${until}`;
    const file = () =>
      csv([
        'Mã cán bộ,Họ và tên,Email,Mã đơn vị,Phân loại,Chức vụ,Trạng thái,Ngày bắt đầu công tác,Lý do miễn,Nghỉ đến ngày',
        line(a!, 'Thai sản', '30/04/2027'),
        line(b!, 'đi học', '2027-01-31'),
      ]);
    const staffBefore = await staffOf(tree.province.id);
    const dry = await importRoster(await file(), { dryRun: true, effective: '2026-12-07' });
    expect(dry.counts.exempt).toBe(2);
    expect(dry.changes.filter((x) => x.action === 'exempt').map((x) => x.detail)).toEqual([
      'miễn mọi chỉ tiêu (nghỉ thai sản) từ 07/12/2026 đến 30/04/2027',
      'miễn mọi chỉ tiêu (đi học) từ 07/12/2026 đến 31/01/2027',
    ]);
    await importRoster(await file(), { effective: '2026-12-07', actor: 'nhansu@test.vn' });
    expect(await staffOf(tree.province.id)).toBe(staffBefore - 2);
    expect((await Person.get(a!.id)).exempt).toEqual(['*']);
    // The same file again: nothing new.
    expect((await importRoster(await file(), { dryRun: true, effective: '2026-12-07' })).counts.exempt).toBe(0);

    const bad = await csv([
      'Mã cán bộ,Họ và tên,Email,Mã đơn vị,Phân loại,Chức vụ,Trạng thái,Ngày bắt đầu công tác,Lý do miễn,Nghỉ đến ngày',
      line(c!, 'nghỉ phép', '30/04/2027'),
      line(c!, 'thai sản', '').replace(c!.employeeCode, 'MOI-NGHI'),
      line(a!, 'ốm đau dài ngày', '31/03/2027'),
      line(b!, 'biệt phái', '01/12/2026').replace(b!.employeeCode, 'MOI-BP'),
    ]);
    const plan = await importRoster(bad, { dryRun: true, effective: '2026-12-07' });
    expect(plan.problems).toEqual([
      { row: 2, column: 'leave_reason', message: expect.stringContaining('"nghỉ phép" không phải lý do miễn') },
      { row: 3, column: 'leave_until', message: 'có lý do miễn nhưng thiếu ngày nghỉ đến' },
      { row: 4, column: 'leave_reason', message: expect.stringContaining('thời gian trùng nhau') },
      { row: 5, column: 'leave_until', message: 'ngày nghỉ đến 01/12/2026 trước ngày hiệu lực 07/12/2026' },
    ]);
  });
});
