// The search page in a real browser: filters (OR within, AND across) with counts, deep links,
// filter-only browsing, date sort, "show more", highlighting on arrival, no-JavaScript fallback.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { articleFile } from "./helpers/articles.ts";
import { browserSkipReason, browseSite, type BrowsedSite } from "./helpers/browser.ts";
import { FIXTURE_CONTENT, fixtureContentWith } from "./helpers/site.ts";
import { files } from "./fixtures/articles.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** 45 articles that all mention "cistern", one a day from 1 January 2020, over 15 district keywords. */
function cisterns(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 45; i++) {
    const date = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    out[`gen/${date}-cistern-${i}.md`] = articleFile({ title: `Cistern report ${i}`, date, source: "Cistern Weekly", keywords: ["Cisterns", `District ${i % 15}`], body: `The cistern level was measured again, report ${i}.` });
  }
  // Headline weighting: one article has the word in its headline, the other twice in its body.
  out["gen/2020-03-01-reservoir-title.md"] = articleFile({ title: "Reservoir repairs begin", date: "2020-03-01", body: "Work started on Monday." });
  out["gen/2020-03-02-reservoir-body.md"] = articleFile({ title: "Water news in brief", date: "2020-03-02", body: "The reservoir is low. The reservoir may close." });
  return out;
}

// Every behaviour holds whether the index is one bundle (any small site) or bundles of whole
// years or months merged in the browser (a large archive; here forced with a tiny bundle size), the bundles
// indexed by two Pagefind processes in turn.
const LAYOUTS = [
  { layout: "one index", bundleSize: undefined },
  { layout: "an index in bundles of whole years or months", bundleSize: 5 },
];

