// The sample site in content/ as a reader gets it, served from the root and under a sub-path
// (as on GitHub Pages): valid HTML on every page, no broken internal links or assets, and the
// sample content covering the whole front-matter contract.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, ROOT, type BuildResult } from "./helpers/site.ts";

const sample = { articles: join(ROOT, "content/articles"), contentDir: join(ROOT, "content") };

async function htmlPages(out: string): Promise<string[]> {
  const files = await readdir(out, { recursive: true });
  return files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind")).sort();
}

/** Internal href/src values on a page that do not resolve to a file in the output. */
async function brokenLinks(site: BuildResult, page: string, prefix: string): Promise<string[]> {
  const $ = load(await site.text(page));
  const refs = [
    ...$("a[href]").map((_, a) => $(a).attr("href")).get(),
    ...$("[src]").map((_, e) => $(e).attr("src")).get(),
    ...$("link[href]").map((_, l) => $(l).attr("href")).get(),
    ...$("[data-bundle]").map((_, e) => `${$(e).attr("data-bundle")}pagefind.js`).get(),
    ...$("[data-facets]").map((_, e) => $(e).attr("data-facets")!).get(),
    ...$('meta[http-equiv="refresh"]').map((_, m) => $(m).attr("content")!.replace(/^0; url=/, "")).get(),
  ];
  const broken: string[] = [];
  for (const ref of refs) {
    if (/^(https?:|mailto:|#)/.test(ref)) continue;
    if (!ref.startsWith(prefix)) {
      broken.push(`${page} -> ${ref} (outside ${prefix})`);
      continue;
    }
    const path = decodeURIComponent(ref.slice(prefix.length - 1).split(/[?#]/)[0]!);
    const target = join(site.out, path.endsWith("/") ? `${path}index.html` : path);
    if (!(await stat(target).catch(() => null))) broken.push(`${page} -> ${ref}`);
  }
  return broken;
}

describe.each([
  ["at the root", "/"],
  ["under a sub-path", "/archive/"],
])("sample site %s", (_, prefix) => {
  let site: BuildResult;
  let pages: string[];

  beforeAll(async () => {
    site = await buildSite({ ...sample, env: prefix === "/" ? {} : { GAZETTE_PATH_PREFIX: prefix } });
    if (site.code !== 0) throw new Error(site.stderr);
    pages = await htmlPages(site.out);
  });

  it("is valid HTML on every page", async () => {
    // Standards and accessibility rules; the purely stylistic ones (doctype case, whitespace) are left out.
    const validator = new HtmlValidate({ extends: ["html-validate:standard", "html-validate:a11y"] });
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await site.text(page), page);
      for (const result of report.results) {
        for (const m of result.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(pages.length).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  });

  it("has no broken internal links or assets", async () => {
    const broken = (await Promise.all(pages.map((p) => brokenLinks(site, p, prefix)))).flat();
    expect(broken).toEqual([]);
  });

  it("uses the prefix in feeds, sitemap and canonical URLs", async () => {
    const base = `https://ledger.example.org${prefix}`;
    expect(await site.text("robots.txt")).toContain(`Sitemap: ${base}sitemap.xml`);
    const feed = load(await site.text("feed.xml"), { xml: true });
    expect(feed('link[rel="self"]').attr("href")).toBe(`${base}feed.xml`);
    // rel="via" is the original article, elsewhere; the entry's own link is under the prefix.
    for (const link of feed('entry > link[rel="alternate"]').map((_, l) => feed(l).attr("href")).get()) expect(link.startsWith(base)).toBe(true);
    const home = await site.html("index.html");
    expect(home('link[rel="canonical"]').attr("href")).toBe(base);
  });
});

describe("sample content", () => {
  let site: BuildResult;
  beforeAll(async () => {
    site = await buildSite(sample);
    if (site.code !== 0) throw new Error(site.stderr);
  });

  it("has at least 12 published articles, the pages and an Arabic article", async () => {
    const count = Number(/Built (\d+) articles/.exec(site.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(12);
    const pages = await htmlPages(site.out);
    expect(pages).toContain("about/index.html");
    const langs = await Promise.all(pages.map(async (p) => load(await site.text(p))("html").attr("lang")));
    expect(langs).toContain("ar");
  });

  it("keeps the literal braces of the sample body", async () => {
    const pages = await htmlPages(site.out);
    const all = await Promise.all(pages.map((p) => readFile(join(site.out, p), "utf8")));
    expect(all.some((html) => html.includes("{{ braces }}"))).toBe(true);
  });

  it("adds registry details to source pages and redirects keyword alias spellings", async () => {
    const source = await site.html("sources/qalamoun-daily/index.html");
    expect(source(".source-details").text()).toContain("A daily newspaper");
    expect(source('.source-details a[href="https://qalamoun-daily.example.org/"]')).toHaveLength(1);
    // A source missing from the registry still has its page.
    expect((await site.html("sources/radio-sahel-al-gharb/index.html"))("h1").text()).toBe("Radio Sahel al-Gharb");
    const alias = await site.html("keywords/tel-sanawbar/index.html");
    expect(alias('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/keywords/tell-sanawbar/");
    const kw = await site.html("keywords/tell-sanawbar/index.html");
    expect(kw(".card__title").map((_, t) => kw(t).text()).get()).toContain("Tell Sanawbar council bans garden irrigation from the town network as summer shortage bites");
  });
});
