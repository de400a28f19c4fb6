// Content files are input from outside (translations arrive as pull requests): no article, page
// or data file can run code, and whatever passes `check` builds, with every feed well-formed.
// Each test runs the real commands as child processes on a fixture site with many hostile files.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { DateTime } from "luxon";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { xmlSafe } from "../src/content/characters.ts";
import { xmlErrors } from "./helpers/xml.ts";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { MAX_BODY } from "../src/content/schema.ts";
import { articleFile } from "./helpers/articles.ts";
import { treeHashes } from "./helpers/tree.ts";
import { buildSite, FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles } from "./helpers/site.ts";
import { NODE_ARGS } from "../src/environment.ts";

const TSX = join(ROOT, "node_modules/.bin/tsx");
const good = (title: string, date = "2024-07-09") => articleFile({ title, date, body: "The first paragraph." });

/** Runs a command of src/cli on the given folders; `uid` runs it as another user (tests run as root). */
function cli(command: string, args: string[], env: Record<string, string>, uid?: number) {
  if (uid === undefined) return run(TSX, [join(ROOT, `src/cli/${command}.ts`), ...args], { ...process.env, ...env });
  const r = spawnSync(process.execPath, [...NODE_ARGS, join(ROOT, `src/cli/${command}.ts`), ...args], {
    cwd: ROOT,
    uid,
    gid: uid,
    env: { ...process.env, ...env, HOME: "/tmp" },
    encoding: "utf8",
  });
  return Promise.resolve({ code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr });
}

async function copyFixtureContent(): Promise<string> {
  const dir = join(await tempDir(), "content");
  await cp(FIXTURE_CONTENT, dir, { recursive: true });
  return dir;
}

