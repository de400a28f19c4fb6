// `npx tsx src/bench/images.mts [articles] [every] [runs]`: what lead images cost a build. A
// synthetic corpus (seed 42) where every `every`th article has its own 1600×1067 JPEG, built
// without images (`runs` times), with them from an empty image cache (once: every variant made),
// then from the filled cache (`runs` times). Prints each run's seconds, the medians, and the
// sizes of one image's generated files.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { cp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { writeCorpus } from "./corpus.ts";
import { PROJECT_ROOT } from "../site.ts";

const size = Number(process.argv[2] ?? 1000);
const every = Number(process.argv[3] ?? 1);
const runs = Number(process.argv[4] ?? 3);
const work = await mkdtemp(join(tmpdir(), "gazette-bench-images-"));
const articles = join(work, "articles");
const publicDir = join(work, "public");
await writeCorpus(articles, { size, seed: 42 });
await cp(join(PROJECT_ROOT, "public"), publicDir, { recursive: true });
await mkdir(join(publicDir, "images/bench"), { recursive: true });

// A photograph-like picture per article: smooth colour fields with detail, distinct per article.
const files = (await readdir(articles, { recursive: true })).filter((f) => f.endsWith(".md")).sort().filter((_, i) => i % every === 0);
for (let i = 0; i < files.length; i++) {
  const hue = (i * 37) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},50%,30%)"/></linearGradient></defs><rect width="1600" height="1067" fill="url(#g)"/>${Array.from({ length: 40 }, (_, k) => `<circle cx="${(k * 397 + i * 13) % 1600}" cy="${(k * 211 + i * 7) % 1067}" r="${20 + ((k * 31) % 90)}" fill="hsl(${(hue + k * 9) % 360},55%,${35 + (k % 40)}%)" opacity="0.7"/>`).join("")}</svg>`;
  await sharp(Buffer.from(svg)).blur(0.6).jpeg({ quality: 85 }).toFile(join(publicDir, `images/bench/${i}.jpg`));
}

async function setImages(on: boolean): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    const file = join(articles, files[i]!);
    const text = (await readFile(file, "utf8")).replace(/\nimage: .*\nimage_alt: .*/g, "");
    await writeFile(file, on ? text.replace(/^---\n/, `---\nimage: /images/bench/${i}.jpg\nimage_alt: Bench picture ${i}\n`) : text);
  }
}

function build(out: string, cache: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(join(PROJECT_ROOT, "node_modules/.bin/tsx"), [join(PROJECT_ROOT, "src/cli/build.ts")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, GAZETTE_ARTICLES_DIR: articles, GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cache, GAZETTE_OUTPUT_DIR: out },
      maxBuffer: 1 << 26,
    }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve((performance.now() - started) / 1000))),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result: Record<string, number[]> = { "no images": [], "images, empty cache": [], "images, cache filled": [] };
const out = join(work, "site");
const cache = join(work, "cache");
await setImages(false);
for (let r = 0; r < runs; r++) result["no images"]!.push(await build(out, join(work, "cache-none")));
await setImages(true);
result["images, empty cache"]!.push(await build(out, cache));
for (let r = 0; r < runs; r++) result["images, cache filled"]!.push(await build(out, cache));
for (const [name, xs] of Object.entries(result)) console.log(`${name}: ${xs.map((x) => x.toFixed(1)).join(", ")} s; median ${median(xs).toFixed(1)} s`);

// Bytes: the generated files of one article, and what a browser picks at 390 and 1280 px (by srcset rule: the first width ≥ the drawn width × DPR).
const imgDir = join(out, "img");
const names = await readdir(imgDir);
const total = (await Promise.all(names.filter((n) => n.includes(".")).map((n) => stat(join(imgDir, n)).then((s) => s.size)))).reduce((a, b) => a + b, 0);
console.log(`${size} articles, ${files.length} with an image; generated files: ${names.length} (+ share cards), ${(total / 2 ** 20).toFixed(1)} MiB`);
const hash = names.find((n) => n.endsWith("-240.avif"))!.slice(0, -"-240.avif".length);
const sample = names.filter((n) => n.startsWith(`${hash}-`));
for (const n of sample.sort()) console.log(`  ${n}: ${((await stat(join(imgDir, n))).size / 1024).toFixed(1)} KiB`);
const original = (await stat(join(publicDir, "images/bench/0.jpg"))).size;
console.log(`an original: ${(original / 1024).toFixed(1)} KiB`);
await rm(work, { recursive: true, force: true });
