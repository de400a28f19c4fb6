// Provenance: credits with roles and several people, originals that are not called translations,
// notices in each article's language, the original's date and archived copy, and NewsArticle
// structured data that an independent validator (structured-data-testing-tool's Google preset)
// accepts. One fixture site is built; every assertion reads what it wrote.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { CheerioAPI } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../src/content/load.ts";
import { localizedText } from "../src/site.ts";
import { articleFile } from "./helpers/articles.ts";
import { settings } from "./helpers/model.ts";
import { browserSkipReason, launch } from "./helpers/browser.ts";
import { serve } from "./helpers/serve.ts";
import { buildSite, fixtureContentWith, type BuildResult } from "./helpers/site.ts";

const DISCLAIMER = {
  en: "Translated by {translator} from {source}; not verified by the Ledger.",
  ar: "ترجم {translator} هذا المقال عن {source}، ولم تتحقق منه الصحيفة.",
};

const files = {
  // Two authors (one in Arabic script), two translators, an editor, the original's date and archived copy.
  "2024/07/2024-07-09-two-hands.md": articleFile({
    title: "Harbour reopens after the storm",
    date: "2024-07-09",
    source: "Wadi Press",
    source_url: "https://wadi.example.org/2024/07/harbour",
    source_archive_url: "https://archive.example.net/2024/wadi-harbour",
    author: ["Samer al-Halabi", "ليلى حداد"],
    translator: ["Nour Haddad", "Rami Saleh"],
    editor: "Dana Khoury",
    original_title: "الميناء يعود إلى العمل",
    original_language: "ar",
    original_date: "2024-07-08",
    image: "https://img.example.org/harbour.jpg",
    image_alt: "Boats in a harbour",
    keywords: ["Harbour"],
  }),
  // Republished in its original language: no translator anywhere, the Arabic republication notice.
  "2024/06/2024-06-02-republished.md": articleFile({
    title: "السوق يفتح أبوابه من جديد",
    date: "2024-06-02",
    source: "Wadi Press",
    source_url: "https://wadi.example.org/2024/06/souk",
    lang: "ar",
    translator: false,
    author: "سامر الحلبي",
    image: "https://img.example.org/souk-map.svg",
    image_alt: "خريطة السوق",
    body: "افتتح السوق القديم أبوابه صباح الأحد.",
  }),
  // An Arabic translation with three authors and no editor: Arabic words, the site's Arabic disclaimer.
  "2024/05/2024-05-03-arabic-translation.md": articleFile({
    title: "محادثات المعبر تُستأنف",
    date: "2024-05-03",
    source: "Orontes Courier",
    lang: "ar",
    author: ["Hadi Naddaf", "Omar Fayed", "Lina Aziz"],
    translator: "Nour Haddad",
    original_title: "Crossing talks resume",
    original_language: "en",
    original_date: "2024-05-02",
    body: "استؤنفت المحادثات يوم الثلاثاء.",
  }),
  // Three authors in English; the site's translator; no original date or links.
  "2024/04/2024-04-04-three-authors.md": articleFile({
    title: "Crossing talks resume",
    date: "2024-04-04",
    source: "Orontes Courier",
    author: ["Hadi Naddaf", "Omar Fayed", "Lina Aziz"],
  }),
};

let site: BuildResult;
const page = (path: string): Promise<CheerioAPI> => site.html(`${path}index.html`);
const squash = (text: string) => text.replace(/\s+/g, " ").trim();
function newsArticle($: CheerioAPI): Record<string, unknown> {
  const blocks = $('script[type="application/ld+json"]')
    .map((_, s) => JSON.parse($(s).text()) as unknown)
    .get()
    .flat() as Record<string, unknown>[];
  const found = blocks.find((b) => b["@type"] === "NewsArticle");
  expect(found, "a NewsArticle JSON-LD block").toBeDefined();
  return found!;
}

beforeAll(async () => {
  const contentDir = await fixtureContentWith({ disclaimer: DISCLAIMER });
  site = await buildSite({ files, contentDir });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
});

