// Corrections as data, on one built fixture site: each notice on its article (a retraction at
// the top, the others after the body in date order), "Updated" and dateModified from the latest,
// CorrectionComment in JSON-LD; a retracted article keeps its page (noindex) and is gone from
// every list, related articles, every feed, the search index and the sitemap; /corrections/ lists
// every notice newest first, paginated, with its own Atom feed.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { CheerioAPI } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, type BuildResult } from "./helpers/site.ts";
import { readSitemaps } from "./helpers/sitemap.ts";
import { xmlErrors } from "./helpers/xml.ts";

const HOSTILE = `The mayor's name is <b>Rana</b> & not "Rania" </p><script>alert(1)</script>`;

const files = {
  // Corrected twice, and `updated` earlier than the latest notice: the notice wins.
  "2024-03-01-bridge.md": articleFile({
    title: "Bridge reopens",
    date: "2024-03-01",
    keywords: ["Water"],
    updated: "2024-03-02",
    corrections: [
      { date: "2024-03-05", type: "update", text: "Traffic resumed on both lanes." },
      { date: "2024-03-03", type: "correction", text: HOSTILE },
    ],
  }),
  // `updated` later than its notice: `updated` stays.
  "2024-02-01-wells.md": articleFile({
    title: "Wells dug",
    date: "2024-02-01",
    keywords: ["Water"],
    updated: "2024-02-20",
    corrections: [{ date: "2024-02-02", type: "clarification", text: "The wells are in the east." }],
  }),
  // Retracted, the only article of May 2024, of its source, its translator and a keyword of its own.
  "2024-05-01-forged.md": articleFile({
    title: "Forged memo story",
    date: "2024-05-01",
    source: "Retract Press",
    translator: "Solo Translator",
    keywords: ["Water", "Lonely"],
    body: "Zebrafishmemo revealed a plan.",
    corrections: [
      { date: "2024-05-02", type: "update", text: "The ministry declined to comment." },
      { date: "2024-05-10", type: "retraction", text: "The memo this report relied on was forged." },
    ],
  }),
  "2024-01-01-plain.md": articleFile({ title: "Plain story", date: "2024-01-01", keywords: ["Water"], body: "Ordinarywords here." }),
};

const jsonLd = ($: CheerioAPI) => JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>[];
const newsArticle = ($: CheerioAPI) => jsonLd($).find((o) => o["@type"] === "NewsArticle")!;

/** Every record text of the root search bundle (Pagefind's fragments, gzip behind its signature). */
async function searchText(out: string): Promise<string> {
  const dir = join(out, "pagefind", "fragment");
  const texts = await Promise.all((await readdir(dir)).map(async (f) => gunzipSync(await readFile(join(dir, f))).toString("utf8")));
  return texts.join("\n");
}

