// The archive model as pure functions from articles: no Eleventy, no disk.
import { describe, expect, it } from "vitest";
import { numberedPages, paginate } from "../src/archive/pagination.ts";
import { createUrls } from "../src/archive/urls.ts";
import { buildMode } from "../src/site.ts";
import { files } from "./fixtures/articles.ts";
import { articleFile, articleFiles } from "./helpers/articles.ts";
import { modelFrom } from "./helpers/model.ts";

const urls = createUrls("https://example.org");

describe("pagination", () => {
  // Items are newest first (99 the newest of 100): a numbered page's items, from the oldest.
  const items = (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i);
  it.each([
    [0, [], [0]],
    [1, [], [1]],
    [10, [], [10]],
    [19, [], [19]],
    [20, [1], [10, 10]],
    [25, [1], [15, 10]],
    [30, [1, 2], [10, 10, 10]],
    [39, [1, 2], [19, 10, 10]],
  ])("%i items in pages of 10 -> numbered pages %j, sizes (landing first) %j", (n, numbered, sizes) => {
    const result = paginate(items(n), 10, "/keywords/x/", urls);
    expect(result.map((p) => p.path)).toEqual(["/keywords/x/", ...numbered.map((k) => `/keywords/x/page/${k}/`)]);
    expect(result.map((p) => p.items.length)).toEqual(sizes);
    expect(numberedPages(n, 10)).toBe(numbered.length);
    // Every item once, the landing never short of a page (when the list has one).
    expect(result.flatMap((p) => p.items).sort((a, b) => a - b)).toEqual(items(n).reverse());
    if (n >= 10) expect(result[0]!.items.length).toBeGreaterThanOrEqual(10);
    expect(result[0]!.pagination).toMatchObject({ landing: true, newer: undefined });
    expect(result[0]!.pagination.older).toBe(numbered.length ? `/keywords/x/page/${numbered.length}/` : undefined);
    expect(result[0]!.pagination.pages.length > 0).toBe(numbered.length > 0);
  });

  it("numbers pages from the oldest: page k holds the same items whatever is added after", () => {
    for (let n = 30; n < 80; n++) {
      const result = paginate(items(n), 10, "/", urls);
      result.slice(1).forEach((p, i) => {
        expect(p.pagination.number).toBe(i + 1);
        // Newest first within the page: items 10k-1 … 10(k-1) counted from the oldest (0).
        expect(p.items).toEqual(Array.from({ length: 10 }, (_, j) => 10 * (i + 1) - 1 - j));
      });
    }
  });

  it("links the landing, a window around the current page and the oldest, newest first, with gaps", () => {
    const result = paginate(items(100), 10, "/", urls);
    const shown = (n: number) => result.find((p) => p.pagination.number === n)!.pagination;
    const labels = (p: ReturnType<typeof shown>) => p.pages.map((l) => (l ? `${l.label}${l.current ? "*" : ""}` : "…"));
    expect(labels(shown(5))).toEqual(["Latest", "…", "7", "6", "5*", "4", "3", "…", "1"]);
    expect(shown(5).newer).toBe("/page/6/");
    expect(shown(5).older).toBe("/page/4/");
    expect(labels(shown(9))).toEqual(["Latest", "9*", "8", "7", "…", "1"]);
    expect(shown(9).newer).toBe("/");
    expect(labels(shown(1))).toEqual(["Latest", "…", "3", "2", "1*"]);
    expect(shown(1).older).toBeUndefined();
    expect(labels(result[0]!.pagination)).toEqual(["Latest*", "9", "8", "…", "1"]);
    expect(shown(1).pages.at(-1)!.name).toBe("Page 1, the oldest");
  });

  it("gives a numbered page the same navigation however long the list grows, once it is WINDOW + 1 from the newest", () => {
    const at = (n: number) => paginate(items(n), 10, "/", urls).find((p) => p.pagination.number === 4)!;
    // From 7 numbered pages (80 items) on, page 4's view no longer depends on the list's length.
    const view = JSON.stringify(at(80));
    for (const n of [81, 90, 99, 100, 150, 1000]) expect(JSON.stringify(at(n))).toBe(view);
    // With 6 numbered pages, 6 is the window's top and there is no gap before "Latest".
    expect(JSON.stringify(at(79))).not.toBe(view);
  });

  it("pages every list kind by the site's page size, numbered from the oldest", () => {
    const { model } = modelFrom(articleFiles(27, () => ({ keywords: ["Water"], translator: "Rana Haddad" })), { pageSize: 5 });
    const kinds = (kind: string) => model.lists.filter((l) => l.kind === kind).map((l) => l.path);
    const numbered = (base: string) => [base, ...[1, 2, 3, 4].map((k) => `${base}page/${k}/`)];
    expect(kinds("home")).toEqual(numbered("/"));
    expect(kinds("keyword")).toEqual(numbered("/keywords/water/"));
    expect(kinds("source")).toEqual(numbered("/sources/wadi-press/"));
    expect(kinds("translator")).toEqual(numbered("/translators/rana-haddad/"));
    expect(kinds("year")).toEqual(numbered("/2023/"));
    expect(kinds("month")).toEqual(numbered("/2023/01/"));
    const page2 = model.lists.find((l) => l.path === "/keywords/water/page/2/")!;
    expect(page2.meta.title).toBe("Water, page 2 — The Levant Ledger");
    // The 6th to 10th oldest, newest first.
    expect(page2.articles.map((a) => a.date.iso.slice(0, 10))).toEqual(["2023-01-10", "2023-01-09", "2023-01-08", "2023-01-07", "2023-01-06"]);
    // The landing: the newest 7 (the newest partial page and the full one before it), with the totals.
    const landing = model.lists.find((l) => l.path === "/keywords/water/")!;
    expect(landing.articles.map((a) => a.date.iso.slice(0, 10))).toEqual(Array.from({ length: 7 }, (_, i) => `2023-01-${27 - i}`));
    expect(landing.intro).toBe("27 articles, newest first");
    expect(page2.intro).toBe("Articles from January 6, 2023 to January 10, 2023, newest first");
  });
});

