import { launchChromium } from '../e2e/chromium.ts';
import { freePort } from '@sansang/cli/dynamodb-local';

export type LighthouseScores = { performance: number; accessibility: number; firstContentfulPaintMs: number; totalBlockingTimeMs: number; finalPath: string };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Lighthouse against Debian's Chromium: mobile emulation and simulated slow 4G (its
 * defaults), performance and accessibility only. `cookie` signs the page in. Each page is
 * audited `runs` times and the median run kept, as Lighthouse's docs advise for a noisy host.
 */
export async function lighthouseScores(urls: { name: string; url: string; cookie?: string }[], runs = 3): Promise<Record<string, LighthouseScores>> {
  const port = await freePort();
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  const { default: lighthouse } = await import('lighthouse');
  const out: Record<string, LighthouseScores> = {};
  try {
    for (const { name, url, cookie } of urls) {
      const audits: LighthouseScores[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
        });
        const lhr = result!.lhr;
        audits.push({
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          firstContentfulPaintMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? 0),
          totalBlockingTimeMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
          finalPath: new URL(lhr.finalDisplayedUrl).pathname,
        });
      }
      const mid = median(audits.map((a) => a.performance));
      out[name] = { ...audits.find((a) => a.performance === mid)!, accessibility: Math.min(...audits.map((a) => a.accessibility)) };
    }
  } finally {
    await browser.close();
  }
  return out;
}
