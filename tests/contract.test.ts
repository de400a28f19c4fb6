// The front-matter contract is written once, in the schema (src/content/schema.ts): `npm run new`
// is generated from it, and README's field table is held to it here. Adding a field is one
// schema line with its `meta`, plus the README row this test asks for.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frontMatterLines } from "../src/cli/new.ts";
import { parseArticle } from "../src/content/load.ts";
import { ARTICLE_FIELD_DOCS, ARTICLE_FIELDS } from "../src/content/schema.ts";
import { settings } from "./helpers/model.ts";
import { ROOT } from "./helpers/site.ts";

/** README's front-matter table: the rows under the `| field | required | meaning |` header. */
function readmeFieldTable(): { name: string; required: string }[] {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  const header = lines.findIndex((l) => /^\|\s*field\s*\|\s*required\s*\|/.test(l));
  expect(header, "README.md has a `| field | required | meaning |` table").toBeGreaterThanOrEqual(0);
  const rows: { name: string; required: string }[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [name = "", required = ""] = line.split("|").slice(1).map((cell) => cell.trim());
    rows.push({ name: name.replace(/^`|`$/g, ""), required });
  }
  return rows;
}

describe("the front-matter contract", () => {
  it("README's field table lists the schema's fields, in its order, with `yes` exactly for required ones", () => {
    const rows = readmeFieldTable();
    expect(rows.map((r) => r.name)).toEqual(ARTICLE_FIELDS);
    expect(rows.filter((r) => r.required === "yes").map((r) => r.name)).toEqual(ARTICLE_FIELD_DOCS.filter((f) => f.required).map((f) => f.name));
  });

  it("every schema field carries a one-line purpose and an example", () => {
    expect(ARTICLE_FIELD_DOCS.map((f) => f.name)).toEqual(ARTICLE_FIELDS);
    for (const field of ARTICLE_FIELD_DOCS) {
      expect(field.description, field.name).toMatch(/^[^\n]+$/);
      expect(field.example, field.name).toMatch(/^[^\n]+$/);
    }
    // The three an article cannot do without; everything else has a default or may be left out.
    expect(ARTICLE_FIELD_DOCS.filter((f) => f.required).map((f) => f.name)).toEqual(["title", "date", "source"]);
  });

  it("`npm run new` writes every field once, given ones set and the rest commented out, and the file is valid", () => {
    const given = { title: '"Talks resume"', date: "2024-07-09", source: '"Wadi Press"', keywords: '\n  - "Trade"', draft: "true" };
    const lines = frontMatterLines(given, settings);
    for (const { name, description } of ARTICLE_FIELD_DOCS) {
      const mine = lines.filter((l) => new RegExp(`^(# )?${name}:`).test(l));
      expect(mine, name).toHaveLength(1);
      expect(mine[0]!.startsWith("# "), name).toBe(!(name in given));
      if (name !== "draft") expect(mine[0], name).toContain(description);
    }
    const { article, problems } = parseArticle("new.md", `---\n${lines.join("\n")}\n---\nBody.\n`, settings);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ title: "Talks resume", source: "Wadi Press", keywords: ["Trade"], draft: true });
  });
});
