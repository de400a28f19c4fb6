// The content store: a kept store re-reads only the files that changed (edited, added, removed),
// and every one-shot load starts from a fresh one. Runs the real loader over files on disk.
import { articleFile } from "./helpers/articles.ts";
import { rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { checkArchive } from "../src/archive/load.ts";
import { loadContent } from "../src/content/load.ts";
import { ContentStore } from "../src/content/store.ts";
import { PreviewRebuilds } from "../src/eleventy/preview.ts";
import { NODE_ARGS, resolvePaths, type Paths } from "../src/site.ts";
import { FIXTURE_CONTENT, fixtureContentWith, ROOT, tempDir, writeFiles } from "./helpers/site.ts";

let dir: string;
let paths: Paths;
const A = "2024/07/2024-07-09-border-talks.md";
const B = "2024/07/2024-07-10-crossing-reopens.md";
const C = "2024/07/2024-07-11-new-story.md";
/** The article files among `paths` (the fixture's page goes through the store too), sorted. */
const rel = (paths: readonly string[]) => paths.filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)).sort();
const titles = (content: Awaited<ReturnType<typeof loadContent>>) => content.articles.map((a) => a.title);

beforeEach(async () => {
  dir = await tempDir();
  await writeFiles(dir, { [A]: articleFile({ title: "Border talks" }), [B]: articleFile({ title: "Crossing reopens" }) });
  paths = resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: dir, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT });
});

describe("a content store kept between loads (the preview's)", () => {
  it("reads every file on the first load, and none again when nothing changed", async () => {
    const store = new ContentStore();
    const first = await loadContent(paths, store);
    expect(rel(store.changes.added)).toEqual([A, B]);
    const second = await loadContent(paths, store);
    expect(store.changes).toMatchObject({ added: [], changed: [], removed: [] });
    expect(store.changes.unchanged).toHaveLength(3); // the two articles and the fixture's page
    expect(rel(store.changes.unchanged)).toEqual([A, B]);
    // The very same parse: nothing was read or validated again.
    expect(second.articles[0]).toBe(first.articles[0]);
  });

  it("re-reads an edited file only, and keeps a file saved without an edit", async () => {
    const store = new ContentStore();
    const first = await loadContent(paths, store);
    await writeFile(join(dir, A), articleFile({ title: "Border talks resume" }));
    const later = new Date(Date.now() + 5_000);
    await utimes(join(dir, B), later, later); // saved again, same text
    const second = await loadContent(paths, store);
    expect(rel(store.changes.changed)).toEqual([A]);
    expect(rel(store.changes.unchanged)).toEqual([B]);
    expect(titles(second)).toEqual(["Border talks resume", "Crossing reopens"]);
    expect(second.articles[1]).toBe(first.articles[1]);
  });

  it("drops a deleted file and adds a new one", async () => {
    const store = new ContentStore();
    await loadContent(paths, store);
    await rm(join(dir, B));
    await writeFiles(dir, { [C]: articleFile({ title: "New story", date: "2024-07-11" }) });
    const content = await loadContent(paths, store);
    expect(rel(store.changes.removed)).toEqual([B]);
    expect(rel(store.changes.added)).toEqual([C]);
    expect(store.size).toBe(3); // with the fixture's page
    expect(titles(content)).toEqual(["Border talks", "New story"]);
  });

  it("re-reads every file when the settings they are checked against change", async () => {
    const store = new ContentStore();
    await loadContent(paths, store);
    const elsewhere = resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: dir, GAZETTE_CONTENT_DIR: await fixtureContentWith({ timeZone: "UTC" }) });
    const content = await loadContent(elsewhere, store);
    expect(rel(store.changes.changed)).toEqual([A, B]);
    expect(content.articles[0]!.date.zoneName).toBe("UTC");
  });

  it("turns a file that became unreadable into a problem and forgets its parse", async () => {
    const store = new ContentStore();
    await loadContent(paths, store);
    await rm(join(dir, A));
    await writeFiles(dir, { [A]: "\u0000binary" });
    const content = await loadContent(paths, store);
    expect(content.problems.map((p) => [p.file.endsWith(A), p.message])).toEqual([[true, "expected a UTF-8 text file, found binary data"]]);
    expect(titles(content)).toEqual(["Crossing reopens"]);
  });
});

