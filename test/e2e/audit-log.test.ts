import { describe, expect, it } from 'vitest';
import { Audit } from '@sansang/core';
import { account, smallProvince } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const ADMIN = 'quantri@test.vn';
let tree: Awaited<ReturnType<typeof smallProvince>>;
const today = new Date().toISOString().slice(0, 10);
const [y, m, d] = today.split('-');

const stack = browserStack(async () => {
  tree = await smallProvince(2);
  await account(ADMIN, tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'admin', unitId: tree.province.id }]);
  // The entry a merge writes (the merge itself is tested through the API in audit-names.test.ts).
  await Audit.record({ actor: ADMIN, action: 'org.merge', unitId: tree.dept1.id, detail: { sources: [tree.dept2.id], people: 2, units: 0, effective: today } });
});

describe('the audit log in the browser', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`names actions, units and what changed, and filters by a unit typed by name, at ${viewport.width} wide`, async () => {
      const page = await signInAs(stack.browser, stack.server.url, ADMIN, 'mat-khau-dung', { viewport });
      if (viewport.width < 600) await page.getByRole('button', { name: 'Trình đơn' }).click();
      await page.getByRole('link', { name: 'Nhật ký' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhật ký kiểm toán' }).waitFor();
      const table = page.locator('table.audit-log');
      const merge = table.locator('tbody tr').filter({ hasText: 'Hợp nhất đơn vị' });
      await merge.waitFor();
      expect(await merge.textContent()).toContain(`${tree.dept1.name} (${tree.dept1.code})`);
      expect(await merge.textContent()).toContain(`Hợp nhất ${tree.dept2.name} vào ${tree.dept1.name} · 2 người · hiệu lực ${d}/${m}/${y}`);
      const signIn = table.locator('tbody tr').filter({ hasText: 'Đăng nhập' }).first();
      expect(await signIn.textContent()).toContain(tree.agency.name);
      // Names, not the codes and ids the log stores.
      for (const raw of ['org.merge', 'auth.sign_in', `>${tree.dept1.id}<`])
        expect(await table.innerHTML()).not.toContain(raw.startsWith('>') ? raw : `>${raw}<`);
      await expectAccessible(page, `audit log ${viewport.width}`);

      // A unit chosen by its name, typed without marks.
      await page.getByLabel('Đơn vị (tên hoặc mã; để trống: toàn bộ phạm vi)').fill('don vi phong-1');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.getByText(`Đang xem ${tree.dept1.name} (${tree.dept1.code}) và các đơn vị trực thuộc.`).waitFor();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').textContent()).toContain('Hợp nhất đơn vị');
      // The CSV link exports what is shown.
      expect(await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href')).toContain('unit=don');
      await expectAccessible(page, `audit log filtered ${viewport.width}`);

      // A unit that is not there is named as such, not as a missing permission.
      await page.getByLabel('Đơn vị (tên hoặc mã; để trống: toàn bộ phạm vi)').fill('Xã Không Có');
      await page.getByRole('button', { name: 'Lọc' }).click();
      const alert = page.getByRole('alert');
      await alert.getByText('Không tìm thấy đơn vị này trong phạm vi của bạn.', { exact: false }).waitFor();
      expect(await alert.textContent()).not.toContain('quyền');
      await page.context().close();
    });
  }
});
