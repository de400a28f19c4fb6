// Sitemaps at news scale, on built sites: /sitemap.xml is an index of files split by year with at
// most `sitemap.urlsPerFile` URLs each (lowered to 5 here), an old year's files keep their bytes
// when a new article arrives, and /news-sitemap.xml holds the articles of the 48 hours before the
// build's clock (GAZETTE_NOW), escaped, or no article at all.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile, articleFiles } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, type BuildResult } from "./helpers/site.ts";
import { readSitemaps } from "./helpers/sitemap.ts";
import { xmlErrors } from "./helpers/xml.ts";
import { modelFrom, settings } from "./helpers/model.ts";
import { sitemapFiles } from "../src/archive/build/sitemap.ts";
import { createUrls } from "../src/archive/urls.ts";
import type { ArticleView } from "../src/archive/views.ts";
import { SITEMAP_MAX_URLS, siteSchema } from "../src/site.ts";

const ORIGIN = "https://ledger.example.org";
const NOW = "2024-07-10T12:00:00+03:00";
const HOSTILE = `Tom & Jerry's "<b>talks</b>" ]]> end`;
/** The headline as every output shows it: with the typographer's quotes, as bodies have them. */
const SHOWN = `Tom & Jerry’s “<b>talks</b>” ]]> end`;
const ARABIC = "المحادثات تُستأنف عند المعبر";

const files = {
  ...articleFiles(12, () => ({ keywords: ["Water"] })), // 2023-01-01 … 2023-01-12
  "b/old.md": articleFile({ title: "Fifty hours ago", date: "2024-07-08T10:00:00+03:00" }),
  "b/recent-en.md": articleFile({ title: HOSTILE, date: "2024-07-09T09:00:00+03:00", slug: "recent-en" }),
  "b/recent-ar.md": articleFile({ title: ARABIC, date: "2024-07-10T11:00:00+03:00", lang: "ar-SY", slug: "recent-ar" }),
  "b/future.md": articleFile({ title: "Tomorrow", date: "2024-07-11T09:00:00+03:00", slug: "future" }),
  "b/draft.md": articleFile({ title: "A draft", date: "2024-07-10T10:00:00+03:00", slug: "draft", draft: true }),
};

const news = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url", parseTagValue: false, htmlEntities: true });
interface NewsUrl {
  loc: string;
  "news:news": { "news:publication": { "news:name": string; "news:language": string }; "news:publication_date": string; "news:title": string };
}

let site: BuildResult;
let contentDir: string;
beforeAll(async () => {
  contentDir = await fixtureContentWith({ sitemap: { urlsPerFile: 5 } });
  site = await buildSite({ files, contentDir, env: { GAZETTE_NOW: NOW } });
  expect(site.code, site.stderr).toBe(0);
});

