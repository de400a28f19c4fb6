// Builds a small fixture site with the real build command and reads the HTML and search index.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";
import { files } from "./fixtures/articles.ts";

let site: BuildResult;

beforeAll(async () => {
  site = await buildSite({ files, contentDir: FIXTURE_CONTENT });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
});

describe("article page", () => {
  it("is published at /yyyy/mm/slug/ with the site time zone deciding year and month", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($("h1").text()).toBe("Harbour reopens after the storm");
    const ny = await site.html("2025/01/new-year/index.html");
    expect(ny("time").first().attr("datetime")).toBe("2025-01-01T02:30:00+03:00");
    // A date without a time is midnight in the site zone, not UTC.
    const one = await site.html("2024/01/idlib-one/index.html");
    expect(one("time").first().attr("datetime")).toBe("2024-01-10T00:00:00+03:00");
  });

  it("renders every field of the contract", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($("html").attr("lang")).toBe("en");
    expect($("title").text()).toBe("Harbour reopens after the storm — The Levant Ledger");
    expect($(".standfirst").text()).toBe("Fishermen return to Tell Sanawbar");
    expect($('meta[name="description"]').attr("content")).toBe("The small harbour reopened on Tuesday after three weeks of repairs.");
    expect($('link[rel="canonical"]').attr("href")).toBe("https://ledger.example.org/2024/03/harbour-reopens/");
    expect($(".dateline time").first().attr("datetime")).toBe("2024-03-05T15:30:00+03:00");
    expect($(".dateline").text()).toContain("Updated");
    const provenance = $(".provenance");
    expect(provenance.find('a[href="/sources/the-orontes-courier/"]').text()).toBe("The Orontes Courier");
    expect(provenance.find('a[href="https://courier.example.org/2024/03/harbour"]').text()).toBe("Original article");
    expect(provenance.find('a[href="/translators/nour-haddad/"]').text()).toBe("Nour Haddad");
    expect(provenance.find('cite[lang="ar"]').text()).toBe("الميناء يعود إلى العمل");
    expect(provenance.text()).toContain("سامر الحلبي (Samer al-Halabi)");
    expect(provenance.find("bdi").filter((_, e) => $(e).text() === "Nour Haddad")).toHaveLength(1);
    expect($(".lead-image img").attr("alt")).toBe("Boats moored in a small harbour at dawn");
    expect($(".lead-image figcaption").text()).toContain("Courier archive");
    expect($(".article__body blockquote").text()).toContain("We lost three weeks of catch");
    expect($(".article__body table td").first().text()).toBe("Working");
    expect($(".disclaimer").text()).toContain("translated by Nour Haddad");
    expect($(".article__keywords a").map((_, a) => $(a).attr("href")).get()).toEqual(["/keywords/harbour/", "/keywords/fishing/"]);
  });

  it("shows {{ and {% in a body literally: Markdown is never a template", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($(".article__body").text()).toContain("A form still read {{ braces }} and {% raw %} in its footer.");
  });

  it("keeps the disclaimer out of the searchable body and honours false and custom text", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($(".disclaimer").text()).toContain("has not verified its content");
    expect((await indexedPage("/2024/03/harbour-reopens/")).content).not.toContain("has not verified its content");
    expect((await site.html("2024/01/idlib-one/index.html"))(".disclaimer")).toHaveLength(0);
    expect((await site.html("2023/11/idlib-two/index.html"))(".disclaimer").text().trim()).toBe("A custom note from the desk: read with care.");
  });

  it("sets lang and dir for right-to-left articles and keeps the site chrome in the site language", async () => {
    const $ = await site.html("2024/05/arabic/index.html");
    expect($("html").attr("lang")).toBe("ar");
    expect($("html").attr("dir")).toBe("rtl");
    expect($(".masthead").attr("lang")).toBe("en");
    expect($(".masthead").attr("dir")).toBe("ltr");
    // The credit is in the article's language: no lang or dir of its own.
    expect($(".provenance").attr("dir")).toBeUndefined();
    expect($(".dateline time").first().text()).toMatch(/[\u0660-\u0669]|[\u0600-\u06FF]/);
  });

  it("links older and newer articles by date", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($('a[rel="prev"]').attr("href")).toBe("/2024/01/idlib-one/");
    expect($('a[rel="next"]').attr("href")).toBe("/2024/05/arabic/");
  });

  it("reads files saved with a BOM and CRLF line endings", async () => {
    const $ = await site.html("2023/06/windows/index.html");
    expect($("h1").text()).toBe("Markets in Kafr Ruman");
  });

  it("leaves drafts and future articles out of a production build", async () => {
    const dirs = await readdir(site.out);
    expect(dirs).not.toContain("2099");
    await expect(readFile(join(site.out, "2025/02/draft/index.html"))).rejects.toThrow();
    expect(await site.text("index.html")).not.toContain("Unfinished draft");
  });
});

