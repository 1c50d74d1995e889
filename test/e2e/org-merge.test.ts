import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Org, Requirement, vnDay } from '@sansang/core';
import { seedDemo, DEMO_PASSWORD, contentDir } from '@sansang/cli/testing';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

const stack = browserStack(async (table) => {
  await seedDemo({ table, contentDir });
});
const ADMIN = 'quantri@demo.sansang.vn';
const dmy = (iso: string) => iso.split('-').reverse().join('/');
const form = (page: Page) => page.locator('details.action').filter({ has: page.locator('summary', { hasText: 'Hợp nhất các đơn vị trực thuộc' }) });

describe('the admin reorganises the province: merge with a preview, undo, schedule and cancel', () => {
  it('filters the lists, previews who moves, merges two communes, undoes it; schedules a merge for tomorrow and cancels it', async () => {
    const communes = (await Org.children('ms')).filter((u) => u.kind === 'commune' || u.kind === 'ward');
    expect(communes.length).toBeGreaterThan(3);
    const [a, b, into] = communes as [Org.Info, Org.Info, Org.Info];
    const page = await signInAs(stack.browser, stack.server.url, ADMIN, DEMO_PASSWORD);
    await page.goto(`${stack.server.url}/to-chuc?unit=ms`);
    const merge = form(page);
    await merge.locator('summary').click();

    // ~80 units: the filter narrows the boxes, and a ticked box stays ticked once filtered away.
    const sources = merge.getByRole('group', { name: 'Các đơn vị được hợp nhất' });
    const filter = merge.getByLabel('Lọc các đơn vị được hợp nhất (tên hoặc mã)');
    for (const unit of [a, b]) {
      await filter.fill(unit.code);
      await sources.getByRole('checkbox', { name: `${unit.name} (${unit.code})` }).check();
      expect(await sources.getByRole('checkbox').count()).toBeLessThan(communes.length);
    }
    await filter.fill('');
    await merge.getByLabel('Lọc các đơn vị nhận (tên hoặc mã)').fill(into.code);
    await merge.getByRole('radio', { name: `${into.name} (${into.code})` }).check();
    await merge.getByRole('button', { name: 'Hợp nhất', exact: true }).click();

    const preview = merge.getByRole('region', { name: 'Xem trước: ai chuyển đi đâu' });
    await preview.waitFor();
    for (const unit of [a, b]) await preview.getByText(`${unit.name} (${unit.code}) → ${into.name}:`, { exact: false }).waitFor();
    await preview.getByText('Người chuyển theo:', { exact: false }).first().waitFor();
    await merge.getByText(`Hợp nhất 2 đơn vị (${a.name}, ${b.name}) vào ${into.name} từ ngày ${dmy(vnDay())}?`, { exact: false }).waitFor();
    await expectAccessible(page, 'org merge preview');
    await merge.getByRole('button', { name: 'Đồng ý hợp nhất' }).click();
    await merge.getByText(new RegExp(`^Đã hợp nhất 2 đơn vị vào ${into.name}; \\d+ người chuyển theo\\.$`)).waitFor();
    expect((await Org.get(a.id)).status).toBe('merged');
    expect((await Org.get(b.id)).status).toBe('merged');
    // The province's own history names the merge of its communes, with an undo while the window is open.
    const history = page.getByRole('table').filter({ hasText: 'Hợp nhất đơn vị trực thuộc' });
    await history.getByRole('button', { name: `Hoàn tác việc hợp nhất vào ${into.name}` }).waitFor();
    await expectAccessible(page, 'org merge done');

    await merge.getByRole('button', { name: `Hoàn tác việc hợp nhất vào ${into.name}` }).click();
    await merge.getByRole('button', { name: 'Đồng ý hoàn tác' }).click();
    await merge.getByText(`Đã hoàn tác việc hợp nhất vào ${into.name}.`).waitFor();
    await page.getByRole('table').filter({ hasText: 'Hoàn tác hợp nhất' }).waitFor();
    expect((await Org.get(a.id)).status).toBe('active');
    expect((await Org.get(b.id)).status).toBe('active');
    await expectAccessible(page, 'org merge undone');

    // A merge announced for tomorrow waits on the page, and can be cancelled before its day.
    const tomorrow = Requirement.addDays(vnDay(), 1);
    await filter.fill(a.code);
    await sources.getByRole('checkbox', { name: `${a.name} (${a.code})` }).check();
    await merge.getByRole('radio', { name: `${into.name} (${into.code})` }).check();
    await merge.getByLabel('Ngày hiệu lực').fill(dmy(tomorrow));
    await merge.getByRole('button', { name: 'Hợp nhất', exact: true }).click();
    await merge.getByRole('region', { name: 'Xem trước: ai chuyển đi đâu' }).waitFor();
    await merge.getByRole('button', { name: 'Đồng ý hợp nhất' }).click();
    await merge.getByText(`Đã lên lịch hợp nhất 1 đơn vị vào ${into.name} từ ngày ${dmy(tomorrow)}`, { exact: false }).waitFor();
    const scheduled = page.getByRole('region', { name: 'Thay đổi đã lên lịch' });
    await scheduled.getByText(`Hợp nhất ${a.name} vào ${into.name}`).waitFor();
    await scheduled.getByText(dmy(tomorrow)).waitFor();
    expect((await Org.get(a.id)).status).toBe('active');
    await expectAccessible(page, 'org merge scheduled');

    await scheduled.getByRole('button', { name: `Huỷ thay đổi ngày ${dmy(tomorrow)}: Hợp nhất ${a.name} vào ${into.name}` }).click();
    await expectAccessible(page, 'org scheduled cancel question');
    await scheduled.getByRole('button', { name: 'Đồng ý huỷ' }).click();
    await scheduled.waitFor({ state: 'detached' });
    await page.context().close();
  }, 240_000);
});
