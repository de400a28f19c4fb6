// List pages numbered from the oldest (src/archive/pagination.ts): a full numbered page never
// changes when an article is added, so a day's build leaves it alone. A fixture site is built,
// one newer article added, and the site built again, cold, into another folder; the two are
// compared file by file.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, writeFiles, type BuildResult, type Files } from "./helpers/site.ts";
import { treeHashes } from "./helpers/tree.ts";

const PAGE_SIZE = 3;

/** `n` articles, one a day from 1 March 2024, all in the same keyword, source, translator, year and month. */
function articles(n: number): Files {
  const files: Files = {};
  for (let i = 0; i < n; i++) {
    const day = String(1 + i).padStart(2, "0");
    files[`a/2024-03-${day}-n${i}.md`] = articleFile({ title: `Story ${i}`, date: `2024-03-${day}`, keywords: ["Water"], translator: "Rana Haddad" });
  }
  return files;
}

/** Every list the articles are in: home, keyword, source, translator, year, month. */
const LISTS = ["", "keywords/water/", "sources/wadi-press/", "translators/rana-haddad/", "2024/", "2024/03/"];
const numbered = (hashes: Record<string, string>) => Object.keys(hashes).filter((f) => /(^|\/)page\/\d+\/index\.html$/.test(f));

let content: string;
const built = new Map<number, { site: BuildResult; hashes: Record<string, string> }>();
/** A cold build of `n` articles, each into a folder of its own. */
async function site(n: number) {
  if (!built.has(n)) {
    const site = await buildSite({ files: articles(n), contentDir: content });
    expect(site.code, site.stderr).toBe(0);
    built.set(n, { site, hashes: await treeHashes(site.out) });
  }
  return built.get(n)!;
}

beforeAll(async () => {
  content = await fixtureContentWith({ pageSize: PAGE_SIZE });
});

