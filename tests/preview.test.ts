// `npm start`: drafts and scheduled articles are shown (badged), edits appear without a restart,
// and a bad file shows its errors over the page while the server keeps running.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile, type ArticleFileFields } from "./helpers/articles.ts";
import { FIXTURE_CONTENT, ROOT, tempDir, writeFiles } from "./helpers/site.ts";
import type { ArchiveModel, ArticleView } from "../src/archive/views.ts";
import { fakeArticleView, fakeFeed, fakeListPage, fakeModel } from "./helpers/model.ts";
import { NODE_ARGS } from "../src/environment.ts";

/** The fixture settings and pages in a folder this test may edit. */
async function copyFixtureContent(): Promise<string> {
  const { cp } = await import("node:fs/promises");
  const dir = join(await tempDir(), "content");
  await cp(FIXTURE_CONTENT, dir, { recursive: true });
  return dir;
}

const good = (title: string, fields: ArticleFileFields = {}) => articleFile({ title, body: "The first paragraph.", ...fields });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Polls `url` until `test(body)` holds. */
async function until(url: string, test: (body: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      last = await (await fetch(url)).text();
      if (test(last)) return last;
    } catch {
      // server not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${url}; last body:\n${last.slice(0, 500)}`);
}

describe("preview server", () => {
  let server: ChildProcess;
  let base: string;
  let articles: string;
  let content: string;
  let outputDir: string;
  let templates: string;
  let output = "";

  beforeAll(async () => {
    articles = await tempDir();
    content = await copyFixtureContent();
    await writeFiles(articles, {
      "2024/07/2024-07-09-story.md": good("First headline"),
      "2024/07/2024-07-10-draft.md": articleFile({ title: "Work in progress", date: "2024-07-10", draft: true, body: "Not ready." }),
      // Articles that never show the one the tests edit: their pages must not be rewritten.
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [
          `2019/0${(i % 9) + 1}/2019-0${(i % 9) + 1}-1${i}-other-${i}.md`,
          articleFile({ title: `Other story ${i}`, date: `2019-0${(i % 9) + 1}-1${i}`, source: "Qalamoun Daily", keywords: [`Topic ${i}`], body: "Unrelated." }),
        ]),
      ),
    });
    const port = await freePort();
    outputDir = join(await tempDir(), "preview");
    templates = join(await tempDir(), "templates");
    const { cp } = await import("node:fs/promises");
    await cp(join(ROOT, "templates"), templates, { recursive: true });
    base = `http://127.0.0.1:${port}`; // the preview listens on this address only
    server = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/serve.ts")], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: content, GAZETTE_PREVIEW_DIR: outputDir, GAZETTE_TEMPLATES_DIR: templates },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await until(`${base}/`, (body) => body.includes("First headline"), 60_000);
  });

  afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  it("shows drafts with a badge", async () => {
    const home = await until(`${base}/`, (b) => b.includes("Work in progress"));
    expect(home).toMatch(/class="badge"[^>]*>Draft</);
    expect(home).toContain('<meta name="robots" content="noindex">');
  });

  it("shows an edited article without a restart, rewriting only the pages that show it", async () => {
    const { stat } = await import("node:fs/promises");
    // Pages that do not show the article: an Eleventy page and a streamed article page.
    const unrelated = [join(outputDir, "about/index.html"), join(outputDir, "2019/01/other-0/index.html")];
    const before = await Promise.all(unrelated.map(async (f) => (await stat(f)).mtimeMs));
    await writeFile(join(articles, "2024/07/2024-07-09-story.md"), good("Second headline"));
    const page = await until(`${base}/2024/07/story/`, (b) => b.includes("Second headline"));
    expect(page).not.toContain("First headline");
    expect((await until(`${base}/keywords/`, () => true)).length).toBeGreaterThan(0);
    expect(await Promise.all(unrelated.map(async (f) => (await stat(f)).mtimeMs))).toEqual(before);
    // Pages that show it: its neighbour's link to it, and the lists it is on.
    await until(`${base}/2024/07/draft/`, (b) => b.includes("Second headline"));
    await until(`${base}/sources/wadi-press/`, (b) => b.includes("Second headline") && !b.includes("First headline"));
    // A change to the body alone reaches the feeds that carry it.
    await writeFile(join(articles, "2024/07/2024-07-09-story.md"), good("Second headline", { body: "A rewritten paragraph." }));
    await until(`${base}/feed.xml`, (b) => b.includes("A rewritten paragraph."));
    await until(`${base}/sources/wadi-press/feed.xml`, (b) => b.includes("A rewritten paragraph."));
    const written = [...output.matchAll(/Wrote (\d+) files/g)].map((m) => Number(m[1]));
    expect(written.at(-1)!).toBeLessThan(written[0]!);
  });

  it("moves an article whose keywords or date change to the lists it now belongs to", async () => {
    const file = join(articles, "2024/07/2024-07-09-story.md");
    const withKeyword = good("Second headline", { keywords: ["Topic 3"] });
    await writeFile(file, withKeyword);
    await until(`${base}/keywords/topic-3/`, (b) => b.includes("Second headline") && b.includes("Other story 3"));
    // Related now: the other article on Topic 3 links to it.
    await until(`${base}/2019/04/other-3/`, (b) => b.includes("Second headline"));
    await writeFile(file, good("Second headline"));
    await until(`${base}/keywords/topic-3/`, (b) => !b.includes("Second headline"));
    await until(`${base}/2019/04/other-3/`, (b) => !b.includes("Second headline"));
    await writeFile(file, good("Second headline", { date: "2024-06-30" }));
    await until(`${base}/2024/06/`, (b) => b.includes("Second headline"));
    await until(`${base}/2024/07/`, (b) => !b.includes("Second headline"));
    await writeFile(file, good("Second headline"));
    await until(`${base}/2024/07/`, (b) => b.includes("Second headline"));
  });

  it("shows a change to a data file on every page it touches", async () => {
    await writeFile(join(content, "sources.yaml"), "Wadi Press:\n  description: A weekly from the valley.\n");
    await until(`${base}/sources/wadi-press/`, (b) => b.includes("A weekly from the valley."));
  });

  it("shows a bad file's errors over the page, keeps serving, and recovers when it is fixed", async () => {
    const bad = join(articles, "2024/07/2024-07-11-broken.md");
    await writeFile(bad, articleFile({ title: "Broken", date: "2024-07-45", body: "Body." }));
    const page = await until(`${base}/`, (b) => b.includes("preview-problems"));
    expect(page).toContain("2024-07-11-broken.md:3: date: expected a date");
    expect(page).toContain("Second headline"); // the rest of the site is still there
    expect(output).toContain("2024-07-11-broken.md:3: date:");
    await writeFile(bad, good("Broken no more", { date: "2024-07-11" }));
    const fixed = await until(`${base}/`, (b) => !b.includes("preview-problems") && b.includes("Broken no more"));
    expect(fixed).toContain("Broken no more");
  });

  it("keeps showing the last good site, with the errors over it, while the settings are broken", async () => {
    const { readFile: read } = await import("node:fs/promises");
    const settings = join(content, "site.json");
    const good = await read(settings, "utf8");
    await writeFile(settings, good.replace('"timeZone": "Asia/Damascus"', '"timeZone": "Mars/Olympus"'));
    const page = await until(`${base}/`, (b) => b.includes("preview-problems"));
    expect(page).toContain("timeZone: expected an IANA time zone");
    expect(page).toContain("Second headline");
    await writeFile(settings, good);
    await until(`${base}/`, (b) => !b.includes("preview-problems"));
  });

  // An Eleventy page's template and a streamed page's template (article pages) alike.
  it.each([
    ["archive.njk", "{{ y.count }}"],
    ["_includes/streamed/article.njk", "{{ article.title }}"],
  ])("shows a template mistake over the page in the browser, and recovers when it is fixed (%s)", async (name, expression) => {
    const { browserSkipReason, launch } = await import("./helpers/browser.ts");
    if (browserSkipReason) return;
    const { readFile: read } = await import("node:fs/promises");
    const browser = await launch();
    const template = join(templates, name);
    const good = await read(template, "utf8");
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      await writeFile(template, good.replace(expression, expression.replace(" }}", " | nosuchfilter }}")));
      await page.waitForSelector("#preview-build-error", { timeout: 30_000 });
      expect(await page.locator("#preview-build-error pre").textContent()).toContain(name.split("/").pop());
      expect(output).toContain("filter not found: nosuchfilter");
      expect(output).not.toMatch(/Original error stack trace/);
      await writeFile(template, good);
      await page.waitForSelector("#preview-build-error", { state: "detached", timeout: 30_000 });
    } finally {
      await writeFile(template, good);
      await browser.close();
    }
  });

  it("drops a deleted article", async () => {
    const { rm } = await import("node:fs/promises");
    await rm(join(articles, "2024/07/2024-07-11-broken.md"));
    const home = await until(`${base}/`, (b) => !b.includes("Broken no more"));
    expect(home).toContain("Second headline");
  });
});

