// The front-matter contract. The schema is the type: `ArticleFields` is inferred from it; each
// field's purpose and example live on it too (ARTICLE_FIELD_DOCS), for `npm run new`; README's
// field table is tested against it (tests/contract.test.ts).
import type { output } from "zod";
import { z } from "../commonjs.ts";
import type { DateTime } from "luxon";
import { DATE_EXPECTED, parseDate } from "./dates.ts";
import { hasWordCharacter, MAX_NAME_LENGTH, slugify } from "./keywords.ts";
import { languageTag } from "../site.ts";
import { parseSitePath } from "./sitepath.ts";

/** Limits that no real article reaches and that keep pages, URLs and indexes sane. */
const MAX_TITLE = 300;
const MAX_KEYWORDS = 30;
/**
 * A standfirst is a sentence or two (a long one runs to 300 characters) and a summary a short
 * paragraph (lists show about 300; `check` warns above that): ten times that is no real
 * article's, and keeps a pasted body out of every list page, feed entry and meta tag.
 */
export const MAX_SUBTITLE = 1_000;
export const MAX_SUMMARY_LENGTH = 2_000;
/** Alternative text and other one-line credits: far above any real one, well below a body. */
const MAX_LINE = 1_000;
/**
 * Body length, in characters. A long read is 10,000 words, about 70,000 characters; a million
 * is fifteen of them. Far larger bodies are mistakes (a pasted database dump, a page of links)
 * and cost the build gigabytes: a 4.8 MB body of links took 1.3 GB to render and index.
 */
export const MAX_BODY = 1_000_000;

const limited = (what: string, max: number) => text(what).max(max, { error: `expected ${what} of at most ${max.toLocaleString("en")} characters` });

/**
 * True when every % starts a %XX escape, and (with `utf8`) the escapes decode as UTF-8 text. An
 * image path is decoded when the build writes absolute URLs (a bad escape used to stop the build
 * with a URIError); an outside URL need only be well-formed, as old sites escape Latin-1 bytes.
 */
function wellEscaped(value: string, utf8: boolean): boolean {
  if (!value.includes("%")) return true;
  if (/%(?![0-9a-f]{2})/i.test(value)) return false;
  if (!utf8) return true;
  try {
    decodeURI(value);
    return true;
  } catch {
    return false;
  }
}
/**
 * Source and translator names become folder names (/sources/<slug>/): a slug longer than the
 * file system allows (255 bytes; Arabic letters take two) stopped the build after check passed.
 */
const MAX_SLUG_BYTES = 200;
const pageName = (what: string) =>
  limited(what, MAX_LINE).refine((v) => Buffer.byteLength(slugify(v)) <= MAX_SLUG_BYTES, {
    message: `expected a shorter name: its page name (slug) would be longer than ${MAX_SLUG_BYTES} bytes`,
  });

/** Names for one role of the credit line: far more than any byline carries. */
const MAX_NAMES = 20;
/**
 * A role's credit (author, translator, editor): one name, or a list of names in credit order.
 * Each name gets a page (/authors/<slug>/), so each is held to a page name's limits.
 */
const names = (what: string) =>
  z.union(
    [
      pageName(`the ${what}'s name`),
      z
        .array(pageName(`each ${what}'s name`), { error: `expected a list of ${what}s' names` })
        .min(1, { error: `expected at least one ${what}'s name in the list` })
        .max(MAX_NAMES, { error: `expected at most ${MAX_NAMES} ${what}s` }),
    ],
    { error: `expected the ${what}'s name, or a list of names (one \`- Name\` per line)` },
  );

const ESCAPES_EXPECTED = "every % followed by two hex digits, as in %20";

const text = (what: string) =>
  z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `expected ${what}, found an empty text` });

const date = (zone: string) =>
  z.string({ error: `expected ${DATE_EXPECTED}` }).transform((value, ctx): DateTime => {
    const parsed = parseDate(value, zone);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: `expected ${DATE_EXPECTED}` });
      return z.NEVER;
    }
    return parsed;
  });

const httpUrl = z
  .string({ error: "expected an http(s) URL as text" })
  .trim()
  .refine((v) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v) && URL.canParse(v), {
    message: "expected an http(s) URL such as https://example.com/story",
    abort: true,
  })
  .refine((v) => wellEscaped(v, false), { message: `expected a URL with ${ESCAPES_EXPECTED}` });

const keyword = z
  .string({ error: "expected each keyword as text" })
  .refine((v) => v.trim() !== "", { message: "expected a keyword, found an empty text", abort: true })
  .refine(hasWordCharacter, { message: "expected a keyword with at least one letter or digit", abort: true })
  .refine((v) => v.trim().length <= MAX_NAME_LENGTH, { message: `expected a keyword of at most ${MAX_NAME_LENGTH} characters` });

