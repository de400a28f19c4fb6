// The article cache (src/content/cache.ts): a production build takes the last build's parse and
// rendered body of every file whose text is unchanged, and its output is a cold build's byte for
// byte. The first half loads real files through the cache in this process and compares what
// comes out with a load without it; the second half runs `npm run build` itself.
import { closeSync, existsSync, openSync, statSync } from "node:fs";
import { readFile, rename, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { beforeEach, describe, expect, it } from "vitest";
import { checkArchive } from "../src/archive/load.ts";
import type { ArchiveModel } from "../src/archive/views.ts";
import { ArticleCache, cacheFile } from "../src/content/cache.ts";
import { readFully, RecordReader, RecordWriter } from "../src/content/cache-file.ts";
import { loadContent, type Article } from "../src/content/load.ts";
import { renderedFor, renderOnce } from "../src/markdown.ts";
import { buildMode, resolvePaths, type Paths } from "../src/site.ts";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, fixtureContentWith, ROOT, tempDir, writeFiles } from "./helpers/site.ts";
import { treeHashes } from "./helpers/tree.ts";

const BORDER = "2024/07/2024-07-09-border-talks.md";
const FILES = {
  [BORDER]: articleFile({
    title: "Border talks",
    keywords: ["Water", "water ", "Idlib"],
    updated: "2024-07-10T09:30:00+03:00",
    corrections: [{ date: "2024-07-10", type: "correction", text: "The minister's name was misspelt." }],
    body: "The talks *resumed* on Tuesday.\n\n<p onclick=\"x()\">Raw HTML, sanitised</p>\n\nSecond paragraph.",
  }),
  "2024/07/2024-07-10-crossing.md": articleFile({ title: "\u202ECrossing reopens", date: "2024-07-10", aliases: ["/old/crossing/"], body: "Trucks crossed at dawn." }),
  "2024/07/2024-07-11-idlib.md": articleFile({ title: "إدلب: المعبر", lang: "ar", date: "2024-07-11T18:45", translator: false, body: "نص المقال.\n\nفقرة ثانية." }),
  "2024/07/2024-07-12-crlf.md": "\uFEFF---\r\ntitle: \"Windows file\"\r\ndate: 2024-07-12\r\nsource: \"Wadi Press\"\r\n---\r\nLines end in CRLF.\r\n",
};
const FINGERPRINT = "code-1";

let dir: string;
let out: string;

/** Paths of a site whose articles are in `dir`, with `content` as its content folder. */
const pathsFor = (content = FIXTURE_CONTENT): Paths => resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: dir, GAZETTE_CONTENT_DIR: content, GAZETTE_OUTPUT_DIR: out });

/** A load and model through `cache`, as a production build makes them (the cache then saved). */
async function modelWith(paths: Paths, cache: ArticleCache) {
  const read = await checkArchive(paths, buildMode({}), { cache });
  await cache.save(out);
  return read;
}

/** A cache of the build after the last one, which adds an article: loaded, not yet written; and the last cache's bytes. */
async function cacheOfNextBuild() {
  const paths = pathsFor();
  await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
  const before = await readFile(cacheFile(out));
  await writeFile(join(dir, BORDER), articleFile({ title: "Border talks collapse" }));
  const cache = ArticleCache.open(out, FINGERPRINT);
  await checkArchive(paths, buildMode({}), { cache });
  return { cache, before };
}

/** What pages are made from: every article's view and every page's, as JSON. */
const viewsOf = (model: ArchiveModel | undefined) => JSON.stringify([model?.articles, model?.pages]);

/** An article with its dates as text and its line lookup asked for the fields that have lines. */
function comparable(a: Article) {
  const { lineOf, ...rest } = a;
  const lines = ["title", "date", "source", "keywords", "aliases", "updated", "corrections"].map((f) => lineOf([f]));
  return JSON.stringify({ ...rest, dateZone: a.date.zoneName, lines, listLine: lineOf(["keywords", 1]) });
}

