// The search index across builds: a bundle whose pages did not change is taken from the last
// build (its files linked, so the same inodes), a changed one is indexed again, and anything the
// last build left that cannot be trusted is indexed again too.
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, tempDir, writeFiles, type BuildResult } from "./helpers/site.ts";

// bundleSize 2: 2024 is the root bundle, 2022 and 2023 the bundle /pagefind/2022-2023/.
const files = {
  "2024/harvest.md": articleFile({ title: "Harvest in the north", date: "2024-05-01", body: "Wheat prices rose in the spring." }),
  "2024/port.md": articleFile({ title: "Port reopens", date: "2024-03-01", body: "Ships returned to the harbour." }),
  "2023/dam.md": articleFile({ title: "Dam finished", date: "2023-06-01", body: "Water for the whole valley." }),
  "2022/school.md": articleFile({ title: "School year begins", date: "2022-09-01", body: "Pupils returned to class." }),
};
const OLD_BUNDLE = "pagefind/2022-2023";

/** Every page text in one bundle's fragments (gzip, behind Pagefind's signature). */
async function bundleText(out: string, bundle: string): Promise<string> {
  const dir = join(out, bundle, "fragment");
  const texts = await Promise.all((await readdir(dir)).map(async (f) => gunzipSync(await readFile(join(dir, f))).toString("utf8")));
  return texts.join("\n");
}

/** File -> inode, for the files under `dir` (folders are always made anew). */
async function inodes(dir: string): Promise<Map<string, number>> {
  const entries = await Promise.all((await readdir(dir, { recursive: true })).map(async (n) => [n, await stat(join(dir, n))] as const));
  return new Map(entries.filter(([, s]) => s.isFile()).map(([n, s]) => [n, s.ino]));
}

describe("search index across builds", () => {
  let contentDir: string;
  let articles: string;
  let out: string;
  let timings: string;
  const rebuild = async (): Promise<{ site: BuildResult; phases: Record<string, number> }> => {
    const site = await buildSite({ articles, out, contentDir, env: { GAZETTE_TIMINGS: timings } });
    expect(site.code, site.stderr).toBe(0);
    return { site, phases: JSON.parse(await readFile(timings, "utf8")) };
  };
  const reusedPhase = (phases: Record<string, number>) => Object.keys(phases).find((k) => k.includes("unchanged, reused"));

  beforeAll(async () => {
    contentDir = await fixtureContentWith({ search: { bundleSize: 2 } });
    const work = await tempDir();
    articles = join(work, "articles");
    out = join(work, "site");
    timings = join(work, "timings.json");
    await writeFiles(articles, files);
    const first = await rebuild();
    expect(reusedPhase(first.phases)).toBeUndefined(); // nothing to reuse the first time
  });

  it("reuses an unchanged bundle's files and indexes a changed one again", async () => {
    const before = await inodes(join(out, OLD_BUNDLE));
    const rootBefore = await inodes(join(out, "pagefind/fragment"));
    expect(await bundleText(out, "pagefind")).not.toContain("barley");

    await writeFiles(articles, { "2024/harvest.md": articleFile({ title: "Harvest in the north", date: "2024-05-01", body: "Wheat and barley prices rose in the spring." }) });
    const { phases } = await rebuild();

    expect(reusedPhase(phases)).toBe("search index: 1 of 2 bundles unchanged, reused");
    expect(await inodes(join(out, OLD_BUNDLE))).toEqual(before);
    expect(await bundleText(out, OLD_BUNDLE)).toContain("Water for the whole valley");
    // The changed bundle is new: the edited page's new words are in it, its files are new ones.
    expect(await bundleText(out, "pagefind")).toContain("Wheat and barley prices rose");
    const rootAfter = await inodes(join(out, "pagefind/fragment"));
    expect([...rootAfter.values()].filter((ino) => [...rootBefore.values()].includes(ino)).length).toBeLessThan(rootAfter.size);
  });

  it("indexes again a bundle whose files the last build no longer has", async () => {
    await rm(join(out, OLD_BUNDLE), { recursive: true });
    const { phases } = await rebuild();
    expect(reusedPhase(phases)).toBe("search index: 1 of 2 bundles unchanged, reused");
    expect(await bundleText(out, OLD_BUNDLE)).toContain("Pupils returned to class");
  });

  it("indexes again a bundle of which one file is missing or cut short", async () => {
    const fragments = join(out, OLD_BUNDLE, "fragment");
    const [first] = await readdir(fragments);
    await rm(join(fragments, first!));
    const { phases } = await rebuild();
    expect(reusedPhase(phases)).toBe("search index: 1 of 2 bundles unchanged, reused");
    expect(await readdir(fragments)).toHaveLength(2);
    expect(await bundleText(out, OLD_BUNDLE)).toContain("Pupils returned to class");
    expect(await bundleText(out, OLD_BUNDLE)).toContain("Water for the whole valley");

    const [name] = await readdir(fragments);
    await writeFile(join(fragments, name!), "");
    expect(reusedPhase((await rebuild()).phases)).toBe("search index: 1 of 2 bundles unchanged, reused");
    expect((await stat(join(fragments, name!))).size).toBeGreaterThan(0);
  });

  it("reuses nothing written by another Pagefind version", async () => {
    const manifest = join(out, "pagefind/gazette-bundles.json");
    const recorded = JSON.parse(await readFile(manifest, "utf8"));
    expect(recorded.bundles.map((b: { dir: string }) => b.dir)).toEqual(["", "2022-2023"]);
    await writeFile(manifest, JSON.stringify({ ...recorded, pagefind: "0.0.1" }));
    const before = await inodes(join(out, OLD_BUNDLE));
    const { phases } = await rebuild();
    expect(reusedPhase(phases)).toBeUndefined();
    const after = await inodes(join(out, OLD_BUNDLE));
    expect([...after.values()].some((ino) => [...before.values()].includes(ino))).toBe(false);
    expect(await bundleText(out, OLD_BUNDLE)).toContain("Water for the whole valley");
  });
});
