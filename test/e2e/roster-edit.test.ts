import { describe, expect, it } from 'vitest';
import { Person } from '@sansang/core';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

describe('the HR officer edits one person of the roster in the browser', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  const stack = browserStack(async () => {
    tree = await smallProvince(4);
    await account('nhansu@test.vn', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.agency.id }]);
  });

  it('corrects a name and moves the person to another unit, from a phone and a desktop', async () => {
    const page = await signInAs(stack.browser, stack.server.url, 'nhansu@test.vn', 'mat-khau-dung', { viewport: { width: 390, height: 844 } });
    const person = tree.people.filter((p) => p.unitId === tree.agency.id)[1]!;
    await page.goto(`${stack.server.url}/danh-sach?unit=${tree.agency.id}`);
    await page.getByRole('button', { name: `Sửa thông tin của ${person.fullName}` }).click();
    const form = page.getByRole('form', { name: `Sửa thông tin: ${person.fullName} (${person.employeeCode})` });
    await form.waitFor();
    // The form opens where the officer is looking, its heading focused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('person-form-title');
    await expectAccessible(page, 'roster, edit one person');
    await form.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await form.getByLabel('Chức vụ').fill('Phó trưởng phòng');
    await form.getByLabel('Đơn vị', { exact: true }).selectOption({ label: tree.dept2.name });
    await form.getByRole('button', { name: 'Lưu thông tin' }).click();
    await form.getByRole('status').getByText('Đã lưu thông tin của Trần Thị Bình.').waitFor();
    await expect.poll(async () => (await Person.get(person.id)).unitId).toBe(tree.dept2.id);
    expect(await Person.get(person.id)).toMatchObject({ fullName: 'Trần Thị Bình', position: 'Phó trưởng phòng' });
    // Gone from this unit's list, which was read again.
    await expect.poll(() => page.locator('table.people').getByText('Trần Thị Bình').count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page, 'roster, person saved');
    await form.getByRole('button', { name: 'Đóng' }).click();
    expect(await form.count()).toBe(0);
  });

  it('asks before recording someone as having left, and records nothing on "no", at desktop and phone width', async () => {
    const leavers = tree.people.filter((p) => p.unitId === tree.agency.id).slice(2, 4);
    for (const [i, viewport] of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ].entries()) {
      const person = leavers[i]!;
      const page = await signInAs(stack.browser, stack.server.url, 'nhansu@test.vn', 'mat-khau-dung', { viewport });
      await page.goto(`${stack.server.url}/danh-sach?unit=${tree.agency.id}`);
      await page.getByRole('button', { name: `Sửa thông tin của ${person.fullName}` }).click();
      const form = page.getByRole('form', { name: `Sửa thông tin: ${person.fullName} (${person.employeeCode})` });
      await form.getByLabel('Trạng thái').selectOption({ label: 'Đã nghỉ' });
      const effective = await form.getByLabel(/^Ngày hiệu lực/).inputValue();
      await form.getByRole('button', { name: 'Lưu thông tin' }).click();
      const question = form.getByText(`Ghi ${person.fullName} (${person.employeeCode}) đã nghỉ từ ngày ${effective}?`, { exact: false });
      await question.waitFor();
      await expectAccessible(page, `roster, leaving asked at ${viewport.width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await form.getByRole('button', { name: 'Không, quay lại' }).click();
      expect(await question.count()).toBe(0);
      expect((await Person.get(person.id)).status).toBe('active');
      await form.getByRole('button', { name: 'Lưu thông tin' }).click();
      await form.getByRole('button', { name: 'Đồng ý, ghi đã nghỉ' }).click();
      await form.getByRole('status').getByText(`Đã lưu thông tin của ${person.fullName}.`).waitFor();
      expect((await Person.get(person.id)).status).toBe('left');
      await page.context().close();
    }
  });
});
