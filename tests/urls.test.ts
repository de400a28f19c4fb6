// One URL authority (src/archive/urls.ts): a site built under a path prefix is scanned whole —
// HTML attributes, Open Graph and Twitter meta, JSON-LD, Atom feeds (with a real XML parser),
// the JSON Feed, the sitemap, robots.txt, _redirects, redirect pages and the search page's
// configuration — and every URL of the site carries the prefix exactly once (absolute ones the
// origin and the prefix once) and names a file the build wrote.
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { load } from "cheerio";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { articlePath, createUrls } from "../src/archive/urls.ts";
import { parseDate } from "../src/content/dates.ts";
import { files } from "./fixtures/articles.ts";
import { buildSite, fixtureContentWith, FIXTURE_CONTENT, ROOT, run, tempDir, type BuildResult } from "./helpers/site.ts";
import { readSitemaps } from "./helpers/sitemap.ts";

// Not "/archive/": the date archive's own page is /archive/, so its link is legitimately /archive/archive/.
const PREFIX = "/gz-site/";
const ORIGIN = "https://ledger.example.org";

const extra = {
  // Root links and images in a body, an external image, an alias with non-ASCII characters.
  "2024/08/2024-08-01-links.md":
    "---\ntitle: Links everywhere\ndate: 2024-08-01\nsource: Wadi Press\nkeywords: [Idleb, إدلب]\nimage: https://images.example.net/boat.jpg\nimage_alt: A boat\naliases: [/old/سلام/, /2019/03/links/]\n---\nSee [the about page](/about/) and [the harbour](/2024/03/harbour-reopens/).\n\n![A harbour](/images/sample-harbour.svg)\n\n[Elsewhere](https://courier.example.org/x) and [a fragment](#top).\n",
};