describe("a fresh store for every one-shot load", () => {
  it("builds and checks from a new store each time: nothing is shared between two runs", async () => {
    const one = await checkArchive(paths, { drafts: false, future: false, pathPrefix: "/" });
    await writeFile(join(dir, A), articleFile({ title: "Border talks resume" }));
    const two = await checkArchive(paths, { drafts: false, future: false, pathPrefix: "/" });
    expect(one.model!.articles.map((a) => a.title).sort()).toEqual(["Border talks", "Crossing reopens"]);
    expect(two.model!.articles.map((a) => a.title).sort()).toEqual(["Border talks resume", "Crossing reopens"]);
    const [x, y] = [await loadContent(paths), await loadContent(paths)];
    expect(x.articles[1]).not.toBe(y.articles[1]);
  });

  it("gives each preview its own store", () => {
    const [p, q] = [new PreviewRebuilds(dir), new PreviewRebuilds(dir)];
    expect(p.store).toBeInstanceOf(ContentStore);
    expect(p.store).not.toBe(q.store);
  });
});

describe("the content read ahead on a worker (a production build's)", () => {
  it("reads what the loader would, by the same paths, with the bytes' sha256; never through a link, a dot-name or past its size limit", async () => {
    const { ReadAhead, MAX_AHEAD } = await import("../src/content/read-ahead.ts");
    const { createHash } = await import("node:crypto");
    const { mkdir, symlink, truncate } = await import("node:fs/promises");
    const arabic = "2024/07/2024-07-12-arabic.md";
    await writeFiles(dir, {
      [arabic]: articleFile({ title: "وصول شاحنات البذور", lang: "ar" }),
      ".hidden/2024-07-13-secret.md": articleFile({ title: "Hidden" }),
      "2024/07/.draft.md": articleFile({ title: "Dot file" }),
      "2024/07/notes.txt": "not Markdown",
    });
    const outside = join(await tempDir(), "outside.md");
    await writeFile(outside, articleFile({ title: "Outside the folder" }));
    await symlink(outside, join(dir, "2024/07/2024-07-14-linked.md"));
    await mkdir(join(dir, "linked-folder-target"));
    await symlink(join(dir, "linked-folder-target"), join(dir, "2024/linked-folder"));
    await writeFile(join(dir, "2024/07/2024-07-15-huge.md"), "");
    await truncate(join(dir, "2024/07/2024-07-15-huge.md"), MAX_AHEAD + 1);

    const ahead = ReadAhead.start([dir]);
    await ahead.ready();
    for (const file of [A, B, arabic]) {
      const bytes = await (await import("node:fs/promises")).readFile(join(dir, file));
      const read = ahead.take(`${dir}/${file}`)!;
      expect(read.text).toBe(bytes.toString("utf8"));
      expect(read.sha256).toBe(createHash("sha256").update(bytes).digest("base64url"));
      expect(read.size).toBe(bytes.length);
      // Once only.
      expect(ahead.take(`${dir}/${file}`)).toBeUndefined();
    }
    for (const file of [".hidden/2024-07-13-secret.md", "2024/07/.draft.md", "2024/07/notes.txt", "2024/07/2024-07-14-linked.md", "2024/07/2024-07-15-huge.md"]) {
      expect(ahead.take(`${dir}/${file}`), file).toBeUndefined();
    }
  });

  it("decodes each file as reading it would: ASCII, UTF-8 in any script, and bytes that are not clean UTF-8 (flagged)", async () => {
    const { ReadAhead } = await import("../src/content/read-ahead.ts");
    const files: Record<string, Buffer> = {
      "ascii.md": Buffer.from(articleFile({ title: "Plain English, nothing else" })),
      "arabic.md": Buffer.from(articleFile({ title: "وصول شاحنات البذور", lang: "ar" })),
      "quotes-and-emoji.md": Buffer.from(articleFile({ title: "“Curly” quotes — and 🌾 wheat" })),
      "latin-1.md": Buffer.concat([Buffer.from("---\ntitle: Caf"), Buffer.from([0xe9]), Buffer.from("\n---\nBody\n")]),
      "nul.md": Buffer.from("---\ntitle: A\u0000B\n---\nBody\n"),
      "empty.md": Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
    const ahead = ReadAhead.start([dir]);
    await ahead.ready();
    const clean = { "ascii.md": true, "arabic.md": true, "quotes-and-emoji.md": true, "latin-1.md": false, "nul.md": false, "empty.md": true };
    for (const [name, bytes] of Object.entries(files)) {
      const read = ahead.take(`${dir}/${name}`)!;
      expect(read.text, name).toBe(bytes.toString("utf8"));
      expect(read.clean, name).toBe(clean[name as keyof typeof clean]);
    }
  });

  /** A process that reads `dir` ahead and then runs `then` (with `ahead` in scope): its exit code and output. */
  async function readAheadProcess(then: string): Promise<{ code: number | null; stdout: string }> {
    const { execFile } = await import("node:child_process");
    const script = join(await tempDir(), "read.mts");
    await writeFile(script, `const { ReadAhead } = await import(${JSON.stringify(join(ROOT, "src/content/read-ahead.ts"))});
      const ahead = ReadAhead.start([${JSON.stringify(dir)}]);
      ${then}`);
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [...NODE_ARGS, script], { cwd: ROOT }, (_e, stdout) => resolve({ code: child.exitCode, stdout }));
    });
  }

  it("holds the process open while it is awaited: a build that has nothing else left to wait for does not end there", async () => {
    // A process whose only work left is the reading (as a build is when its modules loaded first).
    const run = await readAheadProcess(`await ahead.ready(); console.log(ahead.take(${JSON.stringify(`${dir}/${A}`)})?.text.length);`);
    expect(run).toEqual({ code: 0, stdout: `${(await (await import("node:fs/promises")).readFile(join(dir, A), "utf8")).length}\n` });
  });

  it("does not hold the process open for a caller that only wants to know when it is done (a build that fails early ends at once)", async () => {
    const run = await readAheadProcess(`await ahead.finished(); console.log("waited");`);
    // 13: Node ends a process whose top-level await can no longer settle.
    expect(run).toEqual({ code: 13, stdout: "" });
  });

  it("gives the loader the same content as reading each file itself, and the article cache the digests it would make", async () => {
    const { ReadAhead } = await import("../src/content/read-ahead.ts");
    const { ArticleCache } = await import("../src/content/cache.ts");
    await writeFiles(dir, { "2024/07/2024-07-12-binary.md": "---\ntitle: x\n---\n\u0000\u0001 binary", "2024/07/2024-07-13-arabic.md": articleFile({ title: "وصول شاحنات البذور", lang: "ar" }) });
    await writeFile(join(dir, "2024/07/2024-07-14-latin1.md"), Buffer.from("---\ntitle: caf\xe9\n---\nBody", "latin1"));
    const out = join(await tempDir(), "site");
    const plain = ArticleCache.empty("test");
    const without = await loadContent(paths, new ContentStore(), plain);
    await plain.save(out);
    const ahead = ReadAhead.start([paths.articles, paths.pages]);
    const cache = ArticleCache.open(out, "test");
    const withAhead = await loadContent(paths, new ContentStore(), cache, ahead);
    // Every problem the same (the binary and Latin-1 files among them), every article the same,
    // and every valid file found in the cache by the digest handed on.
    expect(withAhead.problems).toEqual(without.problems);
    expect(withAhead.problems.map((p) => p.message).join("\n")).toMatch(/binary data[\s\S]*save the file as UTF-8/);
    expect(JSON.stringify(withAhead.articles)).toBe(JSON.stringify(without.articles));
    expect(cache.misses).toBe(0);
    expect(cache.hits).toBe(plain.misses);
  });
});
