// Arabic text as a reader and a screen reader meet it, read from built sites: every Arabic phrase
// on every page is marked with an Arabic-script language (WCAG 3.1.2, which axe cannot check),
// names are filed by the letter after their article, dates follow the site's date style, the
// dateline and breadcrumbs say what they mean, and headlines get the bodies' curly quotes.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { groupByLetter } from "../src/archive/letters.ts";
import { dateLocale } from "../src/content/dates.ts";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, fixtureContentWith, ROOT, type BuildResult } from "./helpers/site.ts";

/** Languages written in the Arabic script (BCP 47 primary subtags). */
const ARABIC_SCRIPT_LANGUAGES = new Set(["ar", "fa", "ur", "ps", "ckb", "sd", "ug", "ks", "bal", "prs", "arz", "apc", "ajp"]);
const ARABIC_LETTER = /\p{Script=Arabic}/u;

async function htmlPages(out: string): Promise<string[]> {
  const files = (await readdir(out, { recursive: true })) as string[];
  return files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind")).sort();
}

/** The language an element's text is read in: its own lang, or its nearest ancestor's. */
function languageOf($: CheerioAPI, el: Parameters<CheerioAPI>[0]): string {
  return ($(el).closest("[lang]").attr("lang") ?? "").split("-")[0]!.toLowerCase();
}

/**
 * Every Arabic-script text (and label, alt text, title, placeholder) on every page of a site that
 * is read in a language not written in that script: "page: <tag> text (lang=en)".
 * <title> is left out: it cannot carry a lang of its own, and is read in the page's language
 * (docs/site.md, "Arabic text"); the test below checks that its name is marked on the page.
 */
async function unmarkedArabic(out: string): Promise<string[]> {
  const found: string[] = [];
  for (const page of await htmlPages(out)) {
    const $ = load(await readFile(join(out, page), "utf8"));
    $("body *").each((_, el) => {
      if (el.type !== "tag" || el.name === "script" || el.name === "style") return;
      const texts = $(el)
        .contents()
        .filter((_, n) => n.type === "text")
        .map((_, n) => $(n).text())
        .get()
        .filter((t) => ARABIC_LETTER.test(t));
      for (const a of ["aria-label", "title", "alt", "placeholder", "content"]) {
        const value = $(el).attr(a);
        if (value && ARABIC_LETTER.test(value)) texts.push(`[${a}] ${value}`);
      }
      const lang = languageOf($, el);
      if (texts.length && !ARABIC_SCRIPT_LANGUAGES.has(lang)) for (const t of texts) found.push(`${page}: <${el.name}> ${t.trim().slice(0, 60)} (lang=${lang})`);
    });
  }
  return found;
}

// Arabic in every place a name, headline, letter or date can appear: keywords, an outlet, its
// authors, translators and editors, neighbours of English articles, corrections, a keyword shared
// with English articles (so "Often together with" lists Arabic names), a content page.
const fixtureFiles = {
  "2024-02-26-en-before.md": articleFile({ title: "Seed trucks wait at the crossing", date: "2024-02-26", keywords: ["الزراعة", "Agriculture"], source: "Wadi Press" }),
  "2024-02-27-ar.md": articleFile({
    title: "معبر أبو الزندين يفتح أبوابه أمام شاحنات البذور",
    subtitle: "قافلة أولى من الشاحنات",
    date: "2024-02-27T09:10:00+03:00",
    lang: "ar",
    source: "جريدة السنابل",
    author: ["ليلى الشامي", "Rana Haddad"],
    translator: "مكتب الترجمة",
    editor: "مايا صالح",
    keywords: ["الزراعة", "البذور", "معبر أبو الزندين", "Agriculture"],
    original_title: "معبر أبو الزندين يفتح أبوابه",
    original_language: "ar",
    original_date: "2024-02-26",
    corrections: [{ date: "2024-03-01", type: "correction", text: "كانت القافلة من إحدى عشرة شاحنة." }],
    body: "سمحت إدارة المعبر صباح الثلاثاء بعبور أول قافلة.",
  }),
  "2024-02-28-en-after.md": articleFile({ title: "Farmers welcome the seed convoy", date: "2024-02-28", keywords: ["الزراعة", "Agriculture", "البذور"], source: "جريدة السنابل", author: "هبة ناصر (Hiba Nasser)" }),
};

// The sample site, built once for the tests that read it.
let sampleBuild: Promise<BuildResult> | undefined;
const sampleSite = () => (sampleBuild ??= buildSite({ articles: join(ROOT, "content/articles"), contentDir: join(ROOT, "content") }));

