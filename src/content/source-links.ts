// Links to originals -> warnings: dead links and permanent redirects, for `npm run check -- --links`.
//   [{ file, line, field: "source_url", url }] -> "x.md:5: warning: source_url: dead link (404 Not Found); …"
// Outlets move and vanish; an archive that cites them should notice before its readers do. The
// check needs the network, so it runs only when asked, with bounded concurrency and a timeout per
// link, and it keeps what it learnt in a cache file so a re-run asks only about links that are new
// or were last checked too long ago. A link's answer is shared by every article citing it.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Problem } from "./problems.ts";

/** One link to check, where it was written. */
export interface SourceLink {
  file: string;
  line?: number;
  field: string;
  url: string;
  /** For a dead original: whether the article already names an archived copy. */
  archived?: boolean;
}

/** What a link answered. */
export interface LinkAnswer {
  /** HTTP status, or 0 when no answer came (DNS, refused, timeout, TLS). */
  status: number;
  /** Why there was no answer, or the status text. */
  reason: string;
  /** Where a redirect points, resolved against the link. */
  location?: string;
  /** When it was asked (ms since the epoch). */
  checkedAt: number;
}

export interface LinkCheckOptions {
  /** Cache file (JSON); created when missing. */
  cacheFile: string;
  /** Answers younger than this are reused. Default 7 days. */
  maxAgeMs?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** For tests and the clock: default Date.now. */
  now?: () => number;
  /** How a link is asked; default `askLink` (fetch). */
  ask?: (url: string, timeoutMs: number) => Promise<Omit<LinkAnswer, "checkedAt">>;
}

const DAY = 24 * 60 * 60 * 1000;
const CACHE_FORMAT = 1;

export interface LinkCheckResult {
  problems: Problem[];
  /** Distinct links, and how many of them were asked (the rest came from the cache). */
  links: number;
  asked: number;
}

export async function checkSourceLinks(links: readonly SourceLink[], options: LinkCheckOptions): Promise<LinkCheckResult> {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? 7 * DAY;
  const cache = await readCache(options.cacheFile);
  const distinct = [...new Set(links.map((l) => l.url))];
  const stale = distinct.filter((url) => {
    const known = cache.get(url);
    return !known || now() - known.checkedAt > maxAge;
  });
  await inTurn(stale, options.concurrency ?? 8, async (url) => {
    const answer = await (options.ask ?? askLink)(url, options.timeoutMs ?? 10_000);
    cache.set(url, { ...answer, checkedAt: now() });
  });
  await writeCache(options.cacheFile, cache, distinct);
  const problems = links.flatMap((link) => {
    const message = verdict(link, cache.get(link.url)!);
    return message ? [{ file: link.file, line: link.line, field: link.field, message, severity: "warning" as const }] : [];
  });
  return { problems, links: distinct.length, asked: stale.length };
}

/** A warning for what a link answered, or undefined when it is fine. */
function verdict(link: SourceLink, answer: LinkAnswer): string | undefined {
  const { status } = answer;
  if (status === 301 || status === 308) {
    return `permanently moved (${status}) to ${answer.location ?? "an unnamed place"}; update the link`;
  }
  if (status >= 200 && status < 400) return undefined; // temporary redirects are the outlet's business
  // 401/403/429: the outlet refuses robots or rate-limits; the page may well be there.
  if (status === 401 || status === 403 || status === 429) return undefined;
  const what = status ? `dead link (${status}${answer.reason ? ` ${answer.reason}` : ""})` : `no answer (${answer.reason})`;
  const hint = link.field === "source_url" && !link.archived ? "; if the original is gone, add source_archive_url with an archived copy" : "";
  return `${what}${hint}`;
}

/**
 * Asks one link: HEAD first (cheap), GET when a server does not do HEAD. Redirects are not
 * followed, so a permanent move is seen; a temporary one counts as an answer.
 */
export async function askLink(url: string, timeoutMs: number): Promise<Omit<LinkAnswer, "checkedAt">> {
  const once = async (method: "HEAD" | "GET") => {
    const response = await fetch(url, {
      method,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: { "user-agent": "Gazette link check", accept: "text/html,*/*" },
    });
    await response.body?.cancel();
    const location = response.headers.get("location");
    return { status: response.status, reason: response.statusText, location: location ? new URL(location, url).href : undefined };
  };
  try {
    const head = await once("HEAD");
    return head.status === 405 || head.status === 501 ? await once("GET") : head;
  } catch (e) {
    // fetch wraps the network's reason (ECONNREFUSED, ENOTFOUND…) in `cause`, sometimes in an
    // AggregateError of one attempt per address.
    const error = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const code = error.cause?.code ?? error.cause?.errors?.find((x) => x.code)?.code;
    const reason = error.name === "TimeoutError" ? `no answer in ${timeoutMs / 1000} s` : (code ?? error.cause?.message ?? error.message);
    return { status: 0, reason };
  }
}

/** Runs `work` over `items` with at most `limit` at once. */
async function inTurn<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function readCache(file: string): Promise<Map<string, LinkAnswer>> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as { format?: number; links?: Record<string, LinkAnswer> };
    if (data.format !== CACHE_FORMAT || !data.links || typeof data.links !== "object") return new Map();
    return new Map(Object.entries(data.links).filter(([, a]) => typeof a?.status === "number" && typeof a.checkedAt === "number"));
  } catch {
    return new Map(); // none yet, or not one to trust
  }
}

/** Keeps only the links still cited, written whole (renamed into place). */
async function writeCache(file: string, cache: Map<string, LinkAnswer>, cited: readonly string[]): Promise<void> {
  const links = Object.fromEntries(cited.filter((url) => cache.has(url)).sort().map((url) => [url, cache.get(url)!]));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.part`, `${JSON.stringify({ format: CACHE_FORMAT, links }, null, 1)}\n`);
  await rename(`${file}.part`, file);
}
