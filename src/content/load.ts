// Folder of Markdown files -> validated Article[] and Page[], plus every problem found.
// Articles and pages take one path: listed, read through the content store (./store.ts, which
// re-reads only what changed when the caller keeps it, as the preview does), parsed, validated.
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, relative } from "node:path";
import type { z } from "zod";
import { bodyCharacters, checkCharacters } from "./characters.ts";
import { parseFields, parseFrontMatter, type Fields, type FrontMatter } from "./frontmatter.ts";
import { cleanKeyword, keywordIdentity, MAX_NAME_LENGTH, slugify } from "./keywords.ts";
import { hasErrors, type Problem } from "./problems.ts";
import type { ArticleCache } from "./cache.ts";
import type { AheadFile, ReadAhead } from "./read-ahead.ts";
import { ContentStore } from "./store.ts";
import {
  ARTICLE_FIELDS,
  articleSchema,
  keywordAliasesSchema,
  MAX_BODY,
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
export interface Article extends Omit<ArticleFields, "author" | "translator" | "editor" | "lang" | "slug"> {
  /** Project-relative path of the source file. */
  file: string;
  slug: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** Each role's names in credit order, one name or a list alike; empty when none is given. */
  author: string[];
  /** The site's translator when none is given; empty when republished. */
  translator: string[];
  editor: string[];
  /** `translator: false`: republished in its original language, so no one is credited as translator. */
  republished: boolean;
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

/**
 * The settings an article's or page's parse reads, and nothing else: what the content store and
 * the article cache (./cache.ts) key a parse by, so a parse may read only what is listed here.
 */
export type ParseSettings = Pick<SiteSettings, "timeZone" | "language" | "translator">;

const parseSettings = ({ timeZone, language, translator }: SiteSettings): ParseSettings => ({ timeZone, language, translator });

/** One kind of Markdown content: where its files are, and how one file's text becomes one item. */
interface Kind<T> {
  dir: string;
  parse(file: string, raw: string, settings: ParseSettings): { item?: T; problems: Problem[] };
}

/**
 * Reads all content. `store` holds each file's last parse: the preview passes the one it keeps,
 * so a rebuild parses only the files that changed; anything else gets a fresh one. `cache`, the
 * production build's article cache, holds the last build's parses, taken for unchanged files.
 */
export async function loadContent(paths: Paths, store = new ContentStore(), cache?: ArticleCache, ahead?: ReadAhead): Promise<Content> {
  const problems: Problem[] = [];
  store.startLoad();
  const settings = await loadSettings(paths, problems);
  const [keywordAliases, sources] = await Promise.all([loadKeywordAliases(paths, problems), loadSources(paths, problems)]);
  // Broken settings stop the build, but every article is still checked (in UTC), so one run
  // reports every problem.
  const checking = settings ?? FALLBACK_SETTINGS;
  const listed = new Set<string>();
  const cached = cache && { cache, markdown: settings?.markdown };
  const read = <T extends { file: string }>(kind: Kind<T>) => loadKind(paths, store, kind, checking, problems, listed, cached, ahead);
  await ahead?.ready();
  const [articles, pages] = await Promise.all([
    read<Article>({ dir: paths.articles, parse: toArticle }),
    read<Page>({ dir: paths.pages, parse: toPage }),
  ]);
  ahead?.release();
  store.keepOnly(listed);
  problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
  return { settings, articles, pages, keywordAliases, sources, problems };
}

/** Every file of one kind, through the store; items in file order whatever the file system returns. */
async function loadKind<T extends { file: string }>(
  paths: Paths,
  store: ContentStore,
  kind: Kind<T>,
  settings: SiteSettings,
  problems: Problem[],
  listed: Set<string>,
  cached: { cache: ArticleCache; markdown: SiteSettings["markdown"] | undefined } | undefined,
  ahead: ReadAhead | undefined,
): Promise<T[]> {
  const files = await listMarkdown(paths, kind.dir, problems);
  // What a parse depends on besides the file: the settings it reads.
  const only = parseSettings(settings);
  const settingsKey = JSON.stringify(only);
  const keys = cached && { parse: settingsKey, markdown: cached.markdown };
  const items: T[] = [];
  // Synchronous reads on purpose: for thousands of small files they cost a third of the promise
  // API's per-file overhead, and loading is the only thing running at that point.
  for (const path of files) {
    listed.add(path);
    const file = rel(paths, path);
    // The digest and size of a file read ahead (of its bytes) are its text's when the bytes were
    // clean UTF-8 and the text parsed is the one read (checkText parses the file as it reads it again).
    // The parses are written in place, not named: the TypeScript loader gives every named function
    // its name as it is made, 20,000 times here (18 ms of a day's build).
    const read = ahead?.take(path);
    const result = readEntry(
      store,
      path,
      file,
      settingsKey,
      cached
        ? (raw: string) => cached.cache.take(file, raw, keys!, (text: string) => kind.parse(file, text, only), read?.clean && read.text === raw ? read : undefined)
        : (raw: string) => kind.parse(file, raw, only),
      read,
    );
    if (result.item) items.push(result.item);
    problems.push(...result.problems);
  }
  return items.sort((a, b) => (a.file < b.file ? -1 : 1));
}

async function loadSettings(paths: Paths, problems: Problem[]): Promise<SiteSettings | undefined> {
  return (await loadDataFile(paths, paths.siteFile, siteSchema, Object.keys(siteSchema.shape), problems, true))?.value;
}

async function loadKeywordAliases(paths: Paths, problems: Problem[]): Promise<Map<string, string>> {
  const loaded = await loadDataFile(paths, paths.keywordsFile, keywordAliasesSchema, [], problems, false);
  const map = new Map<string, string>();
  const lineOf = new Map<string, { alias: string; line: number | undefined }>();
  for (const [alias, target] of Object.entries(loaded?.value ?? {})) {
    if (keywordIdentity(alias) === keywordIdentity(target)) continue;
    map.set(keywordIdentity(alias), cleanKeyword(target));
    lineOf.set(keywordIdentity(alias), { alias, line: loaded!.lineOf([alias]) });
  }
  problems.push(...aliasChains(rel(paths, paths.keywordsFile), map, lineOf));
  return map;
}

/**
 * An alias whose keyword is itself an alias: a chain (`A: B`, `B: C`) sends A's articles to a
 * page that does not exist, and a cycle (`A: B`, `B: A`) has no keyword at all. Each is an error
 * on the alias's line that names the line of the other.
 */
function aliasChains(
  file: string,
  map: ReadonlyMap<string, string>,
  lineOf: ReadonlyMap<string, { alias: string; line: number | undefined }>,
): Problem[] {
  const problems: Problem[] = [];
  for (const [id, target] of map) {
    const next = map.get(keywordIdentity(target));
    if (next === undefined) continue;
    const here = lineOf.get(id)!;
    const there = lineOf.get(keywordIdentity(target))!;
    const message =
      keywordIdentity(next) === id
        ? `"${here.alias}" and "${there.alias}" (line ${there.line}) are mapped to each other, so neither is a keyword; keep the line that maps the variant to the keyword to show`
        : `"${target}" is itself mapped to "${next}" (line ${there.line}); map "${here.alias}" straight to "${next}"`;
    problems.push({ file, line: here.line, field: here.alias, message, severity: "error" });
  }
  return problems;
}

async function loadSources(paths: Paths, problems: Problem[]): Promise<Content["sources"]> {
  const registry = await loadDataFile(paths, paths.sourcesFile, sourceRegistrySchema, SOURCE_FIELDS, problems, false);
  return new Map(Object.entries(registry?.value ?? {}).map(([name, info]) => [keywordIdentity(name), { ...info, name: cleanKeyword(name) }]));
}

/** A YAML or JSON data file validated by `schema`; problems name the file and line. */
async function loadDataFile<S extends z.ZodType>(
  paths: Paths,
  path: string,
  schema: S,
  known: readonly string[],
  problems: Problem[],
  required: boolean,
): Promise<{ value: z.output<S>; lineOf: Fields["lineOf"] } | undefined> {
  const file = rel(paths, path);
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") problems.push({ file, message: `cannot read the file (${readError(e)})`, severity: "error" });
    else if (required) problems.push({ file, message: `file is missing; expected ${file}`, severity: "error" });
    return undefined;
  }
  // Data files are YAML (or JSON) as a whole, parsed without gray-matter: no engine is involved.
  const fields = parseFields(file, raw);
  if (!fields.ok) {
    problems.push(...fields.problems);
    return undefined;
  }
  const characters = checkCharacters(file, fields.value);
  problems.push(...characters);
  const result = validateFields(schema, fields.value, file, known);
  if (!result.ok) {
    problems.push(...result.problems);
    return undefined;
  }
  if (hasErrors(characters)) return undefined;
  return { value: result.value, lineOf: fields.value.lineOf };
}


/** One article's file text -> Article or problems; what the loader does for each file. */
export function parseArticle(file: string, raw: string, settings: SiteSettings): { article?: Article; problems: Problem[] } {
  const { item, problems } = toArticle(file, raw, settings);
  return { article: item, problems };
}
type Parsed<T> = { item?: T; problems: Problem[] };

function toArticle(file: string, raw: string, settings: ParseSettings): Parsed<Article> {
  const fm = parseFrontMatter(file, raw);
  if (!fm.ok) return { problems: fm.problems };
  const text = textProblems(file, fm.value);
  const fields = validateFields(articleSchema(settings.timeZone), fm.value, file, ARTICLE_FIELDS);
  if (!fields.ok) return { problems: [...text, ...fields.problems] };
  const a = fields.value;
  const slug = a.slug ?? slugFromFile(file);
  const problems = [...text, ...slugProblem(file, slug)];
  if (hasErrors(problems)) return { problems };
  const lang = a.lang ?? settings.language;
  return {
    problems,
    item: {
      ...a,
      file,
      slug,
      lang,
      dir: directionOf(lang),
      author: listOf(a.author),
      translator: a.translator === false ? [] : a.translator === undefined ? [settings.translator] : listOf(a.translator),
      editor: listOf(a.editor),
      republished: a.translator === false,
      keywords: mergeKeywords(a.keywords),
      body: fm.value.body,
      bodyLine: fm.value.bodyLine,
      lineOf: fm.value.lineOf,
    },
  };
}

function toPage(file: string, raw: string, settings: ParseSettings): Parsed<Page> {
  const fm = parseFrontMatter(file, raw);
  if (!fm.ok) return { problems: fm.problems };
  const text = textProblems(file, fm.value);
  const fields = validateFields(pageSchema, fm.value, file, PAGE_FIELDS);
  if (!fields.ok) return { problems: [...text, ...fields.problems] };
  const lang = fields.value.lang ?? settings.language;
  const slug = fields.value.slug ?? slugFromFile(file);
  const problems = [...text, ...slugProblem(file, slug)];
  if (hasErrors(problems)) return { problems };
  return {
    problems,
    item: {
      ...fields.value,
      file,
      slug,
      lang,
      dir: directionOf(lang),
      body: fm.value.body,
    },
  };
}

/**
 * What every article and page body and text field must satisfy before anything is built: a
 * body within MAX_BODY, no character a page or feed cannot carry, and no bidi control in the
 * fields (removed here, in place, with a warning).
 */
function textProblems(file: string, fm: FrontMatter): Problem[] {
  const problems = checkCharacters(file, fm);
  if (fm.body.length > MAX_BODY) {
    problems.push({
      file,
      line: fm.bodyLine,
      field: "body",
      message: `the text is ${fm.body.length.toLocaleString("en")} characters long; expected at most ${MAX_BODY.toLocaleString("en")}: split it into several articles`,
      severity: "error",
    });
  } else {
    problems.push(...bodyCharacters(file, fm.body, fm.bodyLine));
  }
  return problems;
}

/** A role's names as a list, in the order written: one name or a list of names alike. */
function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === "string" ? [value] : value;
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

/**
 * Every `.md` file under `dir`, in order. What is not read is said, as a warning, unless it is
 * plainly not an article (an image, a README.txt):
 * - dot-files and dot-folders (`.draft.md`, macOS's `._story.md`): never published, so a file
 *   can be hidden from the site by its name alone;
 * - symbolic links: a link can point anywhere on the machine (`/etc`, another project), and the
 *   build would publish what it points to;
 * - `.MD`, `.markdown` and the like: only `.md` is read, so that one spelling means "article";
 * - sockets, pipes and devices: reading a pipe would wait forever.
 * A folder or file that cannot be read is an error, and the rest is still read.
 */
async function listMarkdown(paths: Paths, dir: string, problems: Problem[]): Promise<string[]> {
  const found: string[] = [];
  const skip = (path: string, why: string) => problems.push({ file: rel(paths, path), message: `not read: ${why}`, severity: "warning" });
  const walk = async (folder: string, top: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      if (top && (e as NodeJS.ErrnoException).code === "ENOENT") return;
      problems.push({ file: rel(paths, folder), message: `cannot read this folder (${readError(e)}); the files in it are not checked`, severity: "error" });
      return;
    }
    const folders: string[] = [];
    for (const e of entries) {
      const path = `${folder}/${e.name}`;
      const markdown = MARKDOWN_NAME.test(e.name);
      if (e.name.startsWith(".")) {
        if (markdown || e.isDirectory()) skip(path, `its name starts with a dot, and such ${e.isDirectory() ? "folders" : "files"} are never published; rename it to publish ${e.isDirectory() ? "what it holds" : "it"}`);
      } else if (e.isSymbolicLink()) {
        skip(path, "it is a symbolic link, which could point outside the project; move or copy the file here instead");
      } else if (e.isDirectory()) {
        folders.push(path);
      } else if (markdown && !e.name.endsWith(".md")) {
        skip(path, `only files ending in .md are read; rename it to ${e.name.replace(MARKDOWN_NAME, ".md")}`);
      } else if (e.name.endsWith(".md")) {
        if (e.isFile()) found.push(path);
        else skip(path, "it is not a regular file");
      }
    }
    await Promise.all(folders.map((f) => walk(f, false)));
  };
  await walk(dir, true);
  return found.sort();
}