beforeEach(async () => {
  dir = await tempDir("gazette-cache-articles-");
  await writeFiles(dir, FILES);
  out = join(await tempDir("gazette-cache-out-"), "site");
});

describe("the article cache, loaded in process", () => {
  it("gives back every article, page, problem and rendered body exactly as a fresh load makes them", async () => {
    const paths = pathsFor();
    const cold = await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const cache = ArticleCache.open(out, FINGERPRINT);
    const content = await loadContent(paths, undefined, cache);
    // Four articles (one with CRLF line ends and a BOM) and the fixture's page, none parsed again.
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 5, misses: 0 });
    // Each body comes rendered from the cache: renderOnce will not run markdown-it for it.
    for (const item of [...content.articles, ...content.pages]) expect(renderedFor(item, item.body, { html: true }), item.file).toBeDefined();
    const fresh = await loadContent(paths);
    expect(content.articles.map(comparable)).toEqual(fresh.articles.map(comparable));
    expect(content.articles.map((a) => a.updated?.toISO())).toEqual(fresh.articles.map((a) => a.updated?.toISO()));
    expect(JSON.stringify(content.pages)).toBe(JSON.stringify(fresh.pages));
    expect(content.problems).toEqual(fresh.problems);
    // The bidi control's warning, with its file and line, is still reported.
    expect(content.problems).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/crossing\.md$/), line: 2, field: "title", severity: "warning" }));

    const warm = await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    expect(viewsOf(warm.model)).toBe(viewsOf(cold.model));
    expect(warm.problems).toEqual(cold.problems);
  });

  it("gives back a hostile body exactly: entities for lone surrogates, NUL and past U+10FFFF, astral characters and raw HTML survive its UTF-8 tail", async () => {
    // A body's HTML is stored as UTF-8, which cannot hold a lone surrogate: were one ever to reach
    // the HTML, the cached body would differ from a cold build's.
    const hostile = [
      "Entities: &#xD800; &#55296; &#xDFFF; &#0; &#x110000; &#xFFFE; and 😀 𝄞 \u202E reversed.",
      '<p title="&#xD800;&#xDC00;" data-x="&#xDBFF;">&#xDC00; half &#x1F600; whole <script>alert(1)</script></p>',
      "`&#xD800;` in code, and a link [x](https://example.org/&#xD800;).",
      "😀".repeat(3000),
    ].join("\n\n");
    await writeFiles(dir, { "2024/07/2024-07-13-hostile.md": articleFile({ title: "Hostile &#xD800; body", body: hostile }) });
    const paths = pathsFor();
    const cold = await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const cache = ArticleCache.open(out, FINGERPRINT);
    const warm = await modelWith(paths, cache);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 6, misses: 0 });
    const html = (model: ArchiveModel | undefined) => model!.articles.find((a) => a.file.endsWith("hostile.md"))!.html;
    expect(html(warm.model)).toBe(html(cold.model));
    expect(html(cold.model).isWellFormed()).toBe(true);
    expect(html(cold.model)).toContain("😀".repeat(3000));
    expect(html(cold.model)).not.toContain("<script");
    expect(viewsOf(warm.model)).toBe(viewsOf(cold.model));
  });

  it("reads a body from the last cache when it is first asked for, from the file it was loaded with, never from one written over it", async () => {
    const paths = pathsFor();
    await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const fresh = await loadContent(paths);
    const htmlOf = (item: Article) => renderedFor(item, item.body, { html: true })!.html;
    const expected = new Map(fresh.articles.map((a) => [a.file, renderOnce(a, a.body, { html: true }).html]));
    // A build replaces the cache by renaming its new one over it: bodies still come from the old
    // one, and so do the records the next cache copies from it.
    const cache = ArticleCache.open(out, FINGERPRINT);
    const loaded = await loadContent(paths, undefined, cache);
    await writeFile(`${cacheFile(out)}.new`, "another cache");
    await rename(`${cacheFile(out)}.new`, cacheFile(out));
    await cache.save(out);
    for (const a of loaded.articles) expect(htmlOf(a), a.file).toBe(expected.get(a.file));
    const next = ArticleCache.open(out, FINGERPRINT);
    const reloaded = await loadContent(paths, undefined, next);
    expect({ hits: next.hits, misses: next.misses }).toEqual({ hits: fresh.articles.length + 1, misses: 0 });
    for (const a of reloaded.articles) expect(htmlOf(a), a.file).toBe(expected.get(a.file));
    // A file written over in place (which Gazette never does) is not read as if it were the same,
    // nor copied from.
    await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const overwritten = ArticleCache.open(out, FINGERPRINT);
    const again = await loadContent(paths, undefined, overwritten);
    const bytes = await readFile(cacheFile(out));
    await writeFile(cacheFile(out), Buffer.concat([bytes, Buffer.from("more")]));
    expect(() => htmlOf(again.articles[0]!)).toThrow(/written over/);
    expect(() => overwritten.write(out)).toThrow(/written over/);
  });

  it("parses an edited file again, and only that one", async () => {
    const paths = pathsFor();
    await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    await writeFile(join(dir, BORDER), articleFile({ title: "Border talks collapse", body: "They *ended* today." }));
    const cache = ArticleCache.open(out, FINGERPRINT);
    const { model } = await modelWith(paths, cache);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 4, misses: 1 });
    const border = model!.articles.find((a) => a.file.endsWith(BORDER))!;
    expect(border.title).toBe("Border talks collapse");
    expect(border.html).toContain("<em>ended</em>");
    expect(border.html).not.toContain("resumed");
    // The cache it wrote (unchanged files' records copied from the last one) serves the next load whole.
    const next = ArticleCache.open(out, FINGERPRINT);
    const again = await checkArchive(paths, buildMode({}), { cache: next });
    expect({ hits: next.hits, misses: next.misses }).toEqual({ hits: 5, misses: 0 });
    expect(viewsOf(again.model)).toBe(viewsOf(model));
    expect(viewsOf(again.model)).toBe(viewsOf((await checkArchive(paths, buildMode({}), {})).model));
  });

  it("discards every entry when the time zone, the default translator or the code changes, and the rendered bodies when markdown.html does", async () => {
    await modelWith(pathsFor(), ArticleCache.open(out, FINGERPRINT));
    const settings = JSON.parse(await readFile(join(FIXTURE_CONTENT, "site.json"), "utf8"));
    const cold = async (content: string) => viewsOf((await checkArchive(pathsFor(content), buildMode({}), {})).model);
    for (const changed of [{ timeZone: "America/New_York" }, { translator: "Another Desk" }]) {
      const content = await fixtureContentWith(changed);
      const cache = ArticleCache.open(out, FINGERPRINT);
      const read = await checkArchive(pathsFor(content), buildMode({}), { cache });
      expect({ changed, hits: cache.hits }).toEqual({ changed, hits: 0 });
      expect(viewsOf(read.model)).toBe(await cold(content));
    }
    // Another fingerprint: nothing is taken.
    const other = ArticleCache.open(out, "code-2");
    await loadContent(pathsFor(), undefined, other);
    expect(other.hits).toBe(0);

    // Raw HTML escaped instead of sanitised: the parses stand, the bodies are rendered again.
    const escaping = await fixtureContentWith({ markdown: { html: false } });
    const cache = ArticleCache.open(out, FINGERPRINT);
    const read = await checkArchive(pathsFor(escaping), buildMode({}), { cache });
    // The four articles (the page is another file there: the copied content folder's).
    expect(cache.hits).toBe(4);
    const border = read.model!.articles.find((a) => a.file.endsWith(BORDER))!;
    expect(border.html).toContain("&lt;p onclick=");
    expect(viewsOf(read.model)).toBe(await cold(escaping));
    // A settings change that the parse does not read (the tagline) keeps every entry.
    const tagline = await fixtureContentWith({ tagline: `${settings.tagline} (changed)` });
    const kept = ArticleCache.open(out, FINGERPRINT);
    await loadContent(pathsFor(tagline), undefined, kept);
    expect(kept.hits).toBe(4);
  });

  it("keeps a body whose record is larger than the writer's buffer, written and then copied", async () => {
    // Arabic text is stored two bytes a character: about 2 MB of rendered HTML.
    const long = Array.from({ length: 2000 }, (_, i) => `فقرة ${i} ${"نص المقال الطويل ".repeat(25)}`).join("\n\n");
    await writeFiles(dir, { "2024/07/2024-07-14-long.md": articleFile({ title: "طويل", lang: "ar", body: long }) });
    const paths = pathsFor();
    const cold = await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    for (let i = 0; i < 2; i++) {
      const cache = ArticleCache.open(out, FINGERPRINT);
      const read = await modelWith(paths, cache); // the second time, every record is copied
      expect(cache.hits).toBe(6);
      expect(viewsOf(read.model)).toBe(viewsOf(cold.model));
    }
    expect(Buffer.byteLength(cold.model!.articles.find((a) => a.file.endsWith("long.md"))!.html, "utf16le")).toBeGreaterThan(1 << 20);
  });

  it("replaces the last cache only when committed: a failed build's file is discarded", async () => {
    const { cache, before } = await cacheOfNextBuild();
    cache.write(out);
    expect(existsSync(`${cacheFile(out)}.part`)).toBe(true);
    await cache.discard();
    expect(existsSync(`${cacheFile(out)}.part`)).toBe(false);
    expect((await readFile(cacheFile(out))).equals(before)).toBe(true);
    cache.write(out);
    // The cache replaced is moved aside, for the caller to remove where no one waits.
    const last = await cache.commit(out);
    expect(last).toBe(`${cacheFile(out)}.last`);
    expect((await readFile(last!)).equals(before)).toBe(true);
    expect((await readFile(cacheFile(out))).equals(before)).toBe(false);
    expect(existsSync(`${cacheFile(out)}.part`)).toBe(false);
  });

  it("keeps the last cache in its place when the new one cannot take it", async () => {
    const { cache, before } = await cacheOfNextBuild();
    cache.write(out);
    await rm(`${cacheFile(out)}.part`); // gone before the rename that would put it in place
    await expect(cache.commit(out)).rejects.toThrow(/ENOENT/);
    expect((await readFile(cacheFile(out))).equals(before)).toBe(true);
    expect(existsSync(`${cacheFile(out)}.last`)).toBe(false);
    await cache.discard();
  });

  it("ignores a truncated, corrupt, empty or foreign cache file, and takes nothing from it", async () => {
    const paths = pathsFor();
    await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const whole = await readFile(cacheFile(out));
    const damaged: [string, Buffer][] = [
      ["truncated", whole.subarray(0, Math.floor(whole.length * 0.6))],
      ["without its end record", whole.subarray(0, whole.length - 8)],
      ["overwritten in the middle", Buffer.concat([whole.subarray(0, 200), Buffer.alloc(400, 0xff), whole.subarray(600)])],
      ["empty", Buffer.alloc(0)],
      ["another format", Buffer.from(JSON.stringify({ format: 1, entries: {} }))],
    ];
    for (const [what, bytes] of damaged) {
      await writeFile(cacheFile(out), bytes);
      const cache = ArticleCache.open(out, FINGERPRINT);
      const content = await loadContent(paths, undefined, cache);
      expect({ what, hits: cache.hits, articles: content.articles.length }).toEqual({ what, hits: 0, articles: 4 });
    }
  });

  it("parses a file again, without a problem, when its entry is not of the shape Gazette writes", async () => {
    const paths = pathsFor();
    await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    // The records (a 4-byte length, node:v8, a 4-byte length, the tail), one entry's dates
    // pointed at a field it lacks.
    const bytes = await readFile(cacheFile(out));
    const records: { value: unknown; tail: Buffer }[] = [];
    for (let at = 0; at < bytes.length; ) {
      const length = bytes.readUInt32LE(at);
      const tail = bytes.readUInt32LE(at + 4 + length);
      records.push({ value: deserialize(bytes.subarray(at + 4, at + 4 + length)), tail: bytes.subarray(at + 8 + length, at + 8 + length + tail) });
      at += 8 + length + tail;
    }
    expect(records.filter((r) => r.tail.toString("utf8").includes("<p>"))).toHaveLength(5);
    const border = records.find((r) => (r.value as { file?: string }).file?.endsWith(BORDER))!.value as { dates: unknown[] };
    border.dates = [[["missing", "date"], 0, "UTC"]];
    const length = (n: number) => Buffer.from(Uint32Array.of(n).buffer);
    await writeFile(cacheFile(out), Buffer.concat(records.flatMap(({ value, tail }) => { const body = serialize(value); return [length(body.length), body, length(tail.length), tail]; })));
    const cache = ArticleCache.open(out, FINGERPRINT);
    const content = await loadContent(paths, undefined, cache);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 4, misses: 1 });
    expect(content.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(content.articles.find((a) => a.file.endsWith(BORDER))!.updated?.toISO()).toBe("2024-07-10T09:30:00.000+03:00");
  });

  it("reports a cached file's errors with file and line, as a load without the cache does", async () => {
    await writeFiles(dir, { "2024/07/2024-07-13-broken.md": articleFile({ title: "Broken", date: "2024-13-45", keywords: "not a list" }) });
    const paths = pathsFor();
    const first = await modelWith(paths, ArticleCache.open(out, FINGERPRINT));
    const cache = ArticleCache.open(out, FINGERPRINT);
    const second = await checkArchive(paths, buildMode({}), { cache });
    expect(cache.hits).toBe(6);
    const errors = second.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.file.slice(dir.length + 1), p.line, p.field])).toEqual([
      ["2024/07/2024-07-13-broken.md", 3, "date"],
      ["2024/07/2024-07-13-broken.md", 5, "keywords"],
    ]);
    expect(second.problems).toEqual(first.problems);
  });
});