describe("the sitemap index", () => {
  it("lists files of at most urlsPerFile URLs, by year and the undated pages, each with its latest lastmod", async () => {
    const { index, files: children } = await readSitemaps(site.text, ORIGIN);
    const names = children.map((f) => f.path);
    // 2023: 12 articles, the year's list and January's = 14 URLs, three files; 2024: 3 articles, 2 lists.
    expect(names).toEqual(["sitemaps/pages.xml", ...names.filter((n) => n.startsWith("sitemaps/pages-")), "sitemaps/2024.xml", "sitemaps/2023.xml", "sitemaps/2023-2.xml", "sitemaps/2023-3.xml"]);
    expect(names.filter((n) => n.startsWith("sitemaps/pages-")).length).toBeGreaterThan(0);
    for (const f of children) {
      expect(f.urls.length, f.path).toBeGreaterThan(0);
      expect(f.urls.length, f.path).toBeLessThanOrEqual(5);
      const dated = f.urls.filter((u) => u.lastmod).map((u) => Date.parse(u.lastmod!));
      if (dated.length) expect(Date.parse(f.lastmod!), f.path).toBe(Math.max(...dated));
      else expect(f.lastmod, f.path).toBeUndefined();
      const year = /sitemaps\/(\d{4})/.exec(f.path)?.[1];
      if (year) for (const u of f.urls) expect(u.loc.startsWith(`${ORIGIN}/${year}/`), u.loc).toBe(true);
      else for (const u of f.urls) expect(u.loc, f.path).not.toMatch(/^https:\/\/ledger\.example\.org\/\d{4}\//);
    }
    expect(index).toHaveLength(children.length);
  });

  it("holds every published page exactly once, oldest article first in a year, and nothing unpublished", async () => {
    const { files: children, urls } = await readSitemaps(site.text, ORIGIN);
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    const htmlPages = (await readdir(site.out, { recursive: true }))
      .filter((f) => f.endsWith("index.html") && !f.startsWith("search/") && !f.startsWith("pagefind/"))
      .map((f) => `${ORIGIN}/${f.replace(/index\.html$/, "")}`);
    expect([...locs].sort()).toEqual(htmlPages.sort());
    expect(children.find((f) => f.path === "sitemaps/2024.xml")!.urls.slice(0, 3).map((u) => u.loc)).toEqual([`${ORIGIN}/2024/07/old/`, `${ORIGIN}/2024/07/recent-en/`, `${ORIGIN}/2024/07/recent-ar/`]);
    const first2023 = children.find((f) => f.path === "sitemaps/2023.xml")!;
    expect(first2023.urls.map((u) => u.lastmod)).toEqual(["2023-01-01", "2023-01-02", "2023-01-03", "2023-01-04", "2023-01-05"].map((d) => `${d}T00:00:00+03:00`));
    for (const hidden of ["/2024/07/future/", "/2024/07/draft/"]) expect(locs).not.toContain(`${ORIGIN}${hidden}`);
  });

  it("keeps to the protocol: namespaces, absolute URLs of at most 2,048 characters, W3C date-times, under 50 MB", async () => {
    // The protocol's XSDs are not on npm but for the urlset one (in the `sitemap` package, beside
    // a second @types/node); these are the constraints they encode that Gazette's values touch.
    const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
    const { index, files: children } = await readSitemaps(site.text, ORIGIN);
    expect(await site.text("sitemap.xml")).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    for (const f of children) {
      const xml = await site.text(f.path);
      expect(xml, f.path).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      expect(Buffer.byteLength(xml)).toBeLessThan(50 * 2 ** 20);
    }
    for (const { loc, lastmod } of [...index, ...children.flatMap((f) => f.urls)]) {
      expect(loc).toMatch(/^https:\/\/ledger\.example\.org\//);
      expect(loc.length).toBeLessThanOrEqual(2048);
      if (lastmod !== undefined) expect(lastmod, loc).toMatch(W3C_DATETIME);
    }
  });

  it("is what robots.txt names, beside the news sitemap", async () => {
    const robots = await site.text("robots.txt");
    expect(robots).toMatch(/^Sitemap: https:\/\/ledger\.example\.org\/sitemap\.xml$/m);
    expect(robots).toMatch(/^Sitemap: https:\/\/ledger\.example\.org\/news-sitemap\.xml$/m);
  });

  it("keeps an old year's files byte for byte when an article is added to this year", async () => {
    const later = await buildSite({ files: { ...files, "b/new.md": articleFile({ title: "Added", date: "2024-07-10T11:30:00+03:00", slug: "added" }) }, contentDir, env: { GAZETTE_NOW: NOW } });
    expect(later.code, later.stderr).toBe(0);
    const sitemaps = async (out: string) => Object.fromEntries(await Promise.all((await readdir(join(out, "sitemaps"))).map(async (f) => [f, await readFile(join(out, "sitemaps", f), "utf8")])));
    const [before, after] = [await sitemaps(site.out), await sitemaps(later.out)];
    for (const f of Object.keys(before).filter((f) => f.startsWith("2023"))) expect(after[f], f).toBe(before[f]);
    expect(after["2024.xml"]).not.toBe(before["2024.xml"]);
    expect(after["2024.xml"]).toContain(`${ORIGIN}/2024/07/added/`);
  });

  it("splits at the protocol's 50,000 URLs by default, and refuses a setting above it", () => {
    const urls = createUrls(ORIGIN);
    // 50,001 articles of one year: the year's first file is full, the rest spills into the next.
    const views = Array.from({ length: 50_001 }, (_, i) => {
      const iso = new Date(Date.UTC(2024, 0, 1) + (50_001 - i) * 60_000).toISOString().replace(".000Z", "Z");
      return { path: `/2024/01/a${i}/`, date: { iso, year: "2024" } } as unknown as ArticleView;
    });
    const made = sitemapFiles(urls, views, { lists: [], directories: [], pages: [] }, settings.sitemap?.urlsPerFile ?? SITEMAP_MAX_URLS);
    expect(made.map((f) => [f.path, f.urls.length])).toEqual([["/sitemaps/pages.xml", 1], ["/sitemaps/2024.xml", 50_000], ["/sitemaps/2024-2.xml", 1]]);
    expect(made[2]!.urls[0]!.loc).toBe(`${ORIGIN}/2024/01/a0/`);
    const tooMany = siteSchema.safeParse({ ...settings, sitemap: { urlsPerFile: 50_001 } });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.path).toEqual(["sitemap", "urlsPerFile"]);
  });

  it("plans its files, so no alias may take one", () => {
    const { problems } = modelFrom({ "a.md": articleFile({ aliases: ["/sitemaps/2019.xml", "/news-sitemap.xml"] }) });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      expect.stringMatching(/^aliases: \/sitemaps\/2019\.xml is a path Gazette writes itself: everything under \/sitemaps\/ is the sitemaps/),
      expect.stringMatching(/^aliases: \/news-sitemap\.xml is a path Gazette writes itself: the news sitemap is published there/),
    ]);
  });
});

