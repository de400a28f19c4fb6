// The preview's server and folder (`npm start`): Eleventy's dev server, kept local and strict.
//   folder  -> .preview/ at the project root (GAZETTE_PREVIEW_DIR), emptied at each start; never
//              the production output, so a deploy after a preview publishes no draft
//   host    -> the server listens on that address only: 127.0.0.1 unless asked otherwise
//   request -> listening on this computer only, addressed to another host name       -> 403
//              (a web page that points its own name at 127.0.0.1, "DNS rebinding", reads nothing)
//              live-reload socket opened by a page of another origin                   -> closed
//              (its messages carry the changed pages, drafts included)
//              malformed (bad percent-encoding, NUL, not a path)                    -> 400
//              not a page (encoded ../ or separators, dot-files, overlong, a link out) -> 404
//              anything else                                -> the dev server, from the folder
// Why here: the dev server (2.1) has no host option and always listens on every interface
// (11ty/eleventy-dev-server issue 128); it decodes a request's path with a bare
// decodeURIComponent, so one `/%zz` threw in its request handler and stopped the preview; and
// its check that a file lies in its folder compares string prefixes, which a sibling folder
// (`/..%2f.preview-old%2fx`) passes. The preview's error overlay script is served from here
// too, so it is never written into any output folder.
import { createRequire } from "node:module";
import { lstatSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { join, resolve } from "node:path";
import type EleventyDevServer from "@11ty/eleventy-dev-server";
import type { DevServerOptions } from "@11ty/eleventy-dev-server";
import type { Paths } from "../site.ts";
import { folderRefusal } from "../output.ts";
import { isInside, isPublishedPath } from "./public-files.ts";

/** The preview's folder when GAZETTE_PREVIEW_DIR does not name one. */
export const DEFAULT_PREVIEW_DIR = ".preview";

/** A file the preview leaves in its folder, so that it only ever empties a folder it made. */
const MARKER = ".gazette-preview";

/** Where pages load the error overlay from. A dot path: no page of the site can have it. */
export const PREVIEW_SCRIPT_URL = "/.gazette/preview-errors.js";
const PREVIEW_SCRIPT = new URL("./preview-errors.js", import.meta.url);

/** Longest request target answered; no page's path comes near (file systems stop at 4,096 bytes). */
const MAX_TARGET = 4096;

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The preview's folder: GAZETTE_PREVIEW_DIR (relative to the project) or .preview/. */
export function previewDir(paths: Paths, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(paths.root, env.GAZETTE_PREVIEW_DIR || DEFAULT_PREVIEW_DIR);
}

/**
 * Why `dir` cannot be the preview's folder, or undefined when it can: the rule every folder
 * Gazette empties is held to (src/output.ts), and it must not be the production output either
 * (the preview empties its folder when it starts).
 */
export async function previewDirProblem(dir: string, paths: Paths): Promise<string | undefined> {
  const reason = await folderRefusal(dir, paths, [[paths.output, "the production output folder"]]);
  return reason && `GAZETTE_PREVIEW_DIR: ${dir} ${reason}; the preview needs a folder of its own, such as ${DEFAULT_PREVIEW_DIR}`;
}

/**
 * Empties the preview's folder (pages of an earlier session, a deleted draft among them, must
 * not be served) and marks it as the preview's. A folder that holds files but no mark is not
 * the preview's: it is left alone and the reason returned.
 */
export async function preparePreviewDir(dir: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") return `GAZETTE_PREVIEW_DIR: ${dir} cannot be used (${code ?? (e as Error).message})`;
    entries = [];
  }
  if (entries.length && !entries.includes(MARKER)) {
    return `GAZETTE_PREVIEW_DIR: ${dir} holds files the preview did not write; name an empty or new folder, or remove it`;
  }
  try {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, MARKER), "The preview's folder (npm start): emptied each time the preview starts. Never publish it.\n");
  } catch (e) {
    return `GAZETTE_PREVIEW_DIR: ${dir} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  return undefined;
}

export interface Refusal {
  status: 400 | 403 | 404;
  reason: string;
}

/** Eleventy runs as the preview's server (npm start), not as a build. */
export function isPreviewRun(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

/** The host name of a Host or Origin value ("127.0.0.1:8080" -> "127.0.0.1"), or undefined. */
function hostnameOf(value: string | undefined, withScheme = false): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(withScheme ? value : `http://${value}`).hostname;
  } catch {
    return undefined;
  }
}

/** Whether only this computer can reach `host` (an address to listen on, or a Host header's name). */
export function isLoopback(host: string | undefined): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host ?? "");
}

/** Why a request is not for this preview, when it only listens on this computer. */
export function foreignHost(req: Pick<IncomingMessage, "headers">, local: boolean): Refusal | undefined {
  if (local && !isLoopback(hostnameOf(req.headers.host))) return { status: 403, reason: "addressed to a host name other than this computer's" };
  return undefined;
}

/** Whether a live-reload socket may open: for this preview, from one of its own pages (or no browser at all). */
export function socketAllowed(req: Pick<IncomingMessage, "headers">, local: boolean): boolean {
  if (foreignHost(req, local)) return false;
  const origin = req.headers.origin;
  return origin === undefined || hostnameOf(origin, true) === hostnameOf(req.headers.host);
}

/**
 * Whether a request target is refused before it reaches the dev server, and why. `dir` is the
 * folder served under `prefix` (the site's path prefix, "/" by default).
 */
