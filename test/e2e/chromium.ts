import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, as on CI; never a browser downloaded by a test tool. `extraArgs`: e.g. a debugging port for Lighthouse. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/** Where sign-in lands: an officer's readiness page; else what the person owes when they owe anything, else their courses. */
export const LANDED = /\/(san-sang|viec-can-hoan-thanh|khoa-hoc)$/;

/** Signs in through the real sign-in form in a new context (options: viewport, downloads…). */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  password = 'mat-khau-dung',
  options: Parameters<Browser['newContext']>[0] = { acceptDownloads: true },
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(LANDED);
  return page;
}
