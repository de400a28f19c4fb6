// What the environment decides: the project's folders (tests and benchmarks move them), what a
// build includes and the host it is for. Apart from the settings' schema (./site.ts, which
// re-exports all of it) so that the build command can start its workers before zod and luxon
// load: about 0.19 s through the TypeScript loader.
import { fileURLToPath } from "node:url";

/** The project folder (the one holding package.json). */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/**
 * How Node runs Gazette's commands (package.json's scripts, the benchmark, the tests): with the
 * TypeScript loader's ES module hooks alone. Gazette's own TypeScript is all ES modules; plain
 * `tsx` also patches `require`, and every CommonJS file Eleventy's dependencies require then goes
 * through its resolver and its module-type check for nothing: 0.16 s of a day's build at 10,000
 * articles (docs/performance.md).
 */
export const NODE_ARGS = ["--import", "tsx/esm"] as const;

/** Folders, from the environment where tests and benchmarks override them. */
export interface Paths {
  root: string;
  content: string;
  articles: string;
  pages: string;
  siteFile: string;
  /** Nunjucks layouts and pages (a copy can be tried with GAZETTE_TEMPLATES_DIR). */
  templates: string;
  /** Files published as they are: stylesheet, scripts, images, lead images read from here (a copy with GAZETTE_PUBLIC_DIR, as tests do). */
  public: string;
  /** Optional keyword aliases: `Idleb: Idlib`. */
  keywordsFile: string;
  /** Optional registry of original outlets. */
  sourcesFile: string;
  /** Generated images, kept between builds (GAZETTE_IMAGE_CACHE_DIR; default .cache/images). */
  imageCache: string;
  output: string;
}

export function resolvePaths(root: string, env: NodeJS.ProcessEnv = process.env): Paths {
  const abs = (p: string) => (p.startsWith("/") ? p : `${root}/${p}`);
  const content = abs(env.GAZETTE_CONTENT_DIR ?? "content");
  return {
    root,
    content,
    articles: abs(env.GAZETTE_ARTICLES_DIR ?? `${content}/articles`),
    pages: `${content}/pages`,
    siteFile: `${content}/site.json`,
    templates: abs(env.GAZETTE_TEMPLATES_DIR ?? "templates"),
    public: abs(env.GAZETTE_PUBLIC_DIR ?? "public"),
    keywordsFile: `${content}/keywords.yaml`,
    sourcesFile: `${content}/sources.yaml`,
    imageCache: abs(env.GAZETTE_IMAGE_CACHE_DIR || ".cache/images"),
    // An empty value (`GAZETTE_OUTPUT_DIR= npm run build`) means the default, not the project folder.
    output: abs(env.GAZETTE_OUTPUT_DIR || "_site"),
  };
}

/** What a build includes (production leaves out drafts and future articles), and where it is served. */
export interface BuildMode {
  drafts: boolean;
  future: boolean;
  /** Sub-path the site is served under, e.g. "/archive/" on GitHub Pages; "/" by default. */
  pathPrefix: string;
  /** The host the site is built for, where `_redirects` differs (docs/hosting.md); "other" when left out. */
  host?: Host;
}

/**
 * Hosts whose `_redirects` rules Gazette writes differently: Netlify serves a file that exists in
 * place of a rule unless the rule is forced (`301!`), which Cloudflare Pages refuses. From
 * GAZETTE_HOST, else from the variables the hosts set in their builds (NETLIFY, CF_PAGES).
 */
export type Host = "netlify" | "cloudflare" | "other";
const HOSTS: readonly Host[] = ["netlify", "cloudflare", "other"];

export function hostOf(env: NodeJS.ProcessEnv = process.env): Host {
  const named = env.GAZETTE_HOST?.toLowerCase();
  if (named) {
    if (!HOSTS.includes(named as Host)) throw new Error(`GAZETTE_HOST: expected one of ${HOSTS.join(", ")}, found "${env.GAZETTE_HOST}"`);
    return named as Host;
  }
  return env.NETLIFY === "true" ? "netlify" : env.CF_PAGES === "1" ? "cloudflare" : "other";
}

export function buildMode(env: NodeJS.ProcessEnv = process.env): BuildMode {
  const preview = env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
  return {
    drafts: preview || env.GAZETTE_INCLUDE_DRAFTS === "1",
    future: preview || env.GAZETTE_INCLUDE_FUTURE === "1",
    pathPrefix: env.GAZETTE_PATH_PREFIX || "/",
    host: hostOf(env),
  };
}
