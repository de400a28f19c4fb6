// The sample site in content/ as a reader gets it: valid HTML on every page, no broken
// internal links, and the sample content covering the whole front-matter contract.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, ROOT, type BuildResult } from "./helpers/site.ts";

let site: BuildResult;
let pages: string[];

beforeAll(async () => {
  site = await buildSite({ articles: join(ROOT, "content/articles"), contentDir: join(ROOT, "content") });
  if (site.code !== 0) throw new Error(site.stderr);
  const files = await readdir(site.out, { recursive: true });
  pages = files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind")).sort();
});

describe("sample site", () => {
  it("has at least 12 published articles, pages and an Arabic article", async () => {
    expect(site.stdout).toMatch(/Built (\d+) articles/);
    const count = Number(/Built (\d+) articles/.exec(site.stdout)![1]);
    expect(count).toBeGreaterThanOrEqual(12);
    expect(pages).toContain("about/index.html");
    const arabic = [];
    for (const p of pages) if ((await site.text(p)).startsWith('<!doctype html>\n<html lang="ar"')) arabic.push(p);
    expect(arabic.length).toBeGreaterThanOrEqual(1);
  });

  it("is valid HTML on every page", async () => {
    // Standards and accessibility rules; the purely stylistic ones (doctype case, whitespace) are left out.
    const validator = new HtmlValidate({ extends: ["html-validate:standard", "html-validate:a11y"] });
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await site.text(page), page);
      for (const result of report.results) {
        for (const m of result.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(errors).toEqual([]);
  });

  it("has no broken internal links or assets", async () => {
    const broken: string[] = [];
    for (const page of pages) {
      const $ = load(await site.text(page));
      const refs = [...$("a[href]").map((_, a) => $(a).attr("href")).get(), ...$("[src]").map((_, e) => $(e).attr("src")).get(), ...$("link[href]").map((_, l) => $(l).attr("href")).get()];
      for (const ref of refs) {
        if (!ref.startsWith("/") || ref.startsWith("//")) continue;
        const path = decodeURIComponent(ref.split(/[?#]/)[0]!);
        const target = join(site.out, path.endsWith("/") ? `${path}index.html` : path);
        if (!(await stat(target).catch(() => null))) broken.push(`${page} -> ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps the literal braces of the sample body", async () => {
    const all = await Promise.all(pages.map((p) => readFile(join(site.out, p), "utf8")));
    expect(all.some((html) => html.includes("{{ braces }}"))).toBe(true);
  });
});
