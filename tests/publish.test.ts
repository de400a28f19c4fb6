// Browse and publish, on a built site: pagination on every list type (120 generated articles),
// feeds, sitemap, redirects and structured data.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { load } from "cheerio";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";
import { readSitemaps } from "./helpers/sitemap.ts";
import { files as fixtureFiles } from "./fixtures/articles.ts";

const SOURCES = ["Generated Wire", "Other Wire"];
const TRANSLATORS = ["Rana Haddad", "Yusuf Karim"];

/** 120 articles from 1 Nov 2021 (61 in 2021, 59 in 2022); all with keyword "Water"; half each source and translator. */
function generated(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const date = new Date(Date.UTC(2021, 10, 1 + i)).toISOString().slice(0, 10);
    files[`gen/${date}-story-${i}.md`] = [
      "---",
      `title: Story number ${i}`,
      `date: ${date}`,
      `source: ${SOURCES[i % 2]}`,
      `translator: ${TRANSLATORS[i % 2]}`,
      "keywords: [Water]",
      "---",
      `Paragraph of story ${i}.`,
      "",
    ].join("\n");
  }
  return files;
}

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ files: { ...generated(), ...fixtureFiles }, contentDir: FIXTURE_CONTENT });
  if (site.code !== 0) throw new Error(site.stderr);
});

const exists = (out: string, href: string) => stat(join(out, decodeURIComponent(href.replace(/^https:\/\/ledger\.example\.org/, "")), href.endsWith("/") ? "index.html" : "")).then(() => true, () => false);

describe("pagination on every list type", () => {
  // Page size 20 (fixture settings). Numbered pages count from the oldest; the landing holds the
  // newest 20 to 39 (the newest partial page and the full one before it).
  it.each([
    ["home", "", 127, 5],
    ["keyword", "keywords/water/", 120, 5],
    ["source", "sources/generated-wire/", 60, 2],
    ["translator", "translators/rana-haddad/", 60, 2],
    ["year", "2021/", 61, 2],
  ])("%s pages: landing with the newest, numbered pages from the oldest, current page, rel prev/next, number in the title", async (_, base, count, numbered) => {
    const landing = await site.html(`${base}index.html`);
    // The home page's landing is a front page: its lead and secondary stories are not cards.
    expect(landing(".card, .front-lead, .front-secondary__item")).toHaveLength(count - 20 * numbered);
    expect(landing(".page-head p").text()).toContain(`${count} articles`);
    expect(landing('nav.pager[aria-label] [aria-current="page"]').text()).toBe("Latest");
    expect(landing('nav.pager a[rel="next"]').attr("href")).toBe(`/${base}page/${numbered}/`);
    expect(landing('nav.pager a[rel="prev"]')).toHaveLength(0);
    expect(landing('nav.pager a[aria-label="Page 1, the oldest"]').attr("href")).toBe(`/${base}page/1/`);

    const cards = (page: typeof landing, selector: string) => page(selector).map((_, el) => ({ title: page(el).find(".card__title a, .front-lead__title a, .front-secondary__title a").text(), time: Date.parse(page(el).find("time").attr("datetime")!) })).get();
    const pages: { title: string; time: number }[][] = [];
    for (let n = 1; n <= numbered; n++) {
      const page = await site.html(`${base}page/${n}/index.html`);
      expect(page(".card")).toHaveLength(20);
      expect(page("title").text()).toMatch(new RegExp(`, page ${n} — `));
      expect(page("h1 .page-number").text()).toBe(`page ${n}`);
      // No totals on a numbered page: nothing that changes when the list grows.
      expect(page("main").text()).not.toMatch(new RegExp(`${count} articles|page \\d+ of|in the archive`));
      expect(page('nav.pager [aria-current="page"]').text()).toBe(String(n));
      expect(page('nav.pager a[rel="prev"]').attr("href")).toBe(n === numbered ? `/${base}` : `/${base}page/${n + 1}/`);
      expect(page('nav.pager a[rel="next"]').attr("href")).toBe(n === 1 ? undefined : `/${base}page/${n - 1}/`);
      expect(page('nav.pager a[aria-label="Latest page"]').attr("href")).toBe(`/${base}`);
      pages.unshift(cards(page, ".card"));
    }
    // Page 1 holds the oldest 20: the landing, then the numbered pages from the newest down, are
    // the whole list, each article once, newest first (the front page arranges its own).
    const top = cards(landing, ".front-lead, .front-secondary__item, .card");
    const list = [...top, ...pages.flat()];
    expect(new Set(list.map((c) => c.title)).size).toBe(count);
    const times = (base ? list : pages.flat()).map((c) => c.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.min(...top.map((c) => c.time))).toBeGreaterThanOrEqual(Math.max(...pages.flat().map((c) => c.time)));
    await expect(stat(join(site.out, `${base}page/${numbered + 1}/index.html`))).rejects.toThrow();
    await expect(stat(join(site.out, `${base}page/0/index.html`))).rejects.toThrow();
  });

  it("shows a list of fewer than two pages whole on its landing, without navigation", async () => {
    const month = await site.html("2022/01/index.html");
    expect(month(".card")).toHaveLength(31);
    expect(month("nav.pager")).toHaveLength(0);
    await expect(stat(join(site.out, "2022/01/page/1/index.html"))).rejects.toThrow();
  });

  it("lists sources and translators with counts, and dates in a calendar", async () => {
    const sources = await site.html("sources/index.html");
    expect(sources(".keyword-list li").map((_, li) => sources(li).text().replace(/\s+/g, " ").trim()).get()).toContain("Generated Wire 60 articles");
    const translators = await site.html("translators/index.html");
    expect(translators(".keyword-list li").map((_, li) => translators(li).text().replace(/\s+/g, " ").trim()).get()).toContain("Yusuf Karim 60 articles");
    const archive = await site.html("archive/index.html");
    const row2022 = archive("tbody tr").filter((_, tr) => archive(tr).find("th").text().includes("2022"));
    expect(row2022.find("td a").map((_, a) => `${archive(a).attr("href")} ${archive(a).text()}`).get()).toEqual(["/2022/01/ 31", "/2022/02/ 28", "/2022/05/ 1"]);
    const year = await site.html("2022/index.html");
    expect(year(".chips a").map((_, a) => year(a).attr("href")).get()).toEqual(["/2022/05/", "/2022/02/", "/2022/01/"]);
  });
});