export function refusal(target: string, dir: string, prefix = "/"): Refusal | undefined {
  if (target.length > MAX_TARGET) return { status: 404, reason: "longer than any page's path" };
  let pathname: string;
  try {
    pathname = new URL(target, "http://preview.invalid").pathname;
  } catch {
    return { status: 400, reason: "not a path" };
  }
  // The URL parser has already resolved `.`, `..` and their %2e forms; what is left encoded is
  // decoded one segment at a time, so a separator inside a segment stays visible.
  const segments: string[] = [];
  for (const raw of pathname.split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400, reason: "malformed percent-encoding" };
    }
    if (segment.includes("\0")) return { status: 400, reason: "a NUL character" };
    if (/[/\\]/.test(segment) || segment === "." || segment === "..") return { status: 404, reason: "an encoded path separator or dot segment" };
    segments.push(segment);
  }
  if (!isPublishedPath(segments.join("/"))) return { status: 404, reason: "a dot-file, never published" };
  // Nothing Gazette writes links out of the folder; whatever does is not followed.
  const base = prefix.split("/").filter(Boolean);
  if (base.every((s, i) => segments[i] === s)) {
    const file = join(dir, ...segments.slice(base.length));
    for (const candidate of [file, `${file}.html`, join(file, "index.html")]) {
      if (exists(candidate) && !isInside(dir, candidate)) return { status: 404, reason: "a link out of the preview folder" };
    }
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A request target as it may be printed: short, and no byte a terminal would act on. */
const printable = (target: string) => (target.length > 80 ? `${target.slice(0, 80)}…` : target).replace(/[^\x21-\x7e…]/g, "?");

function answer(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/plain; charset=utf-8");
  res.end(`${text}\n`);
}

/**
 * The first middleware of the preview's server: answers refused requests itself, serves the
 * error overlay's script, and turns anything the dev server throws on a request into a 500
 * (thrown in its handler, it would stop the process). Never throws.
 */
export function guardRequests(dir: string, prefix: string, local: boolean, log: (line: string) => void): Middleware {
  const script = readFileSync(PREVIEW_SCRIPT);
  return (req, res, next) => {
    const target = req.url ?? "/";
    try {
      const foreign = foreignHost(req, local);
      if (foreign) {
        log(`Refused a request for ${printable(req.headers.host ?? "no host")}: ${foreign.reason} (403)`);
        return answer(res, 403, "Forbidden: the preview answers only this computer's own addresses");
      }
      if (target.split("?")[0] === PREVIEW_SCRIPT_URL) {
        res.setHeader("content-type", "text/javascript; charset=utf-8");
        res.end(script);
        return;
      }
      const refused = refusal(target, dir, prefix);
      if (refused) {
        log(`Refused ${printable(target)}: ${refused.reason} (${refused.status})`);
        return answer(res, refused.status, refused.status === 404 ? "Not found" : "Bad request");
      }
      next();
    } catch (e) {
      log(`Could not serve ${printable(target)}: ${(e as Error).message}`);
      if (!res.headersSent) answer(res, 500, "The preview could not serve this request");
      else res.end();
    }
  };
}

export interface PreviewServerSettings {
  /** Address to listen on. */
  host: string;
  /** Only this computer can reach the address. */
  local: boolean;
  /** Runs before the dev server's own handling of every request. */
  guard: Middleware;
  /** The line printed once the server listens, from the dev server's http://localhost:PORT/ URL. */
  message(localhostUrl: string): string;
  /** Listening failed for another reason than a port in use (which the dev server retries). */
  onListenError(error: NodeJS.ErrnoException): void;
}

/**
 * Makes the dev server Eleventy loads (the copy it resolves, not another) listen on `host` and
 * run `guard` first. `getServer` is the documented entry point Eleventy calls to make its
 * server, on every start and restart; listening goes through `_serverListen`, which is not
 * public, so its presence is checked here and the binding is tested.
 */
export function installPreviewServer(settings: PreviewServerSettings): void {
  const load = createRequire(import.meta.resolve("@11ty/eleventy"));
  const DevServer = load("@11ty/eleventy-dev-server") as typeof EleventyDevServer;
  if (typeof DevServer.prototype._serverListen !== "function") {
    throw new Error("This version of @11ty/eleventy-dev-server cannot be made to listen on one address; the preview will not start open to the network.");
  }
  class PreviewServer extends DevServer {
    #errorsWatched = false;

    constructor(name: string, dir: string, options: DevServerOptions) {
      super(name, dir, {
        ...options,
        middleware: [settings.guard, ...(options.middleware ?? [])],
        messageOnStart: ({ localhostUrl }) => settings.message(localhostUrl),
      });
    }

    override _serverListen(port: number): void {
      if (!this.#errorsWatched) {
        this.#errorsWatched = true;
        this.server.on("error", (e: NodeJS.ErrnoException) => {
          if (e.code !== "EADDRINUSE") settings.onListenError(e);
        });
        // Before the dev server's socket server sees it (which then finds the socket closed).
        this.server.prependListener("upgrade", (req: IncomingMessage, socket: Duplex) => {
          if (!socketAllowed(req, settings.local)) socket.destroy();
        });
      }
      this.server.listen({ port, host: settings.host });
    }
  }
  DevServer.getServer = (name, dir, options) => new PreviewServer(name, dir, options);
}
