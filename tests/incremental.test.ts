// Incremental production builds (src/incremental/): a build over the last one renders only the
// pages whose inputs changed, and its output is byte for byte a cold build's, file list
// included (the search index too). A property test applies seeded random edits (add, delete and
// edit articles; keywords, a keyword's name by its spelling elsewhere, aliases, dates, settings (one only metadata shows), a template, the stylesheet) and after each compares the
// incremental output with a cold build of the same content. Each kind of edit is applied once, in
// a seeded order; GAZETTE_INCREMENTAL_STEPS adds that many random edits, GAZETTE_INCREMENTAL_SEED
// runs another order.
import { appendFile, chmod, cp, link, lstat, mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, ROOT, tempDir, writeFiles } from "./helpers/site.ts";
import { treeHashes } from "./helpers/tree.ts";
import { planBundles, RECENT_FROM } from "../src/search/bundles.ts";

const EXTRA_STEPS = Number(process.env.GAZETTE_INCREMENTAL_STEPS ?? 0);
const SEED = Number(process.env.GAZETTE_INCREMENTAL_SEED ?? 20261203);

/** mulberry32: a small seeded generator, so a failing sequence can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYWORDS = ["Water", "Idlib", "Harbour", "Schools", "Wheat", "إدلب"];

interface Site {
  work: string;
  articles: string;
  content: string;
  templates: string;
  publicDir: string;
  out: string;
  env: Record<string, string>;
}

/** A small site of its own: articles, settings (small pages and search bundles) and templates that a test may change. */
async function smallSite(): Promise<Site> {
  const work = await tempDir("gazette-incremental-");
  const content = join(work, "content");
  await cp(FIXTURE_CONTENT, content, { recursive: true });
  const settings = JSON.parse(await readFile(join(content, "site.json"), "utf8"));
  await writeFile(join(content, "site.json"), JSON.stringify({ ...settings, pageSize: 2, search: { bundleSize: 3, processes: 2 } }, null, 2));
  const templates = join(work, "templates");
  await cp(join(ROOT, "templates"), templates, { recursive: true });
  const publicDir = join(work, "public");
  await cp(join(ROOT, "public"), publicDir, { recursive: true });
  const site = { work, articles: join(work, "articles"), content, templates, publicDir, out: join(work, "site"), env: { GAZETTE_CONTENT_DIR: content, GAZETTE_TEMPLATES_DIR: templates, GAZETTE_PUBLIC_DIR: publicDir } };
  return site;
}