describe("the article cache in `npm run build`", () => {
  it("makes a site byte-identical to a cold build from cached parses and bodies, with an edit's change in it", { timeout: 120_000 }, async () => {
    const first = await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(first.code, first.stderr).toBe(0);
    await writeFile(join(dir, BORDER), articleFile({ title: "Border talks collapse", keywords: ["Water"], body: "They *ended* today." }));
    // Without the record of the last build every page is rendered again, from the cache's parses.
    await rm(`${out}.gazette-build.json`);
    const second = await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, DEBUG: "1" } });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Article cache: 4 files taken, 1 parsed/);
    // The cache the second build replaced is removed by a process of its own, soon; one left
    // behind (its removal never ran) is removed by the next build.
    await expect.poll(() => existsSync(`${cacheFile(out)}.last`), { timeout: 10_000 }).toBe(false);
    // (A build that stops on an error commits nothing, so only its start can have removed it.)
    await writeFile(`${cacheFile(out)}.last`, "left behind");
    await writeFile(join(dir, "2024/07/2024-07-13-broken.md"), "---\ntitle: [unclosed\n---\nText.\n");
    const third = await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/2024-07-13-broken\.md/);
    await expect.poll(() => existsSync(`${cacheFile(out)}.last`), { timeout: 10_000 }).toBe(false);
    await rm(join(dir, "2024/07/2024-07-13-broken.md"));
    const coldBuild = await buildSite({ articles: dir, out: join(await tempDir(), "site"), env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(coldBuild.code, coldBuild.stderr).toBe(0);
    const [warm, cold] = await Promise.all([treeHashes(out), treeHashes(coldBuild.out)]);
    expect(Object.keys(warm)).toEqual(Object.keys(cold));
    expect(Object.keys(cold).filter((f) => warm[f] !== cold[f])).toEqual([]);
    expect(await second.text("2024/07/border-talks/index.html")).toContain("<em>ended</em>");
  });

  it("builds over a corrupt cache, and fails on an errored file as without one, naming file and line", { timeout: 120_000 }, async () => {
    await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT } });
    await truncate(cacheFile(out), 100);
    const over = await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, DEBUG: "1" } });
    expect(over.code, over.stderr).toBe(0);
    expect(over.stdout).toMatch(/Article cache: 0 files taken, 5 parsed/);

    // A cache holding an errored file's entry (written here; a build writes one only when it succeeds).
    await writeFiles(dir, { "2024/07/2024-07-13-broken.md": articleFile({ title: "Broken", date: "2024-13-45" }) });
    const { codeFingerprint } = await import("../src/incremental/fingerprint.ts");
    const paths = pathsFor();
    const cache = ArticleCache.open(out, await codeFingerprint({ ...paths, templates: join(ROOT, "templates") }));
    await modelWith(paths, cache);
    const failed = await buildSite({ articles: dir, out, env: { GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, DEBUG: "1" } });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Article cache: 6 files taken, 0 parsed/);
    expect(failed.stderr).toMatch(/2024-07-13-broken\.md:3/);
    expect(failed.stderr).toContain("Build stopped");
  });
});

