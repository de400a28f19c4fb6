// Folder of Markdown files -> validated Article[] and Page[], plus every problem found.
// Each file's parse is cached by (mtime, size, settings): watch-mode rebuilds and a check-then-build
// in one process re-read only what changed, and an edited file is always parsed again.
import { readFileSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, relative } from "node:path";
import type { z } from "zod";
import { parseFields, parseFrontMatter } from "./frontmatter.ts";
import { cleanKeyword, keywordIdentity, MAX_NAME_LENGTH, slugify } from "./keywords.ts";
import type { Problem } from "./problems.ts";
import {
  ARTICLE_FIELDS,
  articleSchema,
  keywordAliasesSchema,
  PAGE_FIELDS,
  pageSchema,
  SOURCE_FIELDS,
  sourceRegistrySchema,
  type ArticleFields,
  type PageFields,
  type SourceInfo,
} from "./schema.ts";
import { validateFields } from "./validate.ts";
import { directionOf, siteSchema, type Paths, type SiteSettings } from "../site.ts";

/** An article as the rest of Gazette sees it: fields validated, defaults resolved. The body is
 * kept as Markdown and rendered once, by the model (src/markdown.ts), so checking never renders. */
export interface Article extends Omit<ArticleFields, "translator" | "lang" | "slug"> {
  /** Project-relative path of the source file. */
  file: string;
  slug: string;
  lang: string;
  dir: "ltr" | "rtl";
  translator: string;
  /** Markdown source of the body. */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** Line of a front-matter field or list item, for warnings (found lazily). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export interface Page extends Omit<PageFields, "slug" | "lang"> {
  file: string;
  slug: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** Markdown source of the body, rendered by the model like an article's. */
  body: string;
}

export interface Content {
  /** Undefined when the settings file itself has errors (then nothing else is loaded). */
  settings: SiteSettings | undefined;
  articles: Article[];
  pages: Page[];
  /** Keyword alias identity -> the keyword it stands for (content/keywords.yaml). */
  keywordAliases: Map<string, string>;
  /** Source identity -> details (content/sources.yaml). */
  sources: Map<string, SourceInfo & { name: string }>;
  problems: Problem[];
}

export async function loadContent(paths: Paths): Promise<Content> {
  const problems: Problem[] = [];
  const settings = await loadSettings(paths, problems);
  const [keywordAliases, sources] = await Promise.all([loadKeywordAliases(paths, problems), loadSources(paths, problems)]);
  // Broken settings stop the build, but every article is still checked (in UTC), so one run
  // reports every problem.
  const checking = settings ?? FALLBACK_SETTINGS;
  const [articleFiles, pageFiles] = await Promise.all([listMarkdown(paths.articles), listMarkdown(paths.pages)]);
  const articles: Article[] = [];
  const pages: Page[] = [];
  const settingsKey = JSON.stringify(checking);

  await Promise.all([
    ...articleFiles.map(async (path) => {
      const file = rel(paths, path);
      const result = await cached(path, file, settingsKey, (raw) => toArticle(file, raw, checking));
      if (result.article) articles.push(result.article);
      problems.push(...result.problems);
    }),
    ...pageFiles.map(async (path) => {
      const file = rel(paths, path);
      const result = await cached(path, file, settingsKey, (raw) => toPage(file, raw, checking));
      if (result.page) pages.push(result.page);
      problems.push(...result.problems);
    }),
  ]);
  forgetOtherFiles(new Set([...articleFiles, ...pageFiles]));
  // Stable order whatever the file system returns.
  articles.sort((a, b) => (a.file < b.file ? -1 : 1));
  pages.sort((a, b) => (a.file < b.file ? -1 : 1));
  problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
  return { settings, articles, pages, keywordAliases, sources, problems };
}

async function loadSettings(paths: Paths, problems: Problem[]): Promise<SiteSettings | undefined> {
  return loadDataFile(paths, paths.siteFile, siteSchema, Object.keys(siteSchema.shape), problems, true);
}

async function loadKeywordAliases(paths: Paths, problems: Problem[]): Promise<Map<string, string>> {
  const aliases = await loadDataFile(paths, paths.keywordsFile, keywordAliasesSchema, [], problems, false);
  const map = new Map<string, string>();
  for (const [alias, target] of Object.entries(aliases ?? {})) {
    if (keywordIdentity(alias) !== keywordIdentity(target)) map.set(keywordIdentity(alias), cleanKeyword(target));
  }
  return map;
}

async function loadSources(paths: Paths, problems: Problem[]): Promise<Content["sources"]> {
  const registry = await loadDataFile(paths, paths.sourcesFile, sourceRegistrySchema, SOURCE_FIELDS, problems, false);
  return new Map(Object.entries(registry ?? {}).map(([name, info]) => [keywordIdentity(name), { ...info, name: cleanKeyword(name) }]));
}

/** A YAML or JSON data file validated by `schema`; problems name the file and line. */
async function loadDataFile<S extends z.ZodType>(
  paths: Paths,
  path: string,
  schema: S,
  known: readonly string[],
  problems: Problem[],
  required: boolean,
): Promise<z.output<S> | undefined> {
  const file = rel(paths, path);
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    if (required) problems.push({ file, message: `file is missing; expected ${file}`, severity: "error" });
    return undefined;
  }
  const fields = parseFields(file, raw);
  if (!fields.ok) {
    problems.push(...fields.problems);
    return undefined;
  }
  const result = validateFields(schema, fields.value, file, known);
  if (!result.ok) {
    problems.push(...result.problems);
    return undefined;
  }
  return result.value;
}


/** One article's file text -> Article or problems; what the loader does for each file. */
export function parseArticle(file: string, raw: string, settings: SiteSettings): { article?: Article; problems: Problem[] } {
  return toArticle(file, raw, settings);
}
type Parsed<K extends string, T> = { [key in K]?: T } & { problems: Problem[] };

