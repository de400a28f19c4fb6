// Builds the archive model in memory from Markdown texts: the pure path, no Eleventy, no disk.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildArchive } from "../../src/archive/model.ts";
import { parseDate } from "../../src/content/dates.ts";
import { keywordIdentity } from "../../src/content/keywords.ts";
import { parseArticle, type Content } from "../../src/content/load.ts";
import { siteSchema, type BuildMode } from "../../src/site.ts";
import { ROOT } from "./site.ts";

export const settings = siteSchema.parse(JSON.parse(readFileSync(join(ROOT, "tests/fixtures/content/site.json"), "utf8")));

export interface ModelOptions {
  pageSize?: number;
  aliases?: Record<string, string>;
  mode?: Partial<BuildMode>;
  now?: string;
}

export function modelFrom(files: Record<string, string>, options: ModelOptions = {}) {
  const s = { ...settings, pageSize: options.pageSize ?? settings.pageSize };
  const articles = Object.entries(files).map(([file, text]) => {
    const { article, problems } = parseArticle(file, text, s);
    if (!article) throw new Error(problems.map((p) => p.message).join("\n"));
    return article;
  });
  const content: Content & { settings: typeof s } = {
    settings: s,
    articles,
    pages: [],
    keywordAliases: new Map(Object.entries(options.aliases ?? {}).map(([a, t]) => [keywordIdentity(a), t])),
    sources: new Map(),
    problems: [],
  };
  const mode = { drafts: false, future: false, pathPrefix: "/", ...options.mode };
  return buildArchive(content, mode, parseDate(options.now ?? "2026-01-01", s.timeZone)!);
}
