// The index's layout: bundles written to temporary folders -> one /pagefind/ folder.
//   .part-0 (newest bundle) -> pagefind/              every file Pagefind writes but its own UIs
//   .part-1 (key 2022-2023) -> pagefind/2022-2023/    index data only: the first bundle's script
//                                                     and WebAssembly serve every bundle
// A small site is one bundle, laid out exactly as Pagefind lays it out.
import { readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Where a bundle is written first, and the folder it goes to under the root ("" for the root). */
export interface BundleFolders {
  temp: string;
  dir: string;
}

/** Written beside the index by the reuse manifest (src/search/manifest.ts). */
export const MANIFEST = "gazette-bundles.json";

/** Pagefind's own interfaces, which Gazette's search page replaces; only the highlighter is used. */
const UNUSED_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css"];

/** What the search page needs from a bundle that is merged into the first; the rest is the first's. */
const BUNDLE_DATA = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;

/** Besides the first bundle's own files, the root holds the manifest and the other bundles' folders. */
export const notOfFirstBundle = (dirs: readonly string[]): string[] => [MANIFEST, ...dirs.filter(Boolean)];

/** A bundle's temporary folder beside the root: "<root>.part-<i>". */
export const tempFolder = (root: string, i: number): string => `${root}.part-${i}`;

/** Bundle folders -> the first at `root`, the rest in sub-folders with their index data only. */
export async function layOut(bundles: readonly BundleFolders[], root: string): Promise<void> {
  // The manifest goes first: a tree left half-removed must not be trusted by the next build.
  await rm(join(root, MANIFEST), { force: true });
  await rm(root, { recursive: true, force: true });
  const [first, ...rest] = bundles;
  await rename(first!.temp, root);
  await Promise.all(UNUSED_FILES.map((f) => rm(join(root, f), { force: true })));
  for (const bundle of rest) {
    const target = join(root, bundle.dir);
    await rename(bundle.temp, target);
    for (const name of await readdir(target)) if (!BUNDLE_DATA.test(name)) await rm(join(target, name), { recursive: true, force: true });
  }
}

/** Bundle folders left beside `root` by an interrupted run (the preview writes into a live folder) -> removed. */
export async function removeLeftovers(root: string): Promise<void> {
  const prefix = `${basename(root)}.part-`;
  for (const name of await readdir(dirname(root))) if (name.startsWith(prefix)) await rm(join(dirname(root), name), { recursive: true, force: true });
}
