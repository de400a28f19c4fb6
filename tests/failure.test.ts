// A broken build names every problem, exits non-zero and leaves the last good site untouched.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { treeHashes } from "./helpers/tree.ts";
import { buildSite, copyContent, FIXTURE_CONTENT, ROOT, tempDir, writeFiles } from "./helpers/site.ts";
import { NODE_ARGS } from "../src/environment.ts";

const good = articleFile({ title: "Talks resume", body: "Body." });

describe("failed builds", () => {
  it("reports every problem as path:line: field: and keeps the previous site", async () => {
    const work = await tempDir();
    const articles = join(work, "articles");
    const out = join(work, "site");
    await writeFiles(articles, { "2024/07/2024-07-09-good.md": good });
    const first = await buildSite({ articles, out, contentDir: FIXTURE_CONTENT });
    expect(first.code).toBe(0);
    await writeFile(join(out, "marker.txt"), "last good site");
    const before = await treeHashes(out);

    await writeFiles(articles, {
      "2024/07/2024-07-10-broken.md": articleFile({ title: "Broken", date: "2024-07-45", keyword: ["Trade"], body: "Body." }),
      "2024/07/2024-07-11-also-broken.md": articleFile({ title: "Also broken", date: "2024-07-11", source: undefined, body: "Body." }),
    });
    const second = await buildSite({ articles, out, contentDir: FIXTURE_CONTENT });
    expect(second.code).toBe(1);
    const broken = join(articles, "2024/07/2024-07-10-broken.md");
    expect(second.stderr).toContain(`${broken}:3: date: expected a date as YYYY-MM-DD`);
    expect(second.stderr).toContain(`${broken}:5: keyword: unknown field; did you mean \`keywords\`?`);
    expect(second.stderr).toContain(`${join(articles, "2024/07/2024-07-11-also-broken.md")}:1: source: required field is missing`);
    expect(second.stderr).toContain("3 errors, 0 warnings in 2 files");
    expect(await treeHashes(out)).toEqual(before); // byte-identical, marker included
  });

  it("refuses two articles that would share a URL, naming both files", async () => {
    const result = await buildSite({
      contentDir: FIXTURE_CONTENT,
      files: {
        "a/2024-07-09-talks.md": good,
        "b/2024-07-09-talks.md": articleFile({ title: "Talks resume again", body: "Body." }),
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/b\/2024-07-09-talks\.md:1: slug: would be published at \/2024\/07\/talks\/, the same URL as .*a\/2024-07-09-talks\.md/);
  });

  it("refuses two different keywords that would share a slug, naming both", async () => {
    const result = await buildSite({
      contentDir: FIXTURE_CONTENT,
      files: {
        "2024-07-09-one.md": articleFile({ title: "Talks resume", keywords: ["Al-Bab"], body: "Body." }),
        "2024-07-10-two.md": articleFile({ title: "Talks resume", keywords: ["Al Bab"], body: "Body." }),
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/keywords: keyword "Al Bab" would share the page \/keywords\/al-bab\/ with "Al-Bab"/);
  });

  it("validates the site settings like an article", async () => {
    const content = await copyContent();
    const settings = JSON.parse(await readFile(join(content, "site.json"), "utf8"));
    await writeFile(join(content, "site.json"), JSON.stringify({ ...settings, timeZone: "Mars/Olympus", pageSize: 0, titel: "x" }, null, 2));
    await mkdir(join(content, "articles"), { recursive: true });
    const result = await buildSite({ contentDir: content, files: { "2024-07-09-a.md": good } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/site\.json:\d+: timeZone: expected an IANA time zone such as Asia\/Damascus, found "Mars\/Olympus"/);
    expect(result.stderr).toMatch(/site\.json:\d+: pageSize: .*found number 0/);
    expect(result.stderr).toMatch(/site\.json:\d+: titel: unknown field; did you mean `title`\?/);
  });
});

describe("errors inside the build", () => {
  // An Eleventy page (the date archive) and a streamed one (article pages) report alike.
  it.each([
    ["archive.njk", "{{ y.count }}"],
    ["_includes/streamed/article.njk", "{{ article.title }}"],
  ])("turn a template mistake into one readable line naming the file, and keep the previous site (%s)", async (name, expression) => {
    const { cp, readFile: read } = await import("node:fs/promises");
    const templates = join(await tempDir(), "templates");
    await cp(join(ROOT, "templates"), templates, { recursive: true });
    const template = join(templates, name);
    const source = await read(template, "utf8");
    expect(source).toContain(expression);
    await writeFile(template, source.replace(expression, expression.replace(" }}", " | nosuchfilter }}")));
    const work = await tempDir();
    const out = join(work, "site");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "marker.txt"), "last good site");
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, out, files: { "2024-07-09-a.md": good }, env: { GAZETTE_TEMPLATES_DIR: templates } });
    expect(result.code).toBe(1);
    // Nunjucks gives a line only when no include ran before the mistake (article pages include
    // breadcrumbs first), so the line is asked of the archive page only.
    const where = name === "archive.njk" ? "archive\\.njk: .*\\[Line \\d+, Column \\d+\\]" : "article\\.njk: .*";
    expect(result.stderr).toMatch(new RegExp(`^Build failed: Having trouble rendering njk template .*${where}: .*filter not found: nosuchfilter$`, "m"));
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace without --verbose
    expect(await readFile(join(out, "marker.txt"), "utf8")).toBe("last good site");
  });

  it("fails in one line when a template fails while the public files are still being copied", async () => {
    // Eleventy stops waiting for its copy of the public files when a template fails; with many
    // files the copy is still going when the build gives its folder up, and fails then.
    const { cp, readFile: read } = await import("node:fs/promises");
    const templates = join(await tempDir(), "templates");
    await cp(join(ROOT, "templates"), templates, { recursive: true });
    const template = join(templates, "archive.njk");
    await writeFile(template, (await read(template, "utf8")).replace("{{ y.count }}", "{{ y.count | nosuchfilter }}"));
    const publicDir = join(await tempDir(), "public");
    await cp(join(ROOT, "public"), publicDir, { recursive: true });
    for (let i = 0; i < 40; i++) await writeFiles(join(publicDir, `many/${i}`), Object.fromEntries(Array.from({ length: 100 }, (_, j) => [`f${j}.txt`, "x".repeat(2000)])));
    const out = join(await tempDir(), "site");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "marker.txt"), "last good site");
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, out, files: { "2024-07-09-a.md": good }, env: { GAZETTE_TEMPLATES_DIR: templates, GAZETTE_PUBLIC_DIR: publicDir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Build failed: Having trouble rendering njk template .*filter not found: nosuchfilter$/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toMatch(/Passthrough|Node\.js v/);
    expect(await readFile(join(out, "marker.txt"), "utf8")).toBe("last good site");
  });
});

