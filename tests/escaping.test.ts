// Everything an editor writes is text: markup in any front-matter field must come out escaped
// in element text, attributes, <title>, meta tags, JSON-LD and feeds, and never as an element;
// raw HTML in a body loses scripts, handlers and javascript: URLs. Then Chromium visits every
// page type and no payload may run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserSkipReason, serveToBrowser, type ServedSite } from "./helpers/browser.ts";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";

const PAYLOAD = `<script>alert("x")</script> "quoted" & <img src=x onerror=alert(1)> ]]> </script><script>alert(2)</script>`;
// Headlines and standfirsts get the bodies' curly quotes (docs/site.md): the same payload, typeset, still escaped.
const TYPESET = `<script>alert(“x”)</script> “quoted” & <img src=x onerror=alert(1)> ]]> </script><script>alert(2)</script>`;
// Fields whose value must survive as exactly this text.
const TEXT_FIELDS = ["title", "subtitle", "summary", "source", "translator", "author", "original_title", "image_alt", "image_credit", "disclaimer"] as const;

/** Keywords are short (80 characters at most), so theirs is the sharpest part of the payload. */
const KEYWORD = `kw <img src=x onerror=alert(1)> "k" & ]]> </script>`;
const yaml = (v: string) => JSON.stringify(v);
const hostile = `---
${TEXT_FIELDS.map((f) => `${f}: ${yaml(`${f}: ${PAYLOAD}`)}`).join("\n")}
date: 2024-07-09
source_url: ${yaml('https://example.org/a?b="c"&d=<e>')}
image: /images/x.png
aliases: ["/old/hostile/"]
keywords:
  - ${yaml(KEYWORD)}
---
Body text with raw HTML after it.

<img src="x" onerror="alert('body img')">

<script>alert('body script')</script>

<p><a href="javascript:alert('body link')">a link</a> and <iframe srcdoc="<script>alert('frame')</script>"></iframe></p>

<details open ontoggle="alert('toggle')"><summary>More</summary>Kept, without its handler.</details>
`;

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ files: { "2024/07/2024-07-09-hostile.md": hostile }, contentDir: FIXTURE_CONTENT });
  if (site.code !== 0) throw new Error(site.stderr);
});

describe("raw HTML in a body", () => {
  it("keeps harmless markup and strips scripts, handlers, frames and javascript: URLs", async () => {
    const $ = await site.html("2024/07/hostile/index.html");
    const body = $(".article__body");
    expect(body.find("details summary").text()).toBe("More");
    expect(body.find("script, iframe")).toHaveLength(0);
    expect(body.find("[onerror], [ontoggle], [onclick]")).toHaveLength(0);
    expect(body.find('a[href^="javascript"]')).toHaveLength(0);
    expect(body.find("a").text()).toBe("a link");
  });
});

