// Lead images -> responsive variants and share cards, made by @11ty/eleventy-img (sharp) into a
// cache folder that outlives builds; the build copies the files a page uses into the site.
//   /images/port.jpg (public/images/port.jpg, 3000×2000)
//     -> AVIF, WebP and JPEG at 240, 480, 960 and 1440 px wide   (page: <picture>, srcset, width, height)
//     -> one 1200×630 JPEG                                       (og:image, twitter:image)
//   /images/map.svg  -> the SVG as it is, with its size           + a 1200×630 JPEG rasterised from it
//   https://cdn.example/x.jpg -> left alone: the build never fetches (a plain <img>, no srcset)
// Content is untrusted: only a file that public/ publishes is read (no dot-files, no links out,
// no `..`), at most MAX_FILE_BYTES and MAX_PIXELS; an image that cannot be read is a problem
// naming the article's file, line and field, never a crash.
// What each preparation made is kept beside the files (`prepared.json`), by the image's bytes:
// a build whose images are all there neither loads sharp nor asks eleventy-img (0.15 s of every
// day's build for one share image).
import { hash } from "node:crypto";
import { lstatSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { rel, type Content } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import type { Paths, SiteSettings } from "../site.ts";

/** Widths made for the page (each at most the original's): thumbnails, phones, columns, 2× screens. */
export const WIDTHS = [240, 480, 960, 1440] as const;
/** What link previews (Open Graph, X, LinkedIn, WhatsApp) show best: 1.91:1 at 1200 px. */
export const SHARE = { width: 1200, height: 630 } as const;
/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 50 * 2 ** 20;
/** Larger images are refused before they are decoded (50 megapixels: a 8660×5773 photograph). */
export const MAX_PIXELS = 50_000_000;
/** Formats read and what a browser without AVIF and WebP gets: the original's kind. */
const FALLBACK: Record<string, "jpeg" | "png"> = { jpeg: "jpeg", png: "png", webp: "jpeg", heif: "jpeg", avif: "jpeg", gif: "png", tiff: "jpeg" };
/** Site folder of every generated image. */
export const IMAGE_FOLDER = "/img/";

/** A lead image someone asked for: an article's `image`, or the site's default share image. */
export interface ImageRequest {
  /** As written: "/images/port.jpg", or an http(s) URL. */
  written: string;
  /** Where to point a problem. */
  file: string;
  /** Found only when there is a problem (finding lines parses the YAML again). */
  line?: () => number | undefined;
  field: string;
}

/** Every article's lead image, then the site's default share image. */
export function imageRequests(content: Content & { settings: SiteSettings }, paths: Paths): ImageRequest[] {
  const requests: ImageRequest[] = content.articles.flatMap((a) => (a.image ? [{ written: a.image, file: a.file, line: () => a.lineOf(["image"]), field: "image" }] : []));
  const share = content.settings.openGraph?.image;
  if (share) requests.push({ written: share, file: rel(paths, paths.siteFile), field: "openGraph.image" });
  return requests;
}

/** A generated file: its site path and pixel width. */
export interface ImageFile {
  path: string;
  width: number;
}

/** What the page needs to show one image responsively, in site paths (the model prefixes them). */
export interface PreparedImage {
  /** Of the original (SVG: its declared size). */
  width: number;
  height: number;
  /** The image a browser without <source> support shows: the largest fallback-format file, or the SVG. */
  src: string;
  /** Fallback-format files, smallest first (empty for an SVG, shown as it is). */
  fallback: ImageFile[];
  /** AVIF then WebP, each smallest first. */
  sources: { type: string; files: ImageFile[] }[];
  /** The 1200×630 JPEG for link previews. */
  share: { path: string; width: number; height: number };
  /** Cache file -> site path of every file above: what the build copies into the site for a page that shows it. */
  files: { from: string; path: string }[];
}

export interface PreparedImages {
  /** By `written`, for local images that were prepared. */
  byWritten: Map<string, PreparedImage>;
  /** Unreadable images (errors), images too small for a share card (warnings). */
  problems: Problem[];
}

export interface ImageFolders {
  /** public/ */
  publicDir: string;
  /** Site paths of the files public/ publishes (src/archive/index.ts listPublicFiles). */
  publicFiles: ReadonlySet<string>;
  /** Where generated files are kept between builds. */
  cacheDir: string;
}

type Inspected = { ok: true; file: string; width: number; height: number; format: string } | { ok: false; message: string; missing?: boolean };

type Local = { ok: true; file: string; path: string } | Extract<Inspected, { ok: false }>;

/** A local image's file in public/, or why it cannot be used; undefined for an http(s) URL. Nothing is read. */
function localImage(written: string, folders: ImageFolders): Local | undefined {
  if (!written.startsWith("/")) return undefined; // an http(s) URL: never fetched
  let path: string;
  try {
    path = decodeURI(written.split(/[?#]/)[0]!);
  } catch {
    return { ok: false, message: `${written} is not a valid path` };
  }
  // The schema refuses `..`; the published list leaves out dot-files and links out of public/.
  if (!folders.publicFiles.has(path)) return { ok: false, missing: true, message: `no file public${path}; add it or fix the path` };
  const file = join(folders.publicDir, path);
  const bytes = statSync(file).size;
  if (bytes > MAX_FILE_BYTES) return { ok: false, message: `public${path} is ${(bytes / 2 ** 20).toFixed(0)} MB; lead images are read up to ${MAX_FILE_BYTES / 2 ** 20} MB: save a smaller copy` };
  return { ok: true, file, path };
}

/** A local image's file and size, or why it cannot be used. Reads the header only. */
export async function inspectImage(written: string, folders: ImageFolders): Promise<Inspected | undefined> {
  const local = localImage(written, folders);
  if (!local?.ok) return local;
  const { file, path } = local;
  const { default: sharp } = await import("sharp");
  try {
    // The header only (nothing is decoded), so the size below can be refused with its numbers.
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    const format = meta.format === "heif" && meta.compression === "av1" ? "avif" : (meta.format ?? "");
    if (format !== "svg" && !(format in FALLBACK)) return { ok: false, message: `public${path} is ${format || "not an image"}; expected a JPEG, PNG, WebP, AVIF, GIF or SVG file` };
    const [width, height] = meta.orientation && meta.orientation >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
    if (!width || !height) return { ok: false, message: `public${path} has no size sharp can read` };
    if (width * height > MAX_PIXELS) return { ok: false, message: `public${path} is ${width}×${height} pixels; lead images are read up to ${MAX_PIXELS / 1e6} megapixels` };
    return { ok: true, file, width, height, format };
  } catch (e) {
    return { ok: false, message: `public${path} cannot be read as an image (${firstLine(e)})` };
  }
}

/** Warnings for `npm run check`: images too small for a share card. Errors: images that cannot be read. */
export async function imageProblems(requests: readonly ImageRequest[], folders: ImageFolders): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const r of requests) {
    const found = await inspectImage(r.written, folders);
    if (found && !found.ok) problems.push(...missingOrBroken(r, found));
    else if (found && isSmall(found)) problems.push(problemOf(r, smallMessage(r.written, found), "warning"));
  }
  return problems;
}

/** Makes (or finds in the cache) every variant and share card; one request per distinct image. */
export async function prepareImages(requests: readonly ImageRequest[], folders: ImageFolders): Promise<PreparedImages> {
  const byWritten = new Map<string, PreparedImage>();
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const memo = readMemo(folders.cacheDir);
  const made: Memo["images"] = {};
  let Image: ImageFn | undefined;
  for (const r of requests) {
    if (seen.has(r.written)) continue;
    seen.add(r.written);
    const local = localImage(r.written, folders);
    if (!local) continue;
    if (!local.ok) {
      problems.push(...missingOrBroken(r, local));
      continue;
    }
    // The file's place and bytes: what eleventy-img names its files by.
    const key = recordKey(local.file);
    let image = key === undefined ? undefined : memo.images[key];
    if (!image || !usable(image, folders.cacheDir)) {
      const found = await inspectImage(r.written, folders);
      if (!found) continue;
      if (!found.ok) {
        problems.push(...missingOrBroken(r, found));
        continue;
      }
      try {
        Image ??= (await import("@11ty/eleventy-img")).default;
        image = { format: found.format, prepared: await prepareOne(Image, found, folders.cacheDir) };
      } catch (e) {
        problems.push(problemOf(r, `public${r.written} could not be processed (${firstLine(e)})`, "error"));
        continue;
      }
    }
    if (key !== undefined) made[key] = image;
    byWritten.set(r.written, image.prepared);
    if (isSmall({ width: image.prepared.width, format: image.format })) problems.push(problemOf(r, smallMessage(r.written, image.prepared), "warning"));
  }
  if (Image) forgetDecodedImages();
  writeMemo(folders.cacheDir, memo, made);
  return { byWritten, problems };
}

/**
 * The image cache's record of what it holds: each prepared image by the sha256 of its file's path
 * and bytes, made by `recipe` (this module's code and the versions of eleventy-img and sharp:
 * another recipe makes other files, so its record counts for nothing).
 */
interface Memo {
  recipe: string;
  images: Record<string, { format: string; prepared: PreparedImage }>;
}

const MEMO_FILE = "prepared.json";

let recipeOf: string | undefined;
function recipe(): string {
  if (recipeOf) return recipeOf;
  const require = createRequire(import.meta.url);
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return "missing";
    }
  };
  const code = readFileSync(fileURLToPath(import.meta.url));
  return (recipeOf = hash("sha256", `${hash("sha256", code, "base64url")} eleventy-img ${version("@11ty/eleventy-img")} sharp ${version("sharp")}`, "base64url"));
}