/** A URL slug: lowercase letters (any script), digits and single hyphens. */
export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$/u;
export const SLUG_EXPECTED = `lowercase letters, digits and single hyphens (at most ${MAX_NAME_LENGTH} characters), such as border-talks-resume`;

const slug = z
  .string({ error: "expected a slug as text" })
  .refine((v) => SLUG_PATTERN.test(v) && v.length <= MAX_NAME_LENGTH, { message: `expected ${SLUG_EXPECTED}` });

/** An old URL of an article, normalised to the one form its redirect is written in (src/content/sitepath.ts). */
const sitePath = z.string({ error: "expected a site path as text" }).transform((value, ctx) => {
  const parsed = parseSitePath(value);
  if (parsed.ok) return parsed.path;
  ctx.addIssue({ code: "custom", message: parsed.message });
  return z.NEVER;
});
const MAX_ALIASES = 50;

/** A lead image: a file under public/ (written as /images/x.jpg) or an http(s) URL. */
const imagePath = z
  .string({ error: "expected an image path as text" })
  .refine((v) => /^\/(?!.*\.\.)[^\s]+$/.test(v) || /^https?:\/\//.test(v), {
    message: "expected a path under public/ such as /images/port.jpg, or an http(s) URL",
    abort: true,
  })
  .refine((v) => wellEscaped(v, true), { message: `expected an image path or URL with ${ESCAPES_EXPECTED}, each escape decoding to UTF-8 text` });

/** What a notice of a change says it is: Arc XP's correction types and Newspack's, in one list. */
export const CORRECTION_TYPES = ["correction", "clarification", "update", "retraction"] as const;
export type CorrectionType = (typeof CORRECTION_TYPES)[number];
/** Far above any real article's history; keeps a pasted log out of the page and every feed. */
const MAX_CORRECTIONS = 50;

/** One dated notice: its date is read like the article's (site time zone), its text is plain text. */
const correction = (zone: string) =>
  z.strictObject(
    {
      date: date(zone),
      type: z.enum(CORRECTION_TYPES, { error: `expected one of ${CORRECTION_TYPES.join(", ")}` }),
      text: limited("the text of the notice", MAX_SUMMARY_LENGTH),
    },
    { error: "expected a correction with date, type and text" },
  );

// Building a zod schema compiles it; one per time zone is enough (settings rarely change).
const schemas = new Map<string, ReturnType<typeof createArticleSchema>>();

/** The article schema for a site time zone (dates without a time are read in it). */
export function articleSchema(zone: string) {
  let schema = schemas.get(zone);
  if (!schema) schemas.set(zone, (schema = createArticleSchema(zone)));
  return schema;
}

