// The output folder can only ever hold a site: settings that would replace a project folder are
// refused before anything is touched; builds that were killed (even between the swap's two
// renames) are cleaned up by the next; a mount point is filled in place; an unwritable place, an
// unknown flag and a dead Pagefind process each give one short line, quickly.
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NODE_ARGS, resolvePaths } from "../src/site.ts";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles, type Files } from "./helpers/site.ts";
import { treeHashes } from "./helpers/tree.ts";

const TSX = join(ROOT, "node_modules/.bin/tsx");

/** Articles enough that rendering and indexing take a moment. */
function articles(count: number, from = 1): Files {
  const files: Files = {};
  for (let i = from; i < from + count; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    files[`2024/03/2024-03-${day}-story-${i}.md`] = articleFile({ title: `Story ${i}`, date: `2024-03-${day}`, slug: `story-${i}`, body: "Harbour trade and fishing news. ".repeat(60) });
  }
  return files;
}

/**
 * A copy of the project (its code, templates, public files, content, a .git and a tests folder;
 * node_modules linked) to point hostile settings at: a broken refusal must not cost the real one.
 */
async function projectCopy(): Promise<string> {
  const root = join(await tempDir(), "project");
  for (const name of ["src", "templates", "public", "content", "package.json", "eleventy.config.ts", "tsconfig.json"]) {
    await cp(join(ROOT, name), join(root, name), { recursive: true });
  }
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
  await writeFiles(root, { ".git/HEAD": "ref: refs/heads/main\n", "tests/some.test.ts": "// a test\n" });
  return root;
}

function buildIn(root: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const all: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete all.ELEVENTY_RUN_MODE;
  return runIn(root, [join(root, "src/cli/build.ts"), ...args], all);
}

function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * Folders a build leaves beside `out` (not the record of the last build, the article cache nor the
 * site it replaced, which belong there: src/incremental/, src/content/cache.ts), once the previous site
 * that a build removes in the background (`<out>.removing-PID`) and the article cache it replaced
 * (`<out>.gazette-cache.last`) are gone: they must go within 30 s.
 */
async function siblings(out: string): Promise<string[]> {
  const kept = new Set([`${basename(out)}.gazette-build.json`, `${basename(out)}.gazette-cache`, `${basename(out)}.gazette-spare`]);
  const list = async () => (await readdir(dirname(out))).filter((n) => n.startsWith(`${basename(out)}.`) && !kept.has(n)).sort();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (!(await list()).some((n) => n.includes(".removing-") || n.endsWith(".gazette-cache.last"))) break;
  }
  return list();
}

const oneLine = (text: string) => text.trimEnd().split("\n");

