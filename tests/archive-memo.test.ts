// The archive model's memo (src/archive/memo.ts): the caller owns it. The preview passes one to
// every rebuild and gets each day's formatting and the related ranking back; a build without
// one keeps nothing, and no state hides in the modules.
import { articleFile } from "./helpers/articles.ts";
import { describe, expect, it } from "vitest";
import { buildArchive, createArchiveMemo, type ArchiveMemo } from "../src/archive/model.ts";
import { parseDate } from "../src/content/dates.ts";
import { parseArticle, type Content } from "../src/content/load.ts";
import { settings } from "./helpers/model.ts";

function build(memo?: ArchiveMemo, title = "One") {
  const files = { "a.md": articleFile({ title, keywords: ["Idlib"] }), "b.md": articleFile({ title: "Two", date: "2024-07-10", keywords: ["Idlib"] }) };
  const articles = Object.entries(files).map(([file, text]) => parseArticle(file, text, settings).article!);
  const content: Content & { settings: typeof settings } = { settings, articles, pages: [], keywordAliases: new Map(), sources: new Map(), problems: [] };
  return buildArchive(content, { drafts: false, future: false, pathPrefix: "/" }, parseDate("2026-01-01", settings.timeZone)!, [], memo ? { memo } : {}).model;
}

describe("the archive memo", () => {
  it("reuses date views and the related ranking across builds that share it, and only those", () => {
    const memo = createArchiveMemo();
    const first = build(memo);
    const ranking = memo.related;
    expect(ranking).toBeDefined();
    const again = build(memo, "One, edited"); // an edit that changes no date and no keyword
    expect(again.articles[1]!.date).toBe(first.articles[1]!.date);
    expect(memo.related).toBe(ranking);
    expect(again.articles[0]!.related.map((a) => a.title)).toEqual(["One, edited"]);
    expect(memo.monthNames.get(`${settings.language}:long`)).toHaveLength(12);

    const fresh = build();
    expect(fresh.articles[1]!.date).toEqual(first.articles[1]!.date);
    expect(fresh.articles[1]!.date).not.toBe(first.articles[1]!.date);
  });
});