describe("the provenance block", () => {
  it("reads as a newsroom writes it: reporters for the outlet, translators, editor, each name linked to its page", async () => {
    const $ = await page("2024/07/two-hands/");
    const block = $(".provenance");
    expect(squash(block.find(".provenance__credits").text())).toBe(
      "Reported by Samer al-Halabi and ليلى حداد for Wadi Press · Translated by Nour Haddad and Rami Saleh · Edited by Dana Khoury",
    );
    const links = block.find(".provenance__credits a").map((_, a) => [[$(a).text(), $(a).attr("href")]]).get();
    expect(links).toEqual([
      ["Samer al-Halabi", "/authors/samer-al-halabi/"],
      ["ليلى حداد", "/authors/ليلى-حداد/"],
      ["Wadi Press", "/sources/wadi-press/"],
      ["Nour Haddad", "/translators/nour-haddad/"],
      ["Rami Saleh", "/translators/rami-saleh/"],
      ["Dana Khoury", "/editors/dana-khoury/"],
    ]);
    // Every name isolated; the Arabic one marked as Arabic.
    expect(block.find(".provenance__credits bdi")).toHaveLength(6);
    expect(block.find('bdi[lang="ar"]').text()).toBe("ليلى حداد");
    expect(block.attr("lang")).toBeUndefined();
  });

  it("gives the original headline with its date, and the original and archived links side by side", async () => {
    const $ = await page("2024/07/two-hands/");
    const original = $(".provenance__original");
    expect(original.find('cite[lang="ar"]').text()).toBe("الميناء يعود إلى العمل");
    expect(original.find("time").attr("datetime")).toBe("2024-07-08T00:00:00+03:00");
    expect(squash(original.text())).toBe("الميناء يعود إلى العمل (Arabic), published July 8, 2024");
    const links = $(".provenance__links a").map((_, a) => [[$(a).text(), $(a).attr("href"), $(a).attr("rel")]]).get();
    expect(links).toEqual([
      ["Original article", "https://wadi.example.org/2024/07/harbour", "external noopener"],
      ["Archived copy", "https://archive.example.net/2024/wadi-harbour", "external noopener"],
    ]);
  });

  it("joins three names as each language does, and uses Arabic words on an Arabic article", async () => {
    expect(squash((await page("2024/04/three-authors/"))(".provenance__credits").text())).toBe(
      "Reported by Hadi Naddaf, Omar Fayed and Lina Aziz for Orontes Courier · Translated by Ledger Translation Desk",
    );
    const ar = await page("2024/05/arabic-translation/");
    expect(ar("html").attr("lang")).toBe("ar");
    // The block is in the article's language: no lang of its own, so it inherits Arabic and right-to-left.
    expect(ar(".provenance").attr("lang")).toBeUndefined();
    expect(ar(".provenance").attr("aria-label")).toBe("مصدر المقال");
    expect(squash(ar(".provenance__credits").text())).toBe("إعداد Hadi Naddaf وOmar Fayed وLina Aziz لصالح Orontes Courier · ترجمة Nour Haddad");
    expect(squash(ar(".provenance__original").text())).toBe("Crossing talks resume (الإنجليزية)، نُشر في 2 مايو 2024");
    expect(ar('.provenance__original cite[lang="en"]').text()).toBe("Crossing talks resume");
    const notice = ar(".disclaimer");
    expect(notice.attr("lang")).toBeUndefined();
    expect(squash(notice.text())).toBe("ترجم Nour Haddad هذا المقال عن Orontes Courier، ولم تتحقق منه الصحيفة.");
    expect(squash((await page("2024/07/two-hands/"))(".disclaimer").text())).toBe("Translated by Nour Haddad and Rami Saleh from Wadi Press; not verified by the Ledger.");
  });

  it("names no translator anywhere for an original republished in its language, and carries the Arabic republication notice", async () => {
    const $ = await page("2024/06/republished/");
    expect(squash($(".provenance__credits").text())).toBe("إعداد سامر الحلبي لصالح Wadi Press");
    const notice = $(".disclaimer");
    expect(notice.hasClass("disclaimer--republication")).toBe(true);
    expect(notice.attr("aria-label")).toBe("إشعار إعادة النشر");
    expect(squash(notice.text())).toContain("يُعاد نشر هذا المقال بلغته الأصلية نقلاً عن Wadi Press");
    const main = $("main").text();
    for (const word of ["Ledger Translation Desk", "Translated", "ترجمة", "ترجم "]) expect(main, word).not.toContain(word);
    expect($('a[href^="/translators/"]').filter((_, a) => $(a).closest("main").length > 0)).toHaveLength(0);

    const ld = newsArticle($);
    expect(ld.translator).toBeUndefined();
    expect(ld.translationOfWork).toBeUndefined();
    expect(ld.author).toEqual([{ "@type": "Person", name: "سامر الحلبي", url: expect.stringMatching(/^https:\/\/ledger\.example\.org\/authors\//) }]);

    // Not on the translators' pages, nor in any feed as a translator.
    // The site's translator counts only the article it translated, not the republished one.
    const translators = await site.html("translators/index.html");
    expect(translators(".keyword-list li").map((_, li) => squash(translators(li).text())).get().sort()).toEqual([
      "Ledger Translation Desk 1 article",
      "Nour Haddad 2 articles",
      "Rami Saleh 1 article",
    ]);
    const atom = await site.text("feed.xml");
    const entry = atom.slice(atom.indexOf("<title>السوق يفتح أبوابه من جديد</title>"));
    expect(entry.slice(0, entry.indexOf("</entry>"))).toMatch(/<author><name>سامر الحلبي<\/name><\/author>/);
    expect(entry.slice(0, entry.indexOf("</entry>"))).not.toContain("Ledger Translation Desk");
    const json = JSON.parse(await site.text("feed.json")) as { items: { title: string; authors: { name: string }[] }[] };
    expect(json.items.find((i) => i.title === "السوق يفتح أبوابه من جديد")!.authors).toEqual([{ name: "سامر الحلبي" }]);
  });
});

describe.skipIf(!!browserSkipReason)("the provenance block in a browser", () => {
  it("fits a phone: one role a line, nothing wider than the screen; one line of credits on a desktop", async () => {
    const server = await serve(site.out);
    const browser = await launch();
    try {
      for (const path of ["2024/07/two-hands/", "2024/05/arabic-translation/"]) {
        const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
        await phone.goto(`${server.url}/${path}`);
        const lines = phone.locator(".provenance__line");
        const tops = await lines.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
        // Each role starts its own line.
        expect(new Set(tops).size, path).toBe(tops.length);
        expect(await phone.locator(".provenance__sep").first().isVisible(), path).toBe(false);
        const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, block: document.querySelector(".provenance")!.scrollWidth, view: innerWidth }));
        expect(widths.page, path).toBeLessThanOrEqual(widths.view);
        expect(widths.block, path).toBeLessThanOrEqual(widths.view);
        await phone.close();
      }
      const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await desktop.goto(`${server.url}/2024/04/three-authors/`);
      expect(await desktop.locator(".provenance__sep").first().isVisible()).toBe(true);
      const tops = await desktop.locator(".provenance__line").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(new Set(tops).size).toBe(1);
      expect(await desktop.locator(".provenance").evaluate((e) => getComputedStyle(e).direction)).toBe("ltr");
      await desktop.goto(`${server.url}/2024/06/republished/`);
      expect(await desktop.locator(".provenance").evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe("author and editor pages", () => {
  it("give each author and editor a page, a feed and a directory, like translators", async () => {
    const author = await page("authors/samer-al-halabi/");
    expect(author("h1").text()).toBe("Samer al-Halabi");
    expect(author(".article-list a, .card a").map((_, a) => author(a).attr("href")).get()).toContain("/2024/07/two-hands/");
    const editor = await page("editors/dana-khoury/");
    expect(editor("h1").text()).toBe("Dana Khoury");
    for (const feed of ["authors/samer-al-halabi/feed.xml", "editors/dana-khoury/feed.xml"]) {
      const xml = await site.text(feed);
      expect(xml, feed).toContain("<title>Harbour reopens after the storm</title>");
    }
    expect(await site.text("authors/samer-al-halabi/feed.xml")).toContain("<subtitle>Articles reported by Samer al-Halabi</subtitle>");
    const authors = await page("authors/");
    expect(authors(".keyword-list a").map((_, a) => authors(a).text()).get()).toEqual(
      expect.arrayContaining(["Samer al-Halabi", "ليلى حداد", "سامر الحلبي", "Hadi Naddaf", "Omar Fayed", "Lina Aziz"]),
    );
    expect((await page("editors/"))(".keyword-list a").text()).toBe("Dana Khoury");
  });
});

describe("NewsArticle structured data", () => {
  it("credits the original's authors, our translators and editor, and the original with its date and archived copy", async () => {
    const $ = await page("2024/07/two-hands/");
    const ld = newsArticle($);
    const person = (name: string, folder: string, slug: string) => ({ "@type": "Person", name, url: `https://ledger.example.org/${folder}/${slug}/` });
    expect(ld.author).toEqual([person("Samer al-Halabi", "authors", "samer-al-halabi"), { "@type": "Person", name: "ليلى حداد", url: expect.stringContaining("/authors/") }]);
    expect(ld.translator).toEqual([person("Nour Haddad", "translators", "nour-haddad"), person("Rami Saleh", "translators", "rami-saleh")]);
    expect(ld.editor).toEqual([person("Dana Khoury", "editors", "dana-khoury")]);
    expect(ld.isBasedOn).toMatchObject({
      "@type": "NewsArticle",
      "@id": "https://wadi.example.org/2024/07/harbour",
      url: "https://wadi.example.org/2024/07/harbour",
      headline: "الميناء يعود إلى العمل",
      inLanguage: "ar",
      datePublished: "2024-07-08T00:00:00+03:00",
      archivedAt: "https://archive.example.net/2024/wadi-harbour",
      publisher: { "@type": "Organization", name: "Wadi Press" },
    });
    expect(ld.translationOfWork).toEqual({ "@id": "https://wadi.example.org/2024/07/harbour" });
    expect(ld.image).toEqual(["https://img.example.org/harbour.jpg"]);
    expect(ld.dateModified).toBe("2024-07-09T00:00:00+03:00");
    expect(ld.publisher).toEqual({
      "@type": "Organization",
      name: "The Levant Ledger",
      url: "https://ledger.example.org/",
      logo: { "@type": "ImageObject", url: "https://ledger.example.org/logo.png", width: 512, height: 512 },
    });
    // The logo is a real 512×512 PNG in the site.
    const png = await readFile(join(site.out, "logo.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it("gives no image for an SVG lead image, in JSON-LD or cards; an unnamed author is the outlet", async () => {
    const $ = await page("2024/06/republished/");
    expect($(".lead-image img").attr("src")).toBe("https://img.example.org/souk-map.svg");
    expect(newsArticle($).image).toBeUndefined();
    expect($('meta[property="og:image"]')).toHaveLength(0);
    const noAuthor = newsArticle(await page("2024/04/three-authors/"));
    expect(noAuthor.translator).toEqual([{ "@type": "Organization", name: "Ledger Translation Desk", url: "https://ledger.example.org/translators/ledger-translation-desk/" }]);
  });

  it("passes an independent validator's Google checks for articles (structured-data-testing-tool)", async () => {
    const withImage = await validate("2024/07/two-hands/index.html");
    expect(withImage.schemas).toContain("NewsArticle");
    expect(withImage.failed.map(describeTest)).toEqual([]);
    expect(withImage.warnings.map(describeTest)).toEqual([]);
    expect(withImage.passed.map((t) => t.test)).toEqual(expect.arrayContaining(["NewsArticle[0].author", "NewsArticle[0].publisher.logo.url", "NewsArticle[0].image", "NewsArticle[0].dateModified"]));
    for (const path of ["2024/05/arabic-translation/index.html", "2024/04/three-authors/index.html", "2024/06/republished/index.html"]) {
      // No lead image, or an SVG one: the image is all the validator's (older) preset misses;
      // Google's current Article guidance lists image as recommended, not required.
      const result = await validate(path);
      expect(result.failed.map(describeTest), path).toEqual(["NewsArticle[0].image"]);
    }
  });
});

describe("the contract", () => {
  const problems = (fields: Record<string, unknown>) => parseArticle("a.md", articleFile(fields), settings).problems.map((p) => `${p.line}: ${p.field}: ${p.message}`);
  it("takes a name or a list for each role, and false only for the translator", () => {
    const { article } = parseArticle("a.md", articleFile({ author: "One", translator: ["T1", "T2"], editor: ["E"] }), settings);
    expect([article!.author, article!.translator, article!.editor, article!.republished]).toEqual([["One"], ["T1", "T2"], ["E"], false]);
    expect(parseArticle("a.md", articleFile({ translator: false }), settings).article).toMatchObject({ translator: [], republished: true });
    expect(parseArticle("a.md", articleFile({}), settings).article).toMatchObject({ translator: ["Ledger Translation Desk"], author: [], editor: [], republished: false });
    expect(problems({ translator: true })).toEqual(["5: translator: expected the translator's name, a list of names, or false (republished in its original language), found boolean true"]);
    expect(problems({ author: [] })).toEqual(["5: author: expected at least one author's name in the list, found a list of 0 items"]);
    expect(problems({ editor: false })).toEqual(["5: editor: expected the editor's name, or a list of names (one `- Name` per line), found boolean false"]);
    expect(problems({ source_archive_url: "ftp://archive.example.net/x" })).toEqual(["5: source_archive_url: expected an http(s) URL such as https://example.com/story, found \"ftp://archive.example.net/x\""]);
    expect(problems({ original_date: "last week" })[0]).toMatch(/^5: original_date: expected /);
  });

  it("chooses a notice by the article's language, then the site's, then the first given", () => {
    const texts = { en: "E", ar: "A" };
    expect(localizedText(texts, "ar-SY", "en")).toEqual({ text: "A", lang: "ar" });
    expect(localizedText(texts, "fr", "en")).toEqual({ text: "E", lang: "en" });
    expect(localizedText({ ar: "A" }, "fr", "en")).toEqual({ text: "A", lang: "ar" });
    expect(localizedText("Plain", "ar", "en")).toEqual({ text: "Plain", lang: "en" });
  });
});

// structured-data-testing-tool is CommonJS without types: the little it is asked is typed here.
interface ValidatorTest {
  test: string;
  description?: string;
}
interface ValidatorResult {
  passed: ValidatorTest[];
  failed: ValidatorTest[];
  warnings: ValidatorTest[];
  schemas: string[];
}
const require = createRequire(import.meta.url);
const { structuredDataTest } = require("structured-data-testing-tool") as {
  structuredDataTest(input: string, options: { presets: unknown[]; schemas: string[] }): Promise<ValidatorResult>;
};
const { Google } = require("structured-data-testing-tool/presets") as { Google: unknown };

/** The validator's result for a built page; a failed validation is a result too, not an error. */
async function validate(path: string): Promise<ValidatorResult> {
  const html = await site.text(path);
  try {
    return await structuredDataTest(html, { presets: [Google], schemas: ["NewsArticle"] });
  } catch (e) {
    const failure = e as { type?: string; res?: ValidatorResult };
    if (failure.type === "VALIDATION_FAILED" && failure.res) return failure.res;
    throw e;
  }
}
const describeTest = (t: ValidatorTest) => t.test;
