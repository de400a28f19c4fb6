// Redirects are exact: one fixture site with many kinds of old URL (ASCII, apostrophe, Arabic raw
// and percent-encoded, with and without a trailing slash, file forms, keyword alias spellings) is
// built once; its `_redirects` is read by Netlify's own matching engine (netlify-redirector), and
// its redirect pages are read byte for byte. `check` and `build` name the same alias problems.
import { readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { indexArchive, listPublicFiles, type PlannedPath } from "../src/archive/index.ts";
import { now } from "../src/content/dates.ts";
import { loadContent } from "../src/content/load.ts";
import { resolvePaths } from "../src/site.ts";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, ROOT, run, tempDir, writeFiles, type BuildResult } from "./helpers/site.ts";

/** The parts of netlify-redirector's API used here (it ships no types). */
interface RedirectMatch {
  from: string;
  to: string;
  status: number;
  force: boolean;
}
interface RedirectRequest {
  scheme: string;
  host: string;
  path: string;
  query: string;
  getHeader(name: string): string;
  getCookie(name: string): string;
}
interface Matcher {
  match(request: RedirectRequest): RedirectMatch | null;
}
const redirector = createRequire(import.meta.url)("netlify-redirector") as { parsePlain(rules: string, options: object): Promise<Matcher> };

const SITE = "https://ledger.example.org";
const HARBOUR = "/2024/03/harbour-reopens/";
const PORT_AR = "/2024/05/ميناء-اللاذقية/";

/** Old URL as written in front matter -> the article it must reach. */
const ALIASES: [string, string][] = [
  ["/old/harbour", HARBOUR],
  ["/2019/03/don't-panic/", HARBOUR],
  ["/ar/%D8%B3%D9%84%D8%A7%D9%85/", HARBOUR],
  ["/ar/أخبار-اليوم", HARBOUR],
  ["/old/story.html", HARBOUR],
  ["/news/index.html", HARBOUR],
  ["/café-story/", HARBOUR],
  ["/2019/11/q&a-(part-2)/", HARBOUR],
  ["/old/arabic-story/", PORT_AR],
  ["/%D9%85%D9%8A%D9%86%D8%A7%D8%A1/", PORT_AR],
];
/** Keyword alias spellings (content/keywords.yaml) -> the keyword page they redirect to. */
const KEYWORD_ALIASES: [string, string][] = [
  ["/keywords/idleb/", "/keywords/idlib/"],
  ["/keywords/ادلب/", "/keywords/idlib/"],
];

let site: BuildResult;
let matcher: Matcher;
let planned: PlannedPath[];
let articlesDir: string;
let contentDir: string;

beforeAll(async () => {
  contentDir = await fixtureContentWith({ title: `Ledger <&> "Quotes" 'here'` });
  await writeFile(join(contentDir, "keywords.yaml"), "Idleb: Idlib\nادلب: Idlib\n");
  articlesDir = join(await tempDir(), "articles");
  await writeFiles(articlesDir, {
    "harbour.md": articleFile({
      title: "Harbour reopens",
      date: "2024-03-07",
      slug: "harbour-reopens",
      keywords: ["Idlib"],
      aliases: ALIASES.filter(([, to]) => to === HARBOUR).map(([from]) => from),
    }),
    "port.md": articleFile({
      title: "ميناء اللاذقية",
      date: "2024-05-01",
      slug: "ميناء-اللاذقية",
      lang: "ar",
      keywords: ["Idleb"],
      aliases: ALIASES.filter(([, to]) => to === PORT_AR).map(([from]) => from),
    }),
    "water.md": articleFile({ title: "Water", date: "2024-07-09", slug: "water-talks", keywords: ["Water"] }),
  });
  site = await buildSite({ articles: articlesDir, contentDir });
  matcher = await redirector.parsePlain(await site.text("_redirects"), {});
  const paths = resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: articlesDir, GAZETTE_CONTENT_DIR: contentDir });
  const content = await loadContent(paths);
  const settings = content.settings!;
  planned = indexArchive({ ...content, settings }, { drafts: false, future: false, pathPrefix: "/" }, now(settings.timeZone), listPublicFiles(join(ROOT, "public"))).planned;
});