describe("article page extras", () => {
  it("shows breadcrumbs, up to 5 related articles and the update date", async () => {
    const $ = await site.html("2021/11/story-0/index.html");
    expect($(".breadcrumbs a").map((_, a) => $(a).attr("href")).get()).toEqual(["/", "/2021/", "/2021/11/"]);
    const related = $(".related .card__title a");
    expect(related.length).toBe(5);
    const full = await site.html("2024/03/harbour-reopens/index.html");
    expect(full(".dateline").text()).toMatch(/Updated\s+March 7, 2024/);
  });

  it("describes the article for search engines and link previews", async () => {
    const $ = await site.html("2024/03/harbour-reopens/index.html");
    expect($('meta[property="og:type"]').attr("content")).toBe("article");
    // Link previews take no SVG: the SVG lead image is rasterised into a 1200×630 share card (tests/front-page.test.ts).
    expect($('meta[property="og:image"]').attr("content")).toMatch(/^https:\/\/ledger\.example\.org\/img\/share\/[\w-]+-1200\.jpeg$/);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    expect($('meta[property="article:published_time"]').attr("content")).toBe("2024-03-05T15:30:00+03:00");
    expect($('meta[property="article:modified_time"]').attr("content")).toBe("2024-03-07T00:00:00+03:00");
    expect($('meta[property="article:tag"]').map((_, m) => $(m).attr("content")).get()).toEqual(["Harbour", "Fishing"]);
    const [article, breadcrumbs] = JSON.parse($('script[type="application/ld+json"]').text());
    expect(article).toMatchObject({
      "@type": "NewsArticle",
      headline: "Harbour reopens after the storm",
      datePublished: "2024-03-05T15:30:00+03:00",
      dateModified: "2024-03-07T00:00:00+03:00",
      inLanguage: "en",
      keywords: ["Harbour", "Fishing"],
      translator: [{ "@type": "Person", name: "Nour Haddad" }],
      isBasedOn: {
        url: "https://courier.example.org/2024/03/harbour",
        headline: "الميناء يعود إلى العمل",
        inLanguage: "ar",
        author: [{ "@type": "Person", name: "سامر الحلبي (Samer al-Halabi)" }],
        publisher: { "@type": "Organization", name: "The Orontes Courier" },
      },
      publisher: { "@type": "Organization", name: "The Levant Ledger" },
    });
    expect(breadcrumbs["@type"]).toBe("BreadcrumbList");
    expect(breadcrumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Home", "2024", "March"]);
    const list = await site.html("keywords/water/index.html");
    const [collection] = JSON.parse(list('script[type="application/ld+json"]').text());
    expect(collection["@type"]).toBe("CollectionPage");
    expect(collection.mainEntity.itemListElement).toHaveLength(20);
  });
});

describe("feeds", () => {
  it("writes well-formed Atom feeds for the site and every keyword, source and translator", async () => {
    for (const path of ["feed.xml", "keywords/water/feed.xml", "sources/wadi-press/feed.xml", "translators/rana-haddad/feed.xml", "keywords/idlib/feed.xml"]) {
      const xml = await site.text(path);
      expect(XMLValidator.validate(xml), path).toBe(true);
      const $ = load(xml, { xml: true });
      for (const required of ["feed > id", "feed > title", "feed > updated", 'feed > link[rel="self"]']) expect($(required), `${path} ${required}`).toHaveLength(1);
      expect($("entry").length).toBeGreaterThan(0);
      for (const entry of $("entry").toArray()) {
        const e = $(entry);
        for (const required of ["id", "title", "updated", "published", "author > name", "summary", "content"]) expect(e.find(required).length, `${path} entry ${required}`).toBeGreaterThan(0);
        expect(await exists(site.out, e.find("link").attr("href")!), e.find("link").attr("href")).toBe(true);
      }
    }
    const $ = load(await site.text("feed.xml"), { xml: true });
    expect($("entry")).toHaveLength(50);
    expect(load(await site.text("keywords/water/feed.xml"), { xml: true })("entry")).toHaveLength(20);
  });

  it("puts full content with absolute URLs and keywords as categories in entries", async () => {
    const $ = load(await site.text("keywords/harbour/feed.xml"), { xml: true });
    const entry = $("entry").first();
    expect(entry.find("title").text()).toBe("Harbour reopens after the storm");
    expect(entry.find("category").map((_, c) => $(c).attr("term")).get()).toEqual(["Harbour", "Fishing"]);
    const content = load(entry.find("content").text());
    expect(content("blockquote").text()).toContain("We lost three weeks of catch");
    // A relative link in the body is resolved from the article's address: feed readers have no base.
    expect(content('a:contains("the council meeting")').attr("href")).toBe("https://ledger.example.org/2024/01/idlib-one/");
  });

  it("writes a JSON Feed with the required fields", async () => {
    const feed = JSON.parse(await site.text("feed.json"));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe("The Levant Ledger");
    expect(feed.items).toHaveLength(50);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(item.content_html.length).toBeGreaterThan(0);
      expect(await exists(site.out, item.url)).toBe(true);
    }
  });

  it("announces feeds on the pages they follow", async () => {
    const home = await site.html("index.html");
    expect(home('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe("/feed.xml");
    expect(home('link[rel="alternate"][type="application/feed+json"]').attr("href")).toBe("/feed.json");
    const kw = await site.html("keywords/water/index.html");
    expect(kw('link[rel="alternate"]').attr("href")).toBe("/keywords/water/feed.xml");
    expect(kw(".feed-link").attr("href")).toBe("/keywords/water/feed.xml");
  });
});

describe("sitemap, robots and redirects", () => {
  it("lists every public page in the sitemaps with lastmod on articles", async () => {
    expect(XMLValidator.validate(await site.text("sitemap.xml"))).toBe(true);
    const { urls } = await readSitemaps(site.text, "https://ledger.example.org");
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain("https://ledger.example.org/2024/03/harbour-reopens/");
    expect(locs).toContain("https://ledger.example.org/keywords/water/page/5/");
    expect(locs).not.toContain("https://ledger.example.org/2025/02/draft/");
    expect(urls.find((u) => u.loc.endsWith("/2024/03/harbour-reopens/"))?.lastmod).toBe("2024-03-07T00:00:00+03:00");
    for (const loc of locs) expect(await exists(site.out, loc), loc).toBe(true);
    expect(await site.text("robots.txt")).toContain("Sitemap: https://ledger.example.org/sitemap.xml");
  });

  it("redirects article aliases with a page and a _redirects rule", async () => {
    const $ = await site.html("old/harbour/index.html");
    expect($('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/2024/03/harbour-reopens/");
    expect($('link[rel="canonical"]').attr("href")).toBe("https://ledger.example.org/2024/03/harbour-reopens/");
    expect($('a[href="/2024/03/harbour-reopens/"]')).toHaveLength(1);
    expect(await site.text("_redirects")).toContain("/old/harbour/ /2024/03/harbour-reopens/ 301");
  });
});
