// Search records are made from the model, not cut out of rendered pages: what a record holds,
// the search plan that bundles them, that markup in a body cannot end what is indexed, and that
// bundle reuse follows the records (a template change re-indexes nothing, a record change does).
import { articleFile } from "./helpers/articles.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { planSearchIndex } from "../src/search/plan.ts";
import { pagefindDocument, searchRecord } from "../src/search/records.ts";
import { browserSkipReason, launch } from "./helpers/browser.ts";
import { modelFrom } from "./helpers/model.ts";
import { serve, type StaticServer } from "./helpers/serve.ts";
import { buildSite, FIXTURE_CONTENT, fixtureContentWith, ROOT, tempDir, writeFiles } from "./helpers/site.ts";
import { NODE_ARGS } from "../src/environment.ts";

describe("a search record", () => {
  const { model } = modelFrom(
    {
      "2024/full.md": articleFile({
        title: "Harbour reopens",
        subtitle: "Boats are back",
        date: "2024-03-05T14:30:00+02:00",
        source: "The Orontes Courier",
        translator: "Nour Haddad",
        keywords: ["Harbour", "Fishing"],
        summary: "The harbour reopened on Tuesday.",
        image: "/images/harbour.svg",
        image_alt: "Boats at dawn",
        body: "Fishermen returned.",
      }),
      "2023/ar.md": articleFile({ title: "عودة الحركة", date: "2023-06-01", lang: "ar", source: "Wadi Press", body: "نص المقال." }),
    },
    { mode: { pathPrefix: "/archive/" } },
  );
  const plan = planSearchIndex(model);

  it("is made from the article's view: text, filters, metadata and sort key", () => {
    expect(plan.recordOf("/2024/03/full/")).toEqual({
      url: "/2024/03/full/", // unprefixed: Pagefind's client adds the path its bundle is served from
      language: "en",
      text: {
        badge: undefined,
        title: "Harbour reopens",
        standfirst: "Boats are back",
        html: "<p>Fishermen returned.</p>\n",
        from: ["Originally published by The Orontes Courier · Translated by Nour Haddad", "Harbour, Fishing"],
      },
      filters: {
        language: ["en"],
        year: ["2024"],
        part: ["2023-2024"],
        source: ["The Orontes Courier"],
        translator: ["Nour Haddad"],
        keyword: ["Harbour", "Fishing"],
        author: [],
        editor: [],
      },
      meta: {
        title: "Harbour reopens",
        date: "2024-03-05T15:30:00+03:00",
        source: "The Orontes Courier",
        summary: "The harbour reopened on Tuesday.",
        image: "/archive/images/harbour.svg",
        image_alt: "Boats at dawn",
      },
      sort: { date: "2024-03-05T15:30:00+03:00" },
    });
    const ar = plan.recordOf("/2023/06/ar/");
    expect([ar.language, ar.filters.language, ar.meta.summary]).toEqual(["ar", ["ar"], "نص المقال."]);
    expect(ar.meta).not.toHaveProperty("image");
  });

  it("is planned by the search module: bundles with addresses under the prefix, and the list the search page reads", () => {
    expect(plan.bundles.map((b) => [b.dir, b.key, b.href, b.articles])).toEqual([["", "2023-2024", "/archive/pagefind/", ["/2024/03/full/", "/2023/06/ar/"]]]);
    expect(JSON.parse(plan.bundleList)).toEqual([{ href: "/archive/pagefind/", key: "2023-2024", years: ["2024", "2023"] }]);
    expect(plan.processes).toBe(2);
    expect([...plan.records()].map((r) => r.url)).toEqual(["/2024/03/full/", "/2023/06/ar/"]);
    expect(() => plan.recordOf("/about/")).toThrow(/not a published article/);
  });

  it("becomes a document whose searched part is headline, standfirst and body, with everything else marked for Pagefind", () => {
    const view = model.articles[0]!;
    const doc = pagefindDocument(searchRecord({ ...view, title: `Tom & Jerry's "<b>"` }, "2024"));
    const body = doc.slice(doc.indexOf("<article data-pagefind-body>"));
    expect(body).toContain(`<h1 data-pagefind-meta="title">Tom &amp; Jerry&#39;s &quot;&lt;b&gt;&quot;</h1><p>Boats are back</p>`);
    expect(body).toContain(`<span data-pagefind-filter="part">2024</span>`);
    expect(body).toContain(`<span data-pagefind-filter="keyword">Harbour</span><span data-pagefind-filter="keyword">Fishing</span>`);
    expect(body).toMatch(/<div data-pagefind-ignore>(<span data-pagefind-(filter|meta|sort)="\w+">[^<]*<\/span>)+<\/div>/);
    // The credit line and keywords after the body, searched but ranked below it.
    expect(body).toContain(
      `<div>\n<p>Fishermen returned.</p>\n\n</div><div data-pagefind-weight="0.1"><p>Originally published by The Orontes Courier · Translated by Nour Haddad</p><p>Harbour, Fishing</p></div></article></body></html>`,
    );
  });
});

