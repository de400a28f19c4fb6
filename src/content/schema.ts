// The front-matter contract. The schema is the type: `ArticleFields` is inferred from it,
// and README's field table describes exactly these keys.
import { z } from "zod";
import type { DateTime } from "luxon";
import { DATE_EXPECTED, parseDate } from "./dates.ts";
import { hasWordCharacter, MAX_NAME_LENGTH } from "./keywords.ts";
import { languageTag } from "../site.ts";
import { parseSitePath } from "./sitepath.ts";

/** Limits that no real article reaches and that keep pages, URLs and indexes sane. */
const MAX_TITLE = 300;
const MAX_KEYWORDS = 30;

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
  });

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
  });

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
      title: text("a headline").max(MAX_TITLE, { error: `expected a headline of at most ${MAX_TITLE} characters` }),
      date: date(zone),
      source: text("the original outlet's name"),
      source_url: httpUrl.optional(),
      translator: text("the translator's name").optional(),
      disclaimer: z
        .union([z.boolean(), text("a disclaimer")], {
          error: "expected true, false or a disclaimer text",
        })
        .default(true),
      keywords: z
        .array(keyword, { error: "expected a list of keywords (one `- Keyword` per line)" })
        .max(MAX_KEYWORDS, { error: `expected at most ${MAX_KEYWORDS} keywords` })
        .default([]),
      subtitle: text("a subtitle").optional(),
      summary: text("a summary").optional(),
      author: text("the original author's name").optional(),
      original_title: text("the original headline").optional(),
      original_language: languageTag.optional(),
      lang: languageTag.optional(),
      image: imagePath.optional(),
      image_alt: text("alternative text for the image").optional(),
      image_credit: text("an image credit").optional(),
      draft: z.boolean({ error: "expected true or false" }).default(false),
      updated: date(zone).optional(),
      slug: slug.optional(),
      aliases: z
        .array(sitePath, { error: "expected a list of old URLs" })
        .max(MAX_ALIASES, { error: `expected at most ${MAX_ALIASES} old URLs` })
        .default([]),
    })
    .superRefine((a, ctx) => {
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

export type ArticleFields = z.output<ReturnType<typeof createArticleSchema>>;

export const pageSchema = z.strictObject({
  title: text("a title"),
  description: text("a description").optional(),
  slug: slug.optional(),
  lang: languageTag.optional(),
});

export type PageFields = z.output<typeof pageSchema>;

/** Every known field name, for "did you mean …?" on unknown ones. */
export const ARTICLE_FIELDS = Object.keys(articleSchema("UTC").shape);
export const PAGE_FIELDS = Object.keys(pageSchema.shape);

/** content/keywords.yaml: `Alias spelling: Keyword it stands for`, one per line. */
export const keywordAliasesSchema = z.record(z.string(), text("the keyword this spelling stands for"));

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
export type SourceInfo = z.output<typeof sourceInfoSchema>;
export const SOURCE_FIELDS = Object.keys(sourceInfoSchema.shape);