describe("keywords", () => {
  it("merges spellings that differ in case and spacing into one page in the most common spelling", async () => {
    const $ = await site.html("keywords/idlib/index.html");
    expect($("h1").text()).toBe("Idlib");
    const titles = $(".card__title a").map((_, a) => $(a).text()).get();
    // Newest first.
    expect(titles).toEqual(["عودة الحركة إلى معبر أبو الزندين", "Idlib council meets", "Wells run dry", "Markets in Kafr Ruman"]);
    expect($(".page-head").text()).toContain("4 articles");
    const water = await site.html("keywords/water-supply/index.html");
    expect(water(".card")).toHaveLength(2);
  });

  it("gives a non-Latin keyword a stable, non-empty slug in its own script", async () => {
    const $ = await site.html("keywords/معبر-أبو-الزندين/index.html".normalize("NFC").replace("أ", "ا"));
    expect($("h1").text()).toBe("معبر أبو الزندين");
  });

  it("lists every keyword with its count, alphabetically, with an A–Z jump list", async () => {
    const $ = await site.html("keywords/index.html");
    const jump = $(".jump a").map((_, a) => $(a).text()).get();
    expect(jump).toEqual(["F", "H", "I", "W", "م"]);
    const entries = $(".keyword-list li").map((_, li) => $(li).text().replace(/\s+/g, " ").trim()).get();
    expect(entries).toContain("Idlib 4 articles");
    expect(entries).toContain("Fishing 1 article");
    for (const id of $(".jump a").map((_, a) => $(a).attr("href")!.slice(1)).get()) {
      expect($(`[id="${id}"]`)).toHaveLength(1);
    }
  });
});

