// Screenshots of every page type (tests/fixtures/page-types.ts) for a person to look at: 390 px
// (a phone) and 1280 px wide, light and dark, English and Arabic pages, whole pages.
//   npm run screenshots [-- <folder>]   -> <folder>/<page type>-<width>-<scheme>.png
// The folder defaults to gazette-screenshots under the system's temp folder; the PNGs are never
// committed. Both sites are built fresh from the current templates and content.
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { browserSkipReason, launch } from "./helpers/browser.ts";
import { buildPageTypeSites, settled } from "./helpers/page-types.ts";
import { serve, type StaticServer } from "./helpers/serve.ts";
import { removeTempDirs } from "./helpers/site.ts";
import { PAGE_TYPES, type SiteName } from "./fixtures/page-types.ts";

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const SCHEMES = ["light", "dark"] as const;

async function main(): Promise<void> {
  if (browserSkipReason) throw new Error(browserSkipReason);
  const folder = resolve(process.argv[2] ?? join(tmpdir(), "gazette-screenshots"));
  await mkdir(folder, { recursive: true });
  const sites = await buildPageTypeSites();
  const servers: Record<SiteName, StaticServer> = { sample: await serve(sites.sample.out), fixture: await serve(sites.fixture.out) };
  const browser = await launch();
  let count = 0;
  try {
    for (const viewport of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        for (const type of PAGE_TYPES.filter((t) => t.browse !== false)) {
          const response = await page.goto(`${servers[type.site].url}${type.path}`, { waitUntil: "load" });
          if (response?.status() !== 200) throw new Error(`${type.path} (${type.name}) answered ${response?.status()}: has the page moved?`);
          await settled(page, type.path);
          await page.screenshot({ path: join(folder, `${type.name}-${viewport.width}-${colorScheme}.png`), fullPage: true });
          count++;
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
    await removeTempDirs();
  }
  console.log(`${count} screenshots in ${folder}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
