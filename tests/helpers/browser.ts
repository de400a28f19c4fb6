// Debian's Chromium driven by playwright-core (no browser download). Where no Chromium is
// installed, browser tests are skipped with a message, except under CI, where that is a failure.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { serve } from "./serve.ts";
import { buildSite, type BuildOptions, type BuildResult } from "./site.ts";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));

export const browserSkipReason = chromiumPath
  ? undefined
  : "No Chromium found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH) to run the browser tests.";

if (!chromiumPath) {
  if (process.env.CI) throw new Error(`CI is set but ${browserSkipReason}`);
  console.warn(browserSkipReason);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from reaching out.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** A built fixture site, served on loopback, with a browser and a page open on it. */
export interface BrowsedSite extends ServedSite {
  /** The build behind it, for reading its files. */
  site: BuildResult;
  page: Page;
}

export async function browseSite(options: BuildOptions): Promise<BrowsedSite> {
  const site = await buildSite(options);
  if (site.code !== 0) throw new Error(site.stderr);
  const served = await serveToBrowser(site.out);
  return { ...served, site, page: await served.browser.newPage() };
}

/** A built folder served over HTTP, and a browser to read it with; `close` stops both. */
export interface ServedSite {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function serveToBrowser(out: string): Promise<ServedSite> {
  const server = await serve(out);
  const browser = await launch();
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Sums the page's layout shifts not caused by input (Lighthouse's CLS without its windows), from
 * before the first paint: call before `goto`, read with `layoutShift(page)`.
 */
export async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The layout shift summed since `watchLayoutShift`. */
export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { shift: number }).shift);
}
