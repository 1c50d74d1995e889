import { describe, expect, it } from 'vitest';
import { Target } from '@sansang/core';
import { account, smallProvince, target } from '../support/fixtures.ts';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

describe("an admin setting how long a target's completions count", () => {
  const stack = browserStack(async () => {
    const tree = await smallProvince(2);
    await account('quantri@test.vn', tree.people[0]!.id, [{ role: 'admin', unitId: null }]);
  });

  for (const width of [1280, 390]) {
    it(`makes a target's completions lapse after 12 months, renewable 45 days before, with 30 days' grace, at ${width} px`, async () => {
      await Target.put(target);
      const { server, browser } = stack;
      const page = await signInAs(browser, server.url, 'quantri@test.vn', undefined, { viewport: { width, height: 900 } });
      await page.goto(`${server.url}/chi-tieu`);
      const row = page.locator('table.targets tbody tr').filter({ hasText: target.title });
      await row.getByText('không hết hạn').waitFor();
      await row.getByRole('button', { name: `Sửa chỉ tiêu ${target.title}` }).click();
      await page.getByLabel('Số ngày cho người vào làm sau hạn (để trống: 60)').fill('30');
      await page.getByLabel('Hoàn thành có giá trị').selectOption({ label: 'trong một số tháng' });
      await page.getByLabel('Số tháng').fill('12');
      await page.getByLabel('Số ngày trước khi hết hiệu lực được làm lại để gia hạn (để trống: 30)').fill('45');
      await expectAccessible(page, `target validity form ${width}`);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
      await page.getByText(`Đã lưu chỉ tiêu "${target.title}".`, { exact: false }).waitFor();
      await row.getByText('12 tháng').waitFor();
      expect((await Target.list()).find((x) => x.id === target.id)).toMatchObject({ graceDays: 30, validity: { months: 12 }, renewalDays: 45 });

      // Back to "for good": the validity and its window go, the grace stays.
      await row.getByRole('button', { name: `Sửa chỉ tiêu ${target.title}` }).click();
      await page.getByLabel('Hoàn thành có giá trị').selectOption({ label: 'không hết hạn' });
      await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
      await row.getByText('không hết hạn').waitFor();
      const saved = (await Target.list()).find((x) => x.id === target.id)!;
      expect([saved.validity, saved.renewalDays, saved.graceDays]).toEqual([undefined, undefined, 30]);
      await page.context().close();
    });
  }
});
