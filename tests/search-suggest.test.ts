// Help when nothing matches: the build writes the archive's own vocabulary (names of every facet
// with their aliases, headline words) to /search/words.json; the search page, only when a search
// finds nothing, offers the closest word ("Did you mean harbour?") and names, each a link that runs
// that search, then the keyword, source and date indexes; a link naming a keyword or translator
// the archive does not have says so and offers the closest ones. Driven in Chromium on the sample
// site (content/) with a few articles added.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { headlineWords, type SearchVocabulary } from "../src/archive/build/search-words.ts";
import { articleFile } from "./helpers/articles.ts";
import { browserSkipReason, browseSite, layoutShift, watchLayoutShift, type BrowsedSite } from "./helpers/browser.ts";
import { copyContent, ROOT } from "./helpers/site.ts";
import { modelFrom } from "./helpers/model.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("the archive's vocabulary (words.json)", () => {
  const { model } = modelFrom(
    {
      "a/1.md": articleFile({ title: "Harbour reopens at Tell Sanawbar", date: "2024-01-01", keywords: ["Tell Sanawbar", "Fisheries"], translator: "Rana Haddad" }),
      "a/2.md": articleFile({ title: "harbour fees rise; the harbour's boats wait", date: "2024-01-02", keywords: ["Tel Sanawbar"], translator: "Rana Haddad" }),
      "a/3.md": articleFile({ title: "Fishermen return to the harbour", date: "2024-01-03", keywords: ["Tell Sanawbar"], source: "The Orontes Courier" }),
      "a/4.md": articleFile({ title: "عودة الزراعة إلى السهل", date: "2024-01-04", lang: "ar", keywords: ["الزراعة"] }),
      "a/5.md": articleFile({ title: "زراعة القمح في السهل", date: "2024-01-05", lang: "ar", keywords: ["زراعة"] }),
    },
    { aliases: { "Tel Sanawbar": "Tell Sanawbar" } },
  );
  const words: SearchVocabulary = model.search.words;
  const names = Object.fromEntries(words.names.map((n) => [n.key, n.values]));

  it("lists every facet's names, most used first, each with its slug and alias spellings", () => {
    expect(words.names.map((n) => n.key)).toEqual(["keyword", "source", "author", "translator", "editor"]);
    expect(names.keyword).toEqual([
      ["Tell Sanawbar", "tell-sanawbar", "tel sanawbar"],
      ["Fisheries", "fisheries"],
      ["الزراعة", "الزراعة"],
      ["زراعة", "زراعة"],
    ]);
    // Articles without a translator carry the site's default one (three of five here).
    expect(names.translator).toEqual([["Ledger Translation Desk", "ledger-translation-desk"], ["Rana Haddad", "rana-haddad"]]);
    expect(names.source).toEqual([["Wadi Press", "wadi-press"], ["The Orontes Courier", "the-orontes-courier"]]);
  });

  it("lists headline words once as search compares them, most frequent first, in their most used spelling", () => {
    // harbour: in three headlines (once as "harbour's"), written "harbour" more often than "Harbour";
    // then the words of two headlines each, in the order of their compared forms.
    expect(words.words.slice(0, 4)).toEqual(["harbour", "the", "زراعة", "السهل"]);
    // الزراعة and زراعة are one word to Arabic search (light stemming): listed once.
    expect(words.words.filter((w) => w.endsWith("زراعة"))).toHaveLength(1);
    // Words of fewer than three letters and bare numbers are never suggested.
    expect(words.words).not.toContain("at");
    expect(headlineWords(["Route 66 closes in 2024", "Route 66"])).toEqual(["Route", "closes"]);
  });

  it("keeps the most frequent words when there are more than it may list", () => {
    expect(headlineWords(["alpha beta gamma", "beta gamma", "gamma"], 2)).toEqual(["gamma", "beta"]);
  });
});

