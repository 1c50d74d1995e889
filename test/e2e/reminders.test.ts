import { afterAll, describe, expect, it, vi } from 'vitest';
import { Person } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { account, smallProvince } from '../support/fixtures.ts';
import { useSesLocal, type SesLocal } from '../support/ses.ts';
import { pdfText } from '../support/pdf.ts';
import { readFile } from 'node:fs/promises';
import { browserStack, expectAccessible, signInAs } from './browser.ts';

/**
 * Reminders in the browser: the HR officer previews who is reminded today and of what,
 * sends it (asked first; a second press sends nothing new), and sees what went out; the
 * learner gets the e-mail in the emulator's store, signs in from its one-time link (a mail
 * scanner opened it first: that uses nothing), finds the notice behind the header's bell and
 * marks it read.
 */
let ses: SesLocal;
let tree: Awaited<ReturnType<typeof smallProvince>>;
const emailOf = (p: Person.Info) => `${p.employeeCode.toLowerCase()}@sansang.test`;
const HR = 'nhansu@test.vn';

const stack = browserStack(async () => {
  // 10:00 in Vietnam on 1 December 2026, 30 days before the fixture target's deadline: a day
  // reminders are due, outside the quiet hours. Only the server's Date is held; timers run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T03:00:00Z'));
  ses = await useSesLocal();
  tree = await smallProvince(2);
  await putMany(tree.people.map((p) => Person.toItem({ ...p, email: emailOf(p) })));
  const inAgency = tree.people.filter((p) => p.unitId === tree.agency.id);
  await account(HR, inAgency[0]!.id, [{ role: 'hr', unitId: tree.agency.id }]);
  const learner = tree.people.find((p) => p.unitId === tree.dept1.id)!;
  await account(emailOf(learner), learner.id);
});
afterAll(async () => {
  vi.useRealTimers();
  await ses?.stop();
});