describe("home, search and other pages", () => {
  it("lists the newest articles with date, source, summary and keywords", async () => {
    const home = await site.html("index.html");
    expect(home("title").text()).toBe("The Levant Ledger");
    // The home page is a front page (tests/front-page.test.ts): the newest story is the lead or opens the row under it.
    expect(home(".front-lead__title, .front-secondary__title").map((_, e) => home(e).text().trim()).get().slice(0, 2)).toContain("Fireworks over Deir Hanin");
    // Every other list is a list of cards.
    const $ = await site.html("2024/index.html");
    const harbour = $(".card").filter((_, c) => $(c).find(".card__title").text() === "Harbour reopens after the storm");
    expect(harbour.find(".card__source").text()).toBe("The Orontes Courier");
    expect(harbour.find(".card__summary").text()).toBe("The small harbour reopened on Tuesday after three weeks of repairs.");
    expect(harbour.find(".tags a")).toHaveLength(2);
    expect($('a[href="/keywords/"]').length).toBeGreaterThan(0);
    // Summary defaults to the first paragraph.
    const council = $(".card").filter((_, c) => $(c).find(".card__title").text() === "Idlib council meets");
    expect(council.find(".card__summary").text()).toBe("The council met on Wednesday to discuss the pumping station.");
  });

  it("has a search box on every page that submits to /search/?q=", async () => {
    for (const page of ["index.html", "keywords/index.html", "2024/03/harbour-reopens/index.html", "404.html"]) {
      const $ = await site.html(page);
      const form = $('form[role="search"]');
      expect(form.attr("action")).toBe("/search/");
      expect(form.find('input[name="q"]')).toHaveLength(1);
      expect($(`label[for="${form.find("input").attr("id")}"]`)).toHaveLength(1);
    }
  });

  it("loads JavaScript only on the search page, apart from the search-term highlighter on articles", async () => {
    for (const page of ["index.html", "keywords/index.html", "keywords/idlib/index.html", "sources/index.html", "archive/index.html", "2024/index.html", "404.html", "about/index.html"]) {
      expect((await site.html(page))('script:not([type="application/ld+json"])')).toHaveLength(0);
    }
    // Articles: one inline module that loads Pagefind's highlighter only when arriving from a result.
    const article = await site.html("2024/03/harbour-reopens/index.html");
    const scripts = article('script:not([type="application/ld+json"])');
    expect(scripts).toHaveLength(1);
    expect(scripts.attr("src")).toBeUndefined();
    expect(scripts.text()).toMatch(/^if \(new URLSearchParams\(location\.search\)\.has\("highlight"\)\) import\("\/pagefind\/pagefind-highlight\.js"\)/);
    const $ = await site.html("search/index.html");
    expect($('script[type="module"][src="/js/search.js"]')).toHaveLength(1);
    expect($("#search-app").attr("data-bundle")).toBe("/pagefind/");
    expect($("noscript").text()).toContain("needs JavaScript");
  });

  it("writes a 404 page and the content pages", async () => {
    expect((await site.html("404.html"))("h1").text()).toBe("Page not found");
    expect((await site.html("about/index.html"))("h1").text()).toBe("About this archive");
  });
});

/** Every page in the search index, as Pagefind stored it (its fragments: gzip behind a signature). */
async function indexedPages(): Promise<{ url: string; content: string; filters: Record<string, string[]>; meta: Record<string, string> }[]> {
  const dir = join(site.out, "pagefind/fragment");
  const texts = await Promise.all((await readdir(dir)).map(async (f) => gunzipSync(await readFile(join(dir, f))).toString("utf8")));
  return texts.map((t) => JSON.parse(t.slice(t.indexOf("{"))));
}

async function indexedPage(url: string) {
  const page = (await indexedPages()).find((p) => p.url === url);
  if (!page) throw new Error(`${url} is not in the search index`);
  return page;
}

describe("search index", () => {
  it("indexes only article pages, all languages in one index, with source, keyword and year filters", async () => {
    const entry = JSON.parse(await site.text("pagefind/pagefind-entry.json"));
    expect(Object.keys(entry.languages)).toEqual(["en"]);
    expect(entry.languages.en.page_count).toBe(7);
    const filters = await readdir(join(site.out, "pagefind/filter"));
    expect(filters.length).toBeGreaterThanOrEqual(2);
    const page = await indexedPage("/2024/03/harbour-reopens/");
    expect(page.filters.keyword).toEqual(["Harbour", "Fishing"]);
    expect(page.filters.source).toEqual(["The Orontes Courier"]);
    expect(page.filters.year).toEqual(["2024"]);
    expect(page.meta.date).toBe("2024-03-05T15:30:00+03:00");
    const urls = (await indexedPages()).map((p) => p.url);
    for (const path of ["/", "/keywords/", "/keywords/idlib/", "/search/"]) expect(urls).not.toContain(path);
  });
});
// GAZETTE_INCLUDE_FUTURE=1 is checked on the view model (tests/archive.test.ts, "options"): a
// second whole build only to look at one page's headline is not needed.