describe("URLs under a path prefix", () => {
  let site: BuildResult;
  const problems: string[] = [];
  const written = new Set<string>();

  /** A URL the site wrote, found in `where`: a link of this site must carry the prefix once and name a written file. */
  const folders = new Set<string>();
  /** `base`: the page a relative URL is resolved against (only an article's own body has any). */
  const check = (url: string, where: string, mustBeAbsolute = false, base?: string) => {
    const value = url.trim();
    if (!value || value.startsWith("#") || /^(mailto|data|javascript):/i.test(value)) return;
    let path: string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      const parsed = new URL(value);
      if (parsed.origin !== ORIGIN) return; // another site's URL, as the article wrote it
      path = decodeURI(parsed.pathname);
    } else if (mustBeAbsolute) {
      problems.push(`${where}: expected an absolute URL, found ${value}`);
      return;
    } else if (value.startsWith("/") && !value.startsWith("//")) {
      path = decodeURI(value.split(/[?#]/)[0]!);
    } else if (base && !value.startsWith("//")) {
      path = decodeURI(new URL(value, `${ORIGIN}${PREFIX}${base.slice(1)}`).pathname);
    } else {
      problems.push(`${where}: a relative URL ${value}`);
      return;
    }
    if (!path.startsWith(PREFIX)) problems.push(`${where}: ${value} lacks the prefix ${PREFIX}`);
    else if (path.startsWith(`${PREFIX}${PREFIX.slice(1)}`)) problems.push(`${where}: ${value} carries the prefix twice`);
    else {
      const file = path.slice(PREFIX.length - 1);
      if (!written.has(file) && !written.has(`${file}index.html`) && !folders.has(file)) problems.push(`${where}: ${value} names no file the build wrote`);
    }
  };

  beforeAll(async () => {
    // Small pages, so lists have page/2/; navigation to pages the fixture has.
    const contentDir = await fixtureContentWith({ pageSize: 2, navigation: [{ label: "About", url: "/about/" }] });
    await writeFile(join(contentDir, "keywords.yaml"), "Idleb: Idlib\n");
    site = await buildSite({ files: { ...files, ...extra }, contentDir, env: { GAZETTE_PATH_PREFIX: PREFIX } });
    if (site.code !== 0) throw new Error(site.stderr);
    const all = (await readdir(site.out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    for (const e of all) written.add(`/${relative(site.out, join(e.parentPath, e.name)).split("\\").join("/")}`);
    for (const f of written) for (let i = f.indexOf("/", 1); i > 0; i = f.indexOf("/", i + 1)) folders.add(f.slice(0, i + 1));
  }, 120_000);

  it("carries the prefix once in every URL of every page, feed and file", async () => {
    const pages = [...written].filter((f) => f.endsWith(".html") && !f.startsWith("/pagefind/"));
    let jsonLd = 0;
    for (const page of pages) {
      const $ = load(await site.text(page));
      const folder = page.replace(/[^/]*$/, "");
      for (const attr of ["href", "src", "action"]) $(`[${attr}]`).each((_, el) => check($(el).attr(attr)!, `${page} [${attr}]`, false, folder));
      $("[srcset]").each((_, el) => $(el).attr("srcset")!.split(",").forEach((s) => check(s.trim().split(/\s+/)[0]!, `${page} srcset`)));
      $('meta[property^="og:"], meta[name^="twitter:"], meta[property^="article:"]').each((_, el) => {
        const content = $(el).attr("content")!;
        if (/^https?:/.test(content)) check(content, `${page} meta ${$(el).attr("property") ?? $(el).attr("name")}`, true);
      });
      $('link[rel="canonical"]').each((_, el) => check($(el).attr("href")!, `${page} canonical`, true));
      $('meta[http-equiv="refresh"]').each((_, el) => check($(el).attr("content")!.replace(/^\d+;\s*url=/i, ""), `${page} refresh`));
      $('script[type="application/ld+json"]').each((_, el) => {
        jsonLd += 1;
        walkUrls(JSON.parse($(el).text()), (u, key) => check(u, `${page} JSON-LD ${key}`, true));
      });
      // The highlighter's address, in the one inline script of article pages.
      $("script:not([src]):not([type='application/ld+json'])").each((_, el) => {
        for (const m of $(el).text().matchAll(/import\("([^"]+)"\)/g)) check(m[1]!, `${page} script import`);
      });
    }
    expect(pages.length).toBeGreaterThan(30);
    expect(jsonLd).toBeGreaterThan(30);

    // The search page's configuration.
    const app = load(await site.text("search/index.html"))("#search-app");
    for (const name of ["bundle", "facets", "home"]) check(app.attr(`data-${name}`)!, `search data-${name}`);
    for (const b of JSON.parse(app.attr("data-bundles")!) as { href: string }[]) check(b.href, "search data-bundles");

    // Atom feeds, read by an XML parser: links, ids, and every link inside the entries' HTML.
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "url"].includes(name) });
    const feeds = [...written].filter((f) => f.endsWith("/feed.xml"));
    expect(feeds.length).toBeGreaterThan(10);
    for (const f of feeds) {
      const { feed } = xml.parse(await site.text(f)) as { feed: AtomFeed };
      check(feed.id, `${f} id`, true);
      for (const l of feed.link) check(l["@href"], `${f} link`, true);
      for (const e of feed.entry ?? []) {
        check(e.id, `${f} entry id`, true);
        for (const l of e.link) check(l["@href"], `${f} entry link`, true);
        const $ = load(e.content["#text"] ?? "");
        $("[href], [src]").each((_, el) => check($(el).attr("href") ?? $(el).attr("src")!, `${f} entry content`, true));
      }
    }

    const json = JSON.parse(await site.text("feed.json")) as { home_page_url: string; feed_url: string; items: Record<string, string>[] };
    check(json.home_page_url, "feed.json home_page_url", true);
    check(json.feed_url, "feed.json feed_url", true);
    for (const item of json.items) {
      for (const key of ["id", "url", "image"]) if (item[key]) check(item[key], `feed.json ${key}`, true);
      load(item.content_html!)("[href], [src]").each((_, el) => check(el.attribs.href ?? el.attribs.src!, "feed.json content_html", true));
    }

    const sitemaps = await readSitemaps(site.text, `${ORIGIN}${PREFIX.slice(0, -1)}`);
    for (const f of sitemaps.index) check(f.loc, "sitemap index loc", true);
    expect(sitemaps.urls.length).toBeGreaterThan(30);
    for (const u of sitemaps.urls) check(u.loc, "sitemap loc", true);

    const robots = (await site.text("robots.txt")).match(/^Sitemap: (.+)$/m)?.[1];
    check(robots ?? "", "robots.txt Sitemap", true);

    const rules = (await site.text("_redirects")).split("\n").filter((l) => l && !l.startsWith("#"));
    expect(rules.length).toBeGreaterThanOrEqual(4); // two aliases (one written two ways) and a keyword alias
    for (const rule of rules) {
      const [from, to] = rule.split(" ");
      if (!from!.startsWith(PREFIX) || from!.startsWith(`${PREFIX}${PREFIX.slice(1)}`)) problems.push(`_redirects: ${from} must carry the prefix once`);
      check(to!, "_redirects target");
    }

    expect(problems).toEqual([]);
  });

  it("fixes the image URL that was prefixed twice in absolute image URLs", async () => {
    // The SVG lead image is in no card or JSON-LD (they take rasters only); the JSON Feed carries its absolute URL.
    const image = `${ORIGIN}${PREFIX}images/sample-harbour.svg`;
    const feed = JSON.parse(await site.text("feed.json")) as { items: { url: string; image?: string }[] };
    expect(feed.items.find((i) => i.url.endsWith("/2024/03/harbour-reopens/"))!.image).toBe(image);
    // An image hosted elsewhere is used as written.
    const other = load(await site.text("2024/08/links/index.html"));
    expect(other('meta[property="og:image"]').attr("content")).toBe("https://images.example.net/boat.jpg");
    const ld = JSON.parse(other('script[type="application/ld+json"]').text()) as { image?: string[] }[];
    expect(ld[0]!.image).toEqual(["https://images.example.net/boat.jpg"]);
  });
});

describe("the article URL", () => {
  it("is one formula for the model, the ownership check and `npm run new`", () => {
    const urls = createUrls("https://ledger.example.org/", "/gz/");
    // 23:30 UTC on New Year's Eve is already January in the site's zone.
    const date = parseDate("2024-12-31T23:30:00Z", "Asia/Damascus")!;
    expect(articlePath(date, "fireworks")).toBe("/2025/01/fireworks/");
    expect(urls.absolute(articlePath(date, "fireworks"))).toBe("https://ledger.example.org/gz/2025/01/fireworks/");
  });

  it("is what `npm run new` announces, under the prefix", async () => {
    const articles = join(await tempDir(), "articles");
    const env = { ...process.env, GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_PATH_PREFIX: "/gz/" };
    const result = await run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/new.ts"), "Fireworks", "--source", "Wadi Press", "--date", "2024-12-31T23:30:00Z"], env);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("published at https://ledger.example.org/gz/2025/01/fireworks/ (a draft");
    expect(existsSync(join(articles, "2025/01/2025-01-01-fireworks.md"))).toBe(true);
  });
});

interface AtomFeed {
  id: string;
  link: { "@href": string }[];
  entry?: { id: string; link: { "@href": string }[]; content: { "#text"?: string } }[];
}

/** Calls `visit` with every string in JSON-LD that is a URL, and the key it is under. */
function walkUrls(value: unknown, visit: (url: string, key: string) => void, key = ""): void {
  if (typeof value === "string") {
    if (/^(https?:|\/)/.test(value) && key !== "@context") visit(value, key);
  } else if (Array.isArray(value)) value.forEach((v) => walkUrls(v, visit, key));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walkUrls(v, visit, k);
}