describe.skipIf(!!browserSkipReason).each(LAYOUTS)("search page, $layout", ({ bundleSize }) => {
  let site: BrowsedSite;
  let server: { url: string };
  let browser: Browser;
  let page: Page;
  let bundles: { href: string; key: string; years: string[] }[];

  beforeAll(async () => {
    const contentDir = bundleSize ? await fixtureContentWith({ search: { bundleSize, processes: 2 } }) : FIXTURE_CONTENT;
    site = await browseSite({ files: { ...files, ...cisterns() }, contentDir });
    bundles = JSON.parse((await site.site.html("search/index.html"))("#search-app").attr("data-bundles")!);
    ({ browser, page } = site);
    server = { url: site.url };
  });
  afterAll(() => site?.close());

  async function open(query: string, p: Page = page): Promise<string[]> {
    await p.goto(`${server.url}/search/${query}`);
    return settled(p);
  }

  /** Waits for the search to finish and returns the titles shown. */
  async function settled(p: Page = page): Promise<string[]> {
    await p.waitForFunction(() => /\d+ (results?|articles?)\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
    return p.locator("#search-list .card__title a").allTextContents();
  }

  /** Opens a filter group; its data is only fetched then. */
  async function openFilter(key: string, p: Page = page): Promise<void> {
    const closed = p.locator(`details.filter--closed[data-filter="${key}"] > summary`);
    if (await closed.count()) await closed.click();
    await p.waitForSelector(`fieldset[data-filter="${key}"]`);
  }

  it("serves the index as the bundles the search page lists", async () => {
    if (!bundleSize) {
      expect(bundles).toEqual([{ href: "/pagefind/", key: "2020-2025", years: ["2025", "2024", "2023", "2022", "2020"] }]);
      return;
    }
    // Whole years, newest first, and 2020 (47 articles, more than a bundle of 5) in runs of whole
    // months; only the first bundle carries Pagefind's script and WebAssembly.
    expect(bundles.map((b) => b.years)).toEqual([["2025", "2024"], ["2023", "2022"], ["2020"], ["2020"], ["2020"]]);
    expect(bundles.map((b) => b.key)).toEqual(["2024-2025", "2022-2023", "2020-03", "2020-02", "2020-01"]);
    expect(bundles.map((b) => b.href)).toEqual(["/pagefind/", "/pagefind/2022-2023/", "/pagefind/2020-03/", "/pagefind/2020-02/", "/pagefind/2020-01/"]);
    for (const b of bundles.slice(1)) {
      expect(existsSync(join(site.site.out, b.href, "pagefind-entry.json"))).toBe(true);
      expect(existsSync(join(site.site.out, b.href, "pagefind.js"))).toBe(false);
    }
    expect(existsSync(join(site.site.out, "pagefind/pagefind.js"))).toBe(true);
  });

  const IDLIB = ["عودة الحركة إلى معبر أبو الزندين", "Idlib council meets", "Wells run dry", "Markets in Kafr Ruman"];

  it("lists exactly the articles with a keyword when there are filters and no words", async () => {
    expect(await open("?keyword=idlib")).toEqual(IDLIB);
    expect(await page.locator("#search-status").textContent()).toBe("4 articles with the chosen filters");
  });

  it("ignores filter values the archive does not have, object property names included, and says so", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    expect(await open("?keyword=constructor&keyword=idlib&source=toString&translator=__proto__&year=hasOwnProperty")).toEqual(IDLIB);
    expect(await page.locator("#search-notice p").first().textContent()).toBe(
      "Not in this archive, so left out of the search: keyword “constructor”, source “toString”, year “hasOwnProperty”, translator “__proto__”.",
    );
    expect(new URL(page.url()).search).toBe("?keyword=idlib");
    // Only unknown values: nothing is filtered, nothing breaks.
    await page.goto(`${server.url}/search/?keyword=__proto__`);
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent?.startsWith("Type words"));
    expect(await page.isVisible("#search-notice")).toBe(true);
    expect(errors).toEqual([]);
    page.removeAllListeners("pageerror");
  });

  it("narrows with each filter, widens with a second value of the same filter", async () => {
    expect(await open("?keyword=idlib&source=wadi-press")).toEqual(["Idlib council meets", "Wells run dry"]);
    expect(await open("?keyword=idlib&source=wadi-press&source=qalamoun-daily")).toEqual(["Idlib council meets", "Wells run dry", "Markets in Kafr Ruman"]);
    expect(await open("?keyword=idlib&year=2024")).toEqual(["عودة الحركة إلى معبر أبو الزندين", "Idlib council meets"]);
    expect(await open("?keyword=idlib&language=ar")).toEqual(["عودة الحركة إلى معبر أبو الزندين"]);
    expect(await open("?keyword=idlib&translator=ledger-translation-desk&year=2023")).toEqual(["Wells run dry", "Markets in Kafr Ruman"]);
  });

  it("shows counts that say what each value would add, and updates them", async () => {
    await open("?keyword=idlib&source=wadi-press");
    const count = (filter: string, value: string) =>
      page.locator(`fieldset[data-filter="${filter}"] li`).filter({ hasText: value }).locator(".count").textContent();
    // Source counts ignore the source filter itself (OR), but respect the keyword (AND).
    expect(await count("source", "Wadi Press")).toBe("2");
    expect(await count("source", "Qalamoun Daily")).toBe("1");
    await openFilter("year");
    expect(await count("year", "2024")).toBe("1");
    await page.check('fieldset[data-filter="source"] input[value="Qalamoun Daily"]');
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "3 articles with the chosen filters");
    expect(await count("year", "2023")).toBe("2");
  });

  it("keeps its state in the URL and restores it from a shared link", async () => {
    await open("?keyword=idlib");
    await openFilter("source");
    await page.check('fieldset[data-filter="source"] input[value="Wadi Press"]');
    await page.waitForFunction(() => location.search.includes("source=wadi-press"));
    expect(new URL(page.url()).search).toBe("?keyword=idlib&source=wadi-press");
    await page.fill("#search-q", "council");
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => location.search.startsWith("?q=council"));

    expect(await open("?q=wells&keyword=idlib&year=2023&sort=date")).toEqual(["Wells run dry"]);
    expect(await page.inputValue("#search-q")).toBe("wells");
    expect(await page.inputValue("#search-sort")).toBe("date");
    expect(await page.isChecked('fieldset[data-filter="keyword"] input[value="Idlib"]')).toBe(true);
    expect(await page.isChecked('fieldset[data-filter="year"] input[value="2023"]')).toBe(true);
  });

  it("sorts by date, newest first, and shows more results 20 at a time", async () => {
    const first = await open("?q=cistern&sort=date");
    expect(first).toHaveLength(20);
    expect(first[0]).toBe("Cistern report 44");
    const times = await page.locator("#search-list time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")!));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await page.locator("#search-status").textContent()).toBe("45 results for “cistern”");
    await page.dblclick("#search-more"); // an impatient double click adds one page, not two copies
    await page.waitForFunction(() => document.querySelectorAll("#search-list .card").length === 40);
    await page.waitForTimeout(300);
    const titles = await page.locator("#search-list .card__title a").allTextContents();
    expect(new Set(titles).size).toBe(40);
    // Focus moves to the first new result, so keyboard users continue where the list grew.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cistern report 24");
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-list .card").length === 45);
    expect(await page.isHidden("#search-more")).toBe(true);
  });

  it("never lists results of a search the reader has already replaced", async () => {
    const fragments = /\/pagefind\/([^/]+\/)?fragment\//;
    let slow = false;
    await page.route(fragments, async (route) => {
      if (slow) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    try {
      expect(await open("?q=cistern&sort=date")).toHaveLength(20);
      slow = true;
      await page.click("#search-more"); // its results arrive late...
      await page.waitForTimeout(200);
      slow = false;
      await page.fill("#search-q", "reservoir"); // ...after the reader has searched again
      await page.waitForFunction(() => document.getElementById("search-status")?.textContent?.includes("reservoir"));
      await page.waitForTimeout(1800);
      // Still newest first, as the address asked.
      expect(await page.locator("#search-list .card__title a").allTextContents()).toEqual(["Water news in brief", "Reservoir repairs begin"]);
    } finally {
      await page.unroute(fragments);
    }
  });

  it("narrows a long keyword list as you type", async () => {
    await open("?q=cistern");
    await openFilter("keyword");
    expect(await page.locator('fieldset[data-filter="keyword"] li').count()).toBe(12);
    expect(await page.locator('fieldset[data-filter="keyword"] .filter__more').textContent()).toBe("4 more: type to find one");
    await page.locator('fieldset[data-filter="keyword"] .filter__narrow').fill("district 1");
    const labels = await page.locator('fieldset[data-filter="keyword"] label bdi').allTextContents();
    expect(labels.sort()).toEqual(["District 1", "District 10", "District 11", "District 12", "District 13", "District 14"]);
    // Focus stays in the box while the list changes under it.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("filter__narrow"))).toBe(true);
  });

  it("ranks a headline match above body matches, never finds disclaimer text, and finds keywords", async () => {
    expect(await open("?q=reservoir")).toEqual(["Reservoir repairs begin", "Water news in brief"]);
    // "expresses" is only in the site's disclaimer; "district" only in keywords, which the
    // search record holds below the body (tests/search-people.test.ts).
    expect(await open("?q=expresses")).toEqual([]);
    const district = await open("?q=district");
    expect(district.length).toBeGreaterThan(0);
    expect(district.every((t) => t.startsWith("Cistern report"))).toBe(true);
    expect(await open("?keyword=district-1")).toEqual(["Cistern report 31", "Cistern report 16", "Cistern report 1"]);
  });

  it("fetches a filter's data only when the filter is used or opened", async () => {
    const fetched: string[] = [];
    const listener = (r: { url(): string }) => void (/\/pagefind\/([^/]+\/)?filter\//.test(r.url()) && fetched.push(r.url()));
    page.on("request", listener);
    await open("?q=cistern");
    expect(fetched).toEqual([]);
    expect(await page.locator("details.filter--closed").count()).toBe(7); // keyword, source, year, language, author, translator, editor
    await openFilter("year");
    expect(fetched).toHaveLength(bundles.length); // one filter file per bundle
    page.off("request", listener);
  });

  it("narrows to a keyword from a result's keyword chip", async () => {
    await open("?q=pumping");
    await page.click('#search-list .chip:text-is("Idlib")');
    await page.waitForFunction(() => location.search.includes("keyword=idlib"));
    expect(await settled()).toEqual(["Idlib council meets"]);
    expect(await page.getAttribute('#search-list .chip:text-is("Idlib")', "aria-pressed")).toBe("true");
  });

  it("shows right-to-left results right to left", async () => {
    await open("?language=ar");
    expect(await page.locator("#search-list .card").first().getAttribute("dir")).toBe("rtl");
  });

  it("highlights the searched words on the article a result leads to", async () => {
    await open("?q=pumping");
    await Promise.all([page.waitForURL(/\/2024\/01\/idlib-one\/\?highlight=pumping$/), page.click("#search-list .card__title a")]);
    await page.waitForSelector(".article__body mark");
    expect(await page.locator(".article__body mark").first().textContent()).toBe("pumping");
  });

  it("announces results to screen readers and lets keyboard users reach them", async () => {
    await open("?q=cistern");
    expect(await page.getAttribute("#search-status", "role")).toBe("status");
    // Choosing a filter from the keyboard keeps the focus on that checkbox while the list redraws.
    await page.locator('details.filter--closed[data-filter="year"] > summary').click();
    await page.waitForSelector('fieldset[data-filter="year"] input');
    await page.focus('fieldset[data-filter="year"] input[value="2020"]');
    await page.keyboard.press("Space");
    await page.waitForFunction(() => location.search.includes("year=2020"));
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === "2020");
    // The narrowed results drawn, so that tabbing meets them rather than the list being redrawn.
    await page.waitForSelector("#search-list .card__title a");
    await page.focus("#search-q");
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => !!document.activeElement?.closest("#search-list"));
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");
  });

  it("says plainly that search needs JavaScript when it is off, and the form still submits", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/search/`);
    expect(await noJs.locator(".notice:visible").textContent()).toContain("needs JavaScript");
    await noJs.fill("#search-q", "wells");
    await Promise.all([noJs.waitForURL(/\/search\/\?q=wells/), noJs.press("#search-q", "Enter")]);
    await context.close();
  });

  it("has no serious or critical axe violations with results and filters, on a phone and a desktop", async () => {
    for (const width of [390, 1280]) {
      const p = await browser.newPage({ viewport: { width, height: 900 } });
      await open("?q=council&keyword=idlib", p);
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        return (await axe.run()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      });
      expect(violations, `${width}px`).toEqual([]);
      await p.close();
    }
  });
});
