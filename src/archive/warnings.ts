// Content that builds but probably is not what the editor meant -> warnings (never errors).
//   keyword spellings that look alike, keywords used once, sources missing from the registry,
//   the same source_url twice, missing image files, long summaries, future dates, and raw HTML
//   that the build will strip.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DateTime } from "luxon";
import type { Article, Content } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import type { SiteSettings } from "../site.ts";
import type { Facet } from "./facets.ts";
import type { ArchiveIndex } from "./index.ts";
import { unsafeHtml } from "../content/rawhtml.ts";
import { lazyField } from "./lazy.ts";

export const MAX_SUMMARY = 300;

export function contentWarnings(
  content: Content & { settings: SiteSettings },
  index: ArchiveIndex,
  publicDir: string,
  now: DateTime,
): Problem[] {
  const warnings: Problem[] = [];
  // The line is found when first read: a cached article finds it by parsing its front matter
  // again, and a build prints only how many warnings there are (40 ms of a day's build at
  // 10,000 articles, for 900 keywords used once). Sorting reads the lines of two warnings of one
  // file, and only those.
  const warn = (a: Article, field: string, message: string, path: (string | number)[] = [field]) => {
    const warning = { file: a.file } as Problem;
    lazyField(warning, "line", () => a.lineOf(path) ?? 1);
    warnings.push(Object.assign(warning, { field, message, severity: "warning" as const }));
  };

  // Keywords: look-alike spellings, and keywords on one article only.
  const keywordFacets = [...index.registry("keyword").facets.values()];
  for (const group of lookAlikes(keywordFacets)) {
    for (const f of group) {
      const others = group.filter((o) => o !== f).map((o) => `"${o.name}" (${filesOf(o)})`).join(", ");
      const a = f.articles[0]!;
      warn(a, "keywords", `"${f.name}" looks like another spelling of ${others}; use one, or map the variant in content/keywords.yaml`, keywordPath(a, f));
    }
  }
  for (const f of keywordFacets) {
    if (f.articles.length === 1) warn(f.articles[0]!, "keywords", `"${f.name}" is used by this article only`, keywordPath(f.articles[0]!, f));
  }

  // Sources missing from the registry (when there is one).
  if (content.sources.size > 0) {
    for (const s of index.registry("source").facets.values()) {
      if (!content.sources.has(s.identity)) for (const a of s.articles.slice(0, 1)) warn(a, "source", `"${s.name}" is not in content/sources.yaml (used by ${s.articles.length} article${s.articles.length === 1 ? "" : "s"})`);
    }
  }

  const byUrl = new Map<string, Article>();
  for (const a of content.articles) {
    if (a.source_url) {
      const first = byUrl.get(a.source_url);
      if (first) warn(a, "source_url", `the same original article as ${first.file}: is this a duplicate translation?`);
      else byUrl.set(a.source_url, a);
    }
    if (a.image?.startsWith("/") && !existsSync(join(publicDir, a.image))) warn(a, "image", `no file public${a.image}; add it or fix the path`);
    if (a.body.trim() === "") warnings.push({ file: a.file, line: a.bodyLine, field: "body", message: "the article has no text after the front matter", severity: "warning" });
    if (a.summary && a.summary.length > MAX_SUMMARY) warn(a, "summary", `${a.summary.length} characters; lists and search engines show about ${MAX_SUMMARY}`);
    if (a.date > now && !a.draft) warn(a, "date", `dated in the future (${a.date.toISODate()}): it will not be published before then`);
    // With raw HTML turned off it is shown as text, so nothing is removed.
    if (!content.settings.markdown.html) continue;
    for (const found of unsafeHtml(a.body)) {
      warnings.push({ file: a.file, line: a.bodyLine + found.line - 1, field: "body", message: `${found.what} will be removed`, severity: "warning" });
    }
  }
  return warnings;
}

function filesOf(f: Facet): string {
  const files = f.articles.slice(0, 2).map((a) => a.file);
  return f.articles.length > 2 ? `${files.join(", ")} and ${f.articles.length - 2} more` : files.join(", ");
}

function keywordPath(a: Article, f: Facet): (string | number)[] {
  const i = a.keywords.findIndex((k) => k.toLowerCase() === f.name.toLowerCase());
  return i >= 0 ? ["keywords", i] : ["keywords"];
}

/**
 * Groups of keywords that are probably one name spelled differently: the same letters once case,
 * accents, hyphens, spaces, the Arabic article (al-, el-, Al ) and vowels are set aside
 * (Idlib/Idleb, Al-Bab/al Bab/El Bab), or one letter apart in that form.
 */
export function lookAlikes(facets: readonly Facet[]): Facet[][] {
  const bySkeleton = new Map<string, Facet[]>();
  for (const f of facets) {
    const key = skeleton(f.name);
    if (key.length < 3) continue;
    const list = bySkeleton.get(key) ?? [];
    list.push(f);
    bySkeleton.set(key, list);
  }
  // One letter apart: two skeletons that share a variant (the skeleton itself, or it with one
  // letter deleted) differ by one insertion, deletion or substitution. Order-independent.
  const byVariant = new Map<string, Set<string>>();
  for (const key of bySkeleton.keys()) {
    if (key.length < 5) continue;
    const variants = new Set([key]);
    for (let i = 0; i < key.length; i++) variants.add(key.slice(0, i) + key.slice(i + 1));
    for (const v of variants) {
      const set = byVariant.get(v) ?? new Set<string>();
      set.add(key);
      byVariant.set(v, set);
    }
  }
  const union = new Map<string, Set<string>>();
  for (const keys of byVariant.values()) {
    if (keys.size < 2) continue;
    for (const k of keys) {
      const set = union.get(k) ?? new Set([k]);
      for (const other of keys) set.add(other);
      union.set(k, set);
    }
  }
  const groups: Facet[][] = [];
  const done = new Set<string>();
  for (const [key, list] of bySkeleton) {
    if (done.has(key)) continue;
    const keys = union.get(key) ?? new Set([key]);
    for (const k of keys) done.add(k);
    const members = [...keys].flatMap((k) => bySkeleton.get(k) ?? []);
    if (members.length > 1) groups.push(members.sort((a, b) => (a.name < b.name ? -1 : 1)));
    else if (list.length > 1) groups.push(list);
  }
  return groups;
}

function skeleton(name: string): string {
  const letters = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/(^|\s)(al|el|ul|an|ad|as|ash|at|az)[-\s]+/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, "");
  const consonants = letters.replace(/(?!^)[aeiouy]/g, "").replace(/(.)\1+/g, "$1");
  // Short names keep their vowels: "Bab" and "Bib" are different places.
  return consonants.length >= 3 ? consonants : letters;
}
