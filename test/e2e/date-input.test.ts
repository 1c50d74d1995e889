import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Account, Exemption, Readiness } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** The HR officer of one agency of the demo province. */
const HR = 'nhansu@demo.sansang.vn';
const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('dates are typed and read as dd/mm/yyyy whatever the browser language', () => {
  it('sends 12/01/2026 typed in an American-English browser as 12 January (2026-01-12), and names a day that does not exist, at desktop and phone width', async () => {
    const officer = (await Account.get(HR))!;
    const unitId = officer.grants[0]!.unitId!;
    const live = await Readiness.forUnit({ unitId });
    const already = await Exemption.list({ unitId });
    const taken = new Set([officer.personId, ...already.exemptions.map((e) => e.personId)]);
    const people = (await Readiness.untrained({ unitId, targetId: live.target.id, limit: 50 })).people.filter((p) => !taken.has(p.id));
    expect(people.length).toBeGreaterThanOrEqual(2);

    for (const [i, viewport] of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ].entries()) {
      const person = people[i]!;
      // en-US is the locale whose own date field reads 12/01/2026 as 1 December.
      const page = await signInAs(stack.browser, stack.server.url, HR, DEMO_PASSWORD, { viewport, locale: 'en-US' });
      await page.goto(`${stack.server.url}/mien-tru`);
      await page.getByRole('heading', { level: 1, name: 'Miễn trừ' }).waitFor();
      const from = page.getByLabel('Từ ngày');
      const until = page.getByLabel('Đến ngày');
      expect(await from.getAttribute('inputmode')).toBe('numeric');

      await page.getByLabel('Mã cán bộ').fill(person.employeeCode);
      await page.getByLabel('Lý do').selectOption({ label: 'Nghỉ thai sản' });
      // A day that is not in the calendar is refused in words, and nothing is sent.
      const sent: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/exemptions') sent.push(r.postData() ?? '');
      });
      await from.fill('31/02/2026');
      await until.fill('31/01/2026');
      await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
      await page.getByText('Không có ngày 31/02/2026: hãy kiểm tra lại ngày và tháng (ngày/tháng/năm).').waitFor();
      expect(await from.getAttribute('aria-invalid')).toBe('true');
      expect(sent).toEqual([]);
      await expectAccessible(page, `date field with an error at ${viewport.width}`);
      expect(await noSidewaysScroll(page)).toBe(true);

      // An end before the start is named with the start written the same way.
      await from.fill('12/01/2026');
      await until.fill('11/01/2026');
      await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
      await page.getByText('Ngày không được trước 12/01/2026.').waitFor();
      expect(sent).toEqual([]);

      await until.fill('31/01/2026');
      const request = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/exemptions');
      await page.getByRole('button', { name: 'Ghi miễn trừ' }).click();
      const body = JSON.parse((await request).postData() ?? '{}') as { from?: string; until?: string };
      expect([body.from, body.until]).toEqual(['2026-01-12', '2026-01-31']);
      await page.getByText(`Đã ghi miễn cho ${person.fullName} (${person.employeeCode}) từ 12/01/2026 đến 31/01/2026.`).waitFor();
      const stored = (await Exemption.list({ unitId })).exemptions.find((e) => e.personId === person.id);
      expect([stored?.from, stored?.until]).toEqual(['2026-01-12', '2026-01-31']);
      await page.context().close();
    }
  });
});