describe('reminders in the browser', () => {
  it('HR previews, sends once behind a question, and lists what went out; the learner signs in from the e-mail and reads the notice', async () => {
    const agency = [tree.agency.id, tree.dept1.id, tree.dept2.id];
    const reminded = tree.people.filter((p) => agency.includes(p.unitId));
    const page = await signInAs(stack.browser, stack.server.url, HR);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhắc nhở', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: `Sẽ nhắc hôm nay: ${tree.agency.name}` }).waitFor();
    await page.getByText(`${reminded.length} người sẽ được nhắc.`).waitFor();
    const row = page.locator('table.reminder-plan tbody tr').filter({ hasText: reminded[0]!.fullName });
    expect(await row.innerText()).toContain('30 ngày trước hạn · hạn 31/12/2026');
    await expectAccessible(page, 'reminders preview');

    // A pause holds the whole subtree back until it is resumed; both are asked first.
    await page.getByRole('button', { name: `Tạm dừng nhắc việc của ${tree.agency.name}` }).click();
    await page
      .getByRole('group', { name: `Tạm dừng nhắc việc của ${tree.agency.name}` })
      .getByRole('button', { name: 'Tạm dừng nhắc việc' })
      .click();
    await page.getByText('Nhắc việc của đơn vị này đang tạm dừng', { exact: false }).waitFor();
    await page.getByText('Hôm nay không có ai cần nhắc trong đơn vị này và các đơn vị trực thuộc.').waitFor();
    await expectAccessible(page, 'reminders paused');
    await page.getByRole('button', { name: `Tiếp tục nhắc việc của ${tree.agency.name}` }).click();
    await page
      .getByRole('group', { name: `Tiếp tục nhắc việc của ${tree.agency.name}` })
      .getByRole('button', { name: 'Tiếp tục nhắc việc' })
      .click();
    await page.getByText(`${reminded.length} người sẽ được nhắc.`).waitFor();
    expect(await page.getByText('Nhắc việc của đơn vị này đang tạm dừng', { exact: false }).count()).toBe(0);

    const send = page.getByRole('button', { name: `Gửi ngay cho ${tree.agency.name}` });
    await send.click();
    // Asked first: nothing goes out until yes.
    await page.getByText(`Gửi thư nhắc việc hôm nay cho ${reminded.length} người của ${tree.agency.name}`, { exact: false }).waitFor();
    expect(await ses.emails()).toHaveLength(0);
    await page.getByRole('button', { name: 'Đồng ý gửi' }).click();
    await page
      .getByText(`Đã gửi ${reminded.length} thư; 0 người chỉ nhận thông báo trong ứng dụng (không có e-mail); 0 người đã được nhắc trước đó hôm nay.`)
      .waitFor();
    const history = page.locator('table.reminder-history tbody tr');
    await expect.poll(() => history.count()).toBe(reminded.length);
    // No report from SES yet in the delivery column.
    expect(await history.first().innerText()).toMatch(/01\/12\/2026\s.+\s30 ngày trước hạn\sĐã gửi\sChưa có tin/);
    await expectAccessible(page, 'reminders sent');
    // The preview now says everyone was reminded today, and there is nothing left to send.
    await page.getByText(`${reminded.length} người trong số đó đã được nhắc hôm nay và sẽ không nhận thêm.`, { exact: false }).waitFor();
    expect(await page.locator('table.reminder-plan').getByText('Đã nhắc hôm nay').count()).toBe(reminded.length);
    expect(await send.isDisabled()).toBe(true);
    // For those without e-mail, the list to print and call from.
    const started = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('link', { name: 'Tải danh sách để in (PDF)' }).click();
    const file = await started;
    expect(file.suggestedFilename()).toMatch(/^danh-sach-can-nhac-.*\.pdf$/);
    const printed = (await pdfText(await readFile((await file.path())!))).replace(/\s+/g, ' ');
    for (const p of reminded) expect(printed).toContain(p.fullName);
    const sent = await ses.emails();
    expect(sent.map((e) => e.destination.to[0]).sort()).toEqual(reminded.map(emailOf).sort());
    await page.context().close();

    // The learner opens the link in the e-mail, signed out, and lands on what they owe.
    const learner = tree.people.find((p) => p.unitId === tree.dept1.id)!;
    const mail = sent.find((e) => e.destination.to[0] === emailOf(learner))!;
    expect(mail.subject).toBeTruthy();
    expect(mail.body.text).not.toContain(reminded.find((p) => p.id !== learner.id)!.fullName);
    const link = new URL(/https?:\/\/\S+\/dang-nhap\/lien-ket#[\w-]+/.exec(mail.body.text!)![0]);
    // A mail scanner fetches the link before the learner reads the message (the fragment, the token, is never sent).
    expect((await fetch(`${stack.server.url}${link.pathname}${link.hash}`)).status).toBe(200);
    const learnerPage = await (await stack.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await learnerPage.goto(`${stack.server.url}${link.pathname}${link.hash}`);
    // Opening the link uses nothing (a mail scanner opens links too): the learner presses the button.
    await learnerPage.getByText('Bấm nút dưới đây để đăng nhập và xem việc cần hoàn thành.').waitFor();
    expect(learnerPage.url()).toBe(`${stack.server.url}/dang-nhap/lien-ket`);
    await expectAccessible(learnerPage, 'sign-in link');
    await learnerPage.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await learnerPage.waitForURL(/\/viec-can-hoan-thanh$/);
    // The bell sits beside the menu button on a phone, its count seen without opening the menu.
    const bell = learnerPage.getByRole('link', { name: 'Thông báo: 1 chưa đọc' });
    expect(await bell.innerText()).toContain('1');
    await bell.click();
    await learnerPage.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    await learnerPage.getByText('1 thông báo, 1 chưa đọc.').waitFor();
    await expectAccessible(learnerPage, 'notices');
    await learnerPage.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await learnerPage.getByText('1 thông báo, 0 chưa đọc.').waitFor();
    await learnerPage.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    await learnerPage.context().close();
  }, 240_000);
});
