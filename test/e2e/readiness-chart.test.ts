import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Account, Readiness } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/** The HR officer of one agency of the demo province, whose departments are charted. */
const HR = 'nhansu@demo.sansang.vn';
const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});

/** How far each chart's canvas reaches past the page's right edge (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('figure.chart canvas')].map((c) =>
      Math.max(0, Math.round(c.getBoundingClientRect().right - document.documentElement.clientWidth)),
    ),
  );

describe('the readiness charts read by name and status, and print on A4', () => {
  it('shows a legend in words, keeps charts inside the page at 1280, 390 and A4 print width, and prints no folded list', async () => {
    const officer = (await Account.get(HR))!;
    const r = await Readiness.forUnit({ unitId: officer.grants[0]!.unitId! });
    expect(r.children.filter((c) => c.applicable).length).toBeGreaterThan(0);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const page = await signInAs(stack.browser, stack.server.url, HR, DEMO_PASSWORD, { viewport });
      await page.goto(`${stack.server.url}/san-sang`);
      await page.getByRole('heading', { level: 1, name: r.unit.name }).waitFor();
      const chart = page.getByRole('img', { name: 'Biểu đồ tỉ lệ hoàn thành của các đơn vị trực thuộc so với chỉ tiêu' });
      await chart.scrollIntoViewIfNeeded();
      await chart.locator('canvas').first().waitFor();
      const legend = page.locator('ul.chart-legend');
      expect(await legend.locator('li').allInnerTexts()).toEqual(
        expect.arrayContaining(['✓ Đạt chỉ tiêu', '✗ Chưa đạt chỉ tiêu', `Đường đứt nét: chỉ tiêu ${r.target.percent}%`]),
      );
      expect(await overflow(page)).toEqual((await overflow(page)).map(() => 0));
      await expectAccessible(page, `readiness chart ${viewport.width}`);
      // The weekly trend, where there is one, is told by dates, never ISO weeks.
      const trend = page.locator('p.sr-only').filter({ hasText: '%' });
      for (const text of await trend.allInnerTexts()) expect(text).not.toMatch(/W\d/);

      // A4 portrait leaves about 718 CSS px between margins: the charts drawn for the screen shrink to it.
      const folded = page.locator('details.untrained');
      await folded.waitFor({ state: 'attached' });
      await page.setViewportSize({ width: 718, height: 1000 });
      await page.emulateMedia({ media: 'print' });
      expect(await folded.evaluate((d) => getComputedStyle(d).display)).toBe('none');
      const widths = await overflow(page);
      expect(widths.length).toBeGreaterThan(0);
      expect(widths).toEqual(widths.map(() => 0));
      await page.context().close();
    }
  });
});

describe('the province officer compares units of one kind', () => {
  it('filters the units table and chart by kind, and on a phone says the table scrolls instead of wrapping names word by word', async () => {
    const officer = (await Account.get('nhansu.tinh@demo.sansang.vn'))!;
    const r = await Readiness.forUnit({ unitId: officer.grants[0]!.unitId! });
    const communes = r.children.filter((c) => c.kind === 'commune');
    expect(communes.length).toBeGreaterThan(0);
    expect(communes.length).toBeLessThan(r.children.length);
    const hint = 'Bảng rộng: vuốt sang ngang trong bảng để xem các cột còn lại.';
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const page = await signInAs(stack.browser, stack.server.url, officer.email, DEMO_PASSWORD, { viewport });
      await page.goto(`${stack.server.url}/san-sang`);
      await page.getByRole('heading', { level: 1, name: r.unit.name }).waitFor();
      const rows = page.locator('table.children tbody tr');
      await expect.poll(() => rows.count()).toBe(r.children.length);
      await page.getByLabel('Loại đơn vị').selectOption({ label: 'Xã' });
      await expect.poll(() => rows.count()).toBe(communes.length);
      expect(new Set(await rows.locator('td:nth-of-type(1)').allInnerTexts())).toEqual(new Set(['Xã']));
      await page.getByText(`Đang hiện ${communes.length}/${r.children.length}`, { exact: false }).waitFor({ state: 'attached' });
      if (viewport.width === 390) {
        await page.getByText(hint).first().waitFor();
        // A unit's name keeps at least 9rem: "Xã Tân Lập" is not broken one word per line.
        const widths = await rows.locator('th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
        expect(Math.min(...widths)).toBeGreaterThanOrEqual(144);
      } else {
        expect(await page.getByText(hint).count()).toBe(0);
      }
      await expectAccessible(page, `readiness kind filter ${viewport.width}`);
      await page.context().close();
    }
  });
});