describe("deterministic builds", () => {
  it("gives byte-identical output for the same content, search index included", async () => {
    const { files } = await import("./fixtures/articles.ts");
    const first = await buildSite({ contentDir: FIXTURE_CONTENT, files });
    const second = await buildSite({ contentDir: FIXTURE_CONTENT, files });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const a = await treeHashes(first.out);
    expect(Object.keys(a).length).toBeGreaterThan(50);
    expect(await treeHashes(second.out)).toEqual(a);
  });
});

describe("heap limit for large archives", () => {
  const files = { "2024/07/2024-07-09-good.md": good };

  it("builds in a child Node with the heap limited", async () => {
    const site = await buildSite({ files, contentDir: FIXTURE_CONTENT, env: { GAZETTE_HEAP_LIMIT_MB: "1024", DEBUG: "1" } });
    expect(site.code, site.stderr).toBe(0);
    expect(site.stdout).toContain("Building with Node's heap limited to 1024 MB");
    // The child's own report: V8 adds its young generation to the limit asked for.
    const limit = Number(/Node's heap limit: (\d+) MB/.exec(site.stdout)?.[1]);
    expect(limit).toBeGreaterThanOrEqual(1024);
    expect(limit).toBeLessThan(1200);
    expect((await site.html("index.html"))("h1").text()).toBeTruthy();
  });

  it("stops the child with the build, removes its half-built folder and keeps the last good site", async () => {
    const { spawn } = await import("node:child_process");
    const first = await buildSite({ files, contentDir: FIXTURE_CONTENT });
    expect(first.code).toBe(0);
    const before = await treeHashes(first.out);
    const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_ARTICLES_DIR: first.articles, GAZETTE_OUTPUT_DIR: first.out, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_HEAP_LIMIT_MB: "1024" };
    delete env.ELEVENTY_RUN_MODE;
    const parent = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/build.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    parent.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => parent.on("exit", (code) => resolve(code)));
    // The child's folder appears once its content is loaded; stop the build then.
    const building = async () => (await readdir(dirname(first.out))).filter((n) => n.includes(".building-"));
    const deadline = Date.now() + 60_000;
    while (!(await building()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await building()).toHaveLength(1);
    parent.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(stderr).toContain("The build was stopped (SIGTERM).");
    expect(await building()).toEqual([]);
    expect(await treeHashes(first.out)).toEqual(before);
  });

  it("builds again without a limit when the limited build runs out of heap, leaving nothing behind", async () => {
    const site = await buildSite({ files, contentDir: FIXTURE_CONTENT, env: { GAZETTE_HEAP_LIMIT_MB: "16" } });
    expect(site.code, site.stderr).toBe(0);
    expect(site.stderr).toContain("The build needed more than its 16 MB heap; building again without a limit.");
    expect(site.stderr).not.toContain("FATAL ERROR"); // V8's dump is not shown
    expect(site.stdout).toMatch(/^Built 1 article/m);
    const siblings = await readdir(dirname(site.out));
    expect(siblings.filter((name) => name.includes(".building-"))).toEqual([]);
  });

  it("limits archives from 64 MB of Markdown, to 512 MB plus 4.7 times the Markdown", async () => {
    const { heapLimitMb } = await import("../src/cli/build.ts");
    const { truncate } = await import("node:fs/promises");
    const work = await tempDir();
    await writeFiles(work, files);
    const saved = process.env.GAZETTE_HEAP_LIMIT_MB;
    delete process.env.GAZETTE_HEAP_LIMIT_MB;
    try {
      expect(await heapLimitMb(work)).toBeUndefined();
      // Sparse files: the size counts, not the disk used.
      const big = join(work, "2024/big.md");
      await writeFile(big, "");
      await truncate(big, 64e6 - good.length - 1);
      expect(await heapLimitMb(work)).toBeUndefined();
      await truncate(big, 64e6 - good.length);
      expect(await heapLimitMb(work)).toBe(813);
      await truncate(big, 150e6 - good.length);
      expect(await heapLimitMb(work)).toBe(1217);
    } finally {
      if (saved !== undefined) process.env.GAZETTE_HEAP_LIMIT_MB = saved;
    }
  });

  it("sizes the heap by the Markdown the last build read, as its article cache records, without sizing the files again", async () => {
    const { heapLimitMb } = await import("../src/cli/build.ts");
    const { truncate } = await import("node:fs/promises");
    const { markdownBytesRead } = await import("../src/content/cache-file.ts");
    const site = await buildSite({ files, contentDir: FIXTURE_CONTENT });
    expect(site.code, site.stderr).toBe(0);
    // Every file the build read: the articles and the fixture's pages.
    const sizes = async (dir: string) => {
      let total = 0;
      for (const f of await readdir(dir, { recursive: true })) if (f.endsWith(".md")) total += (await stat(join(dir, f))).size;
      return total;
    };
    expect(markdownBytesRead(site.out)).toBe((await sizes(site.articles)) + (await sizes(join(FIXTURE_CONTENT, "pages"))));
    const saved = process.env.GAZETTE_HEAP_LIMIT_MB;
    delete process.env.GAZETTE_HEAP_LIMIT_MB;
    try {
      // 150 MB more Markdown since the last build: sized by the files, the archive is limited;
      // by the last build's record, not until a build has read it.
      const big = join(site.articles, "2024/big.md");
      await writeFile(big, "");
      await truncate(big, 150e6);
      expect(await heapLimitMb(site.articles)).toBeGreaterThan(1200);
      expect(await heapLimitMb(site.articles, site.out)).toBeUndefined();
      // No article cache beside the output: the files are sized.
      expect(await heapLimitMb(site.articles, join(site.out, "elsewhere"))).toBeGreaterThan(1200);
    } finally {
      if (saved !== undefined) process.env.GAZETTE_HEAP_LIMIT_MB = saved;
    }
  });
});