async function build(site: Site, out = site.out) {
  const result = await buildSite({ articles: site.articles, out, env: site.env });
  expect(result.stderr, result.stdout).not.toMatch(/Build (stopped|failed)/);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** The incremental output against a cold build of the same content, byte for byte. */
async function expectSameAsCold(site: Site, step: string): Promise<void> {
  const cold = join(await tempDir("gazette-cold-"), "site");
  await build(site, cold);
  const [incremental, fresh] = await Promise.all([treeHashes(site.out), treeHashes(cold)]);
  expect(Object.keys(incremental), `${step}: file list`).toEqual(Object.keys(fresh));
  const differ = Object.keys(fresh).filter((f) => incremental[f] !== fresh[f]);
  expect(differ, `${step}: files that differ from a cold build`).toEqual([]);
  await rm(cold, { recursive: true, force: true });
}

describe("incremental build", () => {
  it(`equals a cold build after each edit of a seeded sequence (seed ${SEED}, ${EXTRA_STEPS} random steps more)`, { timeout: 600_000 + EXTRA_STEPS * 60_000 }, async () => {
    const site = await smallSite();
    const next = random(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const keywords = () => KEYWORDS.filter(() => next() < 0.4);
    const date = () => new Date(Date.UTC(2023 + Math.floor(next() * 3), Math.floor(next() * 12), 1 + Math.floor(next() * 28))).toISOString().slice(0, 10);
    const articles = new Map<string, Record<string, unknown>>();
    let made = 0;
    const add = () => {
      const n = made++;
      const fields = { title: `Article ${n}`, date: date(), keywords: keywords(), ...(next() < 0.2 ? { lang: "ar", title: `مقال ${n}` } : {}), body: `Paragraph ${n} about ${pick(KEYWORDS)}.` };
      articles.set(`a/n${n}.md`, fields);
      return `added a/n${n}.md`;
    };
    const save = () => writeFiles(site.articles, Object.fromEntries([...articles].map(([f, fields]) => [f, articleFile(fields)])));
    for (let i = 0; i < 7; i++) add();
    await save();
    const first = await build(site);
    expect(first.stdout).not.toMatch(/unchanged taken from the last build/);

    const edits: (() => Promise<string> | string)[] = [
      add,
      async () => {
        const file = pick([...articles.keys()]);
        articles.delete(file);
        await rm(join(site.articles, file));
        return `deleted ${file}`;
      },
      () => {
        const [file, fields] = pick([...articles]);
        fields.title = `${fields.title} (updated)`;
        fields.body = `${fields.body} More.`;
        return `edited the title and body of ${file}`;
      },
      () => {
        const [file, fields] = pick([...articles]);
        fields.keywords = keywords();
        return `changed the keywords of ${file}`;
      },
      () => {
        // A keyword's name is its most common spelling: respelled on most of its articles, it is
        // renamed on the others too, whose files did not change (keys count names, not files).
        const spelling = (k: unknown) => String(k).toLowerCase();
        const counts = new Map<string, number>();
        for (const fields of articles.values()) for (const k of fields.keywords as string[]) counts.set(spelling(k), (counts.get(spelling(k)) ?? 0) + 1);
        const [keyword] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
        const carrying = [...articles.values()].filter((f) => (f.keywords as string[]).some((k) => spelling(k) === keyword));
        const respelt = carrying.slice(0, Math.floor(carrying.length / 2) + 1);
        const current = (carrying[0]!.keywords as string[]).find((k) => spelling(k) === keyword)!;
        const other = current === current.toUpperCase() ? `${current[0]}${current.slice(1).toLowerCase()}` : current.toUpperCase();
        for (const f of respelt) f.keywords = (f.keywords as string[]).map((k) => (spelling(k) === keyword ? other : k));
        return `respelled the keyword ${keyword} as ${other} on ${respelt.length} of its ${carrying.length} articles`;
      },
      () => {
        // A notice is on its article's page and in the corrections list and feed, which count it.
        const [file, fields] = pick([...articles]);
        fields.corrections = [{ date: fields.date, type: pick(["correction", "update", "clarification"]), text: `Note ${Math.floor(next() * 1000)}.` }];
        return `gave ${file} a notice`;
      },
      () => {
        const [file, fields] = pick([...articles]);
        fields.aliases = [`/old/${Math.floor(next() * 1000)}/`];
        return `gave ${file} an alias`;
      },
      () => {
        const [file, fields] = pick([...articles]);
        fields.date = date();
        return `moved ${file} to ${fields.date}`;
      },
      async () => {
        const file = join(site.content, "site.json");
        const settings = JSON.parse(await readFile(file, "utf8"));
        settings.tagline = `Tagline ${Math.floor(next() * 1000)}`;
        settings.pageSize = pick([2, 3]);
        await writeFile(file, JSON.stringify(settings, null, 2));
        return `changed the settings (page size ${settings.pageSize})`;
      },
      async () => {
        // A setting that only page metadata shows (og:locale): keys count the settings file whole.
        const file = join(site.content, "site.json");
        const settings = JSON.parse(await readFile(file, "utf8"));
        const locale = settings.openGraph?.locales?.en === "en_US" ? "en_IE" : "en_US";
        settings.openGraph = { ...settings.openGraph, locales: { ...settings.openGraph?.locales, en: locale } };
        await writeFile(file, JSON.stringify(settings, null, 2));
        return `changed the Open Graph locale to ${locale}`;
      },
      async () => {
        await appendFile(join(site.templates, "_includes/layouts/base.njk"), `<!-- edited ${Math.floor(next() * 1000)} -->\n`);
        return "changed a template";
      },
      async () => {
        await appendFile(join(site.publicDir, "css/gazette.css"), `\n.edited-${Math.floor(next() * 1000)} { color: inherit; }\n`);
        return "changed the stylesheet";
      },
    ];
    // Every kind of edit once, in a seeded order, then GAZETTE_INCREMENTAL_STEPS random ones.
    const order = edits.map((edit) => ({ edit, at: next() })).sort((a, b) => a.at - b.at).map((e) => e.edit);
    for (let i = 0; i < EXTRA_STEPS; i++) order.push(pick(edits));
    let reusedSteps = 0;
    // Verbose builds say how many files came from the article cache (src/content/cache.ts).
    site.env.DEBUG = "1";
    let cachedSteps = 0;
    for (const [step, edit] of order.entries()) {
      const what = await edit();
      await save();
      const result = await build(site);
      if (/, [1-9]\d* unchanged taken from the last build/.test(result.stdout)) reusedSteps++;
      if (/Article cache: [1-9]\d* files taken/.test(result.stdout)) cachedSteps++;
      if (what === "changed a template") expect(result.stdout).toMatch(/Full build: Gazette, its dependencies, Node or the templates changed since the last build\./);
      await expectSameAsCold(site, `step ${step + 1} (${what})`);
    }
    expect(reusedSteps).toBeGreaterThanOrEqual(3); // article edits, the stylesheet: most pages taken
    expect(cachedSteps).toBeGreaterThanOrEqual(order.length - 1); // all but the template change (a new fingerprint)
  });

  it("publishes an article scheduled a few seconds ahead once its time has come, as a cold build would", { timeout: 180_000 }, async () => {
    const site = await smallSite();
    await writeFiles(site.articles, {
      "a/one.md": articleFile({ title: "Already out", date: "2024-05-01", keywords: ["Water"] }),
      "a/two.md": articleFile({ title: "Also out", date: "2024-05-02", keywords: ["Water"] }),
    });
    const at = Date.now() + 15_000;
    await writeFiles(site.articles, { "a/goes-live-by-itself.md": articleFile({ title: "Goes live by itself", date: new Date(at).toISOString().slice(0, 19) + "Z", keywords: ["Water"] }) });
    const before = await build(site);
    expect(before.stdout).not.toMatch(/Goes live/);
    expect(JSON.stringify(await treeHashes(site.out))).not.toMatch(/goes-live-by-itself/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now() + 1000)));
    const after = await build(site);
    expect(after.stdout).toMatch(/unchanged taken from the last build/);
    expect(Object.keys(await treeHashes(site.out)).some((f) => f.includes("goes-live-by-itself"))).toBe(true);
    await expectSameAsCold(site, "after the scheduled time");
  });

  it("takes an old year's sitemap file from the last build and writes this year's again when an article is added", { timeout: 180_000 }, async () => {
    const site = await smallSite();
    await writeFiles(site.articles, {
      "a/old.md": articleFile({ title: "Last year", date: "2023-03-01", keywords: ["Water"] }),
      "a/one.md": articleFile({ title: "First", date: "2024-05-01", keywords: ["Water"] }),
    });
    await build(site);
    const file = (year: string) => join(site.out, "sitemaps", `${year}.xml`);
    const [old, current] = await Promise.all([stat(file("2023")), readFile(file("2024"), "utf8")]);
    await writeFiles(site.articles, { "a/two.md": articleFile({ title: "Second", date: "2024-05-02", keywords: ["Water"], slug: "second" }) });
    await build(site);
    // The very file, linked into the new site: nothing in 2023 changed.
    expect((await stat(file("2023"))).ino).toBe(old.ino);
    const now = await readFile(file("2024"), "utf8");
    expect(now).not.toBe(current);
    expect(now).toContain("/2024/05/second/");
    await expectSameAsCold(site, "after an article of this year");
  });

  it("builds everything again, saying why in one line, when the last output or its record cannot be trusted", { timeout: 180_000 }, async () => {
    const site = await smallSite();
    await writeFiles(site.articles, {
      "a/one.md": articleFile({ title: "First", date: "2024-05-01", keywords: ["Water"] }),
      "a/two.md": articleFile({ title: "Second", date: "2024-05-02", keywords: ["Water"] }),
    });
    await build(site);
    const again = await build(site);
    expect(again.stdout).toMatch(/\(0 pages rendered, \d+ unchanged taken from the last build\)/);
    // Each indexed article's search record digest is kept in the record, with what vouches for it,
    // and never in the published index (keys are made of things not all published).
    const record = JSON.parse(await readFile(`${site.out}.gazette-build.json`, "utf8")) as { digests: Record<string, [string, string]> };
    expect(Object.keys(record.digests).sort()).toEqual(["/2024/05/one/", "/2024/05/two/"]);
    for (const [vouch, digest] of Object.values(record.digests)) expect([vouch, digest]).toEqual([expect.stringMatching(/\/\S+$/), expect.stringMatching(/^[\w-]{43}$/)]);
    expect(await readFile(join(site.out, "pagefind/gazette-bundles.json"), "utf8")).not.toContain("digests");

    // The output and its record restored elsewhere as copies with their times (as a CI cache
    // restores them): new inodes, still incremental.
    const restored = join(site.work, "restored");
    await cp(site.out, restored, { recursive: true, preserveTimestamps: true });
    await cp(`${site.out}.gazette-build.json`, `${restored}.gazette-build.json`, { preserveTimestamps: true });
    expect((await build(site, restored)).stdout).toMatch(/\(0 pages rendered, \d+ unchanged taken from the last build\)/);

    // Someone edited a page of the live site: it is not taken over, and the edit is gone.
    const page = join(site.out, "2024/05/two/index.html");
    await appendFile(page, "<!-- edited on the server -->");
    const afterEdit = await build(site);
    expect(afterEdit.stdout).toMatch(/^Full build: 1 file of the last build changed since it was written \(\/2024\/05\/two\/\)\.$/m);
    expect(await readFile(page, "utf8")).not.toMatch(/edited on the server/);
    await expectSameAsCold(site, "after an edit in the output");

    // A record that is not JSON.
    await writeFile(`${site.out}.gazette-build.json`, "{ not json");
    expect((await build(site)).stdout).toMatch(/^Full build: the record of the last build cannot be read\.$/m);

    // A page removed from the output.
    await rm(join(site.out, "2024/05/one/index.html"));
    expect((await build(site)).stdout).toMatch(/^Full build: 1 file of the last build changed since it was written \(\/2024\/05\/one\/\)\.$/m);
    await expectSameAsCold(site, "after a page was removed from the output");

    // No record (a first build into a folder that holds a site).
    await rm(`${site.out}.gazette-build.json`);
    expect((await build(site)).stdout).toMatch(/^Full build: no record of an earlier build\.$/m);
  });
});

