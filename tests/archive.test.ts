// The archive model as pure functions from articles: no Eleventy, no disk.
import { describe, expect, it } from "vitest";
import { paginate } from "../src/archive/pagination.ts";
import { createUrls } from "../src/archive/urls.ts";
import { buildMode } from "../src/site.ts";
import { files } from "./fixtures/articles.ts";
import { articleFile, articleFiles } from "./helpers/articles.ts";
import { modelFrom } from "./helpers/model.ts";

const urls = createUrls("https://example.org");

describe("pagination", () => {
  it.each([
    [0, 1, [0]],
    [1, 1, [1]],
    [10, 1, [10]],
    [11, 2, [10, 1]],
    [25, 3, [10, 10, 5]],
  ])("%i items in pages of 10 -> %i pages", (n, pages, sizes) => {
    const result = paginate(Array.from({ length: n }, (_, i) => i), 10, "/keywords/x/", urls);
    expect(result).toHaveLength(pages);
    expect(result.map((p) => p.items.length)).toEqual(sizes);
    expect(result[0]!.path).toBe("/keywords/x/");
    if (pages > 1) expect(result[1]!.path).toBe("/keywords/x/page/2/");
    const last = result[result.length - 1]!.pagination;
    expect(last.next).toBeUndefined();
    expect(result[0]!.pagination.prev).toBeUndefined();
  });

  it("links first, last and a window around the current page, with gaps", () => {
    const result = paginate(Array.from({ length: 100 }, (_, i) => i), 10, "/", urls);
    const p5 = result[4]!.pagination;
    expect(p5.pages.map((p) => (p ? `${p.number}${p.current ? "*" : ""}` : "…"))).toEqual(["1", "…", "3", "4", "5*", "6", "7", "…", "10"]);
    expect(p5.prev).toBe("/page/4/");
    expect(p5.next).toBe("/page/6/");
    expect(p5.first).toBe("/");
    expect(p5.last).toBe("/page/10/");
  });

  it("pages every list kind by the site's page size", () => {
    const { model } = modelFrom(articleFiles(25, () => ({ keywords: ["Water"], translator: "Rana Haddad" })), { pageSize: 10 });
    const kinds = (kind: string) => model.lists.filter((l) => l.kind === kind).map((l) => l.path);
    expect(kinds("home")).toEqual(["/", "/page/2/", "/page/3/"]);
    expect(kinds("keyword")).toEqual(["/keywords/water/", "/keywords/water/page/2/", "/keywords/water/page/3/"]);
    expect(kinds("source")).toEqual(["/sources/wadi-press/", "/sources/wadi-press/page/2/", "/sources/wadi-press/page/3/"]);
    expect(kinds("translator")).toEqual(["/translators/rana-haddad/", "/translators/rana-haddad/page/2/", "/translators/rana-haddad/page/3/"]);
    expect(kinds("year")).toEqual(["/2023/", "/2023/page/2/", "/2023/page/3/"]);
    expect(kinds("month")).toEqual(["/2023/01/", "/2023/01/page/2/", "/2023/01/page/3/"]);
    const page2 = model.lists.find((l) => l.path === "/keywords/water/page/2/")!;
    expect(page2.meta.title).toBe("Water, page 2 of 3 — The Levant Ledger");
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