describe("no content file can run code", () => {
  let markers: string;
  let articles: string;
  let content: string;
  let env: Record<string, string>;
  const mark = (n: number) => join(markers, `ran-${n}`);
  // Each payload would create its own marker folder if any engine ran it. Those written as
  // `title: require(…) || "…"` are also valid YAML flow mappings, so a reader that ignored the
  // language line would accept them as fields.
  const payloads = (): Record<string, string> => ({
    "2024/07/2024-07-01-js.md": `---js\n{ title: (require('fs').mkdirSync(${JSON.stringify(mark(1))}), 'Talks'), date: '2024-07-01', source: 'Wadi Press' }\n---\nBody.\n`,
    "2024/07/2024-07-02-js-yaml.md": `---js\n{ title: require("fs").mkdirSync(${JSON.stringify(mark(2))}) || "Talks", date: "2024-07-02", source: "Wadi Press" }\n---\nBody.\n`,
    "2024/07/2024-07-03-javascript.md": `---javascript\n{ title: require("fs").mkdirSync(${JSON.stringify(mark(3))}) || "Talks", date: "2024-07-03", source: "Wadi Press" }\n---\nBody.\n`,
    "2024/07/2024-07-04-spaced.md": `--- JS \n{ title: require("fs").mkdirSync(${JSON.stringify(mark(4))}) || "Talks", date: "2024-07-04", source: "Wadi Press" }\n---\nBody.\n`,
    "2024/07/2024-07-05-statement.md": `---javascript\nrequire("fs").mkdirSync(${JSON.stringify(mark(5))}); ({ title: "Talks", date: "2024-07-05", source: "Wadi Press" })\n---\nBody.\n`,
    "2024/07/2024-07-06-coffee.md": `---coffee\ntitle: require("fs").mkdirSync(${JSON.stringify(mark(6))}) || "Talks"\n---\nBody.\n`,
    "2024/07/2024-07-07-crlf.md": `---js\r\n{ title: require("fs").mkdirSync(${JSON.stringify(mark(7))}) || "Talks", date: "2024-07-07", source: "Wadi Press" }\r\n---\r\nBody.\r\n`,
    "2024/07/2024-07-08-bom.md": `\uFEFF---js\n{ title: require("fs").mkdirSync(${JSON.stringify(mark(8))}) || "Talks", date: "2024-07-08", source: "Wadi Press" }\n---\nBody.\n`,
    "2024/07/2024-07-09-fine.md": good("A fine article"),
  });
  const hostileArticles = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `2024/07/2024-07-0${n}-`);

  beforeAll(async () => {
    markers = await tempDir();
    articles = await tempDir();
    content = await copyFixtureContent();
    await writeFiles(articles, payloads());
    await writeFile(join(content, "pages", "hostile.md"), `---js\n{ title: require("fs").mkdirSync(${JSON.stringify(mark(9))}) || "About", slug: "hostile" }\n---\nA page.\n`);
    env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: content, GAZETTE_OUTPUT_DIR: join(await tempDir(), "site") };
  });

  /** Every hostile file is a `path:1` error that names its language line. */
  const expectEveryPayloadListed = (output: string) => {
    for (const file of hostileArticles) expect(output).toMatch(new RegExp(`${file}[a-z-]+\\.md:1: the opening line names the front-matter language`));
    expect(output).toMatch(/pages\/hostile\.md:1: the opening line names the front-matter language "js"/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  };

  it("check lists every payload as an error and runs none", async () => {
    const result = await cli("check", [], env);
    expect(result.code).toBe(1);
    expectEveryPayloadListed(result.stderr);
    expect(await readdir(markers)).toEqual([]);
  });

  it("check --json lists them as JSON", async () => {
    const result = await cli("check", ["--json"], env);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: { file: string; line: number }[] };
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.line === 1).length).toBe(hostileArticles.length + 1);
    expect(await readdir(markers)).toEqual([]);
  });

  it("build stops on them, writes nothing and runs none", async () => {
    const result = await cli("build", [], env);
    expect(result.code).toBe(1);
    expectEveryPayloadListed(result.stderr);
    expect(await readdir(markers)).toEqual([]);
    expect(existsSync(env.GAZETTE_OUTPUT_DIR!)).toBe(false);
  });

  it("with the last build's article cache beside the output, a payload put in place of a cached file is refused and run by nothing", { timeout: 120_000 }, async () => {
    // A good site first, so the next build has every file's parse and body in its cache.
    const cachedArticles = await tempDir();
    const out = join(await tempDir(), "site");
    const files = { "2024/07/2024-07-01-js.md": good("Talks", "2024-07-01"), "2024/07/2024-07-02-js-yaml.md": good("More talks", "2024-07-02"), "2024/07/2024-07-09-fine.md": good("A fine article") };
    await writeFiles(cachedArticles, files);
    const cachedEnv = { ...env, GAZETTE_ARTICLES_DIR: cachedArticles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_OUTPUT_DIR: out };
    const first = await cli("build", [], cachedEnv);
    expect(first.code, first.stderr).toBe(0);
    const [site, cache] = [await treeHashes(out), await readFile(`${out}.gazette-cache`)];
    // The same file names, now with payloads: their text is not the cached text, so they are read afresh.
    const hostile = payloads();
    await writeFiles(cachedArticles, { "2024/07/2024-07-01-js.md": hostile["2024/07/2024-07-01-js.md"]!, "2024/07/2024-07-02-js-yaml.md": hostile["2024/07/2024-07-02-js-yaml.md"]! });
    const second = await cli("build", [], cachedEnv);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/2024-07-01-js\.md:1: the opening line names the front-matter language/);
    expect(second.stderr).toMatch(/2024-07-02-js-yaml\.md:1: the opening line names the front-matter language/);
    expect(await readdir(markers)).toEqual([]);
    expect(await treeHashes(out)).toEqual(site); // the last good site, untouched
    expect(await readFile(`${out}.gazette-cache`)).toEqual(cache); // and its cache
  });

  it("a data file is YAML as a whole: a language line there is text, never run", async () => {
    const dataContent = await copyFixtureContent();
    await writeFile(join(dataContent, "keywords.yaml"), `---js\n{ x: require("fs").mkdirSync(${JSON.stringify(mark(10))}) || "y" }\n`);
    await writeFile(join(dataContent, "sources.yaml"), `---javascript\nrequire("fs").mkdirSync(${JSON.stringify(mark(11))})\n`);
    const result = await cli("check", [], { ...env, GAZETTE_CONTENT_DIR: dataContent });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/keywords\.yaml:\d+: /);
    expect(result.stderr).toMatch(/sources\.yaml:\d+: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(markers)).toEqual([]);
  });

  it("the fixture corpus's own payloads stay inert when loaded", async () => {
    const { checkArchive } = await import("../src/archive/load.ts");
    const { resolvePaths } = await import("../src/site.ts");
    const { problems } = await checkArchive(resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: "tests/fixtures/errors" }), { drafts: true, future: true, pathPrefix: "/" });
    expect(problems.filter((p) => /lang-.*payload\.md$/.test(p.file)).map((p) => p.line)).toEqual([1, 1]);
    expect(existsSync(join(ROOT, "hostile-marker-fixture")) || existsSync(join(process.cwd(), "hostile-marker-fixture"))).toBe(false);
  });

  describe("in the preview", () => {
    let server: ChildProcess;
    let output = "";
    let base: string;

    beforeAll(async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, "127.0.0.1", () => {
          const address = probe.address();
          probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
        });
      });
      base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/serve.ts")], {
        cwd: ROOT,
        env: { ...process.env, ...env, GAZETTE_OUTPUT_DIR: join(await tempDir(), "preview"), PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      server.stdout!.on("data", (d) => (output += d));
      server.stderr!.on("data", (d) => (output += d));
    });

    afterAll(() => {
      if (server?.pid) process.kill(-server.pid, "SIGTERM");
    });

    it("shows every payload as a problem over the site and runs none, also after an edit", async () => {
      const until = async (test: (body: string) => boolean) => {
        const deadline = Date.now() + 60_000;
        let last = "";
        while (Date.now() < deadline) {
          last = await fetch(`${base}/`).then((r) => r.text(), () => "");
          if (test(last)) return last;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`timed out; last body:\n${last.slice(0, 300)}\noutput:\n${output.slice(-2000)}`);
      };
      const home = await until((b) => b.includes("preview-problems") && b.includes("A fine article"));
      for (const file of hostileArticles) expect(home).toMatch(new RegExp(`${file}[a-z-]+\\.md:1: the opening line names the front-matter language`));
      expect(home).toContain("hostile.md:1:");
      // A rebuild after an edit reads the files again: still nothing runs.
      await writeFile(join(articles, "2024/07/2024-07-09-fine.md"), good("A fine article, edited"));
      await until((b) => b.includes("A fine article, edited"));
      expect(await readdir(markers)).toEqual([]);
    });
  });
});

