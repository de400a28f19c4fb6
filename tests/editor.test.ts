// Editors' commands: `npm run new` scaffolds an article, `npm run check` names every problem
// (errors fail, warnings do not) and speaks JSON for tools.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../src/content/load.ts";
import { articleFile } from "./helpers/articles.ts";
import { ARTICLE_FIELDS } from "../src/content/schema.ts";
import { settings } from "./helpers/model.ts";
import { FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles } from "./helpers/site.ts";
import { NODE_ARGS } from "../src/environment.ts";

const command = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, [...NODE_ARGS, join(ROOT, `src/cli/${script}.ts`), ...args], { ...process.env, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, ...env });

describe("npm run new", () => {
  it("creates a complete, valid article file and refuses to overwrite it", async () => {
    const articles = await tempDir();
    const args = ["Talks resume at the crossing", "--source", "Wadi Press", "--keywords", "Trade, Abu al-Zindeen crossing", "--date", "2024-07-09"];
    const first = await command("new", args, { GAZETTE_ARTICLES_DIR: articles });
    expect(first.code).toBe(0);
    const file = join(articles, "2024/07/2024-07-09-talks-resume-at-the-crossing.md");
    expect(existsSync(file)).toBe(true);
    expect(first.stdout).toContain("https://ledger.example.org/2024/07/talks-resume-at-the-crossing/");
    const text = readFileSync(file, "utf8");
    // Every field of the contract is there, the optional ones commented.
    for (const field of ARTICLE_FIELDS) {
      expect(text, field).toMatch(new RegExp(`^(# )?${field}:`, "m"));
    }
    const { article, problems } = parseArticle("new.md", text, settings);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ title: "Talks resume at the crossing", source: "Wadi Press", keywords: ["Trade", "Abu al-Zindeen crossing"], draft: true });

    writeFileSync(file, `${text}\nEdited by hand.\n`);
    const again = await command("new", args, { GAZETTE_ARTICLES_DIR: articles });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists; not overwriting it");
    expect(readFileSync(file, "utf8")).toContain("Edited by hand.");
  });

  it("gives a non-Latin headline a usable slug, and names what is missing", async () => {
    const articles = await tempDir();
    const arabic = await command("new", ["عودة الحركة إلى المعبر", "--source", "راديو الساحل", "--lang", "ar", "--date", "2024-05-02"], { GAZETTE_ARTICLES_DIR: articles });
    expect(arabic.code).toBe(0);
    expect(existsSync(join(articles, "2024/05/2024-05-02-عودة-الحركة-الى-المعبر.md"))).toBe(true);
    const missing = await command("new", ["No source given"], { GAZETTE_ARTICLES_DIR: articles });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--source");
    const badDate = await command("new", ["A headline", "--source", "X", "--date", "2024-13-01"], { GAZETTE_ARTICLES_DIR: articles });
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain("--date: expected a date as YYYY-MM-DD");
  });
});

describe("npm run check", () => {
  it("warns without failing, and prints machine-readable problems with --json", async () => {
    const articles = await tempDir();
    await writeFiles(articles, {
      "a/2024-07-01-one.md": articleFile({ keywords: ["Idlib", "Trade"], source_url: "https://example.org/x", body: "Body." }),
      "a/2024-07-02-two.md": articleFile({ keywords: ["Idleb", "Trade"], source_url: "https://example.org/x", body: "Body." }),
      "a/2024-07-03-three.md": articleFile({ keywords: ["Al-Bab", "Trade"], image: "/images/missing.jpg", image_alt: "A photo", summary: "x".repeat(320), body: "Body." }),
      "a/2024-07-04-four.md": articleFile({ keywords: ["El Bab", "Trade"], body: 'Text\n\n<p onclick="alert(1)">Hi</p>\n\n<script>alert(2)</script>' }),
      "a/2099-01-01-future.md": articleFile({ date: "2099-01-01", keywords: ["Trade"], body: "Body." }),
    });
    const result = await command("check", ["--json"], { GAZETTE_ARTICLES_DIR: articles });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.errors).toBe(0);
    const messages = report.problems.map((p: { file: string; line: number; field: string; message: string; severity: string }) => `${p.file.split("/").pop()}:${p.line}: ${p.field}: ${p.message}`);
    const has = (pattern: RegExp) => expect(messages.some((m: string) => pattern.test(m)), `${pattern}\n${messages.join("\n")}`).toBe(true);
    has(/2024-07-02-two\.md:5: keywords: "Idleb" looks like another spelling of "Idlib" \(.*2024-07-01-one\.md\)/);
    has(/2024-07-04-four\.md:5: keywords: "El Bab" looks like another spelling of "Al-Bab"/);
    has(/2024-07-01-one\.md:5: keywords: "Idlib" is used by this article only/);
    has(/2024-07-02-two\.md:6: source_url: the same original article as .*2024-07-01-one\.md/);
    has(/2024-07-03-three\.md:\d+: image: no file public\/images\/missing\.jpg/);
    has(/2024-07-03-three\.md:\d+: summary: 320 characters/);
    has(/2099-01-01-future\.md:3: date: dated in the future/);
    has(/2024-07-04-four\.md:9: body: an event-handler attribute/);
    has(/2024-07-04-four\.md:11: body: raw HTML <script> will be removed/);
    expect(report.problems.every((p: { severity: string }) => p.severity === "warning")).toBe(true);
  });

  it("checks drafts too: two drafts that would share a URL are an error before they are published", async () => {
    const articles = await tempDir();
    const draft = (date: string) => articleFile({ title: "Harbour reopens", date, draft: true, body: "Body." });
    await writeFiles(articles, { "2024-07-09-harbour-reopens.md": draft("2024-07-09"), "2024-07-10-harbour-reopens.md": draft("2024-07-10") });
    const result = await command("check", [], { GAZETTE_ARTICLES_DIR: articles });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("would be published at /2024/07/harbour-reopens/");
  });

  it("fails on errors, reporting every one grouped by file with a count", async () => {
    const articles = await tempDir();
    await writeFiles(articles, {
      "2024-07-01-bad.md": articleFile({ title: "", date: "2024-02-30", body: "Body." }),
      "2024-07-02-worse.md": articleFile({ title: "Fine", date: "2024-07-02", source: undefined, sorce: "Wadi Press", body: "Body." }),
    });
    const result = await command("check", [], { GAZETTE_ARTICLES_DIR: articles });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.filter((l) => l.includes("2024-07-01-bad.md:"))).toHaveLength(2);
    expect(result.stderr).toContain("2024-07-02-worse.md:4: sorce: unknown field; did you mean `source`?");
    expect(result.stderr).toContain("2024-07-02-worse.md:1: source: required field is missing");
    expect(result.stderr).toMatch(/4 errors, \d+ warnings? in 2 files/);
  });
});