const request = (path: string): RedirectRequest => ({ scheme: "https", host: "ledger.example.org", path, query: "", getHeader: () => "", getCookie: () => "" });
/** What a browser sends for a link to `written` (the WHATWG URL parser: non-ASCII percent-encoded). */
const sent = (written: string) => new URL(written, SITE).pathname;
const encoded = (path: string) => new URL(path, SITE).pathname;

describe("_redirects, read by Netlify's matching engine", () => {
  it("builds", () => {
    expect(site.stderr).not.toMatch(/error/i);
    expect(site.code).toBe(0);
  });

  it.each([...ALIASES, ...KEYWORD_ALIASES])("sends %s to %s with a 301, in every form it can arrive in", (written, target) => {
    // "/news/index.html" is the file of "/news/": its page answers that form, the rule the others.
    const path = sent(written).replace(/\/index\.html$/, "/");
    const forms = new Set([
      path, // as a browser sends it
      decodeURIComponent(path), // as Netlify's local proxy passes it (decoded)
      path.replace(/\/$/, ""), // without the trailing slash
      path.endsWith("/") || /\.\w+$/.test(path) ? path : `${path}/`, // with it
    ]);
    for (const path of forms) {
      const match = matcher.match(request(path));
      expect(match, path).not.toBeNull();
      expect([match!.status, match!.to, match!.force], path).toEqual([301, encoded(target), false]);
    }
  });

  it("catches no other path", () => {
    const others = [
      "/",
      "/anything",
      "/2024/07/x/",
      HARBOUR,
      encoded(PORT_AR),
      "/2024/07/water-talks/",
      "/about/",
      "/keywords/idlib/",
      "/keywords/",
      "/pagefind/pagefind.js",
      "/old/",
      "/ar/",
      "/old/harbour/extra/",
      "/2019/03/",
      "/2019/03/dont-panic/",
      "/2019/03/don%27t-panic/x/",
      "/news/index.htm",
    ];
    for (const path of others) expect(matcher.match(request(path)), path).toBeNull();
  });

  it("writes each rule as three plain fields, byte for byte (no HTML escaping)", async () => {
    const text = await site.text("_redirects");
    const rules = text.split("\n").filter((l) => l && !l.startsWith("#"));
    for (const rule of rules) expect(rule, rule).toMatch(/^\/[^\s*!?#]* \/[^\s]* 301$/);
    expect(text).not.toContain("&#");
    expect(text).not.toContain("&amp;");
    expect(rules).toContain(`/2019/03/don't-panic/ ${HARBOUR} 301`);
    expect(rules).toContain(`/2019/11/q&a-(part-2)/ ${HARBOUR} 301`);
    // A non-ASCII alias is written as browsers send it, and decoded for hosts that decode first.
    expect(rules).toContain(`/ar/%D8%B3%D9%84%D8%A7%D9%85/ ${HARBOUR} 301`);
    expect(rules).toContain(`/ar/سلام/ ${HARBOUR} 301`);
    expect(rules).toContain(`/%D9%85%D9%8A%D9%86%D8%A7%D8%A1/ ${encoded(PORT_AR)} 301`);
  });
});

describe("redirect pages", () => {
  /** Decoded folder or file of each redirect page, as Eleventy writes every other page. */
  const pages: [string, string][] = [
    ["old/harbour/index.html", HARBOUR],
    ["2019/03/don't-panic/index.html", HARBOUR],
    ["ar/سلام/index.html", HARBOUR],
    ["ar/أخبار-اليوم/index.html", HARBOUR],
    ["old/story.html", HARBOUR],
    ["news/index.html", HARBOUR],
    ["café-story/index.html", HARBOUR],
    ["2019/11/q&a-(part-2)/index.html", HARBOUR],
    ["old/arabic-story/index.html", PORT_AR],
    ["ميناء/index.html", PORT_AR],
    ["keywords/idleb/index.html", "/keywords/idlib/"],
    ["keywords/ادلب/index.html", "/keywords/idlib/"],
  ];

  it.each(pages)("%s refreshes to %s, byte for byte", async (file, target) => {
    const html = await site.text(file);
    // Attribute values escaped as HTML, of a URL that needs no escaping: the bytes are the URL.
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${target}">`);
    expect(html).toContain(`<link rel="canonical" href="${SITE}${encoded(target)}">`);
    expect(html).toContain(`<a href="${target}">${SITE}${encoded(target)}</a>`);
  });

  it("still escapes the page's text as HTML", async () => {
    const html = await site.text("2019/03/don't-panic/index.html");
    expect(html).toContain("<title>This page has moved — Ledger &lt;&amp;&gt; &quot;Quotes&quot; &#39;here&#39;</title>");
  });

  it("writes no folder with an HTML entity in its name", async () => {
    const files = await listFiles(site.out);
    expect(files.filter((f) => /&#|&amp;|&quot;|&lt;/.test(f))).toEqual([]);
    // Arabic folders are written decoded, as article folders are.
    expect(files).toContain(`${PORT_AR.slice(1)}index.html`);
    expect(files).toContain("ميناء/index.html");
    expect(files).not.toContain("%D9%85%D9%8A%D9%86%D8%A7%D8%A1/index.html");
  });
});

describe("every file the build writes is planned", () => {
  it("is an article, a page, a redirect or a planned path, so check can hold aliases against the plan", async () => {
    const known = new Set([...planned.map((p) => p.path), HARBOUR, PORT_AR, "/2024/07/water-talks/", "/about/"]);
    for (const [written] of ALIASES) known.add(decodeURIComponent(written).replace(/\/index\.html$/, "/").replace(/^(.*\/[^./]+)$/, "$1/"));
    for (const [from] of KEYWORD_ALIASES) known.add(from);
    const unplanned = (await listFiles(site.out))
      .filter((f) => !f.startsWith("pagefind/"))
      .map((f) => `/${f.replace(/(^|\/)index\.html$/, "$1")}`)
      .filter((path) => !known.has(path));
    expect(unplanned).toEqual([]);
  });
});

describe("check and build agree on aliases", () => {
  it("names the file and line of every alias onto a generated file, in both, and never a template", async () => {
    const dir = join(await tempDir(), "articles");
    const clashing = ["/robots.txt/", "/sitemap.xml/", "/feed.json/", "/404.html/", "/_redirects", "/pagefind/x/", "/about/index.html", "/About/", "/2024/07/index.html"];
    const malformed = ["/*", "/a%zz/", `/${"ب".repeat(130)}/`];
    const text = (slug: string, aliases: string[]) =>
      `---\ntitle: Clash\ndate: 2024-07-09\nsource: Wadi Press\nslug: ${slug}\naliases:\n${aliases.map((a) => `  - ${JSON.stringify(a)}\n`).join("")}---\nBody.\n`;
    await writeFiles(dir, { "clash.md": text("clash", clashing), "malformed.md": text("malformed", malformed) });
    const env = { ...process.env, GAZETTE_ARTICLES_DIR: dir, GAZETTE_CONTENT_DIR: contentDir, GAZETTE_OUTPUT_DIR: join(dir, "..", "site") };
    const check = await run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/check.ts")], env);
    const build = await run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/build.ts")], env);
    expect(check.code).not.toBe(0);
    expect(build.code).not.toBe(0);
    const lines = (out: string, name: string) => out.split("\n").filter((l) => l.startsWith(`${join(dir, name)}:`));
    // Line 6 is `aliases:`; each alias is on its own line after it, and each has its problem.
    const where = (out: string, name: string) => lines(out, name).map((l) => l.slice(join(dir, name).length).match(/^:(\d+): (aliases[.\d]*): /)?.slice(1));
    const checked = check.stdout + check.stderr;
    expect(where(checked, "clash.md")).toEqual(clashing.map((_, i) => [String(7 + i), "aliases"]));
    expect(where(checked, "malformed.md")).toEqual(malformed.map((_, i) => [String(7 + i), `aliases.${i}`]));
    const built = build.stdout + build.stderr;
    for (const name of ["clash.md", "malformed.md"]) expect(lines(built, name)).toEqual(lines(checked, name));
    expect(built).not.toMatch(/\.njk|template|\.building|ENOTDIR|EEXIST|ENAMETOOLONG|\n\s+at /);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"));
}