const MARKDOWN_NAME = /\.(md|markdown|mdown|mkd|mkdn)$/i;

/** A file system error in a few words: "permission denied", "the path is too long". */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOENT: "it disappeared while being read",
    EISDIR: "it is a folder",
    ENOTDIR: "a part of its path is not a folder",
    ENAMETOOLONG: "the path is too long",
    ELOOP: "too many symbolic links",
    EIO: "input/output error",
    ERR_STRING_TOO_LONG: "the file is far too large",
  };
  return (code && known[code]) ?? (code ? `error ${code}` : String((e as Error).message ?? e));
}

export function rel(paths: Paths, path: string): string {
  // The common cases without path.relative, which costs more than it should per file: a plain
  // absolute path under the project, or outside it (a folder of articles elsewhere, as the bench's),
  // which is named in full as path.relative's "../" answer would be.
  if (path.startsWith("/") && paths.root !== "/" && !/\/\.{1,2}(\/|$)|\/\/|\\/.test(path)) {
    if (path.startsWith(`${paths.root}/`)) {
      const inside = path.slice(paths.root.length + 1);
      // As below: a name that starts with ".." ("..notes.md") is given in full.
      return inside.startsWith("..") ? path : inside;
    }
    if (!`${paths.root}/`.startsWith(`${path}/`)) return path;
  }
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

/** A file's parse through the store; a file that cannot be read is a problem, not a crash. */
function readEntry<T extends { problems: Problem[] }>(store: ContentStore, path: string, file: string, settingsKey: string, parse: (raw: string) => T, ahead?: AheadFile): T {
  try {
    return store.entry(path, settingsKey, (text) => checkText(text, path, file, parse), ahead);
  } catch (e) {
    return { problems: [{ file, message: `cannot read the file (${readError(e)})`, severity: "error" }] } as T;
  }
}

/**
 * Parses a file read as UTF-8 text. Reading straight into a string is the fast path; a NUL or
 * U+FFFD in it (binary data, or bytes that are not UTF-8) sends the file through the strict
 * check, which turns it into a problem instead of mojibake on the site.
 */
function checkText<T extends { problems: Problem[] }>(text: string, path: string, file: string, parse: (raw: string) => T): T {
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    const bytes = readFileSync(path);
    const problem = decode(bytes, file);
    if (problem) return problem as T;
    // What is parsed is what was checked: the file as read again (the text may have been read
    // earlier, ahead of the loader, before the file was saved again).
    return parse(bytes.toString("utf8"));
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
