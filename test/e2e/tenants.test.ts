import { describe, expect, it } from 'vitest';
import { Course, Org, Person, Readiness, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { account, bundle, smallProvince } from '../support/fixtures.ts';
import { pngLogo } from '../support/logo.ts';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/**
 * Two provinces as tenants of one installation, in the browser: each province's admin sees
 * their own and is refused the other's whatever the address bar says, and a province's own
 * course is in its learners' catalogue and nowhere else.
 */
const OWN_COURSE = 'Quy chế làm việc số của tỉnh';
const other = Org.make({ id: 'tinh-khac', code: 'TINH-KHAC', name: 'Tỉnh Khác', kind: 'province' }, null);
const otherCommune = Org.make({ id: 'xa-khac', code: 'XA-KHAC', name: 'Xã Khác', kind: 'commune' }, other);

describe('two provinces in one installation', () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    const people: Person.Info[] = [0, 1].map((i) => ({
      id: personIdFor(`NV-KHAC-${i}`),
      employeeCode: `NV-KHAC-${i}`,
      fullName: `Trần Thị Khác ${i}`,
      email: null,
      unitId: otherCommune.id,
      category: 'cong-chuc',
      position: 'Chuyên viên',
      status: 'active',
    }));
    await putMany([other, otherCommune].map(Org.toItem));
    await putMany(people.map(Person.toItem));
    await Readiness.rebuild({ write: true });
    await Course.publish(bundle({ slug: 'quy-che-cua-tinh', title: OWN_COURSE, unitId: tree.province.id, hash: 'cua-tinh' }));
    const commune = tree.people.filter((p) => p.unitId === tree.commune.id);
    await account('hocvien.tinh@test.vn', commune[0]!.id);
    await account('quantri.tinh@test.vn', commune[1]!.id, [{ role: 'admin', unitId: tree.province.id }]);
    await account('hocvien.khac@test.vn', people[0]!.id);
    await account('quantri.khac@test.vn', people[1]!.id, [{ role: 'admin', unitId: other.id }]);
  });

  it('lets each province’s admin see their own province and refuses them the other, whatever the URL', async () => {
    for (const [email, own, theirs] of [
      ['quantri.tinh@test.vn', { id: 'tinh', name: 'Đơn vị tinh' }, other],
      ['quantri.khac@test.vn', other, { id: 'tinh', name: 'Đơn vị tinh' }],
    ] as const) {
      const page = await signInAs(stack.browser, stack.server.url, email, 'mat-khau-dung');
      await page.goto(`${stack.server.url}/san-sang?unit=${own.id}`);
      await page.getByRole('heading', { level: 1, name: own.name }).waitFor();
      await page.goto(`${stack.server.url}/san-sang?unit=${theirs.id}`);
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent(), email).toContain('Bạn không có quyền');
      expect(await page.getByRole('heading', { level: 1, name: theirs.name }).count(), email).toBe(0);
      // Nor the other's people, typed in by hand.
      await page.goto(`${stack.server.url}/danh-sach?unit=${theirs.id}`);
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent(), email).toContain('Bạn không có quyền');
      await page.context().close();
    }
  }, 120_000);

  it('lists a province’s own course for its learners only; the other province’s learner who opens it finds nothing', async () => {
    const mine = await signInAs(stack.browser, stack.server.url, 'hocvien.tinh@test.vn', 'mat-khau-dung');
    await mine.goto(`${stack.server.url}/khoa-hoc`);
    await mine.locator('ul.cards h2').first().waitFor();
    expect((await mine.locator('ul.cards h2').allInnerTexts()).sort()).toEqual(['Khoá mẫu', OWN_COURSE].sort());
    await mine.goto(`${stack.server.url}/khoa-hoc/quy-che-cua-tinh`);
    await mine.getByRole('heading', { level: 1, name: OWN_COURSE }).waitFor();
    await mine.context().close();

    const theirs = await signInAs(stack.browser, stack.server.url, 'hocvien.khac@test.vn', 'mat-khau-dung');
    await theirs.goto(`${stack.server.url}/khoa-hoc`);
    await theirs.locator('ul.cards h2').first().waitFor();
    expect(await theirs.locator('ul.cards h2').allInnerTexts()).toEqual(['Khoá mẫu']);
    await theirs.goto(`${stack.server.url}/khoa-hoc/quy-che-cua-tinh`);
    await theirs.getByText('Không tìm thấy khoá học').first().waitFor();
    expect(await theirs.getByText(OWN_COURSE).count()).toBe(0);
    await expectAccessible(theirs, 'another province’s course');
    await theirs.context().close();
  }, 120_000);

  it('shows a province’s own name and logo, set by its admin on its page, in the header of its people’s pages and nobody else’s', async () => {
    const admin = await signInAs(stack.browser, stack.server.url, 'quantri.tinh@test.vn', 'mat-khau-dung');
    await admin.goto(`${stack.server.url}/to-chuc?unit=tinh`);
    const form = admin.locator('section[aria-labelledby="tenant-title"]');
    await form.getByLabel('Tên hiển thị').fill('UBND TỈNH THỬ NGHIỆM');
    await form.getByRole('button', { name: 'Lưu tên hiển thị' }).click();
    await form.getByText('Đã lưu tên hiển thị "UBND TỈNH THỬ NGHIỆM".').waitFor();
    const file = join(tmpdir(), `logo-${process.pid}.png`);
    await writeFile(file, pngLogo(64, 64));
    await form.getByLabel('Biểu trưng (PNG hoặc JPEG, tối đa 100 KB)').setInputFiles(file);
    await form.getByRole('button', { name: 'Tải biểu trưng lên' }).click();
    await form.getByText('Đã lưu biểu trưng.').waitFor();
    await form.getByRole('img', { name: 'Biểu trưng của UBND TỈNH THỬ NGHIỆM' }).waitFor();
    await expectAccessible(admin, 'the unit page with its display name and logo');
    await admin.context().close();

    // The province's learner, in one of its communes: the header carries it, the picture loaded.
    const learner = await signInAs(stack.browser, stack.server.url, 'hocvien.tinh@test.vn', 'mat-khau-dung');
    await learner.goto(`${stack.server.url}/viec-can-hoan-thanh`);
    await learner.locator('header .tenant-name', { hasText: 'UBND TỈNH THỬ NGHIỆM' }).waitFor();
    const logo = learner.locator('header img.tenant-logo');
    await logo.waitFor();
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    await learner.context().close();

    // The other province's learner sees the installation's header alone.
    const theirs = await signInAs(stack.browser, stack.server.url, 'hocvien.khac@test.vn', 'mat-khau-dung');
    await theirs.goto(`${stack.server.url}/viec-can-hoan-thanh`);
    await theirs.locator('header .who').waitFor();
    expect(await theirs.locator('header .tenant-name, header img.tenant-logo').count()).toBe(0);
    // And its admin may not brand the first province, whatever the URL.
    await theirs.context().close();
    const otherAdmin = await signInAs(stack.browser, stack.server.url, 'quantri.khac@test.vn', 'mat-khau-dung');
    const refused = await otherAdmin.evaluate(
      async () =>
        (
          await fetch('/api/tenants/tinh', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
            body: JSON.stringify({ name: 'Chiếm' }),
          })
        ).status,
    );
    expect(refused).toBe(403);
    await otherAdmin.context().close();
  }, 180_000);

  it('lets a province’s admin pick a unit below on the targets page, and offers nothing of the other province', async () => {
    const admin = await signInAs(stack.browser, stack.server.url, 'quantri.tinh@test.vn', 'mat-khau-dung');
    await admin.goto(`${stack.server.url}/chi-tieu`);
    const picker = admin.getByLabel('Đơn vị trực thuộc');
    await picker.waitFor();
    expect((await picker.locator('option').allInnerTexts()).sort()).toEqual(['Đơn vị so', 'Đơn vị xa']);
    await picker.selectOption({ label: 'Đơn vị xa' });
    await admin.getByRole('button', { name: 'Xem chỉ tiêu của đơn vị này' }).click();
    await admin.waitForURL(/\/chi-tieu\?unit=xa$/);
    await admin.locator('nav.breadcrumb [aria-current="page"]', { hasText: 'Đơn vị xa' }).waitFor();
    // Back up the trail to the province, a link since it is in the admin's scope.
    await admin.locator('nav.breadcrumb').getByRole('link', { name: 'Đơn vị tinh' }).click();
    await admin.waitForURL(/\/chi-tieu\?unit=tinh$/);
    await expectAccessible(admin, 'targets page with its unit picker');
    await admin.context().close();
  }, 120_000);
});
