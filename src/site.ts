// Site settings: the one typed place for everything a maintainer can change.
// The maintainer edits content/site.json; this schema validates it and is also its type.
import type { output } from "zod";
import { z } from "./commonjs.ts";
import { DIGITS, isValidZone, type Digits } from "./content/dates.ts";

// Folders, build mode and host come from the environment; kept apart so that a build starts
// without loading the settings' schema (./environment.ts).
export { buildMode, hostOf, NODE_ARGS, PROJECT_ROOT, resolvePaths, type BuildMode, type Host, type Paths } from "./environment.ts";

/** Languages written right to left; an article in one of them gets dir="rtl". */
export const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"]);

export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.has(lang.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}

/** BCP 47 check through the platform's own parser ("en", "ar-SY", "zh-Hant"). */
export function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1 && /^[a-z]{2,3}(-|$)/i.test(value);
  } catch {
    return false;
  }
}

/** The sitemap protocol's limit of URLs in one file (https://www.sitemaps.org/protocol.html). */
export const SITEMAP_MAX_URLS = 50_000;

export const languageTag = z
  .string()
  .refine(isLanguageTag, { message: "expected a BCP 47 language tag such as en, ar or ar-SY" });

/**
 * A text the site shows in each article's language: one text (in the site's language), or texts
 * keyed by language tag, `{ "en": "…", "ar": "…" }`. See localizedText for the choice.
 */
const textByLanguage = z.union(
  [
    z.string().trim().min(1, { error: "expected a text, found an empty text" }),
    z
      .record(languageTag, z.string().trim().min(1, { error: "expected a text, found an empty text" }))
      .refine((texts) => Object.keys(texts).length > 0, { message: "expected at least one language, as in { \"en\": \"…\" }" }),
  ],
  { error: 'expected a text, or texts by language such as { "en": "…", "ar": "…" }' },
);
export type TextByLanguage = output<typeof textByLanguage>;

/**
 * The text for an article in `lang`: its own language ("ar-SY", then "ar"), else the site's,
 * else the first given. Returns the language the text is written in, to mark it on the page.
 */
export function localizedText(value: TextByLanguage, lang: string, siteLang: string): { text: string; lang: string } {
  if (typeof value === "string") return { text: value, lang: siteLang };
  const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();
  const keys = Object.keys(value);
  const key =
    keys.find((k) => k.toLowerCase() === lang.toLowerCase()) ??
    keys.find((k) => k.toLowerCase() === primary(lang)) ??
    keys.find((k) => k.toLowerCase() === siteLang.toLowerCase()) ??
    keys.find((k) => k.toLowerCase() === primary(siteLang)) ??
    keys[0]!;
  return { text: value[key]!, lang: key };
}

const navigationLink = z.strictObject({
  label: z.string().min(1),
  url: z.string().regex(/^(\/|https?:\/\/)/, "expected a site path starting with / or an http(s) URL"),
});

export const siteSchema = z.strictObject({
  /** Site name, in the header, <title> and feeds. @example "The Levant Ledger" */
  title: z.string().min(1),
  /** One line under the name. */
  tagline: z.string().default(""),
  /** A notice on every page, e.g. to mark a demonstration site. @example "Sample site: all content is fictional." */
  notice: z.string().optional(),
  /** Absolute base URL of the published site, for canonical links and feeds. @example "https://news.example.org" */
  url: z.url({ protocol: /^https?$/, error: "expected an absolute http(s) URL such as https://news.example.org" }),
  /** Default language of articles and of the site's own words. */
  language: languageTag.default("en"),
  /** IANA time zone in which dates without a time are read and every date is shown. */
  timeZone: z.string().refine(isValidZone, { message: "expected an IANA time zone such as Asia/Damascus" }),
  /**
   * How dates are written, per language: a locale, or a locale and its digits ("latin",
   * "arabic-indic", "persian"). A language not listed writes dates by its own tag ("en" is
   * American: July 9, 2024). @example { "en": "en-GB", "ar": { "locale": "ar-SY", "digits": "latin" } }
   */
  dates: z
    .record(
      languageTag,
      z.union(
        [
          languageTag,
          z.strictObject({
            locale: languageTag,
            digits: z.enum(Object.keys(DIGITS) as [Digits, ...Digits[]]).optional(),
          }),
        ],
        { error: `expected a locale such as "en-GB", or { "locale": "ar-SY", "digits": "latin" } with digits one of ${Object.keys(DIGITS).join(", ")}` },
      ),
    )
    .optional(),
  /** Translator credited when an article names none. */
  translator: z.string().min(1),
  /**
   * Disclaimer shown under translated articles, one text or texts by language (each article gets
   * its own language's); `{translator}` is replaced with the article's translators, `{source}`
   * with the outlet. @example { "en": "Translated by {translator} from {source}.", "ar": "…" }
   */
  disclaimer: textByLanguage,
  /**
   * Notice under articles republished in their original language (`translator: false`), in
   * place of the disclaimer; `{source}` is replaced with the outlet. Default: Gazette's own
   * words (src/archive/words.ts).
   */
  republishedNotice: textByLanguage.optional(),
  /** Articles per list page (home, keyword pages). */
  pageSize: z.int().min(1).max(500).default(20),
  /** Links in the header navigation. */
  navigation: z.array(navigationLink).default([]),
  /**
   * Search index. Archives larger than `bundleSize` articles are indexed in bundles of whole
   * years of about that many articles each, which the search page merges: smaller bundles need
   * less memory to build, fewer mean fewer requests per search. `processes` Pagefind processes
   * index the bundles in turn ("auto": see indexProcesses in src/search/bundles.ts).
   */
  search: z
    .strictObject({
      bundleSize: z.int().min(1).default(2500),
      processes: z.union([z.literal("auto"), z.int().min(1).max(8)]).default("auto"),
    })
    .default({ bundleSize: 2500, processes: "auto" }),
  /**
   * Sitemaps: /sitemap.xml is an index of files of at most `urlsPerFile` URLs each (default and
   * most: the protocol's 50,000; tests set fewer), one or more per year plus the undated pages.
   */
  sitemap: z.strictObject({ urlsPerFile: z.int().min(1).max(SITEMAP_MAX_URLS).optional() }).optional(),
  /**
   * Link previews (Open Graph, X cards). `image`: the share image of pages without a lead image
   * of their own, a file under public/ (made into a 1200×630 JPEG). `locales`: og:locale by
   * language, in Open Graph's language_TERRITORY form. @example { "image": "/images/share.png", "locales": { "en": "en_GB", "ar": "ar_SY" } }
   */
  openGraph: z
    .strictObject({
      image: z.string().regex(/^\/(?!.*\.\.)\S+$/, "expected a file under public/ such as /images/share.png").optional(),
      locales: z.record(languageTag, z.string().regex(/^[a-z]{2,3}_[A-Z]{2}$/, "expected language_TERRITORY such as en_GB or ar_SY")).default({}),
    })
    .optional(),
  /** Markdown options. Raw HTML in bodies is allowed and sanitised; `html: false` escapes it. */
  markdown: z.strictObject({ html: z.boolean().default(true) }).default({ html: true }),
});

export type SiteSettings = output<typeof siteSchema>;

