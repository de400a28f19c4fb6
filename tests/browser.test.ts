// In a real browser (Debian's Chromium through playwright-core): search finds articles by body
// text, the header search box lands on results, pages pass axe and work from the keyboard.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserSkipReason, browseSite, type BrowsedSite } from "./helpers/browser.ts";
import { buildSite, FIXTURE_CONTENT } from "./helpers/site.ts";
import { serve } from "./helpers/serve.ts";
import { files } from "./fixtures/articles.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe.skipIf(!!browserSkipReason)("in the browser", () => {
  let site: BrowsedSite;
  let server: { url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    site = await browseSite({ files, contentDir: FIXTURE_CONTENT });
    ({ browser, page } = site);
    server = { url: site.url };
  });
  afterAll(() => site?.close());

  /** Titles of the results once the search page has finished searching. */
  async function resultTitles(p: Page = page): Promise<string[]> {
    await p.waitForFunction(() => /\d+ (results?|articles?)\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
    return p.locator("#search-list .card__title a").allTextContents();
  }

  it("finds an article by a word only its body contains, and not the others", async () => {
    await page.goto(`${server.url}/search/?q=pumping`);
    expect(await resultTitles()).toEqual(["Idlib council meets"]);
  });

  it("submits the header search box to the search page", async () => {
    await page.goto(`${server.url}/`);
    await page.fill("#site-search-q", "wells");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(/\/search\/\?q=wells/);
    expect(await resultTitles()).toEqual(["Wells run dry"]);
  });

  it("finds the Arabic article with an Arabic query", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("الشاحنات")}`);
    expect(await resultTitles()).toEqual(["عودة الحركة إلى معبر أبو الزندين"]);
  });

  it("shows a hostile headline as text in results, never as markup", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/search/?q=ceasefire`);
    expect(await resultTitles()).toEqual(["Ceasefire <img src=x onerror=alert(1)> talks"]);
    expect(await page.locator('#search-app img[src="x"]').count()).toBe(0);
    await page.goto(`${server.url}/2022/05/hostile/`);
    expect(await page.locator("h1").textContent()).toBe("Ceasefire <img src=x onerror=alert(1)> talks");
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("searches and links correctly when the site is served under a sub-path", async () => {
    const site = await buildSite({ files, contentDir: FIXTURE_CONTENT, env: { GAZETTE_PATH_PREFIX: "/archive/" } });
    expect(site.code).toBe(0);
    const sub = await serve(site.out, "/archive/");
    try {
      await page.goto(`${sub.url}/archive/`);
      await page.fill("#site-search-q", "pumping");
      await Promise.all([page.waitForURL(/\/archive\/search\/\?q=pumping/), page.press("#site-search-q", "Enter")]);
      expect(await resultTitles()).toEqual(["Idlib council meets"]);
      await Promise.all([page.waitForURL(`${sub.url}/archive/2024/01/idlib-one/?highlight=pumping`), page.click("#search-list .card__title a")]);
      expect(await page.locator("h1").textContent()).toBe("Idlib council meets");
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("flex"); // the stylesheet loaded
    } finally {
      await sub.close();
    }
  });

  it("starts keyboard users at a skip link that moves focus to the content", async () => {
    await page.goto(`${server.url}/2024/03/harbour-reopens/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("fits a 320 px phone screen without sideways scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ["/", "/2024/03/harbour-reopens/", "/2024/05/arabic/", "/keywords/", "/archive/", "/search/?q=harbour", "/2022/05/hostile/"]) {
      await phone.goto(`${server.url}${path}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await phone.close();
  });

  it.each([
    ["home", "/"],
    ["article", "/2024/03/harbour-reopens/"],
    ["Arabic article", "/2024/05/arabic/"],
    ["keyword index", "/keywords/"],
    ["keyword page", "/keywords/idlib/"],
    ["source index", "/sources/"],
    ["source page", "/sources/wadi-press/"],
    ["date archive", "/archive/"],
    ["year page", "/2024/"],
    ["search with results", "/search/?q=harbour"],
    ["404", "/404.html"],
  ])("has no serious or critical axe violations: %s", async (_, path) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}${path}`);
      if (path.startsWith("/search/")) await resultTitles();
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      expect(violations, `${scheme} mode`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
  });
});
