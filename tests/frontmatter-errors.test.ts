// Bad and odd input is a corpus of fixture files: tests/fixtures/errors/<case>.md with the exact
// problems expected beside it in <case>.expected (errors, warnings, or nothing when the file is
// fine). Adding a case is adding two files. All cases load in ONE run, which also proves every
// problem is reported at once and that one bad file never hides another.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkArchive } from "../src/archive/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { MAX_BODY } from "../src/content/schema.ts";
import { resolvePaths } from "../src/site.ts";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, ROOT } from "./helpers/site.ts";

const DIR = "tests/fixtures/errors";
// Files the loader skips (.MD, .markdown) are cases too: their expected warning says so.
const cases = readdirSync(join(ROOT, DIR)).filter((f) => /\.(md|MD|markdown)$/.test(f)).sort();
const expected = (name: string) => readFileSync(join(ROOT, DIR, name.replace(/\.(md|MD|markdown)$/, ".expected")), "utf8").split("\n").filter(Boolean);

describe("bad and odd input", async () => {
  const started = performance.now();
  const { problems, model } = await checkArchive(resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: DIR }), { drafts: true, future: true, pathPrefix: "/" });
  const elapsed = performance.now() - started;

  it("has at least 40 cases, loaded in one run", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    // An alias bomb or a 2,000-character title must not slow the whole run down.
    expect(elapsed).toBeLessThan(10_000);
  });

  it.each(cases)("%s", (name) => {
    const file = `${DIR}/${name}`;
    expect(problems.filter((p) => p.file === file).map(formatProblem)).toEqual(expected(name));
    // A file with errors in its fields is left out of the model; one whose fields are valid but
    // whose URLs clash (with another file, or with a path Gazette writes) is in it, and the build
    // stops on the clash.
    const built = model?.articles.some((a) => a.file === file) ?? false;
    const clash = /would be published at|is a path Gazette writes itself/;
    const clean = expected(name).every((line) => (line.includes(": warning: ") && !line.includes(": warning: not read: ")) || clash.test(line));
    expect(built).toBe(clean);
  });
});

describe("large input", () => {
  it("builds an article with a body just under the limit", async () => {
    const paragraph = "The council met again to discuss the water supply and the state of the wells. ".repeat(12);
    const body = Array.from({ length: Math.floor(MAX_BODY / (paragraph.length + 2)) }, () => paragraph).join("\n\n");
    expect(body.length).toBeGreaterThan(MAX_BODY - paragraph.length - 2);
    const site = await buildSite({
      contentDir: FIXTURE_CONTENT,
      files: { "2024-07-09-long.md": articleFile({ title: "A very long report", body }) },
    });
    expect(site.code).toBe(0);
    const html = await site.text("2024/07/long/index.html");
    expect(html.length).toBeGreaterThan(MAX_BODY * 0.95);
  });
});