describe("the cache file's writer", () => {
  it("writes new records and copied ones in order, what it holds past its limit there and then, the rest on libuv's threads", async () => {
    const dir = await tempDir("cache-writer-");
    const records = (file: string) => {
      const fd = openSync(file, "r");
      try {
        const reader = new RecordReader(fd);
        const found: [unknown, string][] = [];
        for (let value = reader.next(); value !== undefined; value = reader.next()) {
          const [at, length] = reader.tail;
          const tail = Buffer.alloc(length);
          readFully(fd, tail, 0, [at, length]);
          found.push([value, tail.toString("utf8")]);
        }
        return found;
      } finally {
        closeSync(fd);
      }
    };
    // A last cache of three records, the first two next to each other.
    const last = join(dir, "last");
    const lastFd = openSync(last, "w");
    const spans: [number, number][] = [];
    const writer = new RecordWriter(lastFd);
    for (const n of [1, 2, 3]) writer.write({ n }, `body ${n}`);
    await writer.writeTo();
    closeSync(lastFd);
    let at = 0;
    for (const [value, tail] of records(last)) {
      const length = 4 + serialize(value).length + 4 + Buffer.byteLength(tail);
      spans.push([at, length]);
      at += length;
    }
    // New records around copied ones, one of them larger than what the writer holds.
    const big = "x".repeat(RecordWriter.HELD + 1);
    const from = openSync(last, "r");
    const next = join(dir, "next");
    const fd = openSync(next, "w");
    const mixed = new RecordWriter(fd);
    mixed.write({ n: "a" }, "new a");
    mixed.copy(from, spans[0]!);
    mixed.copy(from, spans[1]!);
    mixed.write({ n: "big" }, big);
    expect(statSync(next).size).toBeGreaterThan(RecordWriter.HELD); // written past the limit, before writeTo
    mixed.copy(from, spans[2]!);
    mixed.write({ n: "b" }, "new b — ünïcode");
    await mixed.writeTo();
    closeSync(fd);
    closeSync(from);
    expect(records(next)).toEqual([
      [{ n: "a" }, "new a"],
      [{ n: 1 }, "body 1"],
      [{ n: 2 }, "body 2"],
      [{ n: "big" }, big],
      [{ n: 3 }, "body 3"],
      [{ n: "b" }, "new b — ünïcode"],
    ]);
    await rm(dir, { recursive: true, force: true });
  });
});
