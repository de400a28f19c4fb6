// Front-matter error cases are fixture files: tests/fixtures/errors/<case>.md with the exact
// problems expected beside it in <case>.expected. Adding a case is adding two files.
// All cases are checked in ONE load, which also proves every problem is reported in one run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkArchive } from "../src/archive/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { resolvePaths } from "../src/site.ts";
import { ROOT } from "./helpers/site.ts";

const DIR = "tests/fixtures/errors";
const cases = readdirSync(join(ROOT, DIR)).filter((f) => f.endsWith(".md")).sort();

describe("front-matter errors", async () => {
  const { problems, model } = await checkArchive(resolvePaths(ROOT, { GAZETTE_ARTICLES_DIR: DIR }), { drafts: true, future: true, pathPrefix: "/" });

  it("has at least 15 cases and builds no model from them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
    expect(model?.articles ?? []).toEqual([]);
  });

  it.each(cases)("%s", (name) => {
    const file = `${DIR}/${name}`;
    const expected = readFileSync(join(ROOT, file.replace(/\.md$/, ".expected")), "utf8").trim().split("\n");
    const actual = problems.filter((p) => p.file === file).map(formatProblem);
    expect(actual).toEqual(expected);
  });
});
