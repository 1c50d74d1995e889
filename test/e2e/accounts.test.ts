import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '@sansang/cli/testing';
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
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
    server = await startServer({ port: 0, webDir: webDist });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks the whole way', async () => {
    const hr = await signInAs(browser, server.url, 'nhansu@test.vn', 'mat-khau-dung');
    await hr.getByRole('link', { name: 'Tài khoản' }).click();
    await hr.getByRole('heading', { name: 'Cấp tài khoản' }).waitFor();
    await expectAccessible(hr, 'accounts');
    const person = tree.people.find((p) => p.unitId === tree.dept2.id)!;
    await hr.getByLabel('Email công vụ').first().fill('chuyenvien.moi@test.vn');
    await hr.getByLabel('Mã cán bộ').fill(person.employeeCode);
    await hr.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const link = (await hr.locator('code.link-out').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.url}/dat-mat-khau#`));

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

  it('shows an admin the audit log of what just happened, filtered and exported', async () => {
    await account('quantri@test.vn', tree.people.find((p) => p.unitId === tree.commune.id)!.id, [{ role: 'admin', unitId: null }]);
    const admin = await signInAs(browser, server.url, 'quantri@test.vn', 'mat-khau-dung');
    await admin.getByRole('link', { name: 'Nhật ký' }).click();
    await admin.getByRole('heading', { name: 'Nhật ký kiểm toán' }).waitFor();
    await admin.locator('table tbody tr').first().waitFor();
    await expectAccessible(admin, 'audit log');
    for (const action of ['auth.sign_in', 'account.password_link_issued', 'account.password_set_by_link', 'account.password_changed']) {
      expect(await admin.getByText(action, { exact: true }).count(), action).toBeGreaterThan(0);
    }
    // Each time in Vietnam's clock, written the way the chosen language writes it (the browser's own locale is en-US).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { entries } = (await (await admin.request.get(`${server.url}/api/audit?from=${day(-7)}&to=${day(1)}`)).json()) as { entries: { at: string }[] };
    const firstTime = admin.locator('table tbody tr').first().locator('td').first();
    const written = (tag: string) =>
      admin.evaluate(
        ([at, lang]) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(at!)),
        [entries[0]!.at, tag],
      );
    const vietnamese = await written('vi-VN');
    expect(vietnamese).toMatch(/\d{2}:\d{2}.*\d{1,2} thg \d{1,2},? \d{4}/);
    expect(await firstTime.textContent()).toBe(vietnamese);
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    const english = await written('en-GB');
    expect(english).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4},? \d{2}:\d{2}/);
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