/** The record in `cacheDir`, or an empty one (none, unreadable, or of another recipe). */
function readMemo(cacheDir: string): Memo {
  try {
    const memo = JSON.parse(readFileSync(join(cacheDir, MEMO_FILE), "utf8")) as Memo;
    if (memo?.recipe === recipe() && memo.images && typeof memo.images === "object") return memo;
  } catch {
    // none yet, or unreadable: every image is asked of eleventy-img
  }
  return { recipe: recipe(), images: {} };
}

/** This run's images become the record, written whole, when they differ from the last. */
function writeMemo(cacheDir: string, last: Memo, images: Memo["images"]): void {
  const next: Memo = { recipe: recipe(), images };
  const text = JSON.stringify(next);
  if (text === JSON.stringify(last)) return;
  const file = join(cacheDir, MEMO_FILE);
  try {
    writeFileSync(`${file}.${process.pid}`, text);
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // A record that cannot be written costs the next build time, never correctness.
  }
}

/** The record's key for an image file: its path and bytes; undefined when it cannot be read (sharp then says why). */
function recordKey(file: string): string | undefined {
  try {
    return hash("sha256", Buffer.concat([Buffer.from(`${file}\0`), readFileSync(file)]), "base64url");
  } catch {
    return undefined;
  }
}