function toArticle(file: string, raw: string, settings: SiteSettings): Parsed<"article", Article> {
  const fm = parseFrontMatter(file, raw);
  if (!fm.ok) return { problems: fm.problems };
  const fields = validateFields(articleSchema(settings.timeZone), fm.value, file, ARTICLE_FIELDS);
  if (!fields.ok) return { problems: fields.problems };
  const a = fields.value;
  const slug = a.slug ?? slugFromFile(file);
  const problems = slugProblem(file, slug);
  if (problems.length) return { problems };
  const lang = a.lang ?? settings.language;
  return {
    problems: [],
    article: {
      ...a,
      file,
      slug,
      lang,
      dir: directionOf(lang),
      translator: a.translator ?? settings.translator,
      keywords: mergeKeywords(a.keywords),
      body: fm.value.body,
      bodyLine: fm.value.bodyLine,
      lineOf: fm.value.lineOf,
    },
  };
}

function toPage(file: string, raw: string, settings: SiteSettings): Parsed<"page", Page> {
  const fm = parseFrontMatter(file, raw);
  if (!fm.ok) return { problems: fm.problems };
  const fields = validateFields(pageSchema, fm.value, file, PAGE_FIELDS);
  if (!fields.ok) return { problems: fields.problems };
  const lang = fields.value.lang ?? settings.language;
  const slug = fields.value.slug ?? slugFromFile(file);
  const problems = slugProblem(file, slug);
  if (problems.length) return { problems };
  return {
    problems: [],
    page: {
      ...fields.value,
      file,
      slug,
      lang,
      dir: directionOf(lang),
      body: fm.value.body,
    },
  };
}

/** Keeps the editor's order; merges spellings that differ only in case, spacing or Unicode form. */
function mergeKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const k of keywords) {
    const id = keywordIdentity(k);
    if (seen.has(id)) continue;
    seen.add(id);
    merged.push(cleanKeyword(k));
  }
  return merged;
}

/** "2024-07-09-Border talks?.md" -> "border-talks": the file name, made URL-safe. */
export function slugFromFile(file: string): string {
  const name = basename(file, ".md").replace(/^\d{4}-\d{2}-\d{2}-/, "");
  // Most file names are already slugs (`npm run new` writes them so); only the rest need work.
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) ? name : slugify(name);
}

function slugProblem(file: string, slug: string): Problem[] {
  if (slug.length <= MAX_NAME_LENGTH) return [];
  return [{ file, line: 1, field: "slug", message: `the file name gives a slug of ${slug.length} characters; expected at most ${MAX_NAME_LENGTH}: shorten the file name or set slug:`, severity: "error" }];
}

async function listMarkdown(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(".md"))
      .map((e) => `${e.parentPath}/${e.name}`)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

function rel(paths: Paths, path: string): string {
  // The common case without path.relative, which costs more than it should per file.
  if (path.startsWith(`${paths.root}/`) && !path.includes("/..") && !path.includes("\\")) return path.slice(paths.root.length + 1);
  const r = relative(paths.root, path);
  return r.startsWith("..") ? path : r.split("\\").join("/");
}

const FALLBACK_SETTINGS: SiteSettings = {
  title: "",
  tagline: "",
  url: "https://example.org",
  language: "en",
  timeZone: "UTC",
  translator: "",
  disclaimer: "",
  pageSize: 20,
  navigation: [],
  markdown: { html: false },
  search: { bundleSize: 2500, processes: "auto" },
};

// Parsed files, keyed by path and re-used only while (mtime, size, settings) are unchanged, so
// an edited file is always re-read; files that disappeared are dropped on the next load.
const fileCache = new Map<string, { key: string; value: unknown }>();
let caching = false;

/** The preview turns the cache on; one-shot commands skip it (a stat per file is all it would add). */
export function keepParsedFiles(): void {
  caching = true;
}

function forgetOtherFiles(current: Set<string>): void {
  for (const path of fileCache.keys()) if (!current.has(path)) fileCache.delete(path);
}

// Synchronous reads on purpose: for thousands of small files they cost a third of the promise
// API's per-file overhead, and loading is the only thing running at that point.
async function cached<T extends { problems: Problem[] }>(
  path: string,
  file: string,
  settingsKey: string,
  parse: (raw: string) => T,
): Promise<T> {
  if (!caching) return readText(path, file, parse);
  const info = statSync(path);
  const key = `${info.mtimeMs}:${info.size}:${settingsKey}`;
  const hit = fileCache.get(path);
  if (hit?.key === key) return hit.value as T;
  const value = readText(path, file, parse);
  fileCache.set(path, { key, value });
  return value;
}

/**
 * Reads a file as UTF-8 text and parses it. Reading straight into a string is the fast path; a
 * NUL or U+FFFD in it (binary data, or bytes that are not UTF-8) sends the file through the
 * strict check, which turns it into a problem instead of mojibake on the site.
 */
function readText<T extends { problems: Problem[] }>(path: string, file: string, parse: (raw: string) => T): T {
  const text = readFileSync(path, "utf8");
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    const problem = decode(readFileSync(path), file);
    if (problem) return problem as T;
  }
  return parse(text);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A file that is not UTF-8 text becomes a problem instead of mojibake on the site. */
function decode(bytes: Buffer, file: string): { problems: Problem[] } | undefined {
  if (bytes.includes(0)) {
    return { problems: [{ file, message: "expected a UTF-8 text file, found binary data", severity: "error" }] };
  }
  try {
    utf8.decode(bytes);
    return undefined;
  } catch {
    return { problems: [{ file, message: "expected UTF-8 text; save the file as UTF-8", severity: "error" }] };
  }
}
