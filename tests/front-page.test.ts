// Issue 16, points 6–8, on built output: the news front page (lead, secondary row, latest list,
// side column), lead images made responsive by eleventy-img (AVIF/WebP, srcset, width/height,
// share cards, the cache between builds, refusals), and a phone's first screen in Chromium.
import { readFileSync } from "node:fs";
import { cp, mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { browserSkipReason, serveToBrowser, type ServedSite } from "./helpers/browser.ts";
import { buildSite, fixtureContentWith, ROOT, run, tempDir, writeFiles, type BuildResult } from "./helpers/site.ts";

const TSX = join(ROOT, "node_modules/.bin/tsx");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A copy of public/ (stylesheet, logo) with test images: a photograph, a small one, an SVG, a share image. */
async function publicWithImages(): Promise<string> {
  const dir = join(await tempDir(), "public");
  await cp(join(ROOT, "public"), dir, { recursive: true });
  await mkdir(join(dir, "images"), { recursive: true });
  // Photograph-like: colour fields with soft shapes (noise would be no photograph, and no encoder's case).
  const picture = (w: number, h: number) =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#f6c98b"/><stop offset="1" stop-color="#2d566f"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#g)"/>${Array.from({ length: 30 }, (_, k) => `<circle cx="${(k * 397) % w}" cy="${(k * 211) % h}" r="${20 + ((k * 31) % 90)}" fill="hsl(${k * 12},55%,${35 + (k % 40)}%)" opacity="0.7"/>`).join("")}</svg>`)).blur(0.6);
  await picture(2000, 1200).jpeg({ quality: 85 }).toFile(join(dir, "images/photo.jpg"));
  await picture(800, 500).jpeg({ quality: 85 }).toFile(join(dir, "images/small.jpg"));
  await picture(1200, 630).png().toFile(join(dir, "images/share.png"));
  await writeFile(join(dir, "images/map.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600" viewBox="0 0 900 600"><rect width="900" height="600" fill="#5b8aa6"/><circle cx="450" cy="300" r="120" fill="#f7a552"/></svg>');
  return dir;
}

const SETTINGS = { openGraph: { image: "/images/share.png", locales: { en: "en_GB", ar: "ar_SY" } } };

function articles(): Record<string, string> {
  const long = "Fishermen returned to the quay on Tuesday. ".repeat(40);
  return {
    "a/photo.md": articleFile({
      title: "Harbour reopens to fishing boats after the breakwater is repaired at last",
      subtitle: "Fishermen return to the quay after eight months, but fuel costs keep many boats ashore",
      date: "2025-03-01",
      source: "The Orontes Courier",
      author: ["سامر الحلبي (Samer al-Halabi)"],
      translator: ["Rana Haddad", "Omar Khatib"],
      editor: "Maya Saleh",
      original_title: "إعادة افتتاح ميناء",
      original_date: "2025-03-01",
      original_language: "ar",
      source_url: "https://courier.example.org/harbour",
      keywords: ["Harbour", "Fisheries"],
      image: "/images/photo.jpg",
      image_alt: "Boats at the quay",
      image_credit: "Test photograph",
      body: long,
    }),
    // Newer, but without an image: the lead is the newest with one among the first five.
    "a/newest.md": articleFile({ title: "Council meets on water", date: "2025-03-05", keywords: ["Harbour"] }),
    "a/svg.md": articleFile({ title: "A map of the crossing", date: "2025-02-20", keywords: ["Harbour"], image: "/images/map.svg", image_alt: "A map" }),
    "a/remote.md": articleFile({ title: "Remote picture", date: "2025-02-10", keywords: ["Fisheries"], image: "https://cdn.example.org/pic.jpg", image_alt: "Elsewhere" }),
    "a/small.md": articleFile({ title: "Small picture", date: "2025-02-01", image: "/images/small.jpg", image_alt: "Small" }),
    "a/arabic.md": articleFile({ title: "وصول شاحنات البذور", date: "2025-01-15", lang: "ar", source: "جريدة السنابل", keywords: ["البذور"] }),
    "a/corrected.md": articleFile({
      title: "Corrected story",
      date: "2025-01-10",
      corrections: [{ date: "2025-01-12", type: "correction", text: "An earlier version gave the wrong date." }],
    }),
    ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`a/older-${i}.md`, articleFile({ title: `Older story ${i}`, date: `2024-12-0${i + 1}`, keywords: ["Harbour"] })])),
  };
}

