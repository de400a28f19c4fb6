// Dependencies loaded through `require` where importing them costs the build time and gains
// nothing: a package's CommonJS build, or an ES module package loaded whole by Node's
// require(esm) (Node 20.19 and 22.12 and later; on a Node without it, such a package is imported).
//   zod            the schemas (../site.ts, ./content/schema.ts); nothing else loads zod
//   htmlparser2    the check's raw-HTML reader (./content/rawhtml.ts): sanitize-html, which is
//                  CommonJS, requires the very same package, so it is loaded once, not twice
//   markdown-it    bodies and headlines (./markdown.ts): its CommonJS build is one file, where its
//                  ES module build is 70, with those of linkify-it, mdurl, entities and uc.micro
//   sanitize-html  raw HTML in bodies (./markdown.ts, ./content/htmlpolicy.ts)
//   @sindresorhus/slugify  Latin slugs (./content/keywords.ts); an ES module package
//   @11ty/eleventy-plugin-rss  the feed filters (./eleventy/plugin.ts); an ES module package
// Why: Node 20 runs the TypeScript loader's module hooks on a thread of their own, and every file
// of an ES module imported costs the main thread a round trip to that thread to be found and
// another to be read; zod is about 95 files. `require` loads them in the main thread alone, and
// so does require(esm) for an ES module graph (Eleventy itself is required so: src/cli/build.ts).
// Imported alone through the loader, then required: zod 94 and 57 ms; htmlparser2 47 and 28 ms
// (and nothing at all once sanitize-html has required it); markdown-it 43–65 and 15–22 ms;
// sanitize-html 48–57 and 32–33 ms; the feed plugin 49–52 and 33–36 ms; slugify 24 and 16–18 ms.
// A day's build loads the others before it can read any content (docs/performance.md). One
// instance each: nothing in Gazette imports them. Types come from the packages' own
// declarations, as with `import`.
import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import type { Parser as HtmlParser } from "htmlparser2";
import type MarkdownIt from "markdown-it";
import type SanitizeHtml from "sanitize-html";
import type Slugify from "@sindresorhus/slugify";
import type { rssPlugin as RssPlugin } from "@11ty/eleventy-plugin-rss";

const require = createRequire(import.meta.url);

export const z: typeof Zod = (require("zod") as { z: typeof Zod }).z;
export const markdownIt: typeof MarkdownIt = require("markdown-it") as typeof MarkdownIt;
/**
 * sanitize-html and htmlparser2 are required when first used: only a body with raw HTML needs
 * them, and a day's build whose new article has none loads neither (26 ms).
 */
let sanitizer: typeof SanitizeHtml | undefined;
export const sanitizeHtml = (): typeof SanitizeHtml => (sanitizer ??= require("sanitize-html") as typeof SanitizeHtml);
let parser: typeof HtmlParser | undefined;
export const htmlParser = (): typeof HtmlParser => (parser ??= (require("htmlparser2") as { Parser: typeof HtmlParser }).Parser);
export const slugifyLatin: typeof Slugify = (await esModule<{ default: typeof Slugify }>("@sindresorhus/slugify")).default;
export const rssPlugin: typeof RssPlugin = (await esModule<{ rssPlugin: typeof RssPlugin }>("@11ty/eleventy-plugin-rss")).rssPlugin;

/** An ES module package, required where Node can (ERR_REQUIRE_ESM where it cannot: then imported). */
async function esModule<T>(name: string): Promise<T> {
  try {
    return require(name) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ESM") throw e;
    return (await import(name)) as T;
  }
}
