// What the clock changes, on built sites and through `npm run check`: an article whose `expires`
// has passed leaves every list, feed, keyword count, sitemap and the search index, and its page
// becomes a noindex notice without its text; `check` lists what goes live or comes down later,
// in the site's time zone; `expires` is validated like `date` and must come after it.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles, type BuildResult } from "./helpers/site.ts";
import { readSitemaps } from "./helpers/sitemap.ts";
import { formatProblem } from "../src/content/problems.ts";
import { parseArticle } from "../src/content/load.ts";
import { settings } from "./helpers/model.ts";

const ORIGIN = "https://ledger.example.org";
/** 15:00 in Damascus (UTC+3). */
const NOW = "2024-07-10T12:00:00Z";

const files = {
  "gone.md": articleFile({
    title: "Recall notice for Zebrafish brand flour",
    date: "2024-07-01",
    expires: "2024-07-10T14:00:00+03:00",
    keywords: ["Recalls"],
    aliases: ["/old/recall/"],
    slug: "recall",
    body: "Vanishingword appears only in the expired article.",
  }),
  "still.md": articleFile({ title: "Water cuts this week", date: "2024-07-02", expires: "2024-07-12", keywords: ["Recalls"], slug: "water-cuts", body: "Plainword body." }),
  "later.md": articleFile({ title: "Talks tomorrow", date: "2024-07-11T09:30:00+03:00", slug: "talks" }),
  "kept.md": articleFile({ title: "A lasting story", date: "2024-06-01", slug: "lasting" }),
  "draft.md": articleFile({ title: "Draft", date: "2024-07-20", draft: true, slug: "draft" }),
};

async function searchText(out: string): Promise<string> {
  const dir = join(out, "pagefind", "fragment");
  const texts = await Promise.all((await readdir(dir)).map(async (f) => gunzipSync(await readFile(join(dir, f))).toString("utf8")));
  return texts.join("\n");
}

describe("an expired article", () => {
  let site: BuildResult;
  beforeAll(async () => {
    site = await buildSite({ files, contentDir: FIXTURE_CONTENT, env: { GAZETTE_NOW: NOW } });
    expect(site.code, site.stderr).toBe(0);
  });

  it("keeps its URL as a noindex notice that shows nothing of the article", async () => {
    const $ = await site.html("2024/07/recall/index.html");
    expect($("h1").text()).toBe("This article is no longer available");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    expect($("main time").map((_, t) => $(t).attr("datetime")).get()).toEqual(["2024-07-01T00:00:00+03:00", "2024-07-10T14:00:00+03:00"]);
    expect($("main").text().replace(/\s+/g, " ")).toContain("published here on July 1, 2024 expired on July 10, 2024 and has been taken down.");
    const html = await site.text("2024/07/recall/index.html");
    for (const text of ["Zebrafish", "Vanishingword", "Recalls", "application/ld+json"]) expect(html, text).not.toContain(text);
    // Its old URL still leads to the notice.
    expect(await site.text("_redirects")).toContain("/old/recall/ /2024/07/recall/ 301");
  });

  it("is a valid, accessible page", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:standard", "html-validate:a11y"] });
    const report = await validator.validateString(await site.text("2024/07/recall/index.html"), "recall");
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    const $ = await site.html("2024/07/recall/index.html");
    expect($("main h1")).toHaveLength(1);
    expect($("header, nav, main, footer").length).toBeGreaterThanOrEqual(4);
  });

  it("leaves every list, feed, keyword count, sitemap and the search index", async () => {
    for (const page of ["index.html", "2024/07/index.html", "keywords/recalls/index.html", "feed.xml", "feed.json", "keywords/recalls/feed.xml", "sources/wadi-press/index.html", "keywords/index.html"]) {
      const text = await site.text(page);
      expect(text, page).not.toContain("/2024/07/recall/");
      expect(text, page).not.toContain("Zebrafish");
    }
    const keywords = await site.html("keywords/index.html");
    expect(keywords('a[href="/keywords/recalls/"]').parent().text()).toMatch(/1 article\b/);
    const { urls } = await readSitemaps(site.text, ORIGIN);
    expect(urls.map((u) => u.loc)).not.toContain(`${ORIGIN}/2024/07/recall/`);
    expect(urls.map((u) => u.loc)).toContain(`${ORIGIN}/2024/07/water-cuts/`);
    const search = await searchText(site.out);
    expect(search).toContain("Plainword");
    expect(search).not.toContain("Vanishingword");
  });

  it("comes down at its time: an hour earlier it is an ordinary article", async () => {
    const before = await buildSite({ files, contentDir: FIXTURE_CONTENT, env: { GAZETTE_NOW: "2024-07-10T10:59:00Z" } });
    expect(before.code, before.stderr).toBe(0);
    const $ = await before.html("2024/07/recall/index.html");
    expect($("h1").text()).toBe("Recall notice for Zebrafish brand flour");
    // Search engines are told when it comes down, before the build that takes it down.
    expect($('meta[name="robots"]').map((_, m) => $(m).attr("content")).get()).toEqual(["unavailable_after: 2024-07-10T14:00:00+03:00"]);
    expect(await before.text("index.html")).toContain("/2024/07/recall/");
  });
});