/** Deterministic pseudo-random numbers, so a failing fuzz case can be reproduced. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

// Text that passes `check` and is awkward for XML, JSON, HTML or bidi: markup characters, CDATA
// ends, entities, emoji (surrogate pairs), flags and ZWJ sequences, combining marks, RTL text,
// LRM/RLM (kept), bidi controls (removed from fields with a warning), tab, NBSP, U+2028/2029,
// zero-width characters, characters from the astral planes.
const ODD = [
  "&", "<", ">", "]]>", "<![CDATA[", "&amp;", "&#x0;", "\"", "'", "{{ x }}", "{% raw %}", "\\", "`",
  "😀", "🇸🇾", "👩‍👩‍👧", "𝒳", "𠜎", "e\u0301", "إِدْلِب", "עברית", "مرحبا بالعالم", "\u200f", "\u200e", "\u061c",
  "\u202e", "\u2066", "\u2069", "\u202a", "\u202c", "\t", "\u00a0", "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u00ad",
  "\ufffd", "\u{10fffd}", "\ue000",
];

function oddText(next: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(next() < 0.5 ? ODD[Math.floor(next() * ODD.length)]! : ["talks", "crossing", "wheat", "council"][Math.floor(next() * 4)]!);
  return parts.join(next() < 0.5 ? " " : "");
}

/** XML 1.0's Char production: anything else makes a document not well-formed. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

async function filesNamed(dir: string, names: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && names.includes(e.name)).map((e) => join(e.parentPath, e.name));
}

describe("a fuzzed site: check passes it, the build agrees, and every feed is well-formed", () => {
  const next = random(12);
  // Names carry odd text too, one spelling per name (spellings that differ only in what the slug
  // leaves out would rightly be refused as sharing a page).
  const names = Array.from({ length: 7 }, () => oddText(next, 2).slice(0, 40));
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const q = (s: string) => JSON.stringify(s);
    const body = [
      oddText(next, 30),
      `> ${oddText(next, 10)}`,
      `\`${oddText(next, 5)}\` and <b>${oddText(next, 3)}</b> and [a link](/2024/01/x/?a=1&b=2) <![CDATA[ ${oddText(next, 4)} ]]>`,
      `- ${oddText(next, 6)}\n- ${oddText(next, 6)}`,
      "```\n" + oddText(next, 12) + "\n```",
    ].join("\n\n");
    files[`2024/${String((i % 12) + 1).padStart(2, "0")}/2024-${String((i % 12) + 1).padStart(2, "0")}-${day}-fuzz-${i}.md`] = [
      "---",
      `title: ${q(`Fuzz ${i} ${oddText(next, 6)}`)}`,
      `date: 2024-${String((i % 12) + 1).padStart(2, "0")}-${day}`,
      `source: ${q(`Outlet ${i % 5} ${names[i % 5]}`)}`,
      `translator: ${q(`Desk ${i % 3} ${names[i % 3]}`)}`,
      `subtitle: ${q("Standfirst " + oddText(next, 8))}`,
      `summary: ${q("Summary " + oddText(next, 12))}`,
      // Numbered: authors have pages now, and two odd spellings must not share one.
      `author: ${q(`Rami ${i} ` + oddText(next, 3))}`,
      `original_title: ${q("Original " + oddText(next, 5))}`,
      `keywords: [${q(`Topic ${i % 7} ${names[i % 7]}`)}, ${q(`Theme ${i % 4}`)}]`,
      ...(i % 3 === 0 ? ["lang: ar"] : []),
      "---",
      body,
      "",
    ].join("\n");
  }
  files["2024/12/2024-12-30-override.md"] = `---\ntitle: "Invoice \u202Efdp.exe"\ndate: 2024-12-30\nsource: Wadi Press\n---\nBody.\n`;
  let articles: string;
  let built: Awaited<ReturnType<typeof buildSite>>;

  beforeAll(async () => {
    articles = join(await tempDir(), "articles");
    await writeFiles(articles, files);
  });

  it("passes check with warnings only", async () => {
    const result = await cli("check", ["--json"], { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT });
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: { severity: string; message: string; line?: number; file: string }[] };
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.problems.some((p) => p.file.endsWith("override.md") && p.line === 2 && /U\+202E/.test(p.message))).toBe(true);
  });

  it("builds, and every Atom feed parses as XML 1.0 and the JSON feed as JSON", async () => {
    built = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(built.code).toBe(0);
    const feeds = await filesNamed(built.out, ["feed.xml"]);
    // The site feed, one per keyword, source and translator.
    expect(feeds.length).toBeGreaterThan(1 + 7 + 4 + 5 + 3);
    for (const feed of feeds) {
      const xml = await readFile(feed, "utf8");
      expect(xmlErrors(xml), feed).toEqual([]);
    }
    const json = JSON.parse(await built.text("feed.json")) as { items: { title: string }[] };
    expect(json.items.length).toBe(41);
    expect(json.items.some((item) => item.title.includes("]]>") || item.title.includes("&"))).toBe(true);
  });

  it("strips bidi overrides from titles wherever they are shown", async () => {
    const page = await built.text("2024/12/override/index.html");
    expect(page).toContain("Invoice fdp.exe");
    expect(page).not.toContain("\u202E");
    // Bodies keep their bidi controls (a paragraph closes them); titles and names do not.
    const feed = await built.text("feed.xml");
    expect(feed).toContain("<title>Invoice fdp.exe</title>");
    for (const [, text] of feed.matchAll(/<(?:title|name|summary)>([^<]*)</g)) expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    for (const [, term] of feed.matchAll(/term="([^"]*)"/g)) expect(term).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe("fields made when first read (credits, notices, page metadata, feed entries' credits)", () => {
  // Names and notices that look like markup, templates or object keys, in every field whose words
  // a build makes only when a page shows them (src/archive/lazy.ts).
  const hostile = articleFile({
    title: "Credits under test",
    date: "2024-05-01",
    source: "Wadi {{ 7*7 }} Press",
    source_url: "https://example.org/a?x=1&y=2",
    translator: ["<script>alert(1)</script>", 'Ali "quoted" & co', "__proto__"],
    author: ["constructor"],
    editor: ["{% raw %}toString{% endraw %}"],
    original_title: "</title><script>alert(2)</script>",
    disclaimer: "Translated by {translator} from {source}: <img src=x onerror=alert(3)> {{ 7*7 }} ${process.exit(1)}",
    keywords: ["hasOwnProperty", "Water"],
    // A notice: on the page, and in the corrections feed, whose entries are made when it is written.
    corrections: [{ date: "2024-05-02", type: "correction", text: "Fixed <script>alert(5)</script> {{ 7*7 }} ${process.exit(1)} __proto__" }],
    body: "A body with [a link](/2024/01/x/) and <script>alert(4)</script>.",
  });
  const plain = (n: number) => articleFile({ title: `Plain ${n}`, date: `2024-05-0${n}`, keywords: ["Water"] });

  it("pass check, build, are escaped wherever they are written, and are the same whether their page is rendered or taken", { timeout: 180_000 }, async () => {
    const articles = join(await tempDir(), "articles");
    await writeFiles(articles, { "a/hostile.md": hostile, "a/two.md": plain(2) });
    const checked = await cli("check", ["--json"], { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT });
    expect(JSON.parse(checked.stdout).problems.filter((p: { severity: string }) => p.severity === "error")).toEqual([]);
    const built = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(built.code, built.stderr).toBe(0);

    const page = await built.text("2024/05/hostile/index.html");
    for (const raw of ["<script>alert", "<img src=x", "</title><script>"]) expect(page).not.toContain(raw);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("{{ 7*7 }}"); // text, never a template
    expect(page).not.toMatch(/Wadi 49 Press|: 49/);
    // JSON-LD parses, and holds the names as written.
    const ld = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as object);
    expect(JSON.stringify(ld)).toContain("<script>alert(1)</script>");
    expect(JSON.stringify(ld)).toContain("__proto__");
    // Feeds: well-formed, the names escaped, the notice in the entry's content.
    const feeds = await filesNamed(built.out, ["feed.xml"]);
    let showing = 0;
    for (const feed of feeds) {
      const xml = await readFile(feed, "utf8");
      expect(xmlErrors(xml), feed).toEqual([]);
      expect(xml, feed).not.toContain("<script>");
      if (xml.includes("&lt;script&gt;alert(1)&lt;/script&gt;")) showing++;
    }
    // The site's, Water's, hasOwnProperty's, the source's and each translator's, author's and editor's.
    expect(showing).toBeGreaterThanOrEqual(8);
    // The corrections feed (among the feeds above: well-formed, no raw tag) carries the notice as text.
    const corrections = await built.text("corrections/feed.xml");
    expect(corrections).toContain("alert(5)");
    expect(corrections).toContain("{{ 7*7 }} ${process.exit(1)} __proto__");
    expect(page).toContain("hasOwnProperty");
    const json = JSON.parse(await built.text("feed.json")) as { items: { authors?: { name: string }[]; content_html: string }[] };
    expect(json.items.some((i) => i.content_html.includes("{{ 7*7 }}"))).toBe(true);

    // A day's build: the hostile article's page is taken as it was, and the site is a cold build's.
    await writeFiles(articles, { "a/three.md": plain(3) });
    const day = await buildSite({ articles, contentDir: FIXTURE_CONTENT, out: built.out });
    expect(day.code, day.stderr).toBe(0);
    expect(day.stdout).toMatch(/\(\d+ pages rendered, [1-9]\d* unchanged taken from the last build\)/);
    const cold = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(await treeHashes(day.out)).toEqual(await treeHashes(cold.out));
  });
});

describe("what a day's build loads or counts on the side (the sanitiser on demand, headline words on a thread)", () => {
  const MARKER = join(ROOT, "node_modules", ".gazette-hostile-marker");
  // Headlines that look like code, to the thread that counts their words: they reach it as data.
  const codeLike = [
    `"); require("node:fs").writeFileSync(${JSON.stringify(MARKER)}, "ran"); ("`,
    "${require('node:fs').writeFileSync('" + MARKER + "', 'ran')}",
    "`); process.exit(3); (`",
    "\"Open\" -- at last, it's 'done' (c)",
  ];

  it("counts code-like headlines' words on the thread as words, running none", async () => {
    const { headlineWords, headlineWordsSoon } = await import("../src/archive/build/search-words.ts");
    await rm(MARKER, { force: true });
    const titles = Array.from({ length: 2500 }, (_, i) => `${codeLike[i % codeLike.length]} ${i % 17}`);
    const words = headlineWordsSoon(titles)();
    expect(words).toEqual(headlineWords(titles));
    expect(words).toContain("writeFileSync");
    expect(existsSync(MARKER)).toBe(false);
  });

  it("sanitises raw HTML that first arrives in a day's build, with code-like headlines, as a cold build does", { timeout: 180_000 }, async () => {
    await rm(MARKER, { force: true });
    const articles = join(await tempDir(), "articles");
    const plain = (n: number) => articleFile({ title: `Plain ${n}`, date: `2024-05-0${n}`, keywords: ["Water"] });
    await writeFiles(articles, { "a/one.md": plain(1), "a/two.md": plain(2) });
    const built = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(built.code, built.stderr).toBe(0);
    // Nothing before had raw HTML: the day's build loads the sanitiser for this article alone.
    await writeFiles(articles, {
      "a/raw.md": articleFile({
        title: codeLike[0]!,
        subtitle: codeLike[3]!,
        date: "2024-05-03",
        keywords: ["Water", codeLike[2]!],
        body: 'Text <sup>2</sup> <script>alert(1)</script> <img src="x.png" onerror="alert(2)"> <a href="javascript:alert(3)">link</a> <iframe src="https://example.org"></iframe>.',
      }),
    });
    const checked = await cli("check", ["--json"], { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT });
    const problems = JSON.parse(checked.stdout).problems as { severity: string; file: string; message: string }[];
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.filter((p) => p.file.endsWith("raw.md") && / will be removed$/.test(p.message)).length).toBeGreaterThanOrEqual(3);
    const day = await buildSite({ articles, contentDir: FIXTURE_CONTENT, out: built.out });
    expect(day.code, day.stderr).toBe(0);
    expect(day.stdout).toMatch(/\(\d+ pages rendered, [1-9]\d* unchanged taken from the last build\)/);
    const page = await day.text("2024/05/raw/index.html");
    for (const raw of ["<script>alert", "onerror", "javascript:", "<iframe"]) expect(page).not.toContain(raw);
    expect(page).toContain("<sup>2</sup>");
    expect(page).toContain("“Open” – at last, it’s ‘done’ ©");
    expect(page).toContain("writeFileSync");
    expect(existsSync(MARKER)).toBe(false);
    const cold = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(await treeHashes(day.out)).toEqual(await treeHashes(cold.out));
  });
});

describe("an article's language tag picks its date's calendar and digits", () => {
  // `lang` is the editor's, and the date on the article's page is written in it (src/content/dates.ts,
  // humanDate): every tag check passes must build, each date as luxon writes it in that tag; a
  // tag Intl refuses is an error in check, naming the file and field, before any build.
  const TAGS = ["zh-u-ca-chinese", "en-u-ca-dangi", "ar-u-ca-islamic", "ar-u-ca-islamic-rgsa", "ar-SA-u-ca-islamic-umalqura", "en-GB-u-ca-japanese", "en-u-nu-thai", "en-u-nu-xxxx", "ar-x-foo", "und", "tlh"];
  const DATE = "2019-05-05"; // a day the astronomical Islamic calendar names from the instant in Damascus

  it("passes check and builds with each tag; a refused one is an error naming file and field", { timeout: 180_000 }, async () => {
    const articles = join(await tempDir(), "articles");
    await writeFiles(articles, Object.fromEntries(TAGS.map((lang, i) => [`a/tag-${i}.md`, articleFile({ title: `Tag ${i}`, date: DATE, lang, body: "Text." })])));
    await writeFiles(articles, { "a/klingon.md": articleFile({ title: "Refused", date: DATE, lang: "i-klingon", body: "Text." }) });
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT };
    const refused = await cli("check", ["--json"], env);
    const errors = (JSON.parse(refused.stdout) as { problems: { file: string; field?: string; severity: string }[] }).problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.file.split("/").pop(), p.field])).toEqual([["klingon.md", "lang"]]);

    await rm(join(articles, "a/klingon.md"));
    expect((await cli("check", [], env)).code).toBe(0);
    const built = await buildSite({ articles, contentDir: FIXTURE_CONTENT });
    expect(built.code, built.stderr).toBe(0);
    const day = DateTime.fromISO(DATE, { zone: "Asia/Damascus" });
    for (const [i, lang] of TAGS.entries()) {
      const page = await built.text(`2019/05/tag-${i}/index.html`);
      expect(page, lang).toContain(`>${day.setLocale(lang).toLocaleString(DateTime.DATE_FULL)}</time>`);
    }
  });
});

describe("feeds stay well-formed whatever reaches them", () => {
  it("leaves out every character XML 1.0 forbids and keeps the rest", () => {
    const raw = "a\x0cb\x01c\uFFFEd\uD800e\uDC00f 😀 \t\n é";
    const safe = xmlSafe(raw);
    expect(safe).toBe("abcdef 😀 \t\n é");
    expect(NOT_XML_CHAR.test(safe)).toBe(false);
    expect(xmlSafe("plain")).toBe("plain");
  });
});

describe("what check refuses, the build refuses too", () => {
  it("stops the build on a control character, a lone surrogate and a malformed escape, naming each line", async () => {
    const site = await buildSite({
      contentDir: FIXTURE_CONTENT,
      files: {
        "a.md": `---\ntitle: "Form\\ffeed"\ndate: 2024-07-09\nsource: Wadi Press\n---\nBody \x01.\n`,
        "b.md": `---\ntitle: "Half \\uD83D"\ndate: 2024-07-09\nsource: Wadi Press\n---\nBody.\n`,
        "c.md": `---\ntitle: Image\ndate: 2024-07-09\nsource: Wadi Press\nimage: /images/%E0%A4%A.jpg\nimage_alt: x\n---\nBody.\n`,
      },
    });
    expect(site.code).toBe(1);
    expect(site.stderr).toMatch(/a\.md:2: title: contains U\+000C/);
    expect(site.stderr).toMatch(/a\.md:6: body: contains U\+0001/);
    expect(site.stderr).toMatch(/b\.md:2: title: contains U\+D83D \(half of a character/);
    expect(site.stderr).toMatch(/c\.md:5: image: expected an image path or URL with every %/);
    expect(site.stderr).not.toMatch(/URIError|\n\s+at /);
  });

  it("refuses a body over the limit, naming the limit, without reading it further", () => {
    const settings = { title: "", tagline: "", url: "https://example.org", language: "en", timeZone: "UTC", translator: "Desk", disclaimer: "x", pageSize: 20, navigation: [], markdown: { html: true }, search: { bundleSize: 2500, processes: "auto" as const } };
    const body = `${"Links [x](https://example.org/) and more. ".repeat(Math.ceil(MAX_BODY / 40))}\x01`;
    const started = performance.now();
    const result = parseArticle("big.md", `---\ntitle: Big\ndate: 2024-07-09\nsource: Wadi Press\n---\n${body}`, settings);
    expect(result.article).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      `big.md:6: body: the text is ${(body.length).toLocaleString("en")} characters long; expected at most 1,000,000: split it into several articles`,
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("keywords.yaml", () => {
  it("refuses cycles and chains, naming both lines", async () => {
    const content = await copyFixtureContent();
    await writeFile(join(content, "keywords.yaml"), "# aliases\nIdleb: Idlib\nIdlib: Idleb\nAleppo city: Haleb\nHaleb: Aleppo\nFine: Finest\n");
    const articles = await tempDir();
    await writeFiles(articles, { "a.md": good("A") });
    const result = await cli("check", [], { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: content });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.includes("keywords.yaml"));
    expect(lines).toEqual([
      expect.stringMatching(/keywords\.yaml:2: Idleb: "Idleb" and "Idlib" \(line 3\) are mapped to each other/),
      expect.stringMatching(/keywords\.yaml:3: Idlib: "Idlib" and "Idleb" \(line 2\) are mapped to each other/),
      expect.stringMatching(/keywords\.yaml:4: Aleppo city: "Haleb" is itself mapped to "Aleppo" \(line 5\); map "Aleppo city" straight to "Aleppo"/),
    ]);
  });

  it("refuses a spelling too long for its redirect folder in check and build alike, naming its line", async () => {
    const content = await copyFixtureContent();
    // 200 Arabic letters: 400 bytes as a folder name, over the file system's 255.
    await writeFile(join(content, "keywords.yaml"), `Idleb: Idlib\n${"ب".repeat(200)}: Idlib\n`);
    const articles = await tempDir();
    await writeFiles(articles, { "a.md": good("A") });
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: content, GAZETTE_OUTPUT_DIR: join(await tempDir(), "site") };
    const expected = /keywords\.yaml:2: .*: expected a spelling of at most 80 characters, like a keyword, found 200 characters/;
    for (const command of ["check", "build"] as const) {
      const result = await cli(command, [], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/ENAMETOOLONG|\n\s+at /);
    }
  });
});

describe("files the loader cannot or will not read", () => {
  it("lists unreadable files and folders, skipped links and names, one line each, and checks the rest", async () => {
    const work = await tempDir();
    await chmod(work, 0o755);
    const articles = join(work, "articles");
    await writeFiles(articles, {
      "2024/07/2024-07-09-fine.md": good("Fine"),
      "2024/07/2024-07-10-locked.md": good("Locked", "2024-07-10"),
      "2024/08/2024-08-01-inside.md": good("Inside", "2024-08-01"),
      "2024/07/Story.MD": good("Upper case"),
      "2024/07/.hidden.md": good("Hidden"),
      "2024/07/2024-07-11-bad.md": articleFile({ title: "Bad", date: "2024-07-45", body: "Body." }),
    });
    await symlink("/etc/hostname", join(articles, "2024/07/2024-07-12-link.md"));
    await symlink(join(work, "nowhere.md"), join(articles, "2024/07/2024-07-13-dangling.md"));
    await mkdir(join(articles, "2024/07/folder.md"));
    await chmod(articles, 0o755);
    for (const dir of ["2024", "2024/07"]) await chmod(join(articles, dir), 0o755);
    await chmod(join(articles, "2024/07/2024-07-09-fine.md"), 0o644);
    await chmod(join(articles, "2024/07/2024-07-11-bad.md"), 0o644);
    await chmod(join(articles, "2024/07/2024-07-10-locked.md"), 0o000);
    await chmod(join(articles, "2024/08"), 0o000);
    // As root every file is readable: run the check as an unprivileged user instead.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT };
    const result = await cli("check", [], env, uid);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    const at = (name: string) => lines.filter((l) => l.includes(name));
    expect(at("2024-07-10-locked.md")).toEqual([expect.stringMatching(/2024-07-10-locked\.md: cannot read the file \(permission denied\)$/)]);
    expect(at("2024/08")).toEqual([expect.stringMatching(/2024\/08: cannot read this folder \(permission denied\); the files in it are not checked$/)]);
    expect(at("Story.MD")).toEqual([expect.stringMatching(/Story\.MD: warning: not read: only files ending in \.md are read; rename it to Story\.md$/)]);
    expect(at(".hidden.md")).toEqual([expect.stringMatching(/\.hidden\.md: warning: not read: its name starts with a dot/)]);
    expect(at("2024-07-12-link.md")).toEqual([expect.stringMatching(/warning: not read: it is a symbolic link/)]);
    expect(at("2024-07-13-dangling.md")).toEqual([expect.stringMatching(/warning: not read: it is a symbolic link/)]);
    // Every other problem is still listed, and no stack trace hides them.
    expect(at("2024-07-11-bad.md")).toEqual([expect.stringMatching(/2024-07-11-bad\.md:3: date: expected a date/)]);
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const json = await cli("check", ["--json"], env, uid);
    const report = JSON.parse(json.stdout) as { ok: boolean; problems: unknown[] };
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBe(lines.filter((l) => /^\S+\.(md|MD)|2024\/08:/.test(l)).length);
  });
});

describe("a build reads its files ahead on a worker, and reads only what check reads", () => {
  it("never follows a link or a linked folder, waits on no pipe, and stops on what check stops on, with the same lines", { timeout: 120_000 }, async () => {
    const work = await tempDir();
    const articles = join(work, "articles");
    const outside = join(work, "outside");
    await writeFiles(outside, { "2024-07-20-secret.md": good("OUTSIDE-SECRET-MARKER", "2024-07-20"), "nested/2024-07-21-deep.md": good("OUTSIDE-FOLDER-MARKER", "2024-07-21") });
    await writeFiles(articles, {
      "2024/07/2024-07-09-fine.md": good("Fine"),
      "2024/07/2024-07-10-مرفأ طرطوس #1 100%.md": good("Odd name", "2024-07-10"),
      "2024/07/.2024-07-11-hidden.md": good("HIDDEN-MARKER", "2024-07-11"),
    });
    await symlink(join(outside, "2024-07-20-secret.md"), join(articles, "2024/07/2024-07-20-secret.md"));
    await symlink(join(outside, "nested"), join(articles, "2024/linked"));
    // A named pipe: opening it for reading would wait for a writer for ever.
    expect(spawnSync("mkfifo", [join(articles, "2024/07/2024-07-12-pipe.md")]).status).toBe(0);
    // Bytes that are not UTF-8, and a file larger than the worker reads (left to the loader).
    await writeFile(join(articles, "2024/07/2024-07-13-latin1.md"), Buffer.from("---\ntitle: caf\xe9\ndate: 2024-07-13\nsource: Wadi Press\n---\nBody", "latin1"));
    await writeFile(join(articles, "2024/07/2024-07-14-huge.md"), articleFile({ title: "Huge", date: "2024-07-14", body: "word ".repeat(1_800_000) }));
    // ASCII bytes, which the worker decodes as Latin-1 slices of one string: a NUL among them (a
    // binary file, whatever its other bytes), and YAML escapes that spell other scripts and markup.
    await writeFile(join(articles, "2024/07/2024-07-15-nul.md"), Buffer.from("---\ntitle: Nul\ndate: 2024-07-15\nsource: Wadi Press\n---\nBody \u0000 here", "latin1"));
    await writeFile(
      join(articles, "2024/07/2024-07-16-escapes.md"),
      '---\ntitle: "ESCAPED \\u00c9t\\u00e9 \\u0645\\u0631\\u0641\\u0623 <script>alert(1)</script>"\ndate: 2024-07-16\nsource: Wadi Press\nkeywords: ["\\u0625\\u062f\\u0644\\u0628"]\n---\nAn ASCII file.\n',
    );
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT };
    const errorLines = (text: string) => text.split("\n").filter((l) => /\.md(:\d+)?: /.test(l) && !l.includes("warning:")).sort();

    const check = await cli("check", [], env);
    expect(check.code).toBe(1);
    const out = join(work, "site");
    const failed = await buildSite({ articles, out, contentDir: FIXTURE_CONTENT });
    expect(failed.code).toBe(1);
    expect(errorLines(failed.stderr)).toEqual(errorLines(check.stderr));
    expect(errorLines(check.stderr)).toEqual([
      expect.stringMatching(/2024-07-13-latin1\.md: expected UTF-8 text/),
      expect.stringMatching(/2024-07-14-huge\.md:\d+: body: the text is [\d,]+ characters long/),
      expect.stringMatching(/2024-07-15-nul\.md: expected a UTF-8 text file, found binary data/),
    ]);

    // Without the two files check stops on, check passes and the build agrees; nothing from
    // behind a link, nor the hidden file, is published.
    await writeFile(join(articles, "2024/07/2024-07-13-latin1.md"), good("Now UTF-8", "2024-07-13"));
    await writeFile(join(articles, "2024/07/2024-07-14-huge.md"), good("Now short", "2024-07-14"));
    await rm(join(articles, "2024/07/2024-07-15-nul.md"));
    expect((await cli("check", [], env)).code).toBe(0);
    const built = await buildSite({ articles, out, contentDir: FIXTURE_CONTENT });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Built 5 articles/m);
    const files = await readdir(out, { recursive: true });
    let everything = "";
    let pages = "";
    for (const f of files) if (/\.(html|xml|json)$/.test(f)) everything += await readFile(join(out, f), "utf8");
    for (const f of files) if (f.endsWith(".html")) pages += await readFile(join(out, f), "utf8");
    expect(everything).toContain("Odd name");
    // The escapes are what the title and keyword say, and the markup they spell is text.
    expect(pages).toContain("ESCAPED Été مرفأ &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(pages).toContain("إدلب");
    expect(pages).not.toContain("<script>alert(1)");
    expect(everything).not.toMatch(/OUTSIDE-SECRET-MARKER|OUTSIDE-FOLDER-MARKER|HIDDEN-MARKER/);
  });
});

describe("the commands' arguments", () => {
  it("check answers an unknown flag with its usage and exit code 2, in JSON when asked", async () => {
    const text = await cli("check", ["--jsn"], {});
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^Unknown option '--jsn'\nusage: npm run check/);
    const json = await cli("check", ["--json", "--strict"], {});
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: 1, problems: [{ message: expect.stringMatching(/Unknown option '--strict'; usage: npm run check/) }] });
  });

  it("check --json prints JSON when the settings are broken", async () => {
    const content = await copyFixtureContent();
    await writeFile(join(content, "site.json"), "{ not json");
    const result = await cli("check", ["--json"], { GAZETTE_CONTENT_DIR: content, GAZETTE_ARTICLES_DIR: await tempDir() });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: { file: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.file).toMatch(/site\.json$/);
  });

  it("new refuses an unknown flag and a --lang that is not a language tag, and quotes every value it writes", async () => {
    const articles = await tempDir();
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT };
    const flag = await cli("new", ["Headline", "--source", "Wadi Press", "--sorce", "x"], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--sorce'[\s\S]*usage: npm run new/);
    for (const lang of ["ar\ndraft: false", "en # x", "en: x"]) {
      const bad = await cli("new", ["Headline", "--source", "Wadi Press", "--lang", lang], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^--lang: expected a BCP 47 language tag/);
    }
    const made = await cli(
      "new",
      ["Talks: resume #1", "--source", "Wadi Press\ndraft: false", "--translator", "Desk # x", "--keywords", "A: b, &anchor, !tag", "--date", "2024-07-09", "--lang", "ar-SY"],
      env,
    );
    expect(made.code).toBe(0);
    const [file] = await filesNamed(articles, ["2024-07-09-talks-resume-1.md"]);
    const parsed = parseArticle("x.md", await readFile(file!, "utf8"), {
      title: "", tagline: "", url: "https://example.org", language: "en", timeZone: "UTC", translator: "Desk", disclaimer: "x", pageSize: 20, navigation: [], markdown: { html: true }, search: { bundleSize: 2500, processes: "auto" },
    });
    expect(parsed.article).toMatchObject({ title: "Talks: resume #1", source: "Wadi Press\ndraft: false", translator: ["Desk # x"], keywords: ["A: b", "&anchor", "!tag"], lang: "ar-SY", draft: true });
  });

  it("check --json prints one problem as JSON when something unforeseen fails, and the stack only with --verbose", async () => {
    vi.resetModules();
    vi.doMock("../src/archive/check.ts", () => ({
      checkContent: () => Promise.reject(new Error("EIO: i/o error, read\n    at somewhere (file.js:1:1)")),
    }));
    const logged: string[] = [];
    const errors: unknown[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((text: string) => void logged.push(text));
    const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(...args));
    try {
      const { check } = await import("../src/cli/check.ts");
      expect(await check(["--json"])).toBe(1);
      expect(JSON.parse(logged.join("\n"))).toEqual({
        ok: false,
        errors: 1,
        warnings: 0,
        problems: [{ file: ".", message: "the check stopped unexpectedly: EIO: i/o error, read (run with --verbose or DEBUG=1 for details)", severity: "error" }],
      });
      expect(errors).toEqual([]);
      logged.length = 0;
      expect(await check(["--verbose"])).toBe(1);
      expect(errors.some((e) => e instanceof Error && /EIO/.test(e.stack ?? ""))).toBe(true);
    } finally {
      log.mockRestore();
      error.mockRestore();
      vi.doUnmock("../src/archive/check.ts");
      vi.resetModules();
    }
  });
});

describe("file and folder names that look like paths", () => {
  // Names become the file names that messages, the article cache and slugs use (`rel` in
  // src/content/load.ts takes a shortcut for plain paths). In an articles folder outside the
  // project, as a newsroom's checkout or the bench's corpus is: dot-dot names, a backslash and a
  // percent-encoded dot-dot are named in full and skipped, or made plain slugs, the same by check
  // and build, and nothing may be written outside the output.
  it("are named in full, skipped or made plain slugs alike by check and build, and publish nothing outside the output", { timeout: 120_000 }, async () => {
    const articles = await tempDir();
    const work = await tempDir();
    const out = join(work, "site");
    await writeFiles(articles, {
      "2024/07/2024-07-09-fine.md": good("A fine article"),
      "2024/07/..dots.md": good("Dots"),
      "2024/..drafts/2024-07-10-hidden.md": good("Hidden", "2024-07-10"),
      "2024/07/2024-07-11-back\\..\\..\\slash.md": good("Backslash", "2024-07-11"),
      "2024/07/2024-07-12-%2e%2e%2fencoded.md": good("Encoded", "2024-07-12"),
    });
    const env = { GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_OUTPUT_DIR: out };
    const check = await cli("check", ["--json"], env);
    const report = JSON.parse(check.stdout) as { problems: { file: string; line?: number; message: string; severity: string }[] };
    // The dot names are skipped with a warning that names them by their whole path.
    for (const name of ["2024/07/..dots.md", "2024/..drafts"]) {
      expect(report.problems.map((p) => p.file), name).toContain(join(articles, name));
    }
    const build = await cli("build", [], env);
    // Check finds no error (the other names are ordinary, if odd, file names), so the build succeeds.
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(build.code, build.stderr).toBe(0);
    // Nothing beside the output and its own files, and nothing in the articles folder but what was there.
    expect((await readdir(work)).filter((n) => n !== "site" && !n.startsWith("site.gazette-") && !n.startsWith("site.removing-"))).toEqual([]);
    expect(Object.keys(await treeHashes(articles)).sort()).toEqual(
      ["2024/07/2024-07-09-fine.md", "2024/07/..dots.md", "2024/..drafts/2024-07-10-hidden.md", "2024/07/2024-07-11-back\\..\\..\\slash.md", "2024/07/2024-07-12-%2e%2e%2fencoded.md"].sort(),
    );
    // The backslash and the encoded dot-dot become plain slugs inside the output; the dot names publish nothing.
    const site = Object.keys(await treeHashes(out));
    expect(site.filter((f) => /fine|slash|encoded|hidden|dots/.test(f) && f.endsWith("/index.html") && f.startsWith("2024/07/")).sort()).toEqual(
      ["2024/07/2e-2e-2fencoded/index.html", "2024/07/back-slash/index.html", "2024/07/fine/index.html"],
    );
    expect(site.every((f) => !f.split("/").includes(".."))).toBe(true);
  });
});