describe("escaping editor text", () => {
  const pages = ["2024/07/hostile/index.html", "index.html", "keywords/index.html"];

  it("creates no element from any field on any page", async () => {
    for (const page of pages) {
      const $ = await site.html(page);
      // Besides the fixed search-term highlighter on articles, the only scripts are JSON-LD data,
      // and no value can close them early.
      const code = $('script:not([type="application/ld+json"])');
      expect(code.length).toBeLessThanOrEqual(1);
      if (code.length) expect(code.text()).not.toMatch(/alert|onerror/);
      expect($.html()).not.toContain("alert(\"x\")</script>");
      for (const ld of $('script[type="application/ld+json"]').toArray()) {
        const text = $(ld).text();
        expect(text).not.toMatch(/<\/script/i);
        expect(() => JSON.parse(text)).not.toThrow();
      }
      expect($("img[onerror]")).toHaveLength(0);
      expect($("[onerror]")).toHaveLength(0);
      expect(await site.text(page)).not.toContain("<script>");
    }
  });

  it("shows each field as the exact text the editor wrote", async () => {
    const $ = await site.html("2024/07/hostile/index.html");
    expect($("h1").text()).toBe(`title: ${TYPESET}`);
    expect($("title").text()).toBe(`title: ${TYPESET} — The Levant Ledger`);
    expect($(".standfirst").text()).toBe(`subtitle: ${TYPESET}`);
    expect($('meta[name="description"]').attr("content")).toBe(`summary: ${PAYLOAD}`);
    const provenance = $(".provenance").text();
    for (const f of ["source", "translator", "author", "original_title"]) expect(provenance).toContain(`${f}: ${PAYLOAD}`);
    expect($(".lead-image img").attr("alt")).toBe(`image_alt: ${PAYLOAD}`);
    expect($(".lead-image figcaption").text()).toContain(`image_credit: ${PAYLOAD}`);
    expect($(".disclaimer").text().trim()).toBe(`disclaimer: ${PAYLOAD}`);
    expect($('.provenance a[rel~="external"]').attr("href")).toBe('https://example.org/a?b="c"&d=<e>');
    expect($(".article__keywords a").text()).toBe(KEYWORD);
  });

  it("keeps every field intact in JSON-LD and meta tags", async () => {
    const $ = await site.html("2024/07/hostile/index.html");
    const [article] = JSON.parse($('script[type="application/ld+json"]').text());
    expect(article.headline).toBe(`title: ${TYPESET}`);
    expect(article.translator[0].name).toBe(`translator: ${PAYLOAD}`);
    expect(article.isBasedOn.headline).toBe(`original_title: ${PAYLOAD}`);
    expect(article.isBasedOn.author[0].name).toBe(`author: ${PAYLOAD}`);
    expect(article.isBasedOn.publisher.name).toBe(`source: ${PAYLOAD}`);
    expect(article.keywords).toEqual([KEYWORD]);
    expect($('meta[property="og:title"]').attr("content")).toBe(`title: ${TYPESET} — The Levant Ledger`);
    expect($('meta[property="article:tag"]').attr("content")).toBe(KEYWORD);
    expect($('meta[property="og:image:alt"]').attr("content")).toBe(`image_alt: ${PAYLOAD}`);
  });

  it("keeps every field intact in the feeds", async () => {
    const atom = await site.text("feed.xml");
    expect(atom).not.toContain("<script");
    const $ = (await import("cheerio")).load(atom, { xml: true });
    expect($("entry > title").text()).toBe(`title: ${TYPESET}`);
    // The original's author is the entry's author; the translator a contributor.
    expect($("entry > author > name").text()).toBe(`author: ${PAYLOAD}`);
    expect($("entry > contributor > name").text()).toBe(`translator: ${PAYLOAD}`);
    expect($("entry > category").attr("term")).toBe(KEYWORD);
    const json = JSON.parse(await site.text("feed.json"));
    expect(json.items[0].title).toBe(`title: ${TYPESET}`);
  });

  it("escapes in lists and keyword pages too", async () => {
    const home = await site.html("index.html");
    expect(home(".front-lead__title").text()).toBe(`title: ${TYPESET}`);
    expect(home(".card__source").text()).toBe(`source: ${PAYLOAD}`);
    const index = await site.html("keywords/index.html");
    expect(index(".keyword-list a").text()).toBe(KEYWORD);
    const source = await site.html("sources/index.html");
    expect(source(".keyword-list a").text()).toBe(`source: ${PAYLOAD}`);
  });
});

describe.skipIf(!!browserSkipReason)("in Chromium, no payload runs on any page type", () => {
  let server: ServedSite;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveToBrowser(site.out);
    browser = server.browser;
  });
  afterAll(() => server?.close());

  it.each([
    "/2024/07/hostile/",
    "/2024/07/hostile/?highlight=body",
    "/",
    "/keywords/",
    "/sources/",
    "/translators/",
    "/archive/",
    "/2024/",
    "/2024/07/",
    "/search/?q=title",
    "/search/?q=body",
    "/old/hostile/",
    "/404.html",
    "/feed.xml",
  ])("%s", async (path) => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}${path}`);
    if (path.startsWith("/search/")) await page.waitForFunction(() => /\d+ results?/.test(document.getElementById("search-status")?.textContent ?? ""));
    // Every facet page the hostile names produced, too.
    const links = path === "/keywords/" || path === "/sources/" || path === "/translators/" ? await page.locator(".keyword-list a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)) : [];
    for (const link of links) await page.goto(link);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll("[onerror], [onclick], [ontoggle], iframe").length)).toBe(0);
    await page.close();
  });
});