describe("the news sitemap", () => {
  it("lists the articles of the last 48 hours, newest first, with publication, language, date and title", async () => {
    const xml = await site.text("news-sitemap.xml");
    expect(xmlErrors(xml)).toEqual([]);
    const urls = (news.parse(xml) as { urlset: { url: NewsUrl[] } }).urlset.url;
    expect(urls.map((u) => u.loc)).toEqual([`${ORIGIN}/2024/07/recent-ar/`, `${ORIGIN}/2024/07/recent-en/`]);
    const [ar, en] = urls.map((u) => u["news:news"]);
    expect(ar).toEqual({
      "news:publication": { "news:name": "The Levant Ledger", "news:language": "ar" },
      "news:publication_date": "2024-07-10T11:00:00+03:00",
      "news:title": ARABIC,
    });
    expect(en!["news:title"]).toBe(SHOWN);
    expect(en!["news:publication"]["news:language"]).toBe("en");
  });

  it("escapes the editor's title in the XML itself", async () => {
    const xml = await site.text("news-sitemap.xml");
    expect(xml).not.toContain("<b>");
    expect(xml).not.toContain("]]>");
    expect(xml).toContain("Tom &amp; Jerry’s “&lt;b&gt;talks&lt;/b&gt;” ]]&gt; end");
  });

  it("is a valid, empty urlset when nothing was published in the last 48 hours", async () => {
    const quiet = await buildSite({ files, contentDir, env: { GAZETTE_NOW: "2024-08-01T00:00:00Z" } });
    expect(quiet.code, quiet.stderr).toBe(0);
    const xml = await quiet.text("news-sitemap.xml");
    expect(xmlErrors(xml)).toEqual([]);
    const parsed = news.parse(xml) as { urlset: { url?: unknown } };
    expect(parsed.urlset.url).toBeUndefined();
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    // The future article has gone live since: the clock decides what is published.
    const { urls } = await readSitemaps(quiet.text, ORIGIN);
    expect(urls.map((u) => u.loc)).toContain(`${ORIGIN}/2024/07/future/`);
  });
});