describe("`expires` in front matter", () => {
  const problems = (fields: Record<string, unknown>) =>
    parseArticle("a.md", articleFile(fields), settings).problems.map(formatProblem);

  it("is read like `date`, and must come after it", () => {
    expect(problems({ expires: "2024-08-01" })).toEqual([]);
    expect(problems({ expires: "2024-08-01T18:00" })).toEqual([]);
    expect(problems({ expires: "2024-07-09" })).toEqual(["a.md:5: expires: expected a date-time after `date` (2024-07-09T00:00:00+03:00), found \"2024-07-09\""]);
    expect(problems({ expires: "next week" })).toEqual([expect.stringMatching(/^a\.md:5: expires: expected a date as YYYY-MM-DD or an ISO date-time/)]);
  });
});

describe("npm run check", () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const dir = await tempDir();
    await writeFiles(join(dir, "articles"), files);
    env = { ...process.env, GAZETTE_ARTICLES_DIR: join(dir, "articles"), GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_NOW: NOW };
    delete env.ELEVENTY_RUN_MODE;
  });
  const check = (...args: string[]) => run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/check.ts"), ...args], env);

  it("lists the articles that go live or come down later, soonest first, in the site's time zone", async () => {
    const { code, stdout } = await check();
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    const from = lines.findIndex((l) => l.startsWith("Scheduled"));
    expect(lines[from]).toBe("Scheduled (times in Asia/Damascus, now 2024-07-10 15:00):");
    expect(lines.slice(from + 1, from + 3).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ["2024-07-11 09:30", "goes live", "(in 18 hours)", "/2024/07/talks/", expect.stringMatching(/later\.md$/)],
      ["2024-07-12 00:00", "comes down", "(in 1 day)", "/2024/07/water-cuts/", expect.stringMatching(/still\.md$/)],
    ]);
    // Neither the draft (published by an edit, not the clock) nor what has already happened.
    expect(stdout).not.toContain("/2024/07/draft/");
    expect(stdout).not.toContain("/2024/07/recall/");
  });

  it("gives the same in --json, with offsets", async () => {
    const { code, stdout } = await check("--json");
    expect(code).toBe(0);
    const { scheduled } = JSON.parse(stdout) as { scheduled: { timeZone: string; now: string; changes: { what: string; at: string; path: string; title: string }[] } };
    expect(scheduled.timeZone).toBe("Asia/Damascus");
    expect(scheduled.now).toBe("2024-07-10T15:00:00+03:00");
    expect(scheduled.changes.map(({ what, at, path, title }) => ({ what, at, path, title }))).toEqual([
      { what: "goes live", at: "2024-07-11T09:30:00+03:00", path: "/2024/07/talks/", title: "Talks tomorrow" },
      { what: "comes down", at: "2024-07-12T00:00:00+03:00", path: "/2024/07/water-cuts/", title: "Water cuts this week" },
    ]);
  });
});