describe("the folder a build writes into", () => {
  it("is the site the last build replaced, of which nothing is kept but the live site's own files", { timeout: 240_000 }, async () => {
    const site = await smallSite();
    const spare = `${site.out}.gazette-spare`;
    const day = (n: number, keyword = "Water") => articleFile({ title: `Day ${n}`, date: `2024-05-0${n}`, keywords: [keyword] });
    // The first stands alone (no related articles), so its page stays as it is.
    await writeFiles(site.articles, { "a/one.md": day(1, "Wheat"), "a/two.md": day(2) });
    await build(site);
    expect(await lstat(spare).catch(() => undefined), "a first build replaces no site").toBeUndefined();
    await writeFiles(site.articles, { "a/three.md": day(3) });
    await build(site);
    // The site replaced is kept, and a page both builds have is one file in both.
    const first = "2024/05/one/index.html";
    expect((await stat(join(spare, first))).ino).toBe((await stat(join(site.out, first))).ino);

    // Whatever the spare holds: a stray file, a page with other bytes, the live site's file at
    // another page's place, a symbolic link to a file outside, a folder where a page goes.
    const outside = join(site.work, "outside.txt");
    await writeFile(outside, "outside");
    await writeFile(join(spare, "stray.html"), "stray");
    await rm(join(spare, "2024/05/two/index.html"));
    await writeFile(join(spare, "2024/05/two/index.html"), "not the live page");
    await rm(join(spare, "keywords/water/feed.xml"));
    await link(join(site.out, first), join(spare, "keywords/water/feed.xml"));
    await mkdir(join(spare, "2024/05/three"), { recursive: true });
    await symlink(outside, join(spare, "2024/05/three/index.html"));
    // The live list of Wheat, which the next article changes: it is in the spare as the same file.
    const list = "keywords/wheat/index.html";
    expect((await stat(join(spare, list))).ino).toBe((await stat(join(site.out, list))).ino);
    const listBefore = await readFile(join(site.out, list), "utf8");

    await writeFiles(site.articles, { "a/four.md": day(4, "Wheat") });
    const result = await build(site);
    expect(result.stdout).toMatch(/\(\d+ pages rendered, [1-9]\d* unchanged taken from the last build\)/);
    await expectSameAsCold(site, "built in a recycled folder");
    expect(await readFile(outside, "utf8")).toBe("outside");
    // The page rendered again replaced the live site's file instead of writing into it: the site
    // it replaced (the spare now) still shows the list as it was.
    expect(await readFile(join(site.out, list), "utf8")).not.toBe(listBefore);
    expect(await readFile(join(spare, list), "utf8")).toBe(listBefore);

    // A build that fails leaves its folder as the spare, and the next build is still a cold one's equal.
    await writeFiles(site.articles, { "a/broken.md": articleFile({ title: "Broken", date: undefined }) });
    expect((await buildSite({ articles: site.articles, out: site.out, env: site.env })).code).toBe(1);
    await rm(join(site.articles, "a/broken.md"));
    await writeFiles(site.articles, { "a/five.md": day(5) });
    await build(site);
    await expectSameAsCold(site, "after a failed build");

    // A symbolic link in the spare's place is not followed: what it points at stays as it was.
    const elsewhere = join(site.work, "elsewhere");
    await writeFiles(elsewhere, { "index.html": "not a site" });
    await rm(spare, { recursive: true, force: true });
    await symlink(elsewhere, spare);
    await writeFiles(site.articles, { "a/six.md": day(6) });
    await build(site);
    expect(await treeHashes(elsewhere)).toEqual({ "index.html": expect.any(String) });
    expect(await readFile(join(elsewhere, "index.html"), "utf8")).toBe("not a site");
    await expectSameAsCold(site, "with a link in the spare's place");
  });

  it("takes an unchanged search bundle's folder whole from it, and nothing of a bundle's folder that is not the live site's", { timeout: 240_000 }, async () => {
    const site = await smallSite();
    const spare = `${site.out}.gazette-spare`;
    const dated = (title: string, date: string) => articleFile({ title, date, keywords: ["Water"] });
    // Three years of three articles: with bundles of three, each year is a bundle of its own.
    await writeFiles(site.articles, {
      "a/2021-1.md": dated("Old one", "2021-03-01"), "a/2021-2.md": dated("Old two", "2021-04-01"), "a/2021-3.md": dated("Old three", "2021-05-01"),
      "a/2022-1.md": dated("Mid one", "2022-03-01"), "a/2022-2.md": dated("Mid two", "2022-04-01"), "a/2022-3.md": dated("Mid three", "2022-05-01"),
      "a/2024-1.md": dated("New one", "2024-03-01"),
    });
    await build(site);
    await writeFiles(site.articles, { "a/2024-2.md": dated("New two", "2024-04-01") });
    await build(site);
    const manifest = JSON.parse(await readFile(join(site.out, "pagefind/gazette-bundles.json"), "utf8")) as { bundles: { dir: string; files: Record<string, number> }[] };
    const [tampered, untouched] = manifest.bundles.map((b) => b.dir).filter(Boolean);
    expect(tampered && untouched, "two bundles besides the newest").toBeTruthy();
    // The spare's bundle folders are the live site's files: one is left so, the other gets a file
    // with other bytes under a live file's name, a stray file, and loses a file.
    const files = Object.keys(manifest.bundles.find((b) => b.dir === tampered)!.files).filter((f) => f.includes("/"));
    const [changed, lost] = files;
    const at = (dir: string, file = "") => join(spare, "pagefind", dir, file);
    expect((await stat(at(tampered!, changed))).ino).toBe((await stat(join(site.out, "pagefind", tampered!, changed!))).ino);
    await rm(at(tampered!, changed));
    await writeFile(at(tampered!, changed), "not the live index's");
    await writeFile(at(tampered!, "stray.pf_meta"), "stray");
    await rm(at(tampered!, lost));
    // Folders no cold build has (empty, so no file list shows them), and a folder of its own mode.
    await mkdir(at(tampered!, "fragment/empty"));
    await mkdir(at(tampered!, "extra.pf_meta"));
    await chmod(at(tampered!, "fragment"), 0o700);
    const folderBefore = (await stat(at(untouched!))).ino;

    await writeFiles(site.articles, { "a/2024-3.md": dated("New three", "2024-05-01") });
    await build(site);
    await expectSameAsCold(site, "a search index built in a recycled folder");
    // The untouched bundle's folder is the spare's, moved into place: not made again, nor its files.
    expect((await stat(join(site.out, "pagefind", untouched!))).ino).toBe(folderBefore);
    expect(await readFile(join(site.out, "pagefind", tampered!, changed!), "utf8")).not.toBe("not the live index's");
    expect(await lstat(join(site.out, "pagefind", tampered!, "fragment/empty")).catch(() => undefined)).toBeUndefined();
    expect(await lstat(join(site.out, "pagefind", tampered!, "extra.pf_meta")).catch(() => undefined)).toBeUndefined();
    expect((await stat(join(site.out, "pagefind", tampered!, "fragment"))).mode & 0o777).toBe((await stat(join(site.out, "pagefind/fragment"))).mode & 0o777);
  });
});