function createArticleSchema(zone: string) {
  return z
    .strictObject({
      // Each field's `meta` is the contract written once: `description` is its one-line purpose
      // and `example` a value as YAML; `npm run new` writes both (src/cli/new.ts), and a test
      // holds README's field table to these keys, in this order.
      title: text("a headline")
        .max(MAX_TITLE, { error: `expected a headline of at most ${MAX_TITLE} characters` })
        .meta({ description: "the headline, plain text", example: '"Talks resume at the crossing"' }),
      date: date(zone).meta({ description: "publication date, YYYY-MM-DD or an ISO date-time", example: "2024-07-09" }),
      source: pageName("the original outlet's name").meta({ description: "the original outlet's name", example: '"Wadi Press"' }),
      source_url: httpUrl.optional().meta({ description: "the original article", example: "https://…" }),
      source_archive_url: httpUrl.optional().meta({ description: "an archived copy of the original article", example: "https://web.archive.org/web/…" }),
      // `false` is a republication in the original language: no translator is credited anywhere.
      translator: z
        .union([z.literal(false), names("translator")], {
          error: "expected the translator's name, a list of names, or false (republished in its original language)",
        })
        .optional()
        .meta({ description: "who translated it: a name or a list; false: republished in its original language", example: '"…"' }),
      editor: names("editor").optional().meta({ description: "who edited the translation: a name or a list", example: '"…"' }),
      disclaimer: z
        .union([z.boolean(), text("a disclaimer")], {
          error: "expected true, false or a disclaimer text",
        })
        .default(true)
        .meta({ description: "true (site default), false, or your own text", example: "true" }),
      keywords: z
        .array(keyword, { error: "expected a list of keywords (one `- Keyword` per line)" })
        .max(MAX_KEYWORDS, { error: `expected at most ${MAX_KEYWORDS} keywords` })
        .default([])
        .meta({ description: "topics, one `- Keyword` per line", example: "[]" }),
      subtitle: limited("a subtitle", MAX_SUBTITLE).optional().meta({ description: "the standfirst under the headline", example: "…" }),
      summary: limited("a summary", MAX_SUMMARY_LENGTH).optional().meta({ description: "default: the first paragraph", example: "…" }),
      author: names("author").optional().meta({ description: "who wrote or reported the original: a name or a list", example: "…" }),
      original_title: limited("the original headline", MAX_LINE).optional().meta({ description: "the original headline", example: "…" }),
      original_date: date(zone).optional().meta({ description: "when the original was published, like `date`", example: "2024-07-08" }),
      original_language: languageTag.optional().meta({ description: "its BCP 47 language tag", example: "ar" }),
      lang: languageTag.optional().meta({ description: "language of this article (ar, fa, he, ur read right to left)", example: "en" }),
      image: imagePath.optional().meta({ description: "a file under public/", example: "/images/…" }),
      image_alt: limited("alternative text for the image", MAX_LINE).optional().meta({ description: "required with image", example: "…" }),
      image_credit: limited("an image credit", MAX_LINE).optional().meta({ description: "who took or owns the image", example: "…" }),
      draft: z.boolean({ error: "expected true or false" }).default(false).meta({ description: "true: never built in production", example: "true" }),
      updated: date(zone).optional().meta({ description: "last substantive correction", example: "YYYY-MM-DD" }),
      // Read like `date`; once passed, the article leaves every list, feed, search and sitemap
      // and its page becomes a notice (src/archive/build/expired.ts, docs/site.md).
      expires: date(zone).optional().meta({ description: "when it comes down (like `date`; a date alone: that day's start); its page then says so", example: "2024-08-01T18:00" }),
      slug: slug.optional().meta({ description: "default: from the file name", example: "…" }),
      aliases: z
        .array(sitePath, { error: "expected a list of old URLs" })
        .max(MAX_ALIASES, { error: `expected at most ${MAX_ALIASES} old URLs` })
        .default([])
        .meta({ description: "old URLs that should redirect here", example: "[]" }),
      corrections: z
        .array(correction(zone), { error: "expected a list of corrections, each with date, type and text" })
        .max(MAX_CORRECTIONS, { error: `expected at most ${MAX_CORRECTIONS} corrections` })
        .default([])
        .meta({ description: "dated notices `{ date, type, text }`, type: correction, clarification, update or retraction", example: "[]" }),
    })
    .superRefine((a, ctx) => {
      if (a.expires && a.expires <= a.date) {
        ctx.addIssue({ code: "custom", path: ["expires"], message: `expected a date-time after \`date\` (${a.date.toISO({ suppressMilliseconds: true })})` });
      }
      if (a.image && a.image_alt === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["image_alt"],
          message: "expected alternative text describing the image, because `image` is set",
          params: { lineOf: "image" },
        });
      }
    });
}

export type ArticleFields = output<ReturnType<typeof createArticleSchema>>;

export const pageSchema = z.strictObject({
  title: text("a title"),
  description: text("a description").optional(),
  slug: slug.optional(),
  lang: languageTag.optional(),
});

export type PageFields = output<typeof pageSchema>;

/** Every known field name, for "did you mean …?" on unknown ones. */
export const ARTICLE_FIELDS = Object.keys(articleSchema("UTC").shape);

/** One field of the contract as editors' tools show it: `npm run new`, README's table (tested). */
export interface FieldDoc {
  name: string;
  /** A file without the field is an error. */
  required: boolean;
  /** One line: what the field is for. */
  description: string;
  /** A value as YAML text, for a commented-out line. */
  example: string;
}

/** The contract, in schema order, read from the schema itself. */
export const ARTICLE_FIELD_DOCS: readonly FieldDoc[] = Object.entries(articleSchema("UTC").shape).map(([name, field]) => {
  const meta = field.meta();
  return {
    name,
    required: !field.safeParse(undefined).success,
    description: typeof meta?.description === "string" ? meta.description : "",
    example: typeof meta?.example === "string" ? meta.example : "",
  };
});
export const PAGE_FIELDS = Object.keys(pageSchema.shape);

/** content/keywords.yaml: `Alias spelling: Keyword it stands for`, one per line. */
// A spelling's old keyword page is kept as a redirect, so a spelling is held to a keyword's
// limits: a longer one gives a folder name the file system refuses, and the build would stop.
export const keywordAliasesSchema = z.record(
  z.string().max(MAX_NAME_LENGTH, { error: `expected a spelling of at most ${MAX_NAME_LENGTH} characters, like a keyword` }),
  text("the keyword this spelling stands for"),
);

/** content/sources.yaml: details about original outlets, keyed by the name articles use. */
export const sourceInfoSchema = z.strictObject({
  /** The outlet's home page. */
  url: httpUrl.optional(),
  /** Language the outlet publishes in (BCP 47). */
  language: languageTag.optional(),
  country: text("a country").optional(),
  /** One or two sentences about the outlet. */
  description: text("a description").optional(),
});
export const sourceRegistrySchema = z.record(z.string(), sourceInfoSchema);
export type SourceInfo = output<typeof sourceInfoSchema>;
export const SOURCE_FIELDS = Object.keys(sourceInfoSchema.shape);