let publicDir: string;
let cacheDir: string;
let contentDir: string;
let site: BuildResult;

beforeAll(async () => {
  publicDir = await publicWithImages();
  cacheDir = join(await tempDir(), "image-cache");
  contentDir = await fixtureContentWith(SETTINGS);
  site = await buildSite({ files: articles(), contentDir, env: { GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cacheDir } });
  if (site.code !== 0) throw new Error(site.stderr);
}, 180_000);

async function size(path: string) {
  const meta = await sharp(join(site.out, path)).metadata();
  return { width: meta.width, height: meta.height, format: meta.format === "heif" ? meta.compression : meta.format };
}

/** "/img/x-480.avif 480w, …" -> [["/img/x-480.avif", 480], …] */
function srcsetOf(value: string | undefined): [string, number][] {
  return (value ?? "").split(", ").map((part) => {
    const [url, w] = part.split(" ");
    return [url!, Number(w!.replace("w", ""))];
  });
}

describe("lead images", () => {
  it("are shown as <picture> with AVIF and WebP beside the original format, srcset, sizes and the size of the image", async () => {
    const $ = await site.html("2025/03/photo/index.html");
    const picture = $(".lead-image picture");
    const types = picture.find("source").map((_, s) => $(s).attr("type")).get();
    expect(types).toEqual(["image/avif", "image/webp"]);
    const img = picture.find("img");
    expect(img.attr("width")).toBe("2000");
    expect(img.attr("height")).toBe("1200");
    expect(img.attr("alt")).toBe("Boats at the quay");
    // The image at the top of the article is fetched first; nothing on it is lazy.
    expect(img.attr("loading")).toBe("eager");
    expect(img.attr("fetchpriority")).toBe("high");
    expect(img.attr("sizes")).toMatch(/\d+rem/);
    // Every file named in a srcset exists, in its format, at the width it claims and the original's proportions.
    const sets: [string, string | undefined][] = [
      ["avif", picture.find('source[type="image/avif"]').attr("srcset")],
      ["webp", picture.find('source[type="image/webp"]').attr("srcset")],
      ["jpeg", img.attr("srcset")],
    ];
    for (const [format, srcset] of sets) {
      const files = srcsetOf(srcset);
      expect(files.map(([, w]) => w)).toEqual([240, 480, 960, 1440]);
      for (const [url, width] of files) {
        expect(await size(url)).toEqual({ width, height: Math.floor((width * 1200) / 2000), format: format === "avif" ? "av1" : format });
      }
    }
    expect(srcsetOf(img.attr("srcset")).at(-1)![0]).toBe(img.attr("src"));
    // Smaller files for the same picture: AVIF and WebP are worth their bytes.
    const bytes = async (srcset: string | undefined) => (await stat(join(site.out, srcsetOf(srcset).at(-1)![0]))).size;
    expect(await bytes(sets[0]![1])).toBeLessThan(await bytes(sets[2]![1]));
  });

  it("give link previews a 1200×630 JPEG made from the lead image, an SVG rasterised, else the site's share image", async () => {
    const shareOf = async (path: string) => {
      const $ = await site.html(path);
      const og = $('meta[property="og:image"]').attr("content")!;
      expect($('meta[name="twitter:image"]').attr("content")).toBe(og);
      expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
      expect([$('meta[property="og:image:width"]').attr("content"), $('meta[property="og:image:height"]').attr("content")]).toEqual(["1200", "630"]);
      const local = new URL(og).pathname;
      expect(await size(local)).toEqual({ width: 1200, height: 630, format: "jpeg" });
      return local;
    };
    const photo = await shareOf("2025/03/photo/index.html");
    const svg = await shareOf("2025/02/svg/index.html");
    const home = await shareOf("index.html");
    const plain = await shareOf("2025/03/newest/index.html");
    expect(new Set([photo, svg, home]).size).toBe(3);
    expect(plain).toBe(home);
    // The SVG is shown as it is, with its declared size.
    const $ = await site.html("2025/02/svg/index.html");
    expect($(".lead-image img").attr("src")).toBe("/images/map.svg");
    expect([$(".lead-image img").attr("width"), $(".lead-image img").attr("height")]).toEqual(["900", "600"]);
    expect($(".lead-image source")).toHaveLength(0);
    // JSON-LD names the share card too.
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as { image?: string[] }[];
    expect(ld[0]!.image![0]).toBe(`https://ledger.example.org${svg}`);
  });

  it("never fetch an http(s) image: it stays a plain <img> as written", async () => {
    const $ = await site.html("2025/02/remote/index.html");
    const img = $(".lead-image img");
    expect(img.attr("src")).toBe("https://cdn.example.org/pic.jpg");
    expect(img.attr("srcset")).toBeUndefined();
    expect($(".lead-image source")).toHaveLength(0);
    expect($('meta[property="og:image"]').attr("content")).toBe("https://cdn.example.org/pic.jpg");
  });

  it("mark og:locale in Open Graph's language_TERRITORY form, from the settings", async () => {
    expect((await site.html("2025/03/photo/index.html"))('meta[property="og:locale"]').attr("content")).toBe("en_GB");
    expect((await site.html("2025/01/arabic/index.html"))('meta[property="og:locale"]').attr("content")).toBe("ar_SY");
  });

  it("are made once: a second build takes every file from the cache folder and writes the same site", async () => {
    const $ = await site.html("2025/03/photo/index.html");
    const avif = srcsetOf($('.lead-image source[type="image/avif"]').attr("srcset")).at(-1)![0];
    const cached = join(cacheDir, "page", avif.replace("/img/", ""));
    const before = (await stat(cached)).mtimeMs;
    const again = await buildSite({ files: articles(), contentDir, env: { GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cacheDir } });
    expect(again.code, again.stderr).toBe(0);
    expect((await stat(cached)).mtimeMs).toBe(before);
    expect(await readFile(join(again.out, avif))).toEqual(await readFile(join(site.out, avif)));
    expect(await again.text("2025/03/photo/index.html")).toBe(await site.text("2025/03/photo/index.html"));
  }, 180_000);

  it("are found by the image cache's record while their bytes are the same and their files are there; else made again", async () => {
    const { prepareImages } = await import("../src/images/lead-images.ts");
    const dir = join(await tempDir(), "record");
    await mkdir(join(dir, "public/images"), { recursive: true });
    const photo = (colour: string) => sharp({ create: { width: 1300, height: 700, channels: 3, background: colour } }).jpeg().toFile(join(dir, "public/images/a.jpg"));
    await photo("#336699");
    await sharp({ create: { width: 1200, height: 630, channels: 3, background: "#993366" } }).png().toFile(join(dir, "public/images/b.png"));
    const folders = { publicDir: join(dir, "public"), publicFiles: new Set(["/images/a.jpg", "/images/b.png"]), cacheDir: join(dir, "cache") };
    const requests = ["/images/a.jpg", "/images/b.png"].map((written) => ({ written, file: "a/x.md", field: "image" }));
    const first = await prepareImages(requests, folders);
    const recordFile = join(folders.cacheDir, "prepared.json");
    type Record = { images: { [key: string]: { prepared: { width: number; files: { from: string; path: string }[] } } } };
    const record = JSON.parse(await readFile(recordFile, "utf8")) as Record;
    expect(Object.keys(record.images)).toHaveLength(2);
    // What a second run goes by is the record: a width written into it comes back as it is.
    for (const image of Object.values(record.images)) image.prepared.width += 1;
    await writeFile(recordFile, JSON.stringify(record));
    const second = await prepareImages(requests, folders);
    expect([second.byWritten.get("/images/a.jpg")!.width, second.byWritten.get("/images/b.png")!.width]).toEqual([1301, 1201]);
    // One of a's files gone from the cache folder: a is made again (its true width), b still taken.
    const [aKey] = Object.entries(record.images).find(([, v]) => v.prepared.width === 1301)!;
    await rm(record.images[aKey]!.prepared.files[0]!.from);
    const third = await prepareImages(requests, folders);
    expect([third.byWritten.get("/images/a.jpg")!.width, third.byWritten.get("/images/b.png")!.width]).toEqual([1300, 1201]);
    expect(third.byWritten.get("/images/a.jpg")).toEqual(first.byWritten.get("/images/a.jpg"));
    // A record that is not of the shape Gazette writes, or that would copy a file out of /img/ or
    // from a link, is not used: the image is made again.
    const bKey = Object.keys(record.images).find((k) => k !== aKey)!;
    const trueB = first.byWritten.get("/images/b.png")!;
    const tampered = async (change: (image: Record["images"][string]) => void) => {
      const now = JSON.parse(await readFile(recordFile, "utf8")) as Record;
      now.images[bKey]!.prepared.width = 4242;
      change(now.images[bKey]!);
      await writeFile(recordFile, JSON.stringify(now));
      return (await prepareImages(requests, folders)).byWritten.get("/images/b.png")!;
    };
    expect((await tampered(() => undefined)).width).toBe(4242); // the record is read, as above
    expect(await tampered((image) => (image.prepared.files[0]!.path = "/../../escaped.jpg"))).toEqual(trueB);
    expect(await tampered((image) => (image.prepared.files[0]!.path = "/index.html"))).toEqual(trueB);
    expect(await tampered((image) => ((image as { prepared: object }).prepared = { width: 4242 }))).toEqual(trueB);
    const outside = join(await tempDir(), "outside.jpg");
    await writeFile(outside, "not in the cache");
    const linked = join(folders.cacheDir, "share", "linked.jpeg");
    await symlink(outside, linked);
    expect(await tampered((image) => (image.prepared.files[0]!.from = linked))).toEqual(trueB);
    // Other bytes at the same path: other files, and the record holds only this run's images.
    await photo("#ffcc00");
    const fourth = await prepareImages(requests, folders);
    expect(fourth.byWritten.get("/images/a.jpg")!.src).not.toBe(first.byWritten.get("/images/a.jpg")!.src);
    expect(Object.keys((JSON.parse(await readFile(recordFile, "utf8")) as Record).images)).toHaveLength(2);
  }, 180_000);

  it("that cannot be read stop the build, naming the file, line and field; one too small for a share card is a warning in check", async () => {
    await writeFile(join(publicDir, "images/broken.jpg"), "not a picture at all");
    // 64 megapixels of one colour: a small file that would decode to 256 MB.
    await sharp({ create: { width: 8000, height: 8000, channels: 4, background: "#ffffff" } }).png().toFile(join(publicDir, "images/huge.png"));
    const files = {
      "a/broken.md": articleFile({ title: "Broken", image: "/images/broken.jpg", image_alt: "x" }),
      "a/huge.md": articleFile({ title: "Huge", image: "/images/huge.png", image_alt: "x" }),
      "a/small.md": articleFile({ title: "Small", image: "/images/small.jpg", image_alt: "x" }),
    };
    const failed = await buildSite({ files, contentDir, env: { GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cacheDir } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/a\/broken\.md:5: image: public\/images\/broken\.jpg cannot be read as an image/);
    // Every problem in one run.
    expect(failed.stderr).toMatch(/a\/huge\.md:5: image: public\/images\/huge\.png is 8000×8000 pixels; lead images are read up to 50 megapixels/);
    const articlesDir = join(await tempDir(), "articles");
    await writeFiles(articlesDir, files);
    const noShare = await fixtureContentWith({ openGraph: { image: "/images/none.png" } });
    const check = await run(TSX, [join(ROOT, "src/cli/check.ts")], { ...process.env, GAZETTE_ARTICLES_DIR: articlesDir, GAZETTE_CONTENT_DIR: noShare, GAZETTE_PUBLIC_DIR: publicDir });
    const output = check.stdout + check.stderr;
    expect(output).toMatch(/site\.json:1: warning: openGraph\.image: no file public\/images\/none\.png/);
    expect(output).toMatch(/a\/small\.md:5: warning: image: public\/images\/small\.jpg is 800×500; link previews want at least 1200×630/);
    expect(output).toMatch(/a\/broken\.md:5: image: public\/images\/broken\.jpg cannot be read/);
  }, 180_000);

  it("read nothing outside public/: a link out of it is no file, and an SVG's reference to a file outside is not drawn", async () => {
    // A bright red picture outside public/, reached by a link inside it and by an SVG's <image>.
    const outside = join(await tempDir(), "red.png");
    await sharp({ create: { width: 400, height: 400, channels: 3, background: "#ff0000" } }).png().toFile(outside);
    await symlink(outside, join(publicDir, "images/linked.png"));
    await writeFile(
      join(publicDir, "images/hostile.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1200" height="630"><rect width="1200" height="630" fill="#ffffff"/><image href="file://${outside}" xlink:href="file://${outside}" width="1200" height="630"/><image href="../../red.png" width="1200" height="630"/><image href="linked.png" xlink:href="linked.png" width="1200" height="630"/></svg>`,
    );
    const linked = await buildSite({ files: { "a/linked.md": articleFile({ title: "Linked", date: "2025-03-02", image: "/images/linked.png", image_alt: "x" }) }, contentDir, env: { GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cacheDir } });
    // Not a published file (check warns of a missing image): the file outside is neither copied nor read.
    expect(linked.code, linked.stderr).toBe(0);
    await expect(stat(join(linked.out, "images/linked.png"))).rejects.toThrow();
    const site = await buildSite({ files: { "a/hostile.md": articleFile({ title: "Hostile map", date: "2025-03-02", image: "/images/hostile.svg", image_alt: "x" }) }, contentDir, env: { GAZETTE_PUBLIC_DIR: publicDir, GAZETTE_IMAGE_CACHE_DIR: cacheDir } });
    expect(site.code, site.stderr).toBe(0);
    const card = (await site.html("2025/03/hostile/index.html"))('meta[property="og:image"]').attr("content")!;
    const { channels } = await sharp(join(site.out, new URL(card).pathname)).stats();
    // White, as drawn in the file itself: no red picture painted over it.
    expect(channels[1]!.mean).toBeGreaterThan(240);
    expect(channels[2]!.mean).toBeGreaterThan(240);
  }, 180_000);
});

describe("the front page", () => {
  it("has a lead story with its image, a row of secondary stories, then the latest list: every article of the page once, in order", async () => {
    const $ = await site.html("index.html");
    const titles = (sel: string) => $(sel).map((_, e) => $(e).text().trim()).get();
    // The newest with an image among the first five leads; the newest without one opens the row.
    expect(titles(".front-lead__title")).toEqual(["Harbour reopens to fishing boats after the breakwater is repaired at last"]);
    expect($(".front-lead picture img").attr("loading")).toBe("eager");
    expect(titles(".front-secondary__title")).toEqual(["Council meets on water", "A map of the crossing", "Remote picture"]);
    const latest = titles(".front-latest .card__title");
    expect(latest[0]).toBe("Small picture");
    expect(latest).toHaveLength(13 - 4);
    // Page 1 still holds the same articles as the plain list would.
    const all = [...titles(".front-lead__title"), ...titles(".front-secondary__title"), ...latest];
    expect(new Set(all).size).toBe(13);
    // Thumbnails where the article has an image, decorative (the headline is beside them) and lazy.
    const thumb = $(".front-latest .card").first().find(".card__thumb img");
    expect([thumb.attr("alt"), thumb.attr("loading"), thumb.attr("width")]).toEqual(["", "lazy", "800"]);
  });

  it("uses the side column for the most-used keywords and the latest notices", async () => {
    const $ = await site.html("index.html");
    const keywords = $(".front__side .tags a").map((_, a) => [[$(a).find("bdi").text(), $(a).attr("href"), $(a).find(".count").text()]]).get();
    expect(keywords[0]).toEqual(["Harbour", "/keywords/harbour/", "9"]);
    expect(keywords.map((k) => k[0])).toContain("البذور");
    expect($('.front__side bdi[lang="ar"]').text()).toBe("البذور");
    const notice = $(".front-notices li").first();
    expect(notice.find("a").text()).toBe("Corrected story");
    expect(notice.find("a").attr("href")).toBe("/2025/01/corrected/#correction-20250112-correction");
  });

  it("leaves the other lists as they were: plain cards, each with a thumbnail when it has an image", async () => {
    const $ = await site.html("keywords/harbour/index.html");
    expect($(".front, .front-lead")).toHaveLength(0);
    expect($(".article-list > .card")).toHaveLength(9);
    expect($(".card__thumb img").map((_, i) => $(i).attr("loading")).get()).toEqual(["lazy", "lazy"]);
  });
});

describe.skipIf(!!browserSkipReason)("in Chromium", () => {
  let server: ServedSite;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveToBrowser(site.out);
    browser = server.browser;
  });
  afterAll(() => server?.close());

  it("a phone's first screen (390×844) shows the headline, a one-line byline and the lead image; the provenance follows", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/2025/03/photo/`);
    const box = (sel: string) => page.locator(sel).first().evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height, lineHeight: parseFloat(getComputedStyle(e).lineHeight) };
    });
    const title = await box(".article__title");
    const byline = await box(".byline");
    const image = await box(".lead-image img");
    const provenance = await box(".provenance");
    expect(title.bottom).toBeLessThan(844);
    expect(byline.top).toBeGreaterThan(title.bottom);
    expect(byline.height).toBeLessThan(byline.lineHeight * 1.5);
    // At least a fifth of the image is on the first screen.
    expect(image.top).toBeLessThan(844 - image.height / 5);
    expect(provenance.top).toBeGreaterThan(image.bottom);
    expect(await page.locator(".provenance__credits").innerText()).toContain("Translated by Rana Haddad and Omar Khatib");
    // Without a lead image the provenance follows the header at once: no byline to repeat it.
    await page.goto(`${server.url}/2025/03/newest/`);
    expect(await page.locator(".byline").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    // Its box has its final size before a byte of it arrives (width and height): nothing under it moves as it loads.
    const blocked = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await blocked.route(/\/img\//, (route) => route.abort());
    await blocked.goto(`${server.url}/2025/03/photo/`);
    const empty = await blocked.locator(".lead-image img").evaluate((e) => ({ width: e.getBoundingClientRect().width, height: e.getBoundingClientRect().height, loaded: (e as HTMLImageElement).naturalWidth }));
    expect(empty.loaded).toBe(0);
    expect(Math.abs(empty.height - (empty.width * 1200) / 2000)).toBeLessThan(1);
    await blocked.close();
    await page.close();
  });

  it("a desktop front page uses its width: the side column beside the stories, the lead's headline the largest", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    const main = await page.locator(".front__main").boundingBox();
    const side = await page.locator(".front__side").boundingBox();
    expect(side!.x).toBeGreaterThan(main!.x + main!.width);
    expect(side!.y).toBeLessThan(main!.y + 50);
    const font = (sel: string) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const leadFont = await font(".front-lead__title");
    expect(leadFont).toBeGreaterThan(await font(".front-secondary__title"));
    expect(leadFont).toBeGreaterThan(await font(".front-latest .card__title"));
    // The secondary stories sit in one row.
    const tops = await page.locator(".front-secondary__item").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    // The browser picked from the srcset by the drawn width (sizes): AVIF, at least as wide as drawn, and no wider than needed.
    const chosen = (sel: string) => page.locator(sel).first().evaluate((e) => ({ src: (e as HTMLImageElement).currentSrc, drawn: e.getBoundingClientRect().width }));
    const lead = await chosen(".front-lead__image img");
    const leadWidth = Number(/-(\d+)\.avif$/.exec(lead.src)?.[1]);
    expect(leadWidth).toBeGreaterThanOrEqual(lead.drawn);
    expect(leadWidth / 2).toBeLessThan(lead.drawn);
    // A lazy thumbnail loads when it nears the screen.
    const thumb = page.locator(".card__thumb img").first();
    await thumb.scrollIntoViewIfNeeded();
    await thumb.evaluate((e) => (e as HTMLImageElement).decode());
    expect((await chosen(".card__thumb img")).src).toMatch(/-240\.avif$/);
    await page.close();
  });

  it("has no serious or critical axe violations on the front page and an illustrated article, phone and desktop, light and dark", async () => {
    for (const [width, height] of [[390, 844], [1280, 900]] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await browser.newPage({ viewport: { width, height }, colorScheme });
        for (const path of ["/", "/2025/03/photo/"]) {
          await page.goto(`${server.url}${path}`);
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
            const result = await axe.run();
            return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          });
          expect(violations, `${path} ${width}px ${colorScheme}`).toEqual([]);
        }
        await page.close();
      }
    }
  });

  it("fits a 320 px screen", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ["/", "/2025/03/photo/"]) {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBe(320);
    }
    await page.close();
  });
});