/** The sample site's articles, and a few more: an editor's markup in a keyword and a source. */
function sampleFiles(): Record<string, string> {
  const dir = join(ROOT, "content/articles");
  const files: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith(".md")) files[relative(dir, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name), "utf8");
  }
  files["2024/10/2024-10-01-hostile.md"] = articleFile({
    title: "Quarry workers strike",
    date: "2024-10-01",
    source: `Onerror <img src=x onerror="window.__pwned=1">`,
    keywords: [`<img src=x onerror="window.__pwned=2">Quarries`],
    body: "Workers at the quarry stopped work on Monday.",
  });
  return files;
}

describe.skipIf(!!browserSkipReason)("help when nothing matches", () => {
  let site: BrowsedSite;
  let page: Page;
  /** Paths the page fetched since the last open(). */
  let fetched: string[] = [];

  beforeAll(async () => {
    site = await browseSite({ files: sampleFiles(), contentDir: await copyContent() });
    ({ page } = site);
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  }, 120_000);
  afterAll(() => site?.close());

  /** Opens the search page at `query` and waits for the status line to give a count. */
  async function open(query: string): Promise<void> {
    fetched = [];
    await page.goto(`${site.url}/search/${query}`);
    await settled();
  }
  async function settled(): Promise<void> {
    await page.waitForFunction(() => /\d+ (results?|articles?)\b|^Type words/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
  }
  /** The text a sighted reader sees (not what is there for screen readers only). */
  const text = (selector: string) =>
    page.locator(selector).evaluate((node) => {
      const copy = node.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".visually-hidden").forEach((n) => n.remove());
      return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
    });
  const links = (selector: string) => page.locator(`${selector} a`).evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  const titles = () => page.locator("#search-list .card__title a").allTextContents();

  it("writes the vocabulary as a file of the site, small, and fetches it only when a search finds nothing", async () => {
    const written = JSON.parse(await site.site.text("search/words.json")) as SearchVocabulary;
    expect(written.words).toContain("harbour");
    expect(written.names.find((n) => n.key === "keyword")!.values).toContainEqual(["Abu al-Zindeen crossing", "abu-al-zindeen-crossing", "abou al-zindeen crossing"]);
    await open("?q=harbour");
    expect(await titles()).toContain("Tell Sanawbar harbour reopens to fishing boats after breakwater repairs");
    expect(await page.isVisible("#search-help")).toBe(false);
    expect(fetched).not.toContain("/search/words.json");
    await open("?q=harbor");
    expect(fetched).toContain("/search/words.json");
  });

  it("suggests the archive's word for a misspelling (harbor), as a link that runs that search", async () => {
    await open("?q=harbor");
    expect(await text("#search-status")).toBe("0 results for “harbor”");
    expect(await text(".search-help__suggest")).toMatch(/^Did you mean harbour \(\d+ results?\)\?$/);
    await page.click(".search-help__suggest a");
    await settled();
    expect(new URL(page.url()).search).toBe("?q=harbour");
    expect(await titles()).toContain("Tell Sanawbar harbour reopens to fishing boats after breakwater repairs");
    expect(await page.isVisible("#search-help")).toBe(false);
  });

  it.each([
    ["Sanawbr", "Sanawbar", ["Tell Sanawbar keyword", "Sawt Tell Sanawbar source"]],
    ["Zindin", "Zindeen", ["Abu al-Zindeen crossing keyword", "Abu al-Zindeen Crossing Administration source"]],
  ])("suggests the closest word and names for %s", async (query, word, names) => {
    await open(`?q=${encodeURIComponent(query)}`);
    expect(await text(".search-help__suggest")).toMatch(new RegExp(`^Did you mean ${word} \\(\\d+ results?\\)\\?$`));
    expect(await page.locator(".search-help__names li").allInnerTexts()).toEqual(names);
  });

  it("finds nothing for a misspelt name that shares only a prefix (Rana Hadad), then offers the person", async () => {
    // Pagefind alone matched "Hadad" by prefix; only real matches count, so the name is suggested.
    await open(`?q=${encodeURIComponent("Rana Hadad")}`);
    expect(await text("#search-status")).toBe("0 results for “Rana Hadad”");
    expect(await text(".search-help__suggest")).toMatch(/^Did you mean Rana Haddad \(\d+ results?\)\?$/);
    expect(await page.locator(".search-help__names li").allInnerTexts()).toContain("Rana Haddad translator");
  });

  it("links a suggested name to its articles", async () => {
    await open("?q=Sanawbr");
    expect(await links(".search-help__names")).toEqual([
      ["Tell Sanawbar", "?keyword=tell-sanawbar"],
      ["Sawt Tell Sanawbar", "?source=sawt-tell-sanawbar"],
    ]);
    await page.click(".search-help__names a >> nth=0");
    await settled();
    expect(await text("#search-status")).toBe("4 articles with the chosen filters");
  });

  it("compares Arabic after folding and light stemming, and shows it isolated, right to left", async () => {
    // الزراعا: a typo for الزراعة (agriculture).
    await open(`?q=${encodeURIComponent("الزراعا")}`);
    const suggestion = page.locator(".search-help__suggest a bdi");
    expect(await suggestion.textContent()).toBe("الزراعة");
    expect(await suggestion.getAttribute("dir")).toBe("rtl");
    expect(await suggestion.getAttribute("lang")).toBe("ar");
    expect(await page.locator(".search-help__names bdi[dir=rtl][lang=ar]").allTextContents()).toEqual(["الزراعة"]);
  });

  it("announces the suggestions with the result count", async () => {
    await open("?q=Sanawbr");
    expect(await page.locator("#search-status").textContent()).toBe(
      "0 results for “Sanawbr”. Did you mean Sanawbar? Close names: keyword Tell Sanawbar, source Sawt Tell Sanawbar.",
    );
  });

  it("offers the words without the filters when only the filters leave nothing", async () => {
    await open("?q=harbour&source=wadi-press");
    expect(await text("#search-suggestions")).toMatch(/^Search all articles for “harbour” \(\d+ results? without the filters\)\.$/);
    expect(await links("#search-suggestions")).toEqual([["Search all articles for “harbour”", "?q=harbour"]]);
  });

  it("always links to the keyword, source and date indexes, and says so when nothing is close", async () => {
    await open("?q=xqzvw");
    expect(await text("#search-suggestions")).toBe("Check the spelling, or try other or fewer words.");
    expect(await links(".search-help__browse")).toEqual([
      ["keyword", "/keywords/"],
      ["source", "/sources/"],
      ["date", "/archive/"],
    ]);
  });

  it("still offers the indexes when the vocabulary cannot be fetched", async () => {
    const p = await site.browser.newPage();
    const errors: string[] = [];
    p.on("pageerror", (e) => errors.push(e.message));
    try {
      await p.route("**/search/words.json", (route) => route.abort());
      await p.goto(`${site.url}/search/?q=harbor`);
      await p.waitForFunction(() => /\d+ results?\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
      expect(await p.locator("#search-status").textContent()).toBe("0 results for “harbor”");
      expect(await p.locator("#search-suggestions").innerText()).toBe("Check the spelling, or try other or fewer words.");
      expect(await p.isVisible(".search-help__browse a[href='/keywords/']")).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("shows an editor's markup in a suggested name as text", async () => {
    await open("?keyword=quarries&source=onerror");
    await page.waitForSelector("#search-notice a[href*=quarries]");
    expect(await page.locator("#search-notice p").allInnerTexts()).toEqual([
      "Not in this archive, so left out of the search: keyword “quarries”, source “onerror”.",
      `For keyword “quarries”, did you mean <img src=x onerror="window.__pwned=2">Quarries?`,
      `For source “onerror”, did you mean Onerror <img src=x onerror="window.__pwned=1">?`,
      "See every keyword or every source.",
    ]);
    expect(await page.locator("#search-notice img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("offers a keyword for a link with another spelling of it (its alias)", async () => {
    // "Abou al-Zindeen crossing" stands for "Abu al-Zindeen crossing" in keywords.yaml.
    await open("?keyword=abou-zindeen");
    await page.waitForSelector("#search-notice a[href*=zindeen]");
    expect(await links("#search-notice p:nth-child(2)")).toEqual([["Abu al-Zindeen crossing", "?keyword=abu-al-zindeen-crossing"]]);
  });

  it("names a keyword and a translator a link has that the archive does not, with the closest ones and their indexes", async () => {
    await open("?keyword=sanawbar&keyword=agriculture&translator=rana");
    expect(await text("#search-status")).toMatch(/^\d+ articles with the chosen filters$/);
    // Screen readers hear what was left out with the count.
    expect(await page.locator("#search-status").textContent()).toMatch(/^\d+ articles with the chosen filters\. Not in this archive: keyword “sanawbar”, translator “rana”\.$/);
    await page.waitForSelector("#search-notice a[href*=tell-sanawbar]");
    expect(await page.locator("#search-notice p").allInnerTexts()).toEqual([
      "Not in this archive, so left out of the search: keyword “sanawbar”, translator “rana”.",
      "For keyword “sanawbar”, did you mean Tell Sanawbar?",
      "For translator “rana”, did you mean Rana Haddad?",
      "See every keyword or every translator.",
    ]);
    // Each offer keeps the values that were found and adds the suggested one.
    expect(await links("#search-notice")).toEqual([
      ["Tell Sanawbar", "?keyword=agriculture&keyword=tell-sanawbar"],
      ["Rana Haddad", "?keyword=agriculture&translator=rana-haddad"],
      ["every keyword", "/keywords/"],
      ["every translator", "/translators/"],
    ]);
    await page.click("#search-notice a >> nth=0");
    await settled();
    expect(await text("#search-status")).toMatch(/^\d+ articles with the chosen filters$/);
    expect(await page.isVisible("#search-notice")).toBe(false);
  });

  it("says an unknown value has no close one rather than guessing", async () => {
    await open("?keyword=nope");
    await page.waitForSelector("#search-notice a");
    expect(await page.locator("#search-notice p").allInnerTexts()).toEqual(["Not in this archive, so left out of the search: keyword “nope”.", "See every keyword."]);
  });

  it.each([390, 1280])("has no serious axe violations and shifts nothing as help and notices arrive, %i px wide", async (width) => {
    const p = await site.browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
    try {
      await watchLayoutShift(p);
      for (const query of ["?q=Sanawbr", `?q=${encodeURIComponent("الزراعا")}`, "?keyword=sanawbar&keyword=agriculture&translator=rana"]) {
        await p.goto(`${site.url}/search/${query}`);
        await p.waitForFunction(() => /\d+ (results?|articles?)\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
        await p.waitForSelector("#search-help:not([hidden]) a, #search-notice:not([hidden]) p:nth-child(3)");
        await p.waitForTimeout(300);
        expect(await layoutShift(p), query).toBeLessThanOrEqual(0.1);
        await p.addScriptTag({ content: axeSource });
        const violations = await p.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
          return (await axe.run()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
        });
        expect(violations, query).toEqual([]);
      }
    } finally {
      await p.close();
    }
  });

  it("reaches the suggestions from the search box with the keyboard", async () => {
    await open("?q=harbor");
    await page.focus("#search-q");
    const order: string[] = [];
    // Past the button, the order and the filter groups.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.id || ""));
      if (order.at(-1) === "harbour") break;
    }
    expect(order).toContain("harbour");
    await page.keyboard.press("Enter");
    await settled();
    expect(new URL(page.url()).search).toBe("?q=harbour");
  });
});