describe("preview change detection", () => {
  // Typed fakes (tests/helpers/model.ts): real views with the path, title, body and links replaced.
  const body = (text: string) => `<p>${text.repeat(200)}</p>`;
  const article = (path: string, html: string) => fakeArticleView(path, { html });
  const model = (...articles: ArticleView[]) => fakeModel({ articles });
  /** A preview whose every selection is written, as after a build that worked. */
  const previewRebuilds = async () => {
    const { PreviewRebuilds } = await import("../src/eleventy/preview.ts");
    const rebuilds = new PreviewRebuilds(await tempDir());
    return {
      rebuilds,
      select: async (m: ArchiveModel): Promise<ArchiveModel> => {
        const cut = await rebuilds.select(m);
        rebuilds.written();
        return cut;
      },
    };
  };

  it("re-renders a page whose body now equals another page's unchanged body", async () => {
    const { select } = await previewRebuilds();
    const shared = body("same ");
    await select(model(article("/q/", shared), article("/p/", body("draft "))));
    const cut = await select(model(article("/q/", shared), article("/p/", body("same "))));
    expect(cut.articles.map((a) => a.path)).toEqual(["/p/"]);
    const again = await select(model(article("/q/", shared), article("/p/", body("same "))));
    expect(again.articles).toEqual([]);
  });

  it("re-renders the pages that show an edited article, and only those", async () => {
    const { select } = await previewRebuilds();
    // /a/ has /b/ among its related articles; one list and one feed show /b/, others only /c/.
    const site = (title: string, html: string) => {
      const b = { ...article("/b/", html), title };
      const a = { ...article("/a/", body("a ")), related: [b] };
      const c = article("/c/", body("c "));
      return fakeModel({
        articles: [a, b, c],
        lists: [fakeListPage("/list-b/", [b, c]), fakeListPage("/list-c/", [c])],
        feeds: [fakeFeed("/b.xml", [b]), fakeFeed("/c.xml", [c])],
      });
    };
    const paths = (cut: ArchiveModel) => [...cut.articles, ...cut.lists, ...cut.feeds].map((p) => p.path);
    await select(site("Old title", body("b ")));
    expect(paths(await select(site("New title", body("b "))))).toEqual(["/a/", "/b/", "/list-b/", "/b.xml"]);
    // A body is on its own page and in feeds, not in lists or related articles.
    expect(paths(await select(site("New title", body("new b "))))).toEqual(["/b/", "/b.xml"]);
    expect(paths(await select(site("New title", body("new b "))))).toEqual([]);
  });

  it("renders everything again after a build that did not write its pages", async () => {
    const { rebuilds, select } = await previewRebuilds();
    const same = () => model(article("/q/", body("q ")), article("/p/", body("p ")));
    await select(same());
    expect((await select(same())).articles).toEqual([]);
    await rebuilds.select(model(article("/q/", body("q ")), article("/p/", body("edited "))));
    // That build failed: nothing was confirmed written, so nothing is taken as on disk.
    expect((await select(same())).articles.map((a) => a.path)).toEqual(["/q/", "/p/"]);
    expect((await select(same())).articles).toEqual([]);
  });
});
