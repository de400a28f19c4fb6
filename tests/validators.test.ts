// Every page type checked the way the field checks a site (tests/fixtures/page-types.ts lists
// them): the W3C Nu HTML checker on every page, stylesheet and image of the sample site and the
// fixture site; axe on every page type in light and dark; Lighthouse 12 (mobile) on the home
// page, an English and an Arabic article, a keyword page and a search. Figures: docs/quality.md.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launch } from "./helpers/browser.ts";
import { lighthouse } from "./helpers/lighthouse.ts";
import { nuCheck, nuSkipReason } from "./helpers/nu.ts";
import { buildPageTypeSites, filesOf, settled, type PageTypeSites } from "./helpers/page-types.ts";
import { serve, type StaticServer } from "./helpers/serve.ts";
import { tempDir } from "./helpers/site.ts";
import { PAGE_TYPES, type SiteName } from "./fixtures/page-types.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let sites: PageTypeSites;
beforeAll(async () => {
  sites = await buildPageTypeSites();
}, 300_000);

describe.skipIf(!!nuSkipReason)("the W3C Nu HTML checker", () => {
  it("finds no error on any page, in the stylesheet or in any SVG of either site", { timeout: 180_000 }, async () => {
    const files: string[] = [];
    for (const site of Object.values(sites)) for (const ext of [".html", ".css", ".svg"]) files.push(...(await filesOf(site.out, ext)));
    // A page with two known errors goes in the same run: proves the checker read the files.
    const canary = join(await tempDir(), "canary.html");
    await writeFile(canary, '<!doctype html><html lang="en"><title>x</title><p><div>x</div></p><img src="a.png">');
    const problems = await nuCheck([...files, canary]);

    expect(problems.filter((p) => p.file === canary).map((p) => p.message)).toEqual([
      expect.stringContaining("No “p” element in scope"),
      expect.stringContaining("An “img” element must have an “alt” attribute"),
    ]);
    const named = (file: string) => Object.entries(sites).map(([name, s]) => (file.startsWith(s.out) ? `${name}:/${relative(s.out, file)}` : "")).find(Boolean) ?? file;
    const found = problems.filter((p) => p.file !== canary).map((p) => `${named(p.file)}:${p.line ?? "?"}: ${p.message} [${p.extract ?? ""}]`);
    expect(found).toEqual([]);
    // Every page type was among the checked files.
    const fileOf = (site: SiteName, path: string) => {
      const local = decodeURIComponent(path.split("?")[0]!);
      return join(sites[site].out, local.endsWith("/") ? `${local}index.html` : local);
    };
    expect(PAGE_TYPES.map((t) => fileOf(t.site, t.path)).filter((f) => !files.includes(f))).toEqual([]);
  });
});

describe.skipIf(!!browserSkipReason)("in Chromium", () => {
  let servers: Record<SiteName, StaticServer>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    servers = { sample: await serve(sites.sample.out), fixture: await serve(sites.fixture.out) };
    browser = await launch();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(Object.values(servers ?? {}).map((s) => s.close()));
  });

  it.each(PAGE_TYPES.filter((t) => t.browse !== false).map((t) => [t.name, t] as const))("axe finds no violation: %s, light and dark", async (_, type) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // A page type the sites stopped making would otherwise be checked as the 404 page.
      const response = await page.goto(`${servers[type.site].url}${type.path}`);
      expect(response?.status(), type.path).toBe(200);
      await settled(page, type.path);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      expect(violations, `${scheme} mode`).toEqual([]);
    }
  });

  // Lighthouse drives its own Chromium, one page at a time (about 15–20 s a page on two cores).
  describe("Lighthouse, mobile", () => {
    const pages = [
      ["home", "/"],
      ["English article", "/2024/07/tell-sanawbar-harbour-reopens/"],
      ["Arabic article", "/2024/02/seed-trucks-abu-al-zindeen-ar/"],
      ["keyword page", "/keywords/water-supply/"],
      ["search", "/search/?q=harbour"],
    ] as const;

    it.each(pages)("scores accessibility, best practices and SEO at least 0.95 and CLS at most 0.1: %s", { timeout: 180_000 }, async (name, path) => {
      const result = await lighthouse(`${servers.sample.url}${path}`);
      console.log(`Lighthouse ${name}: ${JSON.stringify(result.scores)}, CLS ${result.cls}, ${result.seconds.toFixed(1)} s${result.failing.length ? `\n  ${result.failing.join("\n  ")}` : ""}`);
      const low = Object.entries(result.scores).filter(([category, score]) => category !== "performance" && score < 0.95);
      expect(low, result.failing.join("\n")).toEqual([]);
      expect(result.cls).toBeLessThanOrEqual(0.1);
    });
  });
});
