// `npm run bench [-- --sizes 1000,10000,50000] [--runs 3] [--pairs 5] [--quick] [--skip-baseline]`
// For each size: a reproducible synthetic corpus; Gazette's full production build, cold, `runs`
// times; the baseline (bare Eleventy + Pagefind CLI) on the same corpus; medians, peak memory of
// the whole process tree, Gazette's phases, and Gazette ÷ baseline. Then the day's builds over
// the last cold run's site (one new article `pairs` times, each paired with the usual stack's full
// rebuild run right after it; one edited article; a settings change), each an incremental build.
// Five pairs by default: a day's build is short, so one busy spell on this shared machine moves
// its ratio more than a cold build's, and the median of five is moved by two such pairs, not one. Results go to bench/results/ as JSON and a Markdown table, and the table is printed.
import { cp, mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { writeBaselineProject } from "../bench/baseline.ts";
import { writeCorpus } from "../bench/corpus.ts";
import { measure, type Measured } from "../bench/measure.ts";
import { NODE_ARGS, PROJECT_ROOT as root } from "../site.ts";
import { runIfMain } from "./run.ts";

interface SizeResult {
  articles: number;
  corpusMb: number;
  gazette: { seconds: number[]; peakRssMb: number[]; median: { seconds: number; peakRssMb: number }; phasesMs: Record<string, number>; pages: number; siteMb: number; indexMb: number };
  /** Builds over the last cold run's site after one change each, in turn (a newsroom's usual builds). */
  dayBuilds?: DayBuild[];
  /** The usual stack's full rebuilds after each new article (median), run beside the day's builds. */
  baselineRebuild?: { seconds: number; peakRssMb: number };
  /** Median of one new article's day's build ÷ the full rebuild run right after it. */
  newArticleRatio?: number;
  baseline?: { build: { seconds: number[]; peakRssMb: number[] }; index: { seconds: number[]; peakRssMb: number[] }; median: { seconds: number; peakRssMb: number }; pages: number };
  ratio?: { time: number; memory: number };
}

interface DayBuild {
  change: string;
  seconds: number;
  peakRssMb: number;
  /** Streamed pages rendered, and taken unchanged from the last build. */
  rendered?: number;
  reused?: number;
  /** "5 of 6 bundles unchanged, reused", when the search index reused any. */
  bundles?: string;
  /** The build's one line when it could not build incrementally. */
  full?: string;
  /** It ran out of its heap limit and built again without one. */
  outOfHeap?: true;
  phasesMs: Record<string, number>;
  /** The usual stack's full rebuild of the same corpus, run right after this build. */
  baselineRebuild?: { seconds: number; peakRssMb: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function folderStats(dir: string): Promise<{ files: number; html: number; bytes: number }> {
  let files = 0;
  let html = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith(".html")) html++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, html, bytes };
}

function fail(what: string, run: Measured): never {
  throw new Error(`${what} failed (exit ${run.code}):\n${run.output.slice(-3000)}`);
}

export async function bench(args = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: "1000,10000" },
      runs: { type: "string", default: "3" },
      pairs: { type: "string", default: "5" },
      quick: { type: "boolean", default: false },
      "skip-baseline": { type: "boolean", default: false },
      seed: { type: "string", default: "42" },
    },
  });
  const sizes = values.quick ? [1000] : values.sizes.split(",").map(Number);
  const runs = values.quick ? 1 : Number(values.runs);
  const pairs = values.quick ? 1 : Number(values.pairs);
  const work = await mkdtemp(join(tmpdir(), "gazette-bench-"));
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) results.push(await benchSize(work, size, { runs, pairs, seed: Number(values.seed), baseline: !values["skip-baseline"] }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeResults(results, runs, pairs, `${values.quick ? "-quick" : ""}-${sizes.join("-")}`);
  return 0;
}

/** One size: the corpus, `runs` cold builds of Gazette and of the baseline in turn, then a day's build. */
async function benchSize(work: string, size: number, options: { runs: number; pairs: number; seed: number; baseline: boolean }): Promise<SizeResult> {
  const corpus = join(work, `corpus-${size}`);
  console.error(`\n${size} articles: writing the corpus…`);
  const stats = await writeCorpus(corpus, { size, seed: options.seed });
  // A copy of the settings and pages, so the day's builds can change a setting.
  const content = join(work, `content-${size}`);
  await cp(join(root, "content"), content, { recursive: true, filter: (f) => !f.startsWith(join(root, "content", "articles")) });
  const env = { ...process.env, GAZETTE_ARTICLES_DIR: corpus, GAZETTE_CONTENT_DIR: content };
  // Gazette and the baseline take turns, so a busy spell on this shared machine hits both.
  // No output is deleted until the bench ends: on some file systems (ext4 without a journal,
  // as here) creating files just after tens of thousands were deleted costs up to 40 % more
  // time, and whichever tool ran next would pay for the other's clean-up.
  const gazette: Measured[] = [];
  const phases: Record<string, number>[] = [];
  const baseline: BaselineRun[] = [];
  let out = "";
  for (let i = 0; i < options.runs; i++) {
    out = join(work, `gazette-${size}-${i}`);
    const timings = join(work, `timings-${size}-${i}.json`);
    // A fresh folder each time, with no record of an earlier build: a cold, full build.
    const run = await measure(process.execPath, [...NODE_ARGS, join(root, "src/cli/build.ts")], {
      cwd: root,
      env: { ...env, GAZETTE_OUTPUT_DIR: out, GAZETTE_TIMINGS: timings },
    });
    if (run.code !== 0) fail("Gazette build", run);
    await previousSiteRemoved(out);
    gazette.push(run);
    phases.push(JSON.parse(await readFile(timings, "utf8")));
    console.error(`  Gazette run ${i + 1}: ${run.seconds.toFixed(1)} s, ${run.peakRssMb} MB${ranOutOfHeap(run.output) ? OUT_OF_HEAP : ""}`);
    if (options.baseline) baseline.push(await baselineRun(join(work, `baseline-${size}-${i}`), corpus, i));
  }
  const result = await summarise(size, stats.bytes, gazette, phases, out, baseline);
  result.dayBuilds = [];
  const rebuilds: { seconds: number; peakRssMb: number }[] = [];
  for (const [change, apply] of DAY_CHANGES) {
    // The newsroom's usual build, one new article, is paired `pairs` times with the usual stack's
    // full rebuild of the same corpus, run right after it, so each pair meets the same load.
    const paired = change === DAY_CHANGES[0]![0];
    for (let i = 0; i < (paired ? options.pairs : 1); i++) {
      await apply(corpus, content, i);
      const day = await dayBuild(change, out, env, join(work, `timings-${size}-day.json`));
      result.dayBuilds.push(day);
      console.error(`  Gazette day's build, ${change}: ${day.seconds} s, ${day.peakRssMb} MB${day.full ? ` (${day.full})` : `, ${day.rendered} pages rendered, ${day.reused} taken`}${day.outOfHeap ? OUT_OF_HEAP : ""}`);
      if (paired && options.baseline) {
        const run = await baselineRun(join(work, `baseline-${size}-day-${i}`), corpus, options.runs + i);
        const rebuild = { seconds: round(run.build.seconds + run.index.seconds), peakRssMb: Math.max(run.build.peakRssMb, run.index.peakRssMb) };
        rebuilds.push(rebuild);
        day.baselineRebuild = rebuild;
      }
    }
  }
  if (rebuilds.length) {
    const ratios = result.dayBuilds.filter((d) => d.baselineRebuild).map((d) => d.seconds / d.baselineRebuild!.seconds);
    result.baselineRebuild = { seconds: median(rebuilds.map((r) => r.seconds)), peakRssMb: median(rebuilds.map((r) => r.peakRssMb)) };
    // Three places: the target is a ratio of 0.1, which two would round 0.104 down to.
    result.newArticleRatio = round(median(ratios), 3);
  }
  return result;
}

/**
 * A build past its heap limit builds again without one (src/cli/build.ts): slower and larger. Said
 * beside its figures, so that a change that needs more memory shows as that, not as noise.
 */
const ranOutOfHeap = (output: string) => /needed more than its \d+ MB heap/.test(output);
const OUT_OF_HEAP = " (ran out of its heap limit and built again without one)";

/** The day's changes, applied in turn to the corpus and the settings. */
const DAY_CHANGES: [string, (corpus: string, content: string, i: number) => Promise<void>][] = [
  ["one new article", async (corpus, _content, i) => {
    // On the corpus's newest day, as a newsroom adds one (the i-th of the day).
    const newest = join(corpus, (await articleFiles(corpus)).at(-1)!);
    const text = (await readFile(newest, "utf8")).replace(/^title: .*$/m, `title: "One more article for the benchmark, number ${i + 1}"`);
    await writeFile(join(dirname(newest), `${basename(newest).slice(0, 10)}-one-more-article-${i + 1}.md`), text);
  }],
  ["one edited article", async (corpus) => {
    // A correction to an article from the middle of the archive: a sentence added to its body.
    const files = await articleFiles(corpus);
    const file = join(corpus, files[Math.floor(files.length / 2)]!);
    await writeFile(file, `${await readFile(file, "utf8")}\nThis article was corrected for the benchmark.\n`);
  }],
  ["a settings change", async (_corpus, content) => {
    // A new tagline: shown on every page, so every page is rendered again.
    const file = join(content, "site.json");
    const settings = JSON.parse(await readFile(file, "utf8")) as { tagline?: string };
    await writeFile(file, JSON.stringify({ ...settings, tagline: `${settings.tagline ?? ""} (changed for the benchmark)` }, null, 2));
  }],
];

const articleFiles = async (corpus: string) => (await readdir(corpus, { recursive: true })).filter((f) => f.endsWith(".md")).sort();

/** One incremental build over `out`, which holds the last build, measured. */
async function dayBuild(change: string, out: string, env: NodeJS.ProcessEnv, timings: string): Promise<DayBuild> {
  const run = await measure(process.execPath, [...NODE_ARGS, join(root, "src/cli/build.ts")], {
    cwd: root,
    env: { ...env, GAZETTE_OUTPUT_DIR: out, GAZETTE_TIMINGS: timings },
  });
  if (run.code !== 0) fail(`Gazette day's build (${change})`, run);
  await previousSiteRemoved(out);
  const phasesMs = JSON.parse(await readFile(timings, "utf8")) as Record<string, number>;
  const pages = /\((\d+) pages rendered, (\d+) unchanged taken from the last build\)/.exec(run.output);
  return {
    change,
    seconds: round(run.seconds),
    peakRssMb: run.peakRssMb,
    ...(pages ? { rendered: Number(pages[1]), reused: Number(pages[2]) } : {}),
    bundles: Object.keys(phasesMs).find((k) => k.includes("unchanged, reused"))?.replace(/^search index: /, ""),
    full: /^Full build: (.*)\.$/m.exec(run.output)?.[1],
    ...(ranOutOfHeap(run.output) ? { outOfHeap: true as const } : {}),
    phasesMs,
  };
}

/**
 * Waits until the site a build replaced is gone: it is removed by a process of its own after the
 * swap (src/output.ts), which must not slow whatever is measured next.
 */
async function previousSiteRemoved(out: string): Promise<void> {
  const removing = async () => (await readdir(dirname(out))).some((n) => n.startsWith(`${basename(out)}.removing-`));
  while (await removing()) await new Promise((r) => setTimeout(r, 100));
}

interface BaselineRun {
  build: Measured;
  index: Measured;
  pages: number;
}

/** The usual stack on the same corpus: a bare Eleventy site, then the Pagefind CLI over it. */
async function baselineRun(project: string, corpus: string, i: number): Promise<BaselineRun> {
  await writeBaselineProject(project, corpus);
  const build = await measure(process.execPath, [join(root, "node_modules/@11ty/eleventy/cmd.cjs"), "--config=eleventy.config.mjs", "--quiet"], { cwd: project });
  if (build.code !== 0) fail("Baseline Eleventy build", build);
  const index = await measure(join(root, "node_modules/.bin/pagefind"), ["--site", "_site"], { cwd: project });
  if (index.code !== 0) fail("Baseline Pagefind", index);
  console.error(`  baseline run ${i + 1}: build ${build.seconds.toFixed(1)} s ${build.peakRssMb} MB, index ${index.seconds.toFixed(1)} s ${index.peakRssMb} MB`);
  return { build, index, pages: (await folderStats(join(project, "_site"))).html };
}

/** Medians, the median run's phases, sizes, and Gazette ÷ baseline. */
async function summarise(size: number, corpusBytes: number, gazette: Measured[], phases: Record<string, number>[], out: string, baseline: BaselineRun[]): Promise<SizeResult> {
  const total = (p: Record<string, number>) => Object.values(p).reduce((s, v) => s + v, 0);
  const sorted = [...phases].sort((a, b) => total(a) - total(b));
  const site = await folderStats(out);
  const index = await folderStats(join(out, "pagefind"));
  const result: SizeResult = {
    articles: size,
    corpusMb: round(corpusBytes / 1e6, 1),
    gazette: {
      seconds: gazette.map((r) => round(r.seconds)),
      peakRssMb: gazette.map((r) => r.peakRssMb),
      median: { seconds: round(median(gazette.map((r) => r.seconds))), peakRssMb: median(gazette.map((r) => r.peakRssMb)) },
      phasesMs: sorted[Math.floor((sorted.length - 1) / 2)]!,
      pages: site.html,
      siteMb: round(site.bytes / 1e6, 1),
      indexMb: round(index.bytes / 1e6, 1),
    },
  };
  if (!baseline.length) return result;
  const totals = baseline.map((b) => b.build.seconds + b.index.seconds);
  const peaks = baseline.map((b) => Math.max(b.build.peakRssMb, b.index.peakRssMb));
  result.baseline = {
    build: { seconds: baseline.map((b) => round(b.build.seconds)), peakRssMb: baseline.map((b) => b.build.peakRssMb) },
    index: { seconds: baseline.map((b) => round(b.index.seconds)), peakRssMb: baseline.map((b) => b.index.peakRssMb) },
    median: { seconds: round(median(totals)), peakRssMb: median(peaks) },
    pages: baseline.at(-1)!.pages,
  };
  result.ratio = {
    time: round(result.gazette.median.seconds / result.baseline.median.seconds),
    memory: round(result.gazette.median.peakRssMb / result.baseline.median.peakRssMb),
  };
  return result;
}

/** The table on standard output; JSON and Markdown in bench/results/. */
async function writeResults(results: SizeResult[], runs: number, pairs: number, suffix: string): Promise<void> {
  const table = markdownTable(results, runs);
  console.log(table);
  const dir = join(root, "bench/results");
  await mkdir(dir, { recursive: true });
  const name = `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-")}${suffix}`;
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify({ date: new Date().toISOString(), runs, pairs, node: process.version, results }, null, 2)}\n`);
  await writeFile(join(dir, `${name}.md`), `${table}\n`);
  console.error(`\nResults: bench/results/${name}.{json,md}`);
}

function markdownTable(results: SizeResult[], runs: number): string {
  const lines = [
    `Medians of ${runs} cold run${runs === 1 ? "" : "s"}; memory is the peak RSS of the whole process tree.`,
    "",
    "| articles | Gazette time | Gazette memory | baseline time (build + index) | baseline memory | time ratio | memory ratio | pages | site | search index |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    const b = r.baseline;
    lines.push(
      `| ${r.articles} | ${r.gazette.median.seconds} s | ${r.gazette.median.peakRssMb} MB | ${b ? `${b.median.seconds} s (${median(b.build.seconds)} + ${median(b.index.seconds)})` : "–"} | ${b ? `${b.median.peakRssMb} MB` : "–"} | ${r.ratio?.time ?? "–"} | ${r.ratio?.memory ?? "–"} | ${r.gazette.pages} | ${r.gazette.siteMb} MB | ${r.gazette.indexMb} MB |`,
    );
  }
  lines.push(
    "",
    "Day's builds over the last cold run's site, one change each, in turn (incremental), beside the usual stack's full rebuild after the new article (run right after them) and its cold median:",
    "",
    "| articles | change | Gazette | pages rendered / taken | search bundles | ÷ Gazette cold | ÷ baseline rebuild | ÷ baseline cold |",
    "|---:|---|---:|---:|---|---:|---:|---:|",
  );
  for (const r of results) {
    for (const d of r.dayBuilds ?? []) {
      const pages = d.full ? `full build: ${d.full}` : d.rendered === undefined ? "–" : `${d.rendered} / ${d.reused}`;
      const vs = (b?: { seconds: number }) => (b ? String(round(d.seconds / b.seconds, 3)) : "–");
      const beside = d.baselineRebuild ? ` (beside ${d.baselineRebuild.seconds} s)` : "";
      lines.push(`| ${r.articles} | ${d.change} | ${d.seconds} s, ${d.peakRssMb} MB | ${pages} | ${d.bundles ?? "none reused"} | ${round(d.seconds / r.gazette.median.seconds)} | ${vs(d.baselineRebuild ?? r.baselineRebuild)}${beside} | ${vs(r.baseline?.median)} |`);
    }
    if (r.baselineRebuild) lines.push(`| ${r.articles} | baseline: full rebuild after a new article (median) | ${r.baselineRebuild.seconds} s, ${r.baselineRebuild.peakRssMb} MB | all | all | – | 1 | – |`);
  }
  for (const r of results) if (r.newArticleRatio !== undefined) lines.push("", `${r.articles} articles, one new article: median of the ${r.dayBuilds?.filter((d) => d.baselineRebuild).length} paired ratios ${r.newArticleRatio} × the usual stack's full rebuild.`);
  lines.push("", "Gazette phases (ms, the run whose phases add up to the median total):", "");
  for (const r of results) lines.push(`- ${r.articles} articles: ${Object.entries(r.gazette.phasesMs).map(([k, v]) => `${k} ${v}`).join("; ")}`);
  return lines.join("\n");
}

runIfMain(import.meta.url, () => bench());