/** Every page of the index under `dir` (all bundles), as Pagefind stored it. */
async function indexed(dir: string): Promise<{ url: string; content: string; filters: Record<string, string[]> }[]> {
  const pages = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!/(^|\/)fragment\/[^/]+$/.test(entry)) continue;
    const text = gunzipSync(await readFile(join(dir, entry))).toString("utf8");
    pages.push(JSON.parse(text.slice(text.indexOf("{"))));
  }
  return pages;
}

// bundleSize 2: 2024 is the root bundle, 2022 and 2023 the bundle /pagefind/2022-2023/.
const HOSTILE_BODY = "Before the tag.\n\n</article><article>\n\nInside the stray article.\n\n</article>\n\nzanzibarquux after the tag.";
const files = {
  "2024/hostile.md": articleFile({ title: "Markup in the body", date: "2024-05-01", keywords: ["Hostile markup"], body: HOSTILE_BODY }),
  "2024/port.md": articleFile({ title: "Port reopens", date: "2024-03-01", keywords: ["Ports"], body: "Ships returned to the harbour." }),
  "2023/dam.md": articleFile({ title: "Dam finished", date: "2023-06-01", keywords: ["Water"], body: "Water for the whole valley." }),
  "2022/school.md": articleFile({ title: "School year begins", date: "2022-09-01", body: "Pupils returned to class." }),
};

