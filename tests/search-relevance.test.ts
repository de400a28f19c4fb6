// Search that readers can trust: a judged relevance set (tests/fixtures/relevance.ts, 70 queries
// in English and Arabic) searched on the built search page in a browser, as a reader would. Every
// query returns the articles it must and none it must not; precision at 5 and recall per category
// are printed and held to the figures in docs/search.md.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, browseSite, type BrowsedSite } from "./helpers/browser.ts";
import { fixtureContentWith } from "./helpers/site.ts";
import { articles, headlineFirst, judgements, keywordsYaml, type Category, type Judgement } from "./fixtures/relevance.ts";

/** Per category: mean precision at 5 and mean recall, at least (docs/search.md, "after"). */
const FLOOR: Record<Category, { p5: number; recall: number }> = {
  places: { p5: 1, recall: 1 },
  people: { p5: 1, recall: 1 },
  transliteration: { p5: 1, recall: 1 },
  "arabic-forms": { p5: 1, recall: 1 },
  "arabic-spelling": { p5: 1, recall: 1 },
  misspellings: { p5: 1, recall: 1 },
  phrases: { p5: 1, recall: 1 },
  absent: { p5: 1, recall: 1 },
};

interface Scored extends Judgement {
  found: string[];
  /** Relevant share of the first five results; 1 when nothing is shown (nothing shown is nothing wrong). */
  p5: number;
  /** Share of the relevant articles found; 1 when none is relevant. */
  recall: number;
}

function score(j: Judgement, found: string[]): Scored {
  const top = found.slice(0, 5);
  const p5 = top.length ? top.filter((s) => j.must.includes(s)).length / top.length : 1;
  const recall = j.must.length ? j.must.filter((s) => found.includes(s)).length / j.must.length : 1;
  return { ...j, found, p5, recall };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per category: queries, mean P@5, mean recall, and queries that returned an article they must not. */
function table(scored: Scored[]): Record<string, { queries: number; p5: number; recall: number; wrong: number }> {
  const out: Record<string, { queries: number; p5: number; recall: number; wrong: number }> = {};
  for (const category of [...new Set(scored.map((s) => s.category)), "all"]) {
    const rows = category === "all" ? scored : scored.filter((s) => s.category === category);
    out[category] = {
      queries: rows.length,
      p5: Number(mean(rows.map((r) => r.p5)).toFixed(2)),
      recall: Number(mean(rows.map((r) => r.recall)).toFixed(2)),
      wrong: rows.filter((r) => r.found.some((s) => r.mustNot.includes(s))).length,
    };
  }
  return out;
}

describe.skipIf(!!browserSkipReason)("search relevance, judged", () => {
  let site: BrowsedSite;
  const scored = new Map<string, Scored>();

  /** The slugs of the articles the search page lists for `query`, in its order. */
  async function searchPage(query: string): Promise<string[]> {
    const { page, url } = site;
    await page.goto(`${url}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /\d+ results?\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
    const hrefs = await page.locator("#search-list .card__title a").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    return hrefs.map((path) => path.split("/").filter(Boolean).pop()!);
  }

  beforeAll(async () => {
    const contentDir = await fixtureContentWith({});
    await writeFile(join(contentDir, "keywords.yaml"), `${keywordsYaml}\n`);
    site = await browseSite({ files: articles, contentDir });
    for (const j of judgements) scored.set(j.query, score(j, await searchPage(j.query)));
    const figures = table([...scored.values()]);
    console.log(`search relevance (P@5, recall, queries with a wrong result):\n${JSON.stringify(figures, null, 1)}`);
    if (process.env.GAZETTE_RELEVANCE_OUT) await writeFile(process.env.GAZETTE_RELEVANCE_OUT, JSON.stringify({ figures, queries: [...scored.values()] }, null, 1));
  }, 300_000);
  afterAll(() => site?.close());

  it("has at least 60 queries, in English and Arabic, in every category", () => {
    expect(judgements.length).toBeGreaterThanOrEqual(60);
    expect(judgements.filter((j) => /\p{Script=Arabic}/u.test(j.query)).length).toBeGreaterThanOrEqual(20);
    expect(new Set(judgements.map((j) => j.category)).size).toBe(Object.keys(FLOOR).length);
  });

  it.each(judgements.map((j) => [j.category, j.query]))("%s: “%s” returns what it must and nothing it must not", (_, query) => {
    const { found, must, mustNot } = scored.get(query)!;
    expect(found.filter((s) => mustNot.includes(s)), "articles it must not return").toEqual([]);
    expect(must.filter((s) => !found.includes(s)), "articles it must return but did not").toEqual([]);
  });

  it.each(Object.entries(headlineFirst))("ranks the article with “%s” in its headline first", (query, slug) => {
    expect(scored.get(query)!.found[0]).toBe(slug);
  });

  it("marks an Arabic match as written, in the headline and the excerpt, and keeps the stems out of the text", async () => {
    await searchPage("زراعة");
    const card = site.page.locator("#search-list .card", { has: site.page.locator('a[href*="/ar-farming/"]') });
    expect(await card.locator(".card__title mark").allTextContents()).toEqual(["الزراعة"]);
    const marks = await card.locator(".card__summary mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["الزراعة"]));
    // The index's forms (زراع, مزارع) are metadata, never shown.
    expect(await card.locator(".card__summary").textContent()).not.toMatch(/(^|\s)زراع(\s|$)/u);
  });

  it("has the article page mark an Arabic match as written, after following a result", async () => {
    await searchPage("مزارعين");
    await site.page.locator('#search-list a[href*="/ar-farming/"]').first().click();
    await site.page.waitForSelector(".article__body mark");
    const marked = await site.page.locator(".article__body mark").allTextContents();
    expect(new Set(marked)).toEqual(new Set(["المزارعون", "المزارعين", "للمزارعين"]));
  });

  it("counts only real matches in the filters", async () => {
    // "Halab" (an alias of Aleppo) is the start of "Halabi", the harbour article's author: Pagefind
    // matches both; the page keeps and counts the Aleppo articles only.
    await searchPage("Halab");
    await site.page.locator('details.filter--closed[data-filter="keyword"] > summary').click();
    await site.page.waitForSelector('fieldset[data-filter="keyword"]');
    const counts = await site.page.locator('fieldset[data-filter="keyword"] label').allTextContents();
    expect(counts.map((c) => c.replace(/\s+/g, " ").trim()).sort()).toEqual(["Aleppo 3", "Electricity 1", "Markets 1", "الكهرباء 1"].sort());
  });

  it("holds precision at 5 and recall per category to the documented figures", () => {
    const figures = table([...scored.values()]);
    for (const [category, floor] of Object.entries(FLOOR)) {
      expect(figures[category]!.p5, `${category} P@5`).toBeGreaterThanOrEqual(floor.p5);
      expect(figures[category]!.recall, `${category} recall`).toBeGreaterThanOrEqual(floor.recall);
    }
  });
});
