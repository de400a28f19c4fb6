// Builds the two sites that hold every page type (tests/fixtures/page-types.ts) and lists their
// pages: buildPageTypeSites() -> { sample, fixture }, each a finished build in a temp folder.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { fixtureFiles, fixturePageSize, type SiteName } from "../fixtures/page-types.ts";
import { buildSite, fixtureContentWith, ROOT, type BuildOptions, type BuildResult } from "./site.ts";

export type PageTypeSites = Record<SiteName, BuildResult>;

export async function buildPageTypeSites(options: { out?: Partial<Record<SiteName, string>> } = {}): Promise<PageTypeSites> {
  const sample: BuildOptions = { articles: join(ROOT, "content/articles"), contentDir: join(ROOT, "content"), out: options.out?.sample };
  const fixture: BuildOptions = { files: fixtureFiles, contentDir: await fixtureContentWith({ pageSize: fixturePageSize }), out: options.out?.fixture };
  // One after the other: each build already keeps the machine's cores busy.
  const sites = { sample: await buildSite(sample), fixture: await buildSite(fixture) };
  for (const [name, site] of Object.entries(sites)) if (site.code !== 0) throw new Error(`The ${name} site did not build:\n${site.stderr}`);
  return sites;
}

/** Every file under `out` whose name ends with `ext` (".html"), as absolute paths, Pagefind's own files left out. */
export async function filesOf(out: string, ext: string): Promise<string[]> {
  const files = await readdir(out, { recursive: true });
  return files
    .filter((f) => f.endsWith(ext) && !f.startsWith("pagefind"))
    .sort()
    .map((f) => join(out, f));
}

/** Waits until a search page with a query has searched (its status names a count); other pages are ready once loaded. */
export async function settled(page: Page, path: string): Promise<void> {
  if (!/^\/search\/\?q=/.test(path)) return;
  await page.waitForFunction(() => /\d/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
}
