// What the build's code is: a hash of everything besides the content that shapes a page, so a
// page is taken from the last build only when it was made by the same code.
//   paths -> sha256 of Gazette's source (src/, and public/js/search-words.js, which makes search
//            records' word forms), the templates folder, eleventy.config.ts, the
//            locked dependencies (Eleventy, Pagefind, markdown-it …), Node's version and its ICU
//            (dates and plurals are formatted with it), the time zone and the folder templates
//            are named from (Eleventy's page.inputPath)
// Any change here makes the next build a full one: a template, a filter or a dependency can
// change every page, and nothing cheaper can tell which.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Paths } from "../site.ts";

/** Every file under `dir` (sorted, with its path) into `hash`; a missing folder counts as empty. */
async function hashTree(hash: ReturnType<typeof createHash>, dir: string, label: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  // Read all at once, hashed in order: read one after another, each read waited for a turn of the
  // event loop, which the modules loading meanwhile hold up (the fingerprint came 55 ms after them).
  const texts = await Promise.all(files.map((file) => readFile(file)));
  files.forEach((file, i) => hash.update(`${label}/${relative(dir, file)}\0`).update(texts[i]!).update("\0"));
}

/** Installed version of a dependency: what actually runs, whatever the lock file says. */
async function installed(root: string, name: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "missing";
  }
}

export async function codeFingerprint(paths: Paths): Promise<string> {
  const hash = createHash("sha256");
  const src = createHash("sha256");
  const templates = createHash("sha256");
  // The search records' word forms are made by the search page's own module (public/js).
  const files = ["eleventy.config.ts", "package.json", "package-lock.json", "public/js/search-words.js"];
  const dependencies = ["@11ty/eleventy", "pagefind", "nunjucks", "markdown-it", "luxon"];
  const [, , texts, versions] = await Promise.all([
    hashTree(src, join(paths.root, "src"), "src"),
    hashTree(templates, paths.templates, "templates"),
    Promise.all(files.map((file) => readFile(join(paths.root, file)).catch(() => Buffer.from("missing")))),
    Promise.all(dependencies.map((name) => installed(paths.root, name))),
  ]);
  hash.update(src.digest()).update(templates.digest());
  files.forEach((file, i) => hash.update(`${file}\0`).update(texts[i]!).update("\0"));
  dependencies.forEach((name, i) => hash.update(`${name}@${versions[i]}\0`));
  // The time zone database too (process.versions.tz): a Node built on the system's ICU gets new
  // zone rules without a new ICU version, and the article cache trusts the offsets it stored.
  hash.update(`node ${process.version} icu ${process.versions.icu} tzdata ${process.versions.tz ?? ""} tz ${process.env.TZ ?? ""} ${Intl.DateTimeFormat().resolvedOptions().timeZone}\0`);
  hash.update(`templates at ${relative(process.cwd(), paths.templates)}\0`);
  return hash.digest("hex");
}