describe("every Arabic phrase is marked with its language", () => {
  let sample: BuildResult;
  let fixture: BuildResult;

  beforeAll(async () => {
    [sample, fixture] = await Promise.all([
      sampleSite(),
      buildSite({ files: fixtureFiles, contentDir: await fixtureContentWith({ dates: { en: "en-GB", ar: { locale: "ar-SY", digits: "arabic-indic" } } }) }),
    ]);
    expect(sample.code, sample.stderr).toBe(0);
    expect(fixture.code, fixture.stderr).toBe(0);
  });

  it("finds no Arabic text outside an Arabic-script language on any page of the sample site", async () => {
    expect((await htmlPages(sample.out)).length).toBeGreaterThan(50);
    expect(await unmarkedArabic(sample.out)).toEqual([]);
  });

  it("finds none on any page of a site with Arabic keywords, outlets, people, neighbours and corrections", async () => {
    expect(await unmarkedArabic(fixture.out)).toEqual([]);
  });

  it("would find one: the scan sees an Arabic name the page leaves unmarked", async () => {
    // The scan itself, on a page a template might write: it must not pass everything.
    const $ = load('<html lang="en"><body><h1><bdi>الزراعة</bdi></h1><p lang="ar">البذور</p><p lang="fa">کشاورزی</p></body></html>');
    const unmarked = $("body *").filter((_, el) => $(el).contents().toArray().some((n) => n.type === "text" && ARABIC_LETTER.test($(n).text())) && !ARABIC_SCRIPT_LANGUAGES.has(languageOf($, el)));
    expect(unmarked.toArray().map((el) => el.name)).toEqual(["bdi"]);
  });

  it("marks the name in the heading and breadcrumb of a page whose title is an Arabic name", async () => {
    const $ = await fixture.html("keywords/الزراعة/index.html");
    expect($("title").text()).toMatch(/^الزراعة — /);
    expect($("h1 bdi").attr("lang")).toBe("ar");
    expect($('.breadcrumbs [aria-current="page"] bdi').attr("lang")).toBe("ar");
    // "Often together with": Arabic names marked, Latin ones read in the page's language.
    const related = $(".chips a bdi").map((_, b) => `${$(b).text()}:${$(b).attr("lang") ?? ""}`).get();
    expect(related).toEqual(expect.arrayContaining(["البذور:ar", "Agriculture:"]));
  });

  it("marks an Arabic translator's name filled into the English disclaimer, on the page and in the feed", async () => {
    const $ = await fixture.html("2024/02/ar/index.html");
    expect($(".disclaimer").attr("lang")).toBe("en");
    expect($('.disclaimer bdi[lang="ar"]').text()).toBe("مكتب الترجمة");
    const feed = JSON.parse(await fixture.text("feed.json")) as { items: { url: string; content_html: string }[] };
    const entry = feed.items.find((i) => i.url.endsWith("/2024/02/ar/"))!;
    expect(entry.content_html).toMatch(/<p class="disclaimer" lang="en" dir="ltr"><em>This article was translated by <bdi lang="ar">مكتب الترجمة<\/bdi> from/);
  });

  it("marks an Arabic neighbour's headline in an English article's Older/Newer links", async () => {
    const $ = await fixture.html("2024/02/en-before/index.html");
    const newer = $(".article-nav__newer bdi");
    expect(newer.text()).toBe("معبر أبو الزندين يفتح أبوابه أمام شاحنات البذور");
    expect(newer.attr("lang")).toBe("ar");
  });

  it("keeps the frame in the site's language and the article in its own", async () => {
    const $ = await fixture.html("2024/02/ar/index.html");
    expect($("html").attr("lang")).toBe("ar");
    for (const frame of ["header.masthead", "main", "footer.site-footer"]) {
      expect($(frame).attr("lang"), frame).toBe("en");
      expect($(frame).attr("dir"), frame).toBe("ltr");
    }
    expect($("article.article").attr("lang")).toBe("ar");
    expect($("article.article").attr("dir")).toBe("rtl");
  });
});

describe("Arabic names are filed by the letter after the article ال", () => {
  it("groups and sorts as an Arabic index does (collation)", () => {
    const names = ["الزراعة", "زيتون", "البذور", "بيت", "أريحا", "إدلب", "آمنة", "اللاذقية", "معبر أبو الزندين", "Idlib", "ال", "2024 floods"];
    const groups = groupByLetter(names, (n) => n, "en").map((g) => [g.letter, g.items]);
    expect(groups).toEqual([
      ["I", ["Idlib"]],
      ["ا", ["آمنة", "أريحا", "إدلب", "ال"]],
      ["ب", ["البذور", "بيت"]],
      ["ز", ["الزراعة", "زيتون"]],
      ["ل", ["اللاذقية"]],
      ["م", ["معبر أبو الزندين"]],
      ["#", ["2024 floods"]],
    ]);
  });

  it("lists the sample's Arabic keywords under ب, ز and م on /keywords/, with marked letters", async () => {
    const $ = await (await sampleSite()).html("keywords/index.html");
    const arabic = $(".letter")
      .toArray()
      .map((s) => ({ letter: $(s).find("h2").text(), lang: $(s).find("h2").attr("lang"), names: $(s).find(".keyword-list bdi").map((_, b) => $(b).text()).get() }))
      .filter((g) => ARABIC_LETTER.test(g.letter));
    expect(arabic).toEqual([
      { letter: "ب", lang: "ar", names: ["البذور"] },
      { letter: "ز", lang: "ar", names: ["الزراعة"] },
      { letter: "م", lang: "ar", names: ["معبر أبو الزندين"] },
    ]);
    expect($(".jump a[lang=ar]").map((_, a) => $(a).text()).get()).toEqual(["ب", "ز", "م"]);
  });
});

