// How search results look: excerpts from the body (never the headline again) with ellipses where
// cut, headline words marked, filter groups that close again, one search box, and no layout shift
// as results arrive, on a phone and a desktop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { articleFile } from "./helpers/articles.ts";
import { browserSkipReason, browseSite, layoutShift, watchLayoutShift, type BrowsedSite } from "./helpers/browser.ts";
import { FIXTURE_CONTENT } from "./helpers/site.ts";
import { files } from "./fixtures/articles.ts";

const filler = (n: number) => Array.from({ length: n }, (_, i) => `Crews worked on section ${i} of the wall.`).join(" ");

/** Articles whose headline and body both say "breakwater", the body match far from its start. */
const harbour = {
  "gen/2024-05-01-breakwater.md": articleFile({
    title: "Breakwater repairs finish at the north harbour",
    date: "2024-05-01",
    source: "Harbour Weekly",
    keywords: ["Harbours"],
    body: `${filler(12)} The new breakwater stands three metres higher than the old one. ${filler(12)}`,
  }),
};

describe.skipIf(!!browserSkipReason)("search results' presentation", () => {
  let site: BrowsedSite;
  let page: Page;

  beforeAll(async () => {
    site = await browseSite({ files: { ...files, ...harbour }, contentDir: FIXTURE_CONTENT });
    ({ page } = site);
  });
  afterAll(() => site?.close());

  async function open(query: string, p: Page = page): Promise<void> {
    await p.goto(`${site.url}/search/${query}`);
    await p.waitForFunction(() => /\d+ (results?|articles?)\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
  }

  function card(title: string) {
    return page.locator("#search-list .card").filter({ has: page.locator(".card__title", { hasText: title }) });
  }

  it("shows an excerpt from the body around the match, cut with ellipses, not the headline again", async () => {
    await open("?q=breakwater");
    const summary = await card("Breakwater repairs finish").locator(".card__summary").textContent();
    expect(summary).not.toContain("Breakwater repairs finish");
    expect(summary).toMatch(/^….*The new breakwater stands three metres higher.*…$/);
    expect(await card("Breakwater repairs finish").locator(".card__summary mark").allTextContents()).toEqual(["breakwater"]);
  });

  it("marks the query's words in the headline, as text", async () => {
    await open("?q=breakwater%20harbour");
    const title = card("Breakwater repairs finish").locator(".card__title a");
    expect(await title.locator("mark").allTextContents()).toEqual(["Breakwater", "harbour"]);
    expect(await title.textContent()).toBe("Breakwater repairs finish at the north harbour");
  });

  it("has one search box on the search page, and the header's elsewhere", async () => {
    await open("?q=breakwater");
    expect(await page.locator('input[type="search"]:visible').count()).toBe(1);
    expect(await page.locator("#site-search-q").count()).toBe(0);
    await page.goto(`${site.url}/`);
    expect(await page.locator("#site-search-q").count()).toBe(1);
  });

  it("opens a filter group and closes it again", async () => {
    await open("?q=breakwater");
    await page.locator('details.filter--closed[data-filter="year"] > summary').click();
    await page.waitForSelector('fieldset[data-filter="year"] input');
    const group = page.locator('details.filter-group[data-filter="year"]');
    expect(await group.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    await group.locator("> summary").click();
    expect(await group.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    expect(await page.isVisible('fieldset[data-filter="year"]')).toBe(false);
    // Closed stays closed when the list is redrawn, and opens again.
    await page.fill("#search-q", "wall");
    await page.waitForFunction(() => /for “wall”/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await group.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    await group.locator("> summary").click();
    expect(await page.isVisible('fieldset[data-filter="year"] input')).toBe(true);
  });

  it("announces the result count to screen readers", async () => {
    await open("?q=breakwater");
    const status = page.locator("#search-status");
    expect(await status.getAttribute("role")).toBe("status");
    expect(await status.textContent()).toMatch(/^\d+ results? for “breakwater”$/);
  });

  it.each([390, 1280])("shifts the layout by no more than 0.1 as results arrive, %i px wide", async (width) => {
    const p = await site.browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
    try {
      await watchLayoutShift(p);
      await open("?q=breakwater", p);
      await p.waitForTimeout(500);
      expect(await layoutShift(p)).toBeLessThanOrEqual(0.1);
    } finally {
      await p.close();
    }
  });
});