describe("the folder's worker", () => {
  it("leaves the recycled folder as it is until what it waits for has happened, then clears it of all but the live site's files", async () => {
    const { BuildFolder } = await import("../src/incremental/folder.ts");
    const work = await tempDir("gazette-folder-");
    const live = join(work, "site");
    const folder = join(work, "recycled");
    await writeFiles(live, { "a/index.html": "live page" });
    await writeFiles(folder, { "stray/index.html": "not the live site's" });
    await mkdir(join(folder, "a"));
    await link(join(live, "a/index.html"), join(folder, "a/index.html"));
    let start!: () => void;
    const gate = new Promise<void>((resolve) => (start = resolve));
    const building = new BuildFolder(folder, live, true, gate);
    try {
      let kept: Set<string> | undefined;
      void building.kept().then((k) => (kept = k));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kept).toBeUndefined();
      expect(await readFile(join(folder, "stray/index.html"), "utf8")).toBe("not the live site's");
      start();
      expect([...(await building.kept())]).toEqual(["a/index.html"]);
      await expect(stat(join(folder, "stray/index.html"))).rejects.toThrow();
    } finally {
      await building.close();
    }
  });
});

describe("the rolling search bundle", () => {
  /** `perMonth` articles in each month of `year`, newest first. */
  const year = (y: number, perMonth: number) =>
    Array.from({ length: 12 * perMonth }, (_, i) => {
      const month = String(12 - Math.floor(i / perMonth)).padStart(2, "0");
      return { path: `/${y}/${month}/a${i}/`, year: String(y), month };
    });

  it("splits the newest month off a large newest bundle, so a day's article re-indexes only that month", () => {
    const articles = [...year(2025, 100), ...year(2024, 100)];
    const plain = planBundles(articles, 2500, RECENT_FROM);
    expect(plain.map((b) => [b.dir, b.key, b.articles.length])).toEqual([["", "2025-12", 100], ["2024-2025", "2024-2025", 2300]]);
    // One more article in December changes the rolling bundle only.
    const more = planBundles([{ path: "/2025/12/new/", year: "2025", month: "12" }, ...articles], 2500, RECENT_FROM);
    expect(more[1]).toEqual(plain[1]);
    expect(more[0]!.articles).toHaveLength(101);
  });

  it("leaves a newest bundle of RECENT_FROM articles or fewer as it is", () => {
    const small = year(2025, Math.floor(RECENT_FROM / 12));
    expect(planBundles(small, 2500, RECENT_FROM).map((b) => b.key)).toEqual(["2025"]);
  });
});