describe("dates as the newsroom writes them", () => {
  let site: BuildResult;
  beforeAll(async () => {
    site = await buildSite({ files: fixtureFiles, contentDir: await fixtureContentWith({ dates: { en: "en-GB", ar: { locale: "ar-SY", digits: "arabic-indic" } } }) });
    expect(site.code, site.stderr).toBe(0);
  });

  it("resolves a language's date style, its primary language's, or the tag itself", () => {
    const styles = { en: "en-GB", ar: { locale: "ar-SY", digits: "latin" as const } };
    expect(dateLocale(styles, "en")).toBe("en-GB");
    expect(dateLocale(styles, "ar-LB")).toBe("ar-SY-u-nu-latn");
    expect(dateLocale(styles, "fr")).toBe("fr");
    expect(dateLocale(undefined, "en")).toBe("en");
  });

  it("writes an Arabic article's date with Levantine month names and the chosen digits, lists in British English", async () => {
    const $ = await site.html("2024/02/ar/index.html");
    expect($(".dateline time").first().text()).toBe("٢٧ شباط ٢٠٢٤");
    expect($(".notice__title time").text()).toBe("١ آذار ٢٠٢٤");
    const home = await site.html("index.html");
    expect(home(".card__meta time").map((_, t) => home(t).text()).get()).toEqual(["28 February 2024", "27 February 2024", "26 February 2024"]);
    expect(home("html").attr("lang")).toBe("en");
  });

  it("isolates each part of the dateline, the separators in the article's direction", async () => {
    const $ = await site.html("2024/02/ar/index.html");
    const line = $(".dateline");
    // date, "Updated …" (the correction), reading time: each a <bdi>; the " · " between them is the paragraph's.
    expect(line.children().toArray().map((c) => c.name)).toEqual(["bdi", "bdi", "bdi"]);
    expect(line.children().eq(0).find("time").attr("datetime")).toBe("2024-02-27T09:10:00+03:00");
    expect(line.children().eq(2).attr("lang")).toBe("en");
    expect(line.text().replace(/\s+/g, " ").trim()).toBe("٢٧ شباط ٢٠٢٤ · Updated 1 March 2024 · 1 min read");
  });

  it("refuses a date style it cannot use, naming site.json and the field", async () => {
    const contentDir = await fixtureContentWith({ dates: { ar: { locale: "ar-SY", digits: "roman" }, en: "not a locale!" } });
    const result = await buildSite({ files: { "2024-07-09-a.md": articleFile() }, contentDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/site\.json:\d+: dates\.ar: expected a locale such as "en-GB", or \{ "locale": "ar-SY", "digits": "latin" \}/);
    expect(result.stderr).toMatch(/site\.json:\d+: dates\.en: /);
  });
});

describe("smaller things a reader notices", () => {
  let site: BuildResult;
  beforeAll(async () => {
    site = await buildSite({
      files: {
        ...fixtureFiles,
        "2024-03-02-quotes.md": articleFile({ title: `"We will rebuild" -- the mayor's <b>'promise'</b>`, subtitle: `It's "done"`, date: "2024-03-02", body: `He said "soon" -- it's 'done'.` }),
      },
      contentDir: await fixtureContentWith({}),
    });
    expect(site.code, site.stderr).toBe(0);
  });

  it("marks no crumb as the page on an article, and the list itself on a list", async () => {
    const article = await site.html("2024/02/en-before/index.html");
    expect(article(".breadcrumbs a").length).toBe(3);
    expect(article(".breadcrumbs [aria-current]").length).toBe(0);
    const month = await site.html("2024/02/index.html");
    expect(month('.breadcrumbs [aria-current="page"]').text()).toBe("February");
    expect(month(".breadcrumbs [aria-current]").length).toBe(1);
  });

  it("gives headlines the bodies' curly quotes and dashes, still escaped, on the page, in feeds and JSON-LD", async () => {
    const curly = "“We will rebuild” – the mayor’s <b>‘promise’</b>";
    const $ = await site.html("2024/03/quotes/index.html");
    expect($("h1").text()).toBe(curly);
    expect($("h1 b").length).toBe(0);
    expect($(".standfirst").text()).toBe("It’s “done”");
    expect($(".article__body p").text()).toBe("He said “soon” – it’s ‘done’.");
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as { headline?: string }[] | { headline?: string };
    expect((Array.isArray(ld) ? ld : [ld]).find((o) => o.headline)?.headline).toBe(curly);
    expect($("title").text()).toBe(`${curly} — The Levant Ledger`);
    const atom = await site.text("feed.xml");
    expect(atom).toContain("<title>“We will rebuild” – the mayor’s &lt;b&gt;‘promise’&lt;/b&gt;</title>");
    const json = JSON.parse(await site.text("feed.json")) as { items: { title: string }[] };
    expect(json.items.map((i) => i.title)).toContain(curly);
  });
});