describe("the search index of a built site", () => {
  let contentDir: string;
  let articles: string;
  let templates: string;
  let out: string;
  let timings: string;
  const rebuild = async () => {
    const site = await buildSite({ articles, out, contentDir, env: { GAZETTE_TIMINGS: timings, GAZETTE_TEMPLATES_DIR: templates } });
    expect(site.code, site.stderr).toBe(0);
    const phases = Object.keys(JSON.parse(await readFile(timings, "utf8")) as Record<string, number>);
    return phases.find((k) => k.includes("unchanged, reused"));
  };

  beforeAll(async () => {
    contentDir = await fixtureContentWith({ search: { bundleSize: 2 } });
    const work = await tempDir();
    [articles, templates, out, timings] = ["articles", "templates", "site", "timings.json"].map((n) => join(work, n)) as [string, string, string, string];
    await writeFiles(articles, files);
    await cp(join(ROOT, "templates"), templates, { recursive: true });
    expect(await rebuild()).toBeUndefined(); // nothing to reuse the first time
  });

  it("indexes all of a body with raw </article> and <article> in it, and the article's keyword", async () => {
    const page = (await indexed(join(out, "pagefind"))).find((p) => p.url === "/2024/05/hostile/")!;
    expect(page.content).toContain("Inside the stray article");
    expect(page.content).toContain("zanzibarquux after the tag");
    expect(page.filters.keyword).toEqual(["Hostile markup"]);
    expect(page.filters.part).toEqual(["2024"]);
  });

  describe.skipIf(!!browserSkipReason)("in the browser", () => {
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      server = await serve(out);
      browser = await launch();
      page = await browser.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("finds the word after the stray tags with the article's keyword filter", async () => {
      await page.goto(`${server.url}/search/?q=zanzibarquux&keyword=hostile-markup`);
      await page.waitForFunction(() => /\d+ results?\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 15_000 });
      expect(await page.locator("#search-list .card__title a").allTextContents()).toEqual(["Markup in the body"]);
      expect(await page.locator("#search-list .card__summary mark").first().textContent()).toBe("zanzibarquux");
    });
  });

  it("reuses every bundle after a template change that leaves the records alone", async () => {
    const file = join(templates, "_includes/streamed/article.njk");
    await writeFile(file, (await readFile(file, "utf8")).replace('<article class="article"', '<article class="article article--changed"'));
    expect(await rebuild()).toBe("search index: 2 of 2 bundles unchanged, reused");
    expect(await readFile(join(out, "2024/05/hostile/index.html"), "utf8")).toContain("article--changed");
  });

  it("indexes again the bundle of a record whose filters changed, and only that one", async () => {
    await writeFiles(articles, { "2023/dam.md": articleFile({ title: "Dam finished", date: "2023-06-01", keywords: ["Water", "Dams"], body: "Water for the whole valley." }) });
    expect(await rebuild()).toBe("search index: 1 of 2 bundles unchanged, reused");
    const dam = (await indexed(join(out, "pagefind/2022-2023"))).find((p) => p.url === "/2023/06/dam/")!;
    expect(dam.filters.keyword).toEqual(["Water", "Dams"]);
  });
});

describe("the preview's search index", () => {
  let server: ChildProcess | undefined;
  let output = "";
  afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  /** Polls the preview's index until `test` holds for its pages. */
  async function indexedUntil(dir: string, test: (pages: Awaited<ReturnType<typeof indexed>>) => boolean) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const pages = await indexed(dir).catch(() => []);
      if (test(pages)) return pages;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the preview's search index never got there; its output:\n${output}`);
  }

  it("indexes every article from the model, also those an edit did not render again", async () => {
    const articles = await tempDir();
    const previewDir = join(await tempDir(), "preview");
    await writeFiles(articles, {
      "2024/story.md": articleFile({ title: "First story", date: "2024-07-09", body: "Quokkas were counted." }),
      "2024/draft.md": articleFile({ title: "Work in progress", date: "2024-07-10", draft: true, body: "Not ready." }),
    });
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    server = spawn(process.execPath, [...NODE_ARGS, join(ROOT, "src/cli/serve.ts")], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_PREVIEW_DIR: previewDir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const index = join(previewDir, "pagefind");
    const first = await indexedUntil(index, (pages) => pages.length === 2);
    expect(first.find((p) => p.url === "/2024/07/draft/")!.content).toMatch(/^Draft\. Work in progress\. Not ready\. /);

    // Only the draft's page is rendered again; the story is indexed from the model all the same.
    await writeFile(join(articles, "2024/draft.md"), articleFile({ title: "Work in progress", date: "2024-07-10", draft: true, body: "Wombats were counted." }));
    const after = await indexedUntil(index, (pages) => pages.some((p) => p.content.includes("Wombats")));
    expect(after.map((p) => p.url).sort()).toEqual(["/2024/07/draft/", "/2024/07/story/"]);
    expect(after.find((p) => p.url === "/2024/07/story/")!.content).toContain("Quokkas were counted");
    const search = await readFile(join(previewDir, "search/index.html"), "utf8");
    expect(search).toContain(`data-bundles="[{&quot;href&quot;:&quot;/pagefind/&quot;,&quot;key&quot;:&quot;2024&quot;,&quot;years&quot;:[&quot;2024&quot;]}]"`);
  });
});
