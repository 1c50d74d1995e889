import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account, Audit, ImportError, Org, Readiness, Target, personIdFor } from '@sansang/core';
import { keys, putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../test/support/db.ts';
import { target } from '../../../test/support/fixtures.ts';
import { createAdmin, describeFailure, importRosterFile, importUnitsFile, relistOfficers } from './admin.ts';
import { orgCommand, reportCommand } from './org-commands.ts';

let dir: string;
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('importing a new stage: org tree, roster, first admin', () => {
  beforeAll(async () => {
    await useFreshTable();
    await Target.put(target);
    dir = await mkdtemp(join(tmpdir(), 'sansang-import-'));
  });

  it('imports a tree whose parents come after their children, from an Excel CSV with BOM', async () => {
    const path = await file(
      'units.csv',
      '\ufeffcode,name,kind,parent_code\r\nSNV-VP,Văn phòng Sở,department,SNV\r\nSNV,Sở Nội vụ,agency,T\r\nT,UBND tỉnh,province,\r\nX1,Xã Tân An,commune,T\r\n',
    );
    expect(await importUnitsFile(path, { dryRun: true })).toContain('Chạy thử (chưa ghi gì): 4 đơn vị mới');
    await expect(Org.get('snv-vp')).rejects.toMatchObject({ code: 'org.unit_not_found' });
    expect(await importUnitsFile(path, { effective: '2025-07-01' })).toContain('4 đơn vị mới');
    expect((await Org.get('snv-vp')).ancestors).toEqual(['t', 'snv']);
    expect((await Org.children('t')).map((u) => u.code).sort()).toEqual(['SNV', 'X1']);
  });

  it('imports the roster with semicolons and Vietnamese category names, then counts headcount', async () => {
    const path = await file(
      'staff.csv',
      'employee_code;full_name;email;unit_code;category;position;status\n001;Nguyễn Thị Lan;lan@snv.gov.vn;SNV-VP;Công chức;Chuyên viên;\n002;Trần Văn Bình;;X1;Cán bộ;Chủ tịch UBND xã;đang công tác\n003;Lê Văn Cường;;X1;Viên chức;Kỹ sư;nghỉ việc\n',
    );
    expect(await importRosterFile(path)).toContain('Đã nhập danh sách: 3 thêm mới');
    const r = await Readiness.forUnit({ unitId: 't' });
    expect(r.staff).toBe(2); // the one who left is not in the headcount
    expect(r.children.find((c) => c.id === 'x1')?.staff).toBe(1);
  });

  it('rejects a file with bad rows as a whole at the terminal, saying how to import only the valid ones', async () => {
    const path = await file(
      'bad.csv',
      'employee_code,full_name,email,unit_code,category,position,status\n004,Phạm Văn Dũng,khong-phai-email,X1,Công chức,,\n005,Lê Thị Hoa,,X1,Viên chức,,\n',
    );
    const err = await importRosterFile(path).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(describeFailure(err)).toMatch(/^dòng 2, cột email: .*khong-phai-email.*\nKhông có dòng nào được nhập\. .*--accept-valid/s);
    expect((await Readiness.forUnit({ unitId: 't' })).staff).toBe(2);
    // The dry run lists the problem and the row that would go in; --accept-valid imports that one.
    expect(await importRosterFile(path, { dryRun: true })).toMatch(/1 thêm mới.*1 dòng lỗi[\s\S]*dòng 3: 005 Lê Thị Hoa — thêm mới[\s\S]*dòng 2, cột email/);
    expect(await importRosterFile(path, { acceptValid: true })).toContain('1 thêm mới');
    expect((await Readiness.forUnit({ unitId: 't' })).staff).toBe(3);
  });

  it('creates the first admin from a person on the roster, with a one-time password', async () => {
    const out = await createAdmin({ email: 'quantri@tinh.gov.vn', employeeCode: '001' });
    const password = out.split(': ').at(-1)!;
    const { token } = await Account.login({ email: 'quantri@tinh.gov.vn', password });
    expect(await Account.session(token)).toMatchObject({ email: 'quantri@tinh.gov.vn' });
    expect((await Account.get('quantri@tinh.gov.vn'))?.grants).toEqual([{ role: 'admin', unitId: null }]);
  });

  it("lists an HR account written before the officers' listing among the digest's recipients at rebuild, only with --write", async () => {
    // As an older release wrote it: an HR grant, no listing keys.
    const email = 'nhansu.cu@tinh.gov.vn';
    const personId = personIdFor('002');
    await putMany([{ ...keys.account(email), ...keys.loginIndex(personId, email), type: 'account', email, personId, grants: [{ role: 'hr', unitId: 'x1' }] }]);
    const listed = async () => {
      const found: string[] = [];
      for await (const officer of Account.officers()) found.push(officer.email);
      return found;
    };
    const check = await relistOfficers({ write: false });
    expect(check).toEqual({
      wrong: 1,
      text: `Danh sách tài khoản (nhận báo cáo tuần, đăng nhập theo cán bộ): đã kiểm tra 2 tài khoản, 1 tài khoản chưa có đúng trong danh sách.\n  ${email}`,
    });
    expect(await listed()).toEqual([]);
    expect((await relistOfficers({ write: true })).text).toContain('1 tài khoản chưa có đúng trong danh sách (đã sửa).');
    // The first admin holds no HR grant: no digest of their own.
    expect(await listed()).toEqual([email]);
    expect((await relistOfficers({ write: false })).wrong).toBe(0);
  });

  it('reorganises and reports from the terminal as the pages do', async () => {
    const opts = (o: Record<string, string>) => (name: string) => o[name];
    expect(await orgCommand('create', [], opts({ code: 'X2', name: 'Xã Tân Phú', kind: 'commune', parent: 'T', effective: '2025-07-01' }))).toContain(
      'Đã thành lập Xã Tân Phú',
    );
    expect(
      await orgCommand(
        'merge',
        ['X1,X2'],
        opts({ 'new-code': 'X3', 'new-name': 'Xã Tân An Phú', 'new-kind': 'commune', parent: 'T', effective: '2025-07-01' }),
      ),
    ).toBe('Đã hợp nhất Xã Tân An, Xã Tân Phú vào Xã Tân An Phú: 3 người, 0 đơn vị trực thuộc chuyển theo; hiệu lực 2025-07-01.');
    expect((await Org.get('x1')).status).toBe('merged');
    const figures = await reportCommand('readiness', undefined, opts({ unit: 'T' }));
    expect(figures).toMatch(/^UBND tỉnh \(T\)\n/);
    expect(figures).toContain('X3');
    expect(figures).toMatch(/0\/\d xã đạt chỉ tiêu/);
    const out = join(dir, 'tong-hop.pdf');
    expect(await reportCommand('report', 'pdf', opts({ unit: 'T', out }))).toBe(`Đã ghi ${out}.`);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await reportCommand('report', 'schedule', opts({ unit: 'T', frequency: 'monthly' }))).toMatch(/^Đã đặt lịch monthly cho UBND tỉnh/);
    // Core audits what the terminal does, as it does for the pages: the operator is the actor.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10); // kept by UTC day
    const logged = await Audit.list({ from: day(-1), to: day(1), actor: process.env.SANSANG_ACTOR ?? 'cli' });
    expect(logged.filter((e) => e.action.startsWith('report.')).map((e) => [e.action, e.unitId, e.detail])).toEqual([
      ['report.schedule', 't', { frequency: 'monthly' }],
      ['report.download', 't', { report: 'summary.pdf', via: 'cli', out }],
    ]);
    await expect(orgCommand('dissolve', ['SNV'], opts({}))).rejects.toMatchObject({ code: 'org.unit_not_empty' });
  });
});