describe("output settings that would replace a project folder", () => {
  // Each refused setting, and how the one line describes it.
  const refused: [string, RegExp][] = [
    ["content", /it is the content folder/],
    ["content/pages", /it is the pages folder/],
    ["content/articles/2024", /it lies inside the articles folder/],
    ["templates", /it is the templates folder/],
    ["public", /it is the public folder/],
    ["src", /it is the source folder src/],
    ["src/cli", /it lies inside the source folder src/],
    ["tests", /it is the tests folder/],
    [".git", /it is the \.git folder/],
    ["node_modules", /it is the node_modules folder/],
    [".", /it is the project folder/],
    ["./", /it is the project folder/],
    ["..", /it contains the project folder/],
    ["/", /it contains the project folder/],
    ["package.json", /it is a file, not a folder/],
  ];

  it("are refused in one line naming the setting, the folder and why, touching nothing", async () => {
    const root = await projectCopy();
    // The content folder reached through a link is the content folder.
    await symlink(join(root, "content"), join(root, "linked"));
    refused.push(["linked", /it is the content folder/]);
    const before = await treeHashes(root);
    const around = await readdir(dirname(root));
    const results = await Promise.all(refused.map(([setting]) => buildIn(root, { GAZETTE_OUTPUT_DIR: setting })));
    results.forEach((result, i) => {
      const [setting, why] = refused[i]!;
      expect(result.code, `${setting}: ${result.stderr}`).toBe(1);
      const lines = oneLine(result.stderr);
      expect(lines, setting).toHaveLength(1);
      expect(lines[0]).toMatch(/^Refusing to build into \//);
      expect(lines[0]).toContain(`(GAZETTE_OUTPUT_DIR=${setting}):`);
      expect(lines[0]).toMatch(why);
      expect(result.stdout).toBe("");
    });
    expect(await treeHashes(root)).toEqual(before);
    expect(await readdir(dirname(root))).toEqual(around); // no sibling folders made anywhere
    expect(await readdir(root)).toEqual(expect.arrayContaining(["content", "src", "templates", "public", "tests", ".git", "linked"]));
  });

  it("an empty setting means the default _site", () => {
    expect(resolvePaths("/project", { GAZETTE_OUTPUT_DIR: "" }).output).toBe("/project/_site");
    expect(resolvePaths("/project", {}).output).toBe("/project/_site");
  });
});

describe("interrupted builds", () => {
  it("a build stopped between the swap's renames is put back before anything else, and dead builds' folders are removed", async () => {
    const root = await projectCopy();
    const work = await tempDir();
    const out = join(root, "_site");
    // What a build killed between its renames leaves: the last complete site as _site.old-PID,
    // no _site. Beside it a dead build's half-written folder, and one of a build still running.
    await writeFiles(`${out}.old-999999`, { "index.html": "last complete site", "2024/03/a/index.html": "an article" });
    const previous = await treeHashes(`${out}.old-999999`);
    await writeFiles(`${out}.building-999998`, { "index.html": "half" });
    await writeFiles(`${out}.building-${process.pid}`, { "index.html": "a build that is still running" });
    // A site that was being removed after an earlier swap is never put back, even though its
    // name holds a running process's id (a process id can be reused).
    await writeFiles(`${out}.removing-${process.pid}`, { "index.html": "an older site, half removed" });
    const env = { GAZETTE_OUTPUT_DIR: "", GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_ARTICLES_DIR: join(work, "articles") };

    // A build that stops at the content: what it found is exactly what is at _site afterwards.
    await writeFiles(join(work, "articles"), { "2024-03-01-broken.md": articleFile({ title: "Broken", date: undefined, source: undefined, body: "Body." }) });
    const failed = await buildIn(root, env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("An earlier build was stopped while replacing _site/; its last complete site was put back.");
    expect(await treeHashes(out)).toEqual(previous);
    expect(await readdir(dirname(out))).not.toContain(`_site.removing-${process.pid}`);
    expect(await siblings(out)).toEqual([`_site.building-${process.pid}`]);

    // An empty GAZETTE_OUTPUT_DIR builds into the project's _site.
    await writeFiles(join(work, "articles"), { "2024-03-01-broken.md": articleFile({ title: "Fixed" }) });
    const built = await buildIn(root, env);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Built 1 article, .* into _site\/ in /m);
    expect(await readFile(join(out, "index.html"), "utf8")).toContain("Fixed");
    expect(await siblings(out)).toEqual([`_site.building-${process.pid}`]);
  });

  describe("killed builds and a dead Pagefind process", () => {
    let out = "";
    let articlesDir = "";
    let site: Record<string, string> = {};

    it("a build killed mid-way leaves its folder, which the next build removes", async () => {
      const first = await buildSite({ contentDir: FIXTURE_CONTENT, files: articles(60) });
      expect(first.code, first.stderr).toBe(0);
      ({ out, articles: articlesDir } = first);
      site = await treeHashes(out);

      const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_ARTICLES_DIR: articlesDir, GAZETTE_OUTPUT_DIR: out, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT };
      delete env.ELEVENTY_RUN_MODE;
      const build = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/build.ts")], { cwd: ROOT, env, stdio: "ignore" });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => build.on("exit", (_, signal) => resolve(signal)));
      const temp = `${out}.building-${build.pid}`;
      // Killed once pages are being written into its folder.
      const deadline = Date.now() + 60_000;
      while (!(await readdir(temp).catch(() => [] as string[])).includes("index.html") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      build.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      // And the article cache it wrote before rendering, not yet in place (the next build replaces it).
      expect(await siblings(out)).toEqual([basename(temp), `${basename(out)}.gazette-cache.part`]);
      expect(await treeHashes(out)).toEqual(site);

      const next = await buildSite({ contentDir: FIXTURE_CONTENT, articles: articlesDir, out });
      expect(next.code, next.stderr).toBe(0);
      expect(await siblings(out)).toEqual([]);
      site = await treeHashes(out);
    });

    it("a Pagefind process that dies fails the build within seconds, in one short message, keeping the last site", async () => {
      expect(out).not.toBe("");
      // Pagefind's Node API runs the binary named by PAGEFIND_BINARY_PATH: a script that notes its
      // process id and becomes the real Pagefind, which the test then kills as it starts.
      const work = await tempDir();
      const real = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
      const pidFile = join(work, "pagefind.pid");
      const wrapper = join(work, "pagefind");
      await writeFile(wrapper, `#!/bin/sh\necho $$ > '${pidFile}.part' && mv '${pidFile}.part' '${pidFile}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
      await writeFiles(articlesDir, articles(1, 500)); // a changed bundle: it is indexed, not reused

      const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_ARTICLES_DIR: articlesDir, GAZETTE_OUTPUT_DIR: out, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, PAGEFIND_BINARY_PATH: wrapper };
      delete env.ELEVENTY_RUN_MODE;
      delete env.PAGEFIND_EXTENDED_BINARY_PATH;
      delete env.DEBUG;
      const build = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/build.ts")], { cwd: ROOT, env });
      let stderr = "";
      build.stderr.on("data", (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => build.on("exit", (code) => resolve(code)));
      const deadline = Date.now() + 60_000;
      let pid = NaN;
      while (Number.isNaN(pid) && Date.now() < deadline) {
        pid = Number(await readFile(pidFile, "utf8").catch(() => "NaN"));
        if (Number.isNaN(pid)) await new Promise((r) => setTimeout(r, 5));
      }
      process.kill(pid, "SIGKILL");
      const killed = Date.now();
      expect(await exited).toBe(1);
      expect(Date.now() - killed).toBeLessThan(10_000);
      expect(stderr).toMatch(/^Build failed: Search index failed: Pagefind was stopped \(SIGKILL\) while indexing; no search index was written$/m);
      expect(stderr.length).toBeLessThan(400);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(await treeHashes(out)).toEqual(site);
      expect(await siblings(out)).toEqual([]);
    });
  });
});

/** Runs a shell command; false when the machine does not allow it (no root, no such file system). */
function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const undo: (() => void)[] = [];
afterAll(() => undo.splice(0).reverse().forEach((f) => f()));

describe("output folders that cannot be replaced whole", () => {
  it("a mount point (a Docker volume) is filled in place with the complete site, stale files removed", async (ctx) => {
    const work = await tempDir();
    const volume = join(work, "volume");
    const out = join(work, "site");
    await writeFiles(volume, { "stale.html": "from an earlier deploy", "2019/old/index.html": "old", "pagefind/old.pf_meta": "x" });
    await mkdir(out);
    if (!tryRun("mount", ["--bind", volume, out])) return ctx.skip("bind mounts need root");
    undo.push(() => tryRun("umount", [out]));

    const first = await buildSite({ contentDir: FIXTURE_CONTENT, out, files: articles(3) });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("(a mount point: filled in place)");
    const second = await buildSite({ contentDir: FIXTURE_CONTENT, out, articles: first.articles });
    expect(second.code, second.stderr).toBe(0);
    const built = await treeHashes(out);
    expect(Object.keys(built)).toContain("index.html");
    expect(Object.keys(built)).toContain("pagefind/pagefind-entry.json");
    expect(Object.keys(built).filter((f) => /stale|2019\/old|old\.pf_meta|gazette-part/.test(f))).toEqual([]);
    expect(await treeHashes(volume)).toEqual(built); // written into the volume itself
    expect(tryRun("mountpoint", ["-q", out])).toBe(true);
    expect(await siblings(out)).toEqual([]);
  });

  it("an output folder under a file is one clear line, and nothing is written", async () => {
    const work = await tempDir();
    await writeFile(join(work, "file"), "not a folder");
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, out: join(work, "file", "site"), files: articles(1) });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^Cannot build into .*\/file\/site: cannot create the folder .*\/file\/site\.building-\d+ beside it \(.*\/file is a file, not a folder\)\. .*must be writable\.$/)]);
    expect(await readFile(join(work, "file"), "utf8")).toBe("not a folder");
  });

  it("an output folder that cannot be renamed (immutable) is one clear line after the build, and is untouched", async (ctx) => {
    const work = await tempDir();
    const out = join(work, "site");
    await writeFiles(out, { "index.html": "the live site" });
    if (!tryRun("chattr", ["+i", out])) return ctx.skip("chattr +i is not supported here");
    undo.push(() => tryRun("chattr", ["-i", out]));
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, out, files: articles(1) });
    tryRun("chattr", ["-i", out]);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^Cannot replace .*\/site with the new site \(EPERM: operation not permitted, rename '.*'\)\. site was not changed\.$/)]);
    // Beside it, the folder the build wrote, kept for the next build to recycle.
    expect(await readdir(work)).toEqual(["site", "site.gazette-spare"]);
    expect(Object.keys(await treeHashes(out))).toEqual(["index.html"]);
    expect(await readFile(join(out, "index.html"), "utf8")).toBe("the live site");
  });

  it("a read-only parent folder is one clear line, and the site in it is untouched", async (ctx) => {
    const work = await tempDir();
    const parent = join(work, "readonly");
    const out = join(parent, "site");
    await writeFiles(out, { "index.html": "the live site" });
    // As root, permissions do not stop writes: the folder is made immutable instead.
    if (!tryRun("chattr", ["+i", parent])) return ctx.skip("chattr +i is not supported here");
    undo.push(() => tryRun("chattr", ["-i", parent]));
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, out, files: articles(1) });
    tryRun("chattr", ["-i", parent]);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^Cannot build into .*\/readonly\/site: cannot create the folder .*\(EPERM: operation not permitted, mkdir '.*'\)\. .*must be writable\.$/)]);
    expect(await readdir(parent)).toEqual(["site"]);
    expect(await readFile(join(out, "index.html"), "utf8")).toBe("the live site");
    expect((await stat(out)).isDirectory()).toBe(true);
  });
});

describe("command line", () => {
  it.each([
    [["--nope"], "Unknown option --nope. Usage: npm run build [-- --verbose]"],
    [["-x"], "Unknown option -x. Usage: npm run build [-- --verbose]"],
    [["extra"], "Unexpected argument 'extra'. Usage: npm run build [-- --verbose]"],
  ])("%j prints the usage in one line and exits 2", async (args, expected) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_OUTPUT_DIR: join(await tempDir(), "site") };
    const result = await run(TSX, [join(ROOT, "src/cli/build.ts"), ...args], env);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toEqual([expected]);
    expect(await readdir(dirname(env.GAZETTE_OUTPUT_DIR!))).toEqual([]);
  });

  it("an unexpected failure is one line, with the stack only with --verbose or DEBUG", async () => {
    const work = await tempDir();
    const script = join(work, "fails.ts");
    await writeFile(script, `import { runIfMain } from ${JSON.stringify(join(ROOT, "src/cli/run.ts"))};\nrunIfMain(import.meta.url, async () => { throw new Error("disk on fire\\nsecond line"); });\n`);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DEBUG;
    const plain = await run(TSX, [script], env);
    expect(plain.code).toBe(1);
    expect(oneLine(plain.stderr)).toEqual(["Failed: disk on fire (run again with --verbose for details)"]);
    for (const [args, extra] of [[["--verbose"], {}], [[], { DEBUG: "1" }]] as const) {
      const detailed = await run(TSX, [script, ...args], { ...env, ...extra });
      expect(detailed.code).toBe(1);
      expect(detailed.stderr).toMatch(/^\s+at /m);
    }
  });
});