describe("keywords", () => {
  it("merges case and spacing variants and alias spellings into one keyword", () => {
    const { model } = modelFrom(
      {
        "a.md": articleFile({ date: "2024-01-01", keywords: ["Idlib"] }),
        "b.md": articleFile({ date: "2024-01-02", keywords: ["idlib "] }),
        "c.md": articleFile({ date: "2024-01-03", keywords: ["Idleb"] }),
        "d.md": articleFile({ date: "2024-01-04", keywords: ["Idlib", "IDLEB"] }),
      },
      { aliases: { Idleb: "Idlib" } },
    );
    const idlib = model.lists.filter((l) => l.kind === "keyword");
    expect(idlib.map((l) => l.heading)).toEqual(["Idlib"]);
    expect(idlib[0]!.articles).toHaveLength(4);
    expect(model.redirects.map((r) => [r.path, r.href])).toEqual([["/keywords/idleb/", "/keywords/idlib/"]]);
    expect(model.articles.find((a) => a.file === "d.md")!.keywords.map((k) => k.label)).toEqual(["Idlib"]);
  });

  it("lists the keywords most often used together", () => {
    const { model } = modelFrom({
      "a.md": articleFile({ date: "2024-01-01", keywords: ["Water", "Wells", "Council"] }),
      "b.md": articleFile({ date: "2024-01-02", keywords: ["Water", "Wells"] }),
      "c.md": articleFile({ date: "2024-01-03", keywords: ["Water", "Council", "Wells"] }),
      "d.md": articleFile({ date: "2024-01-04", keywords: ["Water", "Harbour"] }),
    });
    const water = model.lists.find((l) => l.path === "/keywords/water/")!;
    expect(water.related!.map((k) => [k.label, k.count])).toEqual([["Wells", 3], ["Council", 2], ["Harbour", 1]]);
  });
});

describe("related articles", () => {
  it("ranks by shared keywords weighted by rarity, then recency, and is deterministic", () => {
    const files: Record<string, string> = {
      "target.md": articleFile({ title: "Target", date: "2024-06-01", keywords: ["Common", "Rare"] }),
      "rare.md": articleFile({ title: "Shares rare", date: "2024-01-01", keywords: ["Rare"] }),
      "common-new.md": articleFile({ title: "Shares common, newer", date: "2024-05-01", keywords: ["Common"] }),
      "common-old.md": articleFile({ title: "Shares common, older", date: "2024-02-01", keywords: ["Common"] }),
      "both.md": articleFile({ title: "Shares both", date: "2023-01-01", keywords: ["Common", "Rare"] }),
      "none.md": articleFile({ title: "Shares nothing", date: "2024-05-05", keywords: ["Other"] }),
    };
    for (let i = 0; i < 6; i++) files[`filler${i}.md`] = articleFile({ title: `Filler ${i}`, date: `2022-0${i + 1}-01`, keywords: ["Common"] });
    const first = modelFrom(files).model;
    const target = first.articles.find((a) => a.title === "Target")!;
    const titles = target.related.map((a) => a.title);
    expect(titles.slice(0, 4)).toEqual(["Shares both", "Shares rare", "Shares common, newer", "Shares common, older"]);
    expect(titles).toHaveLength(5);
    expect(titles).not.toContain("Shares nothing");
    const again = modelFrom(Object.fromEntries(Object.entries(files).reverse())).model;
    expect(again.articles.find((a) => a.title === "Target")!.related.map((a) => a.title)).toEqual(titles);
  });
});

