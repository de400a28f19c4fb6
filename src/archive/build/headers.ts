// The URL authority -> the lines of `_headers` (Netlify and Cloudflare Pages read the same syntax).
//   /pagefind/fragment/*            Cache-Control: public, max-age=31536000, immutable
//   /pagefind/:bundle/fragment/*    (each older bundle's folder, src/search/layout.ts)
// Only Pagefind's chunks (fragment, index and filter files) are named by a hash of their
// content: a changed chunk gets a new name, so they are cached for a year and never asked for
// again. Everything else (pages, feeds, sitemaps, the stylesheet, pagefind-entry.json,
// pagefind.js, the WebAssembly and .pf_meta files, which Pagefind names by language and not by
// content) keeps the host's default, which both revalidate on every request
// (`public, max-age=0, must-revalidate` with an ETag). No two rules set Cache-Control for one
// path: both hosts join the values of every rule that matches (tests/deploy.test.ts).
import { paths, type Urls } from "../urls.ts";

export const IMMUTABLE = "public, max-age=31536000, immutable";

/** Pagefind's content-hashed folders, in the first bundle's folder and in each other bundle's. */
const HASHED_FOLDERS = ["fragment", "index", "filter"] as const;

export function headerRules(urls: Urls): string[] {
  const block = (path: string, ...headers: string[]) => [urls.href(path), ...headers.map((h) => `  ${h}`)];
  return [
    "# Cache rules (Netlify / Cloudflare Pages format): see docs/hosting.md.",
    "# Pagefind's chunks are named by a hash of their content: cached for a year.",
    ...[paths.pagefind, `${paths.pagefind}:bundle/`].flatMap((root) => HASHED_FOLDERS.flatMap((folder) => block(`${root}${folder}/*`, `Cache-Control: ${IMMUTABLE}`))),
    "# Everything else keeps the host's default: revalidated on every request.",
    ...block("/*", "X-Content-Type-Options: nosniff"),
  ];
}
