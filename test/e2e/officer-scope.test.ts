import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { Account, Org, Readiness, Requirement, foldVietnamese, rosterTemplateColumns, searchPeople } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { account } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const PROVINCE = 'Uỷ ban nhân dân tỉnh Minh Sơn';
const AGENCY_HR = 'nhansu@demo.sansang.vn';
const PROVINCE_HR = 'nhansu.tinh@demo.sansang.vn';
/** An admin whose grant is the province, not the installation: an officer of a unit too. */
const UNIT_ADMIN = 'quantri.tinh@test.vn';

const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
  const { personId } = (await Account.get(PROVINCE_HR))!;
  await account(UNIT_ADMIN, personId, [{ role: 'admin', unitId: 'ms' }]);
});

/** Opens `path` signed out, signs in on the page it sends to, and returns without waiting for where it lands. */
async function signInFrom(path: string, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await (await stack.browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(`${stack.server.url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}
const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('officers in their scope', () => {
  it('lands an HR officer and a unit admin on their readiness, a learner who owes on what they owe, and a page opened signed out wins', async () => {
    const hr = await signInFrom('/dang-nhap', PROVINCE_HR);
    await hr.waitForURL(/\/san-sang$/);
    await hr.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await expectAccessible(hr, 'hr landing');
    await hr.context().close();

    const unitAdmin = await signInFrom('/dang-nhap', UNIT_ADMIN, 'mat-khau-dung');
    await unitAdmin.waitForURL(/\/san-sang$/);
    await unitAdmin.context().close();

    // A learner who owes training still starts on what they owe; so does the installation's admin, who answers for no one unit.
    const { personId } = (await Account.get('hocvien@demo.sansang.vn'))!;
    expect((await Requirement.forPerson({ personId })).some((r) => r.status !== 'done' && r.status !== 'exempt')).toBe(true);
    const learner = await signInFrom('/dang-nhap', 'hocvien@demo.sansang.vn');
    await learner.waitForURL(/\/viec-can-hoan-thanh$/);
    await learner.context().close();
    const admin = await signInFrom('/dang-nhap', 'quantri@demo.sansang.vn');
    await admin.waitForURL(/\/(viec-can-hoan-thanh|khoa-hoc)$/);
    await admin.context().close();

    // The page opened while signed out wins over the officer's start page.
    const back = await signInFrom('/danh-sach', AGENCY_HR);
    await back.waitForURL((url) => url.pathname === '/danh-sach');
    await back.getByRole('heading', { level: 1, name: 'Danh sách cán bộ' }).waitFor();
    await back.getByRole('heading', { level: 2, name: /^Cán bộ thuộc / }).waitFor();
    expect(pathOf(back)).toBe('/danh-sach');
    await back.context().close();
  }, 180_000);

  it('never offers the agency officer a unit above their grant: named in the trail, not linked; opened anyway, one error and no import form', async () => {
    const agencyId = (await Account.get(AGENCY_HR))!.grants[0]!.unitId!;
    const agency = await Org.get(agencyId);
    const department = (await Org.children(agencyId)).find((u) => u.kind === 'department')!;
    const page = await signInAs(stack.browser, stack.server.url, AGENCY_HR, DEMO_PASSWORD);
    for (const [path, ready] of [
      [`/danh-sach?unit=${department.id}`, page.getByRole('heading', { level: 2, name: `Cán bộ thuộc ${department.name}` })],
      [`/to-chuc?unit=${department.id}`, page.getByRole('heading', { level: 1, name: department.name })],
    ] as const) {
      await page.goto(`${stack.server.url}${path}`);
      await ready.waitFor();
      const trail = page.getByRole('navigation', { name: 'Các đơn vị cấp trên' });
      await trail.getByRole('link', { name: agency.name, exact: true }).waitFor();
      await trail.getByText(PROVINCE, { exact: true }).waitFor();
      expect(await trail.getByRole('link', { name: PROVINCE }).count(), path).toBe(0);
      expect(await page.locator(`a[href*="unit=ms"], a[href$="unit=ms"]`).count(), path).toBe(0);
    }
    await expectAccessible(page, 'roster trail of an agency officer');
    // Their own unit's dashboard has no way up either.
    await page.goto(`${stack.server.url}/san-sang?unit=${agencyId}`);
    await page.getByRole('heading', { level: 1, name: agency.name }).waitFor();
    expect(await page.getByRole('link', { name: /Lên đơn vị cấp trên/ }).count()).toBe(0);

    // The province's roster typed in by hand: one refusal, nothing to import into it.
    await page.goto(`${stack.server.url}/danh-sach?unit=ms`);
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toContain('Bạn không có quyền');
    expect(await page.getByLabel('Tệp CSV hoặc Excel (.xlsx)').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Nhập danh sách từ tệp' }).count()).toBe(0);
    await expectAccessible(page, 'roster outside scope');
    await page.context().close();
  }, 180_000);

  it('searches the still-to-train list over the whole subtree, by a name typed without marks or by code, and sorts it by due date, name or unit', async () => {
    const shown = new Set((await Readiness.untrained({ unitId: 'ms', limit: 100 })).people.map((p) => p.id));
    const all = (await Readiness.untrained({ unitId: 'ms', limit: 1000 })).people;
    // Someone beyond the 100 rows the list opens with: only a search on the server can find them.
    const sought = all.find((p) => !shown.has(p.id))!;
    expect(sought).toBeDefined();
    const typed = foldVietnamese(sought.fullName);
    const matching = (await Readiness.untrained({ unitId: 'ms', limit: 1000, match: typed })).people;
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(100);

    const page = await signInAs(stack.browser, stack.server.url, PROVINCE_HR, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: PROVINCE }).waitFor();
    await page.getByText('Xem danh sách').click();
    const rows = page.locator('details.untrained tbody tr');
    await expect.poll(() => rows.count()).toBe(100);
    expect(await rows.filter({ hasText: sought.employeeCode }).count()).toBe(0);

    // Sorted by unit, then by given name: the table follows each choice.
    const sort = page.getByLabel('Sắp xếp theo');
    await sort.selectOption({ label: 'Đơn vị' });
    const units = await rows.locator('td:nth-child(5)').allTextContents();
    expect(units).toEqual([...units].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(new Set(units).size, 'several units, so the order says something').toBeGreaterThan(1);
    await sort.selectOption({ label: 'Tên' });
    const given = (await rows.locator('th').allTextContents()).map((n) =>
      n
        .replace(/Quá hạn$/, '')
        .trim()
        .split(/\s+/)
        .at(-1)!,
    );
    expect(given).toEqual([...given].sort((a, b) => a.localeCompare(b, 'vi')));
    await sort.selectOption({ label: 'Hạn hoàn thành' });

    const box = page.getByLabel('Tìm theo tên hoặc mã cán bộ');
    await box.fill(typed.toUpperCase());
    await box.press('Enter');
    await page.getByText(`Có ${matching.length} người chưa hoàn thành khớp với «${typed.toUpperCase()}».`).waitFor();
    await expect.poll(() => rows.count()).toBe(matching.length);
    await rows.filter({ hasText: sought.employeeCode }).waitFor();
    expect(await rows.filter({ hasText: sought.unitName }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'hr untrained search');

    // By code, exactly one person; a name nobody has says so.
    await box.fill(sought.employeeCode);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await box.fill('khong ai co ten nay');
    await box.press('Enter');
    await page.getByText('Không có ai chưa hoàn thành khớp với «khong ai co ten nay».', { exact: false }).waitFor();
    expect(await rows.count()).toBe(0);
    await page.getByRole('button', { name: 'Bỏ tìm' }).click();
    await expect.poll(() => rows.count()).toBe(100);
    await page.context().close();
  }, 180_000);

  it('finds a person anywhere under the agency from the roster, typed without marks, and offers the template the import reads', async () => {
    const agencyId = (await Account.get(AGENCY_HR))!.grants[0]!.unitId!;
    const agency = await Org.get(agencyId);
    const department = (await Org.children(agencyId)).find((u) => u.kind === 'department')!;
    const sought = (await Readiness.untrained({ unitId: department.id, limit: 1 })).people[0]!;
    const typed = foldVietnamese(sought.fullName);
    const expected = await searchPeople({ unitId: agencyId, query: typed });
    const page = await signInAs(stack.browser, stack.server.url, AGENCY_HR, DEMO_PASSWORD);
    await page.goto(`${stack.server.url}/danh-sach`);
    await page.getByRole('heading', { level: 2, name: `Cán bộ thuộc ${agency.name}` }).waitFor();
    // Not among the people directly in the agency: they work in one of its departments.
    expect(await page.locator('table tbody tr').filter({ hasText: sought.employeeCode }).count()).toBe(0);
    const box = page.getByLabel(`Tên hoặc mã cán bộ, trong ${agency.name} và mọi đơn vị trực thuộc`);
    await box.fill(typed);
    await box.press('Enter');
    const found = page.locator('table.found tbody tr').filter({ hasText: sought.employeeCode });
    await found.waitFor();
    expect(await page.locator('table.found tbody tr').count()).toBe(expected.people.length);
    await found.getByRole('link', { name: department.name }).waitFor();
    await page.getByText(`Có ${expected.people.length} người khớp với «${typed}».`).waitFor();
    await expectAccessible(page, 'roster search');
    await box.fill('khong ai co ten nay');
    await box.press('Enter');
    await page.getByText(`Không có ai trong ${agency.name} và các đơn vị trực thuộc khớp với «khong ai co ten nay».`, { exact: false }).waitFor();

    const started = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải tệp mẫu (CSV)' }).click();
    const template = await started;
    expect(template.suggestedFilename()).toBe('mau-danh-sach-can-bo.csv');
    const text = (await readFile((await template.path())!)).toString('utf8');
    expect(text).toBe(`\ufeff${rosterTemplateColumns.join(',')}\r\n`);
    await page.context().close();
  }, 180_000);
});