describe("dates", () => {
  it("puts an article at 23:30 on 31 December (site zone) in that year and month", () => {
    const { model } = modelFrom({
      "eve.md": articleFile({ title: "Eve", date: "2024-12-31T23:30:00+03:00" }),
      "utc.md": articleFile({ title: "Already next year", date: "2024-12-31T22:30:00Z" }),
    });
    expect(model.articles.find((a) => a.title === "Eve")!.path).toBe("/2024/12/a-headline/".replace("a-headline", "eve"));
    expect(model.calendar.years.map((y) => [y.year, y.count])).toEqual([["2025", 1], ["2024", 1]]);
    expect(model.lists.filter((l) => l.kind === "month").map((l) => l.path)).toEqual(["/2025/01/", "/2024/12/"]);
    const dec = model.calendar.years.find((y) => y.year === "2024")!.months[11]!;
    expect([dec.count, dec.href]).toEqual([1, "/2024/12/"]);
  });

  it("leaves drafts and future articles out of every list, feed and the sitemap", () => {
    const { model } = modelFrom(
      {
        "draft.md": articleFile({ title: "Draft", date: "2024-01-01", draft: true, keywords: ["K"] }),
        "future.md": articleFile({ title: "Future", date: "2030-01-01", keywords: ["K"] }),
        "ok.md": articleFile({ title: "Published", date: "2024-01-02", keywords: ["K"] }),
      },
      { now: "2025-01-01" },
    );
    const everywhere = JSON.stringify([model.lists, model.feeds, model.sitemaps, model.newsSitemap, model.jsonFeed, model.articles]);
    expect(everywhere).toContain("Published");
    expect(everywhere).not.toContain("Draft");
    expect(everywhere).not.toContain("Future");
  });
});

describe("aliases and prefixes", () => {
  it("redirects each article alias and writes _redirects rules", () => {
    const { model, problems } = modelFrom({ "a.md": articleFile({ slug: "talks", aliases: ["/old/talks", "/2019/03/talks.html"] }) });
    expect(problems).toEqual([]);
    expect(model.redirects.map((r) => [r.path, r.href])).toEqual([
      ["/old/talks/", "/2024/07/talks/"],
      ["/2019/03/talks.html", "/2024/07/talks/"],
    ]);
    expect(model.redirectRules).toEqual(["/old/talks/ /2024/07/talks/ 301", "/2019/03/talks.html /2024/07/talks/ 301"]);
  });

  it("refuses an alias that is another article's URL", () => {
    const { problems } = modelFrom({
      "a.md": articleFile({ slug: "one" }),
      "b.md": articleFile({ slug: "two", aliases: ["/2024/07/one/"] }),
    });
    expect(problems.map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([
      "b.md: aliases: would be published at /2024/07/one/, the same URL as a.md; give one of them another alias",
    ]);
  });

  it("puts every link, feed and canonical URL under the path prefix", () => {
    const { model } = modelFrom({ "a.md": articleFile({ slug: "talks", keywords: ["Water"], image: "/images/x.jpg", image_alt: "x" }) }, { mode: { pathPrefix: "/archive/" } });
    const a = model.articles[0]!;
    expect(a.href).toBe("/archive/2024/07/talks/");
    expect(a.path).toBe("/2024/07/talks/");
    expect(a.meta.canonical).toBe("https://ledger.example.org/archive/2024/07/talks/");
    expect(a.keywords[0]!.href).toBe("/archive/keywords/water/");
    expect(a.image!.src).toBe("/archive/images/x.jpg");
    expect(model.site.links.stylesheet).toBe("/archive/css/gazette.css");
    expect(model.feeds[0]!.self).toBe("https://ledger.example.org/archive/feed.xml");
  });
});

describe("options", () => {
  // Was a second whole build in build.test.ts; the mode decides which views exist, and the
  // production build test there still shows a real build leaving future articles out.
  it("includes future articles when GAZETTE_INCLUDE_FUTURE=1", () => {
    const { model } = modelFrom(files, { mode: buildMode({ GAZETTE_INCLUDE_FUTURE: "1" }) });
    expect(model.articles.find((a) => a.path === "/2099/01/future/")?.title).toBe("Scheduled piece");
    expect(model.articles.some((a) => a.path === "/2025/02/draft/")).toBe(false);
    expect(buildMode({}).future).toBe(false);
  });
});