/** A site path of a generated image: under /img/, made of a file name's characters, nothing to climb out by. */
const IMAGE_PATH = /^\/img\/(share\/)?[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * A recorded image is used only when it is of the shape Gazette writes, every file it names is a
 * regular file inside the cache folder still (someone may have emptied it; a link is not
 * followed), and every site path it gives is a generated image's: the build copies files to
 * those paths, so a record that said otherwise could write anywhere in (or out of) the site.
 */
function usable(image: Memo["images"][string], cacheDir: string): boolean {
  try {
    const { prepared } = image;
    const paths = [prepared.src, prepared.share.path, ...prepared.fallback.map((f) => f.path), ...prepared.sources.flatMap((s) => s.files.map((f) => f.path)), ...prepared.files.map((f) => f.path)];
    if (!paths.every((p) => (p === "" && prepared.fallback.length === 0) || (typeof p === "string" && IMAGE_PATH.test(p)))) return false;
    if (typeof image.format !== "string" || !Number.isFinite(prepared.width) || !Number.isFinite(prepared.height)) return false;
    return prepared.files.every(({ from }) => {
      const inside = relative(cacheDir, from);
      return typeof from === "string" && !inside.startsWith("..") && !isAbsolute(inside) && lstatSync(from, { throwIfNoEntry: false })?.isFile() === true;
    });
  } catch {
    return false; // not of the shape Gazette writes
  }
}

type ImageFn = typeof import("@11ty/eleventy-img").default;

async function prepareOne(Image: ImageFn, found: Extract<Inspected, { ok: true }>, cacheDir: string): Promise<PreparedImage> {
  const common = {
    outputDir: join(cacheDir, "page"),
    urlPath: IMAGE_FOLDER,
    // Refused above already; this keeps sharp itself from decoding more.
    sharpOptions: { limitInputPixels: MAX_PIXELS },
    // AVIF is the costly encode: at effort 1 of 9 (sharp's default 4) one photograph's twelve
    // files and share card take 0.66 CPU-seconds, at effort 2 2.85 s (docs/performance.md).
    sharpAvifOptions: { effort: 1 },
    sharpJpegOptions: { mozjpeg: true, quality: 78 },
    failOnError: true,
  };
  const svg = found.format === "svg";
  const fallback = FALLBACK[found.format] ?? "jpeg";
  const page = svg ? {} : await Image(found.file, { ...common, widths: [...WIDTHS], formats: ["avif", "webp", fallback] });
  const share = await Image(found.file, {
    ...common,
    outputDir: join(cacheDir, "share"),
    urlPath: `${IMAGE_FOLDER}share/`,
    formats: ["jpeg"],
    widths: [SHARE.width],
    // Filled to 1.91:1 around what sharp finds most interesting; transparency onto white (JPEG has none).
    transform: (s) => {
      s.resize(SHARE.width, SHARE.height, { fit: "cover", position: "attention" }).flatten({ background: "#ffffff" });
    },
  });
  const card = share.jpeg![0]!;
  const filesOf = (format: string): ImageFile[] => (page[format] ?? []).map((s) => ({ path: s.url, width: s.width }));
  const fallbackFiles = filesOf(fallback);
  return {
    width: found.width,
    height: found.height,
    src: svg ? "" : fallbackFiles.at(-1)!.path,
    fallback: fallbackFiles,
    sources: svg ? [] : (["avif", "webp"] as const).map((f) => ({ type: `image/${f}`, files: filesOf(f) })),
    // Its size from the crop, not the stats: taken from the cache, eleventy-img reports the
    // height the original's proportions would give, not the cropped file's.
    share: { path: card.url, width: SHARE.width, height: SHARE.height },
    files: [...Object.values(page).flat(), card].map((s) => ({ from: s.outputPath, path: s.url })),
  };
}

/**
 * A file that cannot be read is an error; a missing one a warning (the page shows a broken image,
 * as it always has), said here for the settings' share image; src/archive/warnings.ts says it for articles.
 */
function missingOrBroken(r: ImageRequest, found: { message: string; missing?: boolean }): Problem[] {
  if (!found.missing) return [problemOf(r, found.message, "error")];
  return r.field === "image" ? [] : [problemOf(r, found.message, "warning")];
}

function isSmall(found: { width: number; format: string }): boolean {
  return found.format !== "svg" && found.width < SHARE.width;
}

function smallMessage(written: string, found: { width: number; height: number }): string {
  return `public${written} is ${found.width}×${found.height}; link previews want at least ${SHARE.width}×${SHARE.height} (it is enlarged, and looks soft)`;
}

function problemOf(r: ImageRequest, message: string, severity: Problem["severity"]): Problem {
  return { file: r.file, line: r.line?.() ?? 1, field: r.field, message, severity };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}

/**
 * eleventy-img keeps, for the life of the process, every image it has seen with the file's bytes
 * (its memory cache, meant for templates asking for one image many times) and whether each output
 * file existed when it first looked (its disk cache's memo). Gazette asks once per image and
 * keeps the results itself, so both are emptied after each preparation: at 1,000 photographs the
 * first would hold every file in memory for the rest of the build, and in the preview (one
 * process, many rebuilds) the second would make every image be encoded again on each rebuild,
 * as it remembers the files as missing. The disk cache itself (the files in the cache folder) is
 * what builds reuse.
 */
function forgetDecodedImages(): void {
  try {
    const require = createRequire(import.meta.url);
    const caches = require("@11ty/eleventy-img/src/caches.js") as { memCache?: { cache: object }; diskCache?: { setExistsCache(c: unknown): void } };
    const ExistsCache = require("@11ty/eleventy-img/src/exists-cache.js") as new () => unknown;
    if (caches.memCache) caches.memCache.cache = {};
    caches.diskCache?.setExistsCache(new ExistsCache());
  } catch {
    // A later version may move them: the cost is memory and, in the preview, time; never correctness.
  }
}

/**
 * Copies the generated files the pages use from the cache into the site (`output`). Each file's
 * name carries a hash of its source and options, so a file already there (the preview's folder)
 * is the same file and is left alone.
 */
export async function copyImageFiles(files: readonly { from: string; path: string }[], output: string): Promise<void> {
  const { copyFile, mkdir, access } = await import("node:fs/promises");
  const folders = new Set(files.map((f) => dirname(join(output, f.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(
      files.slice(i, i + 64).map(async (f) => {
        const to = join(output, f.path);
        if (await access(to).then(() => true, () => false)) return;
        await copyFile(f.from, to);
      }),
    );
  }
}
