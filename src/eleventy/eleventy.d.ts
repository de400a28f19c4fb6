// Eleventy ships no types. These are the few parts of its API Gazette calls, in one place.
declare module "@11ty/eleventy" {
  export interface EleventyResult {
    inputPath: string;
    outputPath: string | false;
    url: string | false;
    content: string;
  }

  export interface EleventyAfterEvent {
    directories: { input: string; output: string; includes: string };
    results: EleventyResult[];
    runMode: "build" | "watch" | "serve";
  }

  export interface EleventyConfig {
    /** Resolved project folders (read once the build runs). */
    readonly directories: { input: string; output: string; includes: string };
    addGlobalData(name: string, value: unknown): void;
    /** `filter` gets each path found, relative to the copied folder ("/"-separated). */
    addPassthroughCopy(map: string | Record<string, string>, copyOptions?: { filter?: (path: string) => boolean }): void;
    addNunjucksGlobal(name: string, value: unknown): void;
    addWatchTarget(path: string): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    /** A filter registered by anyone (Eleventy itself, a plugin), e.g. `renderTransforms`. */
    getFilter(name: string): ((...args: never[]) => unknown) | undefined;
    addTransform(
      name: string,
      fn: (this: { page: { url: string | false; inputPath: string; outputPath: string | false } }, content: string) => Promise<string> | string,
    ): void;
    addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void, options?: O): void;
    on(event: "eleventy.after", fn: (event: EleventyAfterEvent) => Promise<void> | void): void;
    on(event: "eleventy.beforeWatch", fn: (changedFiles: string[]) => void): void;
    on(event: "eleventy.engine.njk", fn: (event: import("./stream.ts").NunjucksRuntime) => void): void;
  }

  export interface EleventyOptions {
    configPath?: string;
    /** Runs on the configuration before the config file does (Eleventy's programmatic API). */
    config?: (eleventyConfig: EleventyConfig) => void | Promise<void>;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    pathPrefix?: string;
  }

  /** Eleventy's own plugins Gazette's tests use. */
  export function IdAttributePlugin(config: EleventyConfig, options?: object): void;

  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    init(): Promise<void>;
    disableLogger(): void;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port: number): Promise<void>;
    watcher?: { on(event: string, fn: (path: string) => void): void; emit(event: string, path: string): void };
    errorHandler: { logger: { message(text: string, type?: string, color?: string, force?: boolean): void } };
  }
}

declare module "@11ty/eleventy-dev-server" {
  import type { IncomingMessage, Server, ServerResponse } from "node:http";

  export interface DevServerOptions {
    /** Run in order before the server's own handling of a request. */
    middleware?: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void)[];
    messageOnStart?: (info: { localhostUrl: string }) => string | false;
    [option: string]: unknown;
  }

  export default class EleventyDevServer {
    /** What Eleventy calls to make its server. */
    static getServer(name: string, dir: string, options: DevServerOptions): EleventyDevServer;
    constructor(name: string, dir: string, options: DevServerOptions);
    readonly server: Server;
    /** Not public API: starts listening (also again on the next port when one is in use). */
    _serverListen(port: number): void;
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { EleventyConfig } from "@11ty/eleventy";
  export function rssPlugin(config: EleventyConfig, options?: object): void;
}

// @11ty/eleventy-img (src/images/): the one call Gazette makes, and the stats it reads back.
declare module "@11ty/eleventy-img" {
  import type { Sharp, SharpOptions } from "sharp";
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    /** URL under `urlPath`. */
    url: string;
    /** MIME type, for <source type>. */
    sourceType: string;
    /** "url 800w" */
    srcset: string;
    filename: string;
    /** Where the file was written (or found, when cached), under `outputDir`. */
    outputPath: string;
    size: number;
  }
  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    sharpOptions?: SharpOptions;
    sharpJpegOptions?: object;
    sharpWebpOptions?: object;
    sharpAvifOptions?: object;
    svgShortCircuit?: boolean | "size";
    transform?: (sharp: Sharp) => void | Promise<void>;
    useCache?: boolean;
    failOnError?: boolean;
  }
  export default function Image(src: string, options: ImageOptions): Promise<Record<string, ImageStat[]>>;
}
