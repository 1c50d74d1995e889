import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '@sansang/cli/testing';
import { Account } from '@sansang/core';
import { useFreshTable } from '../support/db.ts';
import { account, smallProvince } from '../support/fixtures.ts';
import { expectAccessible, launchChromium, signInAs } from './browser.ts';

describe('accounts in the browser: a one-time link from HR, first password, password change', () => {
  let server: RunningServer;
  let browser: Browser;
  let tree: Awaited<ReturnType<typeof smallProvince>>;

  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
    await account('nhansu@test.vn', inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    await account('quantri.so@test.vn', inAgency[1]!.id, [{ role: 'admin', unitId: tree.agency.id }]);
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks the whole way', async () => {
    // A phone: the link must appear where the button was pressed, not below the fold.
    const hr = await signInAs(browser, server.url, 'nhansu@test.vn', 'mat-khau-dung', {
      viewport: { width: 390, height: 844 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await hr.goto(`${server.url}/tai-khoan`);
    await hr.getByRole('heading', { level: 1, name: 'Cấp tài khoản' }).waitFor();
    const create = hr.getByRole('region', { name: 'Tạo tài khoản' });
    // Whose code it is, before anything is made; a mistyped code says so, not "no permission".
    await create.getByLabel('Mã cán bộ').fill('NV-khong-co');
    await create.getByLabel('Email công vụ').click();
    await create.getByText('Không tìm thấy mã cán bộ "NV-khong-co" trong phạm vi quản lý của bạn.', { exact: false }).waitFor();
    await create.getByLabel('Email công vụ').fill('chuyenvien.moi@test.vn');
    await create.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const refusal = create.getByRole('alert');
    await refusal.getByText('Không tìm thấy mã cán bộ này trong phạm vi quản lý của bạn.').waitFor();
    expect(await refusal.textContent()).not.toContain('không có quyền');
    await expectAccessible(hr, 'accounts, mistyped code');
    const person = tree.people.find((p) => p.unitId === tree.dept2.id)!;
    await create.getByLabel('Mã cán bộ').fill(person.employeeCode);
    await create.getByLabel('Email công vụ').click();
    await create.getByText(`Mã này là của ${person.fullName} (${tree.dept2.name}).`).waitFor();
    await create.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const linkField = create.getByLabel('Đường dẫn đặt mật khẩu cho chuyenvien.moi@test.vn');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/dat-mat-khau#`));
    // Focused, selected and on screen, right under the button.
    expect(await hr.evaluate(() => document.activeElement?.id)).toBe('acc-create-link');
    await expect.poll(() => linkField.evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight && el.getBoundingClientRect().top >= 0)).toBe(true);
    await create.getByRole('button', { name: 'Sao chép đường dẫn' }).click();
    await create.getByText('Đã sao chép đường dẫn.').waitFor();
    expect(await hr.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expectAccessible(hr, 'accounts, link made');
    // The new account is listed with the people of its unit.
    await hr.getByRole('link', { name: tree.dept2.name }).click();
    const row = hr.locator('table.accounts tbody tr').filter({ hasText: 'chuyenvien.moi@test.vn' });
    await row.waitFor();
    expect(await row.textContent()).toContain(person.fullName);
    expect(await row.textContent()).toContain('Học viên');
    // Only an admin gives roles.
    expect(await hr.getByRole('button', { name: 'Giao vai trò' }).count()).toBe(0);
    await expectAccessible(hr, 'accounts of a unit');

    const newcomer = await (await browser.newContext()).newPage();
    await newcomer.goto(link);
    await newcomer.getByRole('heading', { name: 'Đặt mật khẩu' }).waitFor();
    await expectAccessible(newcomer, 'set password');
    await newcomer.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mat-khau-dau-tien');
    await newcomer.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-dau-tien');
    await newcomer.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await newcomer.getByText('Đã đặt mật khẩu cho chuyenvien.moi@test.vn').waitFor();
    // The link works once.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('lan-thu-hai-khong-duoc');
    await again.getByLabel('Nhập lại mật khẩu mới').fill('lan-thu-hai-khong-duoc');
    await again.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    expect(await again.getByRole('alert').textContent()).toContain('không hợp lệ hoặc đã hết hạn');

    const me = await signInAs(browser, server.url, 'chuyenvien.moi@test.vn', 'mat-khau-dau-tien');
    await me.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await me.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await expectAccessible(me, 'change password');
    await me.getByLabel('Mật khẩu hiện tại').fill('mat-khau-dau-tien');
    await me.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mat-khau-thu-hai');
    await me.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-thu-hai');
    await me.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await me.getByText('Đã đổi mật khẩu').waitFor();
    await signInAs(browser, server.url, 'chuyenvien.moi@test.vn', 'mat-khau-thu-hai');
  });

  it('lets an admin give a role from the page and take it back after confirming', async () => {
    const admin = await signInAs(browser, server.url, 'quantri.so@test.vn', 'mat-khau-dung', { viewport: { width: 1280, height: 800 } });
    await admin.goto(`${server.url}/tai-khoan?unit=${tree.dept2.id}`);
    await admin.getByRole('heading', { level: 2, name: `Tài khoản của cán bộ thuộc ${tree.dept2.name}` }).waitFor();
    const row = admin.locator('table.accounts tbody tr').filter({ hasText: 'chuyenvien.moi@test.vn' });
    await row.waitFor();
    await admin.getByLabel('Tài khoản (email)').selectOption('chuyenvien.moi@test.vn');
    await admin.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Cán bộ tổ chức' });
    // The scopes offered are the unit and those above it that the admin reaches, never the province.
    const scopes = await admin.getByLabel('Phạm vi').locator('option').allTextContents();
    expect(scopes).toEqual([tree.dept2.name, tree.agency.name]);
    await admin.getByLabel('Phạm vi').selectOption({ label: tree.agency.name });
    await admin.getByRole('button', { name: 'Giao vai trò' }).click();
    await admin.getByRole('status').getByText(`Đã giao vai trò Cán bộ tổ chức · ${tree.agency.name} cho chuyenvien.moi@test.vn.`).waitFor();
    await row.getByText(`Cán bộ tổ chức · ${tree.agency.name}`).waitFor();
    expect((await Account.get('chuyenvien.moi@test.vn'))!.grants).toEqual([{ role: 'hr', unitId: tree.agency.id }]);
    await expectAccessible(admin, 'accounts, role given');
    // Taking it back asks first; saying no keeps it.
    const revoke = row.getByRole('button', { name: `Thu hồi vai trò Cán bộ tổ chức · ${tree.agency.name} của chuyenvien.moi@test.vn` });
    await revoke.click();
    await row.getByRole('button', { name: 'Không thu hồi' }).click();
    expect((await Account.get('chuyenvien.moi@test.vn'))!.grants).toHaveLength(1);
    await revoke.click();
    await row.getByText('Người này vẫn đăng nhập và học được', { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await expect.poll(async () => (await Account.get('chuyenvien.moi@test.vn'))!.grants).toEqual([]);
    await row.getByText('Học viên').waitFor();
  });

  it('shows an admin the audit log of what just happened, filtered and exported', async () => {
    await account('quantri@test.vn', tree.people.find((p) => p.unitId === tree.commune.id)!.id, [{ role: 'admin', unitId: null }]);
    const admin = await signInAs(browser, server.url, 'quantri@test.vn', 'mat-khau-dung');
    await admin.getByRole('link', { name: 'Nhật ký' }).click();
    await admin.getByRole('heading', { name: 'Nhật ký kiểm toán' }).waitFor();
    await admin.locator('table tbody tr').first().waitFor();
    await expectAccessible(admin, 'audit log');
    // Each action by its Vietnamese name, its code on hover.
    for (const [code, name] of [
      ['auth.sign_in', 'Đăng nhập'],
      ['account.password_link_issued', 'Cấp liên kết đặt mật khẩu'],
      ['account.password_set_by_link', 'Đặt mật khẩu qua liên kết'],
      ['account.password_changed', 'Đổi mật khẩu'],
    ]) {
      expect(await admin.locator(`table tbody [title="${code}"]`).getByText(name!, { exact: true }).count(), code).toBeGreaterThan(0);
    }
    // Each time in Vietnam's clock, written the way the chosen language writes it (the browser's own locale is en-US).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { entries } = (await (await admin.request.get(`${server.url}/api/audit?from=${day(-7)}&to=${day(1)}`)).json()) as { entries: { at: string }[] };
    const firstTime = admin.locator('table tbody tr').first().locator('td').first();
    const written = (tag: string) =>
      admin.evaluate(
        ([at, lang]) =>
          new Intl.DateTimeFormat(lang, {
            day: '2-digit',
            month: '2-digit',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone: 'Asia/Ho_Chi_Minh',
          }).format(new Date(at!)),
        [entries[0]!.at, tag],
      );
    const vietnamese = await written('vi-VN');
    expect(vietnamese).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(await firstTime.textContent()).toBe(vietnamese);
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    const english = await written('en-GB');
    expect(english).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    await expect.poll(() => firstTime.textContent()).toBe(english);
    await expectAccessible(admin, 'audit log in English');
    await admin.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => firstTime.textContent()).toBe(vietnamese);

    await admin.getByLabel('Người thực hiện (email)').fill('nhansu@test.vn');
    await admin.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(async () => new Set(await admin.locator('table tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['nhansu@test.vn']));
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Xuất CSV' }).click();
    const csv = await (await import('node:fs/promises')).readFile((await (await download).path())!, 'utf8');
    expect(csv).toContain('nhansu@test.vn');
    expect(csv).not.toContain('chuyenvien.moi@test.vn,auth.sign_in');
  });
});