describe("list pages numbered from the oldest", () => {
  it("leaves every numbered page of every list the new article joins byte for byte as it was; the landings change", { timeout: 180_000 }, async () => {
    // 19 articles at page size 3: pages 1–5 (15 articles), the newest 4 on the landing; one more fills the landing's newest page.
    const before = await site(19);
    const after = await site(20);
    const pages = numbered(before.hashes);
    expect(pages).toHaveLength(LISTS.length * 5);
    expect(numbered(after.hashes)).toEqual(pages);
    for (const list of LISTS) expect(pages, list).toContain(`${list}page/5/index.html`);
    expect(pages.filter((f) => after.hashes[f] !== before.hashes[f])).toEqual([]);
    for (const list of LISTS) expect(after.hashes[`${list}index.html`], `the landing /${list}`).not.toBe(before.hashes[`${list}index.html`]);
    // The new article is on each landing, and on no numbered page.
    for (const list of LISTS) expect(await after.site.text(`${list}index.html`), list).toContain("/2024/03/n19/");
    for (const page of pages) expect(await after.site.text(page), page).not.toContain("/2024/03/n19/");
  });

  it("when a page fills up, changes only the navigation of the WINDOW + 1 newest numbered pages, and adds one", { timeout: 180_000 }, async () => {
    // 20 -> 21 articles: the landing's older page (articles 16–18) becomes page 6.
    const before = await site(20);
    const after = await site(21);
    for (const list of LISTS) {
      const changed = [1, 2, 3, 4, 5].filter((n) => after.hashes[`${list}page/${n}/index.html`] !== before.hashes[`${list}page/${n}/index.html`]);
      expect(changed, `the numbered pages of /${list} that changed`).toEqual([3, 4, 5]);
      for (const n of changed) {
        const [a, b] = await Promise.all([before.site.text(`${list}page/${n}/index.html`), after.site.text(`${list}page/${n}/index.html`)]);
        // The same articles; only the links to the pages around it differ.
        expect(load(b)(".article-list").html(), `/${list}page/${n}/`).toBe(load(a)(".article-list").html());
        expect(load(b)("nav.pager").html()).not.toBe(load(a)("nav.pager").html());
      }
      const six = await after.site.html(`${list}page/6/index.html`);
      expect(six(".card__title a").map((_, a) => six(a).text()).get()).toEqual(["Story 17", "Story 16", "Story 15"]);
      expect(six("nav.pager a[rel='prev']").attr("href")).toBe(`/${list}`);
    }
  });

  it("lets a day's build take every numbered page from the last output, although each article gains the new one as related", { timeout: 180_000 }, async () => {
    // All 20 articles share the keyword "Water": the newest is related to every other, so every
    // article page changes, but no card on a numbered page shows related articles.
    const first = await buildSite({ files: articles(19), contentDir: content });
    expect(first.code, first.stderr).toBe(0);
    await writeFiles(first.articles, { "a/2024-03-20-n19.md": articles(20)["a/2024-03-20-n19.md"]! });
    const day = await buildSite({ articles: first.articles, out: first.out, contentDir: content });
    expect(day.code, day.stderr).toBe(0);
    const [, rendered, taken] = /\((\d+) pages rendered, (\d+) unchanged taken from the last build\)/.exec(day.stdout)!.map(Number);
    expect(taken).toBeGreaterThanOrEqual(LISTS.length * 5);
    expect(rendered).toBeLessThanOrEqual(20 + LISTS.length + LISTS.length);
  });

  it("shows on a numbered page nothing that counts the list: no totals, no last page number, no chips", { timeout: 180_000 }, async () => {
    const { site: s } = await site(20);
    for (const list of LISTS) {
      const landing = await s.html(`${list}index.html`);
      expect(landing(".page-head p").text(), list).toContain("20 articles");
      const page = await s.html(`${list}page/2/index.html`);
      const text = page.html();
      expect(text, list).not.toMatch(/20 articles|\bof 5\b|articles in the archive|page\/5\//);
      expect(page(".chips"), list).toHaveLength(0);
      expect(page("title").text()).toMatch(/, page 2 — /);
      expect(page('meta[name="description"]').attr("content")).toMatch(/articles from March 4, 2024 to March 6, 2024\.$/);
      expect(page(".breadcrumbs [aria-current='page']").text()).toBe("Page 2");
      const ld = page('script[type="application/ld+json"]').map((_, el) => JSON.parse(page(el).text())).get() as { "@type": string; itemListElement?: { item?: string }[]; mainEntity?: { itemListElement: unknown[] } }[];
      expect(ld.find((d) => d["@type"] === "CollectionPage")!.mainEntity!.itemListElement).toHaveLength(3);
      expect(ld.find((d) => d["@type"] === "BreadcrumbList")!.itemListElement!.at(-1)!.item).toBe(`https://ledger.example.org/${list}page/2/`);
    }
    // The year's months and the keyword's companions stay on the landing.
    expect((await s.html("2024/index.html"))(".chips a").length).toBeGreaterThan(0);
  });

  it("lists the landing and every numbered page in the sitemap, a numbered page with its own newest article's date", { timeout: 180_000 }, async () => {
    const { site: s } = await site(20);
    const files = (await readdir(join(s.out, "sitemaps"))).filter((f) => f.endsWith(".xml"));
    const xml = (await Promise.all(files.map((f) => s.text(`sitemaps/${f}`)))).join("\n");
    for (const list of LISTS) {
      expect(xml).toContain(`<loc>https://ledger.example.org/${list}</loc>`);
      for (let n = 1; n <= 5; n++) expect(xml).toContain(`<loc>https://ledger.example.org/${list}page/${n}/</loc>`);
    }
    expect(xml).toMatch(/<loc>https:\/\/ledger\.example\.org\/keywords\/water\/page\/2\/<\/loc>\s*<lastmod>2024-03-06T00:00:00\+0[23]:00<\/lastmod>/);
  });
});