describe("corrections", () => {
  let site: BuildResult;
  const FORGED = "/2024/05/forged/";

  beforeAll(async () => {
    // Page size 2: three listed articles make two home pages, five notices three /corrections/ pages.
    site = await buildSite({ files, contentDir: await fixtureContentWith({ pageSize: 2 }) });
    expect(site.code, site.stderr).toBe(0);
  });

  it("shows each notice after the body, in date order, labelled, dated and escaped", async () => {
    const $ = await site.html("2024/03/bridge/index.html");
    const notices = $(".article__body ~ .notices .notice");
    expect(notices.map((_, n) => $(n).find(".notice__title").text().replace(/\s+/g, " ").trim()).get()).toEqual(["Correction March 3, 2024", "Update March 5, 2024"]);
    expect(notices.first().attr("id")).toBe("correction-20240303-correction");
    expect(notices.first().attr("role")).toBe("note");
    expect(notices.first().find("p").text()).toBe(HOSTILE);
    expect($("script:not([type='application/ld+json'])").filter((_, s) => $(s).text().includes("alert(1)")).length).toBe(0);
    expect(await site.text("2024/03/bridge/index.html")).not.toContain("<script>alert(1)");
    expect($(".notice--retraction").length).toBe(0);
    expect($('meta[name="robots"]').length).toBe(0);
  });

  it("takes Updated and dateModified from the latest notice when it is later than `updated`", async () => {
    const $ = await site.html("2024/03/bridge/index.html");
    expect($(".dateline").text()).toContain("Updated March 5, 2024");
    expect(newsArticle($).dateModified).toBe("2024-03-05T00:00:00+03:00");
    expect($('meta[property="article:modified_time"]').attr("content")).toBe("2024-03-05T00:00:00+03:00");
    const wells = await site.html("2024/02/wells/index.html");
    expect(newsArticle(wells).dateModified).toBe("2024-02-20T00:00:00+03:00");
  });

  it("carries each notice as a CorrectionComment in JSON-LD", async () => {
    const ld = newsArticle(await site.html("2024/03/bridge/index.html"));
    expect(ld.correction).toEqual([
      { "@type": "CorrectionComment", name: "Correction", text: HOSTILE, datePublished: "2024-03-03T00:00:00+03:00", url: "https://ledger.example.org/2024/03/bridge/#correction-20240303-correction" },
      { "@type": "CorrectionComment", name: "Update", text: "Traffic resumed on both lanes.", datePublished: "2024-03-05T00:00:00+03:00", url: "https://ledger.example.org/2024/03/bridge/#correction-20240305-update" },
    ]);
    expect(newsArticle(await site.html("2024/01/plain/index.html")).correction).toBeUndefined();
  });

  it("keeps the retracted article's page, noindex, with the retraction above the body", async () => {
    const $ = await site.html("2024/05/forged/index.html");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    const retraction = $("article.article > .notice--retraction");
    expect(retraction.attr("role")).toBe("note");
    expect(retraction.find("h2").text().replace(/\s+/g, " ").trim()).toBe("Retraction May 10, 2024");
    expect(retraction.find("p").text()).toBe("The memo this report relied on was forged.");
    // Above the headline and the body; the other notice stays after the body.
    expect($("article.article").children().first().is(".notice--retraction")).toBe(true);
    expect($(".notices .notice").map((_, n) => $(n).attr("id")).get()).toEqual(["correction-20240502-update"]);
    expect($(".related").length).toBe(0);
    expect($(".article-nav").length).toBe(0);
    expect(newsArticle($).correction).toHaveLength(2);
  });

  it("leaves the retracted article out of every list, related article, neighbour and facet", async () => {
    const lists = ["index.html", "2024/index.html", "keywords/water/index.html", "sources/wadi-press/index.html", "translators/ledger-translation-desk/index.html"];
    for (const page of lists) {
      // The front page's "Recent corrections" box links the retraction notice, as /corrections/ does.
      const $ = await site.html(page);
      const box = $('[aria-labelledby="front-corrections-title"]');
      if (page === "index.html") expect(box.find(`a[href="${FORGED}#correction-20240510-retraction"]`).length, "the retraction in Recent corrections").toBe(1);
      box.remove();
      expect($.html(), page).not.toContain(FORGED);
    }
    // The front page: its lead story, the row below it, then the latest list.
    // Three articles at page size 2: all on the landing (it holds up to 2 × 2 − 1).
    const home = [...(await site.html("index.html"))(".front-lead__title a, .front-secondary__title a, .card__title a").map((_, a) => a.attribs.href!)];
    expect(home).toEqual(["/2024/03/bridge/", "/2024/02/wells/", "/2024/01/plain/"]);
    await expect(site.text("page/1/index.html")).rejects.toThrow();
    // Its month, source, translator and own keyword had only it: no page is made for them.
    for (const gone of ["2024/05/index.html", "sources/retract-press/index.html", "translators/solo-translator/index.html", "keywords/lonely/index.html"]) {
      await expect(site.text(gone), gone).rejects.toThrow();
    }
    for (const dir of ["keywords/index.html", "sources/index.html", "translators/index.html", "archive/index.html"]) {
      const text = await site.text(dir);
      expect(text, dir).not.toMatch(/Lonely|Retract Press|Solo Translator|\/2024\/05\//);
    }
    // Related articles and neighbours of the others: all share "Water" with it.
    for (const page of ["2024/03/bridge/index.html", "2024/02/wells/index.html", "2024/01/plain/index.html"]) {
      expect(await site.text(page), page).not.toContain(FORGED);
    }
  });

  it("leaves the retracted article out of every feed, the sitemap and the search index", async () => {
    const feeds = ["feed.xml", "keywords/water/feed.xml", "sources/wadi-press/feed.xml", "translators/ledger-translation-desk/feed.xml"];
    for (const feed of feeds) {
      const xml = await site.text(feed);
      expect(xmlErrors(xml), feed).toEqual([]);
      expect(xml, feed).toContain("/2024/03/bridge/");
      expect(xml, feed).not.toContain("forged");
    }
    const json = JSON.parse(await site.text("feed.json")) as { items: { url: string }[] };
    expect(json.items.map((i) => i.url)).toEqual(["https://ledger.example.org/2024/03/bridge/", "https://ledger.example.org/2024/02/wells/", "https://ledger.example.org/2024/01/plain/"]);
    const sitemap = (await readSitemaps(site.text, "https://ledger.example.org")).files.map((f) => JSON.stringify(f.urls)).join("\n");
    expect(sitemap).not.toContain(FORGED);
    expect(sitemap).toContain('{"loc":"https://ledger.example.org/2024/03/bridge/","lastmod":"2024-03-05T00:00:00+03:00"}');
    expect(sitemap).toContain('"loc":"https://ledger.example.org/corrections/"');
    const search = await searchText(site.out);
    expect(search).toContain("Ordinarywords");
    expect(search).not.toContain("Zebrafishmemo");
    expect(search).not.toContain("Forged memo story");
  });

  it("lists every notice on /corrections/, newest first, paginated, linked from every page", async () => {
    const seen: { type: string; date: string; title: string; href: string; text: string }[] = [];
    // Five notices at page size 2: the newest three on the landing, the oldest two on page 1.
    for (const page of ["corrections/index.html", "corrections/page/1/index.html"]) {
      const $ = await site.html(page);
      $(".correction-item").each((_, li) => {
        const item = $(li);
        seen.push({
          type: item.find(".notice-label").text(),
          date: item.find("time").attr("datetime")!,
          title: item.find(".correction-item__title a").text(),
          href: item.find(".correction-item__link a").attr("href")!,
          text: item.find(".correction-item__text").text(),
        });
      });
    }
    expect(seen).toEqual([
      { type: "Retraction", date: "2024-05-10T00:00:00+03:00", title: "Forged memo story", href: `${FORGED}#correction-20240510-retraction`, text: "The memo this report relied on was forged." },
      { type: "Update", date: "2024-05-02T00:00:00+03:00", title: "Forged memo story", href: `${FORGED}#correction-20240502-update`, text: "The ministry declined to comment." },
      { type: "Update", date: "2024-03-05T00:00:00+03:00", title: "Bridge reopens", href: "/2024/03/bridge/#correction-20240305-update", text: "Traffic resumed on both lanes." },
      { type: "Correction", date: "2024-03-03T00:00:00+03:00", title: "Bridge reopens", href: "/2024/03/bridge/#correction-20240303-correction", text: HOSTILE },
      { type: "Clarification", date: "2024-02-02T00:00:00+03:00", title: "Wells dug", href: "/2024/02/wells/#correction-20240202-clarification", text: "The wells are in the east." },
    ]);
    const first = await site.html("corrections/index.html");
    expect(first(".pager a[rel='next']").attr("href")).toBe("/corrections/page/1/");
    expect(first(".page-head p").text()).toMatch(/^5 notices/);
    const older = await site.html("corrections/page/1/index.html");
    expect(older("title").text()).toBe("Corrections, page 1 — The Levant Ledger");
    expect(older(".correction-item")).toHaveLength(2);
    expect(older(".page-head p").text()).not.toMatch(/\d notices/);
    expect(older(".breadcrumbs [aria-current='page']").text()).toBe("Page 1");
    expect(first('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe("/corrections/feed.xml");
    expect((await site.html("index.html"))(".site-footer a[href='/corrections/']").text()).toBe("Corrections");
  });

  it("has an Atom feed of corrections, one entry per notice with a stable id linking to it", async () => {
    const xml = await site.text("corrections/feed.xml");
    expect(xmlErrors(xml)).toEqual([]);
    const ids = [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual([
      "https://ledger.example.org/corrections/feed.xml",
      "https://ledger.example.org/2024/05/forged/#correction-20240510-retraction",
      "https://ledger.example.org/2024/05/forged/#correction-20240502-update",
      "https://ledger.example.org/2024/03/bridge/#correction-20240305-update",
      "https://ledger.example.org/2024/03/bridge/#correction-20240303-correction",
      "https://ledger.example.org/2024/02/wells/#correction-20240202-clarification",
    ]);
    expect(xml).toContain("<title>Retraction: Forged memo story</title>");
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://ledger.example.org/2024/03/bridge/#correction-20240303-correction"/>');
    // The hostile text is text twice over: escaped in the HTML, and that HTML escaped in the XML.
    expect(xml).toContain("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;");
    expect(xml).not.toContain("<script>");
  });
});
