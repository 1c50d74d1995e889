import type { Browser, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer } from '@sansang/api/serve';
import { webDist } from '@sansang/cli/testing';
import { useFreshTable } from '../support/db.ts';
import { launchChromium } from './chromium.ts';

/** Chromium and the sign-in form, shared with scripts that run outside the test runner. */
export { LANDED, launchChromium, signInAs } from './chromium.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and fails on any serious or critical violation. It is evaluated
 * through the DevTools protocol, so the page's strict CSP stays on during the test.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
  expect(violations, `axe on ${label}`).toEqual([]);
  await screenshots(page, label);
}

const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/**
 * Every page the browser tests check is also saved at phone and desktop width
 * (test-results/screenshots/), for a reviewer to look at, and checked for sideways scrolling.
 */
export async function screenshots(page: Page, label: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const original = page.viewportSize();
  const name = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  for (const [kind, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${label} at ${kind} width scrolls sideways`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${shotsDir}${name}-${kind}.png`, fullPage: true });
  }
  // Text zoomed to 200 % on a desktop screen (CSS zoom, as the browser's zoom does) still reflows.
  await page.setViewportSize(WIDTHS.desktop);
  const zoomed = await page.evaluate(() => {
    document.documentElement.style.setProperty('zoom', '2');
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    document.documentElement.style.removeProperty('zoom');
    return overflow;
  });
  expect(zoomed, `${label} at 200 % zoom scrolls sideways`).toBeLessThanOrEqual(1);
  if (original) await page.setViewportSize(original);
}

/**
 * The usual browser-test setup: a fresh table, `seed` to fill it (given the table's name), the
 * app on a free port and Chromium; both closed after the file. Read `stack.server` /
 * `stack.browser` inside tests.
 */
export function browserStack(seed: (table: string) => Promise<void> = async () => undefined): { server: RunningServer; browser: Browser } {
  const stack = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    await seed(await useFreshTable());
    stack.server = await startServer({ port: 0, webDir: webDist });
    stack.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await stack.browser?.close();
    await stack.server?.close();
  });
  return stack;
}
