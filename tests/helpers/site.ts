// Builds a site the way `npm run build` does (a real child process, real Eleventy, real Pagefind)
// into a temporary folder, and reads what it wrote.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load, type CheerioAPI } from "cheerio";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const TSX = join(ROOT, "node_modules/.bin/tsx");
/** Test settings and pages, so tests do not depend on the sample site's. */
export const FIXTURE_CONTENT = join(ROOT, "tests/fixtures/content");

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The output folder. */
  out: string;
  /** The articles folder that was built. */
  articles: string;
  html(path: string): Promise<CheerioAPI>;
  text(path: string): Promise<string>;
}

/** Files to write, keyed by path relative to the articles folder. */
export type Files = Record<string, string>;

const made: string[] = [];

/** A fresh folder under the system's temp folder, removed after the test file (see setup.ts). */
export async function tempDir(prefix = "gazette-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made; GAZETTE_KEEP_TEST_OUTPUT=1 keeps them to look at. */
export async function removeTempDirs(): Promise<void> {
  if (process.env.GAZETTE_KEEP_TEST_OUTPUT) return;
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

export interface BuildOptions {
  /** Articles folder to build (default: a fresh temp folder holding `files`). */
  articles?: string;
  files?: Files;
  /** Output folder (default: a fresh temp folder). */
  out?: string;
  /** A content folder with its own site.json and pages/ (default: the project's content/). */
  contentDir?: string;
  env?: Record<string, string>;
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const work = await tempDir();
  const articles = options.articles ?? join(work, "articles");
  if (options.files) await writeFiles(articles, options.files);
  const out = options.out ?? join(work, "site");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GAZETTE_ARTICLES_DIR: articles,
    GAZETTE_OUTPUT_DIR: out,
    ...(options.contentDir ? { GAZETTE_CONTENT_DIR: options.contentDir } : {}),
    ...options.env,
  };
  delete env.ELEVENTY_RUN_MODE;
  const { code, stdout, stderr } = await run(TSX, [join(ROOT, "src/cli/build.ts")], env);
  return {
    code,
    stdout,
    stderr,
    out,
    articles,
    html: async (path) => load(await readFile(join(out, path), "utf8")),
    text: (path) => readFile(join(out, path), "utf8"),
  };
}

/** A copy of the fixture content folder with some settings changed. */
export async function fixtureContentWith(settings: Record<string, unknown>): Promise<string> {
  const dir = join(await tempDir(), "content");
  await cp(FIXTURE_CONTENT, dir, { recursive: true });
  const file = join(dir, "site.json");
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, "utf8")), ...settings }, null, 2));
  return dir;
}

/** A copy of the project's content folder (settings and pages) that a test may change. */
export async function copyContent(): Promise<string> {
  const dir = join(await tempDir(), "content");
  await cp(join(ROOT, "content"), dir, { recursive: true });
  return dir;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
