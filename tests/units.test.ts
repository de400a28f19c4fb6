// Pure units: keyword identity and slugs, dates in the site zone, letter grouping.
import { describe, expect, it } from "vitest";
import { cleanKeyword, keywordIdentity, slugify } from "../src/content/keywords.ts";
import { dateFromMillis, humanDate, monthOf, parseDate, yearOf } from "../src/content/dates.ts";
import { DateTime } from "luxon";
import { groupByLetter } from "../src/archive/letters.ts";
import { directionOf, isLanguageTag } from "../src/site.ts";
import { parseFields, plainLineOf } from "../src/content/frontmatter.ts";
import { indexProcesses, planBundles } from "../src/search/bundles.ts";
import { relatedArticles } from "../src/archive/related.ts";
import { RANK_THREAD, rankHere, rankOnThread, type RankInput } from "../src/archive/rank.ts";
import { lazyField } from "../src/archive/lazy.ts";
import { typographic } from "../src/markdown.ts";
import { resultOnThread } from "../src/archive/thread.ts";
import { headlineWords, headlineWordsSoon, MIN_WORD, STEM_MODULE, WORDS_THREAD } from "../src/archive/build/search-words.ts";
import { markdownIt } from "../src/commonjs.ts";
import type { Facet } from "../src/archive/facets.ts";
import { articleFrom, fakeArticleView, fakeModel } from "./helpers/model.ts";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { rel } from "../src/content/load.ts";
import type { Paths } from "../src/site.ts";

describe("keywords", () => {
  it("treats case, spacing and Unicode width as the same keyword", () => {
    const ids = ["Idlib", "idlib", " Idlib ", "Ｉｄｌｉｂ", "IDLIB"].map(keywordIdentity);
    expect(new Set(ids).size).toBe(1);
    expect(cleanKeyword("  Abu   al-Zindeen\tcrossing ")).toBe("Abu al-Zindeen crossing");
  });

  it("slugs Latin names to ASCII and keeps other scripts readable", () => {
    expect(slugify("Abu al-Zindeen crossing")).toBe("abu-al-zindeen-crossing");
    expect(slugify("Ünïcode Straße")).toBe("uenicode-strasse");
    expect(slugify("إِدْلِب")).toBe(slugify("إدلب")); // vowel marks do not make a new keyword page
    expect(slugify("معبر أبو الزندين")).toMatch(/^[\p{L}-]+$/u);
    expect(slugify("北京")).toBe("北京");
  });

  it("never returns an empty slug, and the fallback is stable", () => {
    expect(slugify("—!!")).toMatch(/^k-[0-9a-f]{8}$/);
    expect(slugify("—!!")).toBe(slugify("—!!"));
  });
});

describe("file names in messages", () => {
  it("names a file as path.relative does: from the project when inside it, in full when not", () => {
    const root = "/srv/newsroom/site";
    const asRelative = (path: string) => {
      const r = relative(root, path);
      return r.startsWith("..") ? path : r;
    };
    const paths = { root } as Paths;
    for (const path of [
      "/srv/newsroom/site/content/articles/2024/07/a.md",
      "/srv/newsroom/site-2/content/a.md", // a sibling that shares the root's name as a prefix
      "/tmp/bench/corpus/2024/a.md",
      "/srv/newsroom/site",
      "/srv/newsroom",
      "/srv/newsroom/site/../other/a.md",
      "/srv/newsroom/site/./content/a.md",
      "/srv//newsroom/site/content/a.md",
      "/srv/newsroom/site/content/..hidden.md",
      "/srv/newsroom/site/..notes.md", // path.relative's answer starts with "..", so it is named in full
      "/srv/newsroom/site/..drafts/a.md",
    ]) {
      expect(rel(paths, path), path).toBe(asRelative(path));
    }
  });
});

describe("dates", () => {
  it("keeps UTC sites in UTC: dates print with Z, as luxon's own UTC zone does", () => {
    expect(parseDate("2024-07-09", "UTC")!.toISO()).toBe("2024-07-09T00:00:00.000Z");
    expect(parseDate("2024-07-09T10:00:00+03:00", "UTC")!.toISO()).toBe("2024-07-09T07:00:00.000Z");
  });

  it("reads a date without a time as midnight in the site zone", () => {
    expect(parseDate("2024-07-09", "Asia/Damascus")!.toISO()).toBe("2024-07-09T00:00:00.000+03:00");
    expect(parseDate("2024-07-09", "America/New_York")!.toISO()).toBe("2024-07-09T00:00:00.000-04:00");
  });

  it("moves a date-time with an offset into the site zone", () => {
    const d = parseDate("2024-12-31T23:30:00Z", "Asia/Damascus")!;
    expect(d.year).toBe(2025);
    expect(d.toISO()).toBe("2025-01-01T02:30:00.000+03:00");
  });

  it("rejects impossible and informal dates", () => {
    for (const bad of ["2024-13-45", "2024-02-30", "yesterday", "09/07/2024", "2024-07-09T25:00", ""]) {
      expect(parseDate(bad, "UTC")).toBeNull();
    }
  });

  it("names a date's year and month as luxon's yyyy and MM do, in the date's own zone", () => {
    for (const [text, zone] of [["2024-07-09", "UTC"], ["0999-01-02", "UTC"], ["2024-12-31T23:30:00Z", "Asia/Damascus"], ["2025-01-01T01:00:00+03:00", "America/New_York"]] as const) {
      const d = parseDate(text, zone)!;
      expect([yearOf(d), monthOf(d)]).toEqual([d.toFormat("yyyy"), d.toFormat("MM")]);
    }
  });

  it("writes a human date exactly as luxon does, for every zone, locale, calendar and digits", () => {
    const locales = ["en", "en-GB", "ar", "ar-SY", "ar-SY-u-nu-latn", "ar-EG-u-nu-arab", "ar-SA", "fa-IR", "fa-u-nu-arabext", "he-IL", "ckb-IQ", "ur-PK", "fr-FR", "tr", "zh-u-ca-chinese", "en-u-ca-dangi", "en-GB-u-ca-japanese", "en-u-ca-hebrew", "en-u-ca-ethiopic", "en-u-nu-thai"];
    const zones = ["UTC", "Asia/Damascus", "Asia/Beirut", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
    const texts = ["2024-07-09", "2024-02-29", "2023-12-31T23:30:00Z", "2024-03-31T00:30:00+03:00", "2016-01-01", "1999-12-31T22:00:00Z", "0999-01-02", "2031-10-26T01:30:00"];
    let compared = 0;
    for (const zone of zones) {
      for (const text of texts) {
        const d = parseDate(text, zone)!;
        for (const locale of locales) {
          expect(humanDate(d, locale), `${text} in ${zone}, ${locale}`).toBe(d.setLocale(locale).toLocaleString(DateTime.DATE_FULL));
          compared++;
        }
      }
    }
    expect(compared).toBe(locales.length * zones.length * texts.length);
    // The astronomical Islamic calendar names a day from the instant: 25 January 2020 in Riyadh.
    const riyadh = parseDate("2020-01-25", "Asia/Riyadh")!;
    expect(humanDate(riyadh, "ar-u-ca-islamic")).toBe(riyadh.setLocale("ar-u-ca-islamic").toLocaleString(DateTime.DATE_FULL));
  });

  it("makes a cached date again from its instant, zone and offset exactly as luxon makes it from the instant", () => {
    const zones = ["UTC", "Asia/Damascus", "Asia/Beirut", "America/New_York", "Europe/London", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Riyadh"];
    // Around daylight saving changes (and Samoa's skipped day), and LMT with seconds in its offset.
    const texts = ["2024-03-31T00:30:00+03:00", "2024-03-31T01:30:00Z", "2024-10-27T00:59:59Z", "2024-10-27T01:00:00Z", "2024-11-03T05:59:59Z", "2024-11-03T06:00:00Z", "2011-12-30T09:59:59Z", "2011-12-30T10:00:00Z", "1900-01-01", "0999-01-02", "2024-07-09"];
    let compared = 0;
    for (const zone of zones) {
      for (const text of texts) {
        const d = parseDate(text, zone)!;
        const made = dateFromMillis(d.toMillis(), d.zoneName!, d.offset);
        const luxon = DateTime.fromMillis(d.toMillis(), { zone: d.zone });
        expect([made.toISO(), made.offset, made.toObject(), made.zone.equals(luxon.zone), made.equals(luxon)], `${text} in ${zone}`).toEqual([luxon.toISO(), luxon.offset, luxon.toObject(), true, true]);
        expect(made.plus({ days: 1 }).toISO()).toBe(luxon.plus({ days: 1 }).toISO());
        compared++;
      }
    }
    expect(compared).toBe(zones.length * texts.length);
    // Without an offset (a cache of an earlier format), luxon works it out.
    expect(dateFromMillis(Date.UTC(2024, 6, 9), "Asia/Damascus").toISO()).toBe("2024-07-09T03:00:00.000+03:00");
  });

  it("shows dates in the reader's language", () => {
    const d = parseDate("2024-07-09", "UTC")!;
    expect(humanDate(d, "en")).toBe("July 9, 2024");
    expect(humanDate(d, "ar")).toMatch(/يوليو|تموز/);
  });
});

describe("front-matter lines", () => {
  // The quick lookup must agree with the full YAML parse wherever it answers at all.
  const source = [
    "",
    "title: Talks resume",
    "# a comment",
    "keywords:",
    "  - Idlib",
    "",
    "  - Aleppo # and a comment",
    "aliases: [/a/, /b/]",
    "summary: >",
    "  folded text",
    "tags_like:",
    "  - \"a long item",
    "    that spans lines\"",
    "  - second",
    "'quoted': 1",
  ].join("\n");

  it("finds fields and list items written the plain way, and leaves the rest to the YAML parser", () => {
    expect(plainLineOf(source, ["title"])).toBe(2);
    expect(plainLineOf(source, ["keywords", 0])).toBe(5);
    expect(plainLineOf(source, ["keywords", 1])).toBe(7);
    expect(plainLineOf(source, ["aliases", 1])).toBe(8);
    expect(plainLineOf(source, ["summary"])).toBe(9);
    expect(plainLineOf(source, ["tags_like", 1])).toBeUndefined(); // first item spans two lines
    expect(plainLineOf(source, ["quoted"])).toBeUndefined();
    expect(plainLineOf(source, ["keywords", 5])).toBeUndefined();
    // An item continued on a line that starts with "- " is one item, not two.
    expect(plainLineOf("keywords:\n  - Idlib\n    - council\n  - Aleppo", ["keywords", 1])).toBeUndefined();
  });

  it("gives the lines of the full parse, whichever path answers", () => {
    const fields = parseFields("x.md", source);
    if (!fields.ok) throw new Error("fixture should parse");
    const expected: [(string | number)[], number][] = [
      [["title"], 2], [["keywords", 0], 5], [["keywords", 1], 7], [["aliases", 1], 8],
      [["summary"], 9], [["tags_like", 1], 14], [["quoted"], 15],
    ];
    for (const [path, line] of expected) expect(fields.value.lineOf(path), path.join(".")).toBe(line);
  });
});

describe("search bundles", () => {
  const articles = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => (a < b ? 1 : -1))
      // Spread over the months, December first, as articles come newest first.
      .flatMap(([year, n]) => Array.from({ length: n }, (_, i) => ({ path: `/${year}/${i}/`, year, month: String(12 - Math.floor((i * 12) / n)).padStart(2, "0") })));

  it("packs whole years, newest first, into bundles of about the size asked", () => {
    const bundles = planBundles(articles({ 2025: 900, 2024: 800, 2023: 300, 2022: 100 }), 1000);
    expect(bundles.map((b) => [b.dir, b.years, b.articles.length])).toEqual([
      ["", ["2025"], 900],
      ["2024", ["2024"], 800],
      ["2022-2023", ["2023", "2022"], 400],
    ]);
  });

  it("keeps every bundle but the newest as it was while the newest year grows", () => {
    // Up to 100 articles, 2025 still fits beside 2023 and 2024; from then on it is a bundle of its own.
    const older = { 2024: 1200, 2023: 1200, 2022: 1200, 2021: 1200 };
    expect(planBundles(articles({ 2025: 100, ...older }), 2500)[0]!.years).toEqual(["2025", "2024", "2023"]);
    for (const newest of [101, 1300, 1301, 2500, 4000]) {
      // 4,000 is larger than a bundle: the newest bundles are runs of its months.
      const bundles = planBundles(articles({ 2025: newest, ...older }), 2500);
      expect(bundles.slice(-2).map((b) => [b.dir, b.articles.length])).toEqual([["2023-2024", 2400], ["2021-2022", 2400]]);
      expect(bundles[0]).toMatchObject({ dir: "", years: ["2025"] });
    }
  });

  it("splits a year larger than a bundle into runs of whole months, and an archive that fits is one bundle at the root", () => {
    // 250 articles a month: four months a bundle. Keys name the span; the newest is at the root.
    const split = planBundles(articles({ 2025: 3000, 2024: 10 }), 1000);
    expect(split.map((b) => [b.dir, b.key, b.years, b.articles.length])).toEqual([
      ["", "2025-09-12", ["2025"], 1000],
      ["2025-05-08", "2025-05-08", ["2025"], 1000],
      ["2025-01-04", "2025-01-04", ["2025"], 1000],
      ["2024", "2024", ["2024"], 10],
    ]);
    // Newest first inside each bundle, and every article in exactly one.
    expect(split.flatMap((b) => b.articles)).toEqual(articles({ 2025: 3000, 2024: 10 }).map((a) => a.path));
    // As few runs as the size allows, about equal: 5,000 in bundles of 2,500 is two halves, not 2,085 + 2,085 + 830.
    expect(planBundles(articles({ 2025: 5000 }), 2500).map((b) => [b.key, b.articles.length])).toEqual([["2025-07-12", 2500], ["2025-01-06", 2500]]);
    expect(planBundles(articles({ 2025: 10, 2024: 10 }), 1000).map((b) => [b.dir, b.key, b.years])).toEqual([["", "2024-2025", ["2025", "2024"]]]);
    expect(planBundles([], 1000)).toEqual([{ dir: "", key: "all", years: [], articles: [] }]);
  });

  it("uses two Pagefind processes unless a bundle is larger than asked, the archive is large, or the setting says otherwise", () => {
    const even = planBundles(articles({ 2025: 900, 2024: 800, 2023: 700 }), 1000);
    // Only a month larger than a bundle makes one.
    const bigYear = planBundles([...Array.from({ length: 3000 }, (_, i) => ({ path: `/2025/${i}/`, year: "2025", month: "05" })), ...articles({ 2024: 10 })], 1000);
    expect(indexProcesses("auto", even, 1000)).toBe(2);
    // Runs of months of about the size asked, a little over it: still two.
    expect(indexProcesses("auto", planBundles(articles({ 2025: 5004 }), 2500), 2500)).toBe(2);
    expect(indexProcesses("auto", bigYear, 1000)).toBe(1);
    expect(indexProcesses(3, bigYear, 1000)).toBe(3);
    expect(indexProcesses(1, even, 1000)).toBe(1);
    // A large archive: one, so Node and Pagefind stay within 4 GB at 50,000 articles.
    const large = planBundles(articles({ 2025: 5000, 2024: 5000, 2023: 4000 }), 2500);
    expect(indexProcesses("auto", planBundles(articles({ 2025: 5000, 2024: 5000, 2023: 3999 }), 2500), 2500)).toBe(2);
    expect(indexProcesses("auto", large, 2500)).toBe(1);
    expect(indexProcesses(2, large, 2500)).toBe(2);
  });
});

describe("related articles", () => {
  // The ranking is kept between builds while the keywords are the same; these build after each other.
  const archive = (keywords: string[][]) => {
    const articles = keywords.map((_, i) => articleFrom(`${i}.md`));
    const facets = new Map<string, Facet>();
    const facet = (name: string) => {
      if (!facets.has(name)) facets.set(name, { identity: name, name, slug: name, path: `/keywords/${name}/`, articles: [], aliases: [] });
      return facets.get(name)!;
    };
    articles.forEach((a, i) => keywords[i]!.forEach((k) => facet(k).articles.push(a)));
    return relatedArticles(articles, (a) => keywords[articles.indexOf(a)]!.map(facet), 5)();
  };

  it("ranks by shared keywords, and follows each change of archive", () => {
    expect([...archive([]).values()]).toEqual([]);
    expect([...archive([[]]).values()]).toEqual([[]]); // the same keywords per article as none, but one article
    const ranked = archive([["a", "b"], ["a"], ["a", "b"], ["c"]]);
    expect([...ranked.values()].map((list) => list.map((a) => a.file))).toEqual([["2.md", "1.md"], ["0.md", "2.md"], ["0.md", "1.md"], []]);
  });

  it("ranks a large archive on a thread of its own, exactly as here", () => {
    // 3,000 articles with 0 to 4 of 400 keywords (a few common ones), from a fixed seed.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const total = 3000;
    const keywords = Array.from({ length: total }, () => [...new Set(Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() ** 3 * 400)))]);
    const members = Array.from({ length: 400 }, (_, k) => keywords.flatMap((ks, i) => (ks.includes(k) ? [i] : [])));
    const starts = (lists: number[][]) => Int32Array.from([0, ...lists.map((_, i) => lists.slice(0, i + 1).reduce((n, l) => n + l.length, 0))]);
    const input: RankInput = { limit: 5, maxArticles: 100, keywordStarts: starts(keywords), keywordIds: Int32Array.from(keywords.flat()), memberStarts: starts(members), members: Int32Array.from(members.flat()) };
    const here = rankHere(input)();
    const there = rankOnThread(input)();
    expect([...there]).toEqual([...here]);
    // The thread's own answer, not the ranking made here after a failure.
    const answer = resultOnThread<Int32Array | string>(RANK_THREAD, input, () => "failed")();
    expect(answer).toBeInstanceOf(Int32Array);
    expect([...(answer as Int32Array)]).toEqual([...here]);
    // Ranked at all: most articles have related ones, some fewer than five, and none is its own.
    expect(here.filter((p) => p >= 0).length).toBeGreaterThan(total * 2);
    expect(here.some((p) => p < 0)).toBe(true);
    expect([...here].every((p, j) => p !== Math.floor(j / 5))).toBe(true);
  });
});

describe("headline typography", () => {
  // The reference: every headline through markdown-it's headline typographer, with no shortcut.
  const md = markdownIt("zero", { typographer: true }).enable(["smartquotes", "replacements"]);
  const parsed = (text: string) => (md.parseInline(text, {})[0]?.children ?? []).map((t) => t.content).join("");

  it("turns quotes and dashes as markdown-it does, and returns a headline it would not change as it is", () => {
    expect(typographic(`"Open" -- at last, it's 'done' (c) +- ... ??? !!!!! ,,`)).toBe("“Open” – at last, it’s ‘done’ © ± … ??? !!! ,");
    const plain = "Crossing reopens at Tell Sanawbar after 40 days: the UN, the port and 2,000 families";
    expect(typographic(plain)).toBe(plain);
    expect(typographic("Tab\there\r\nand NUL\u0000")).toBe(parsed("Tab\there\r\nand NUL\u0000"));
    // Each thing the rules act on, alone in a headline: the shortcut must not skip it.
    for (const alone of ["it's", '"quoted"', "+-", "..", ",,", "????", "!!!!", "--", "(c)", "(C)", "(tm)", "(TM)", "(r)", "(R)", "\r", "\u0000"]) {
      const text = `Port ${alone} reopens`;
      expect(parsed(text), JSON.stringify(alone)).not.toBe(text);
      expect(typographic(text), JSON.stringify(alone)).toBe(parsed(text));
    }
  });

  it("gives markdown-it's result for any text, shortcut or not (20,000 generated headlines)", () => {
    // Letters, spaces and every character the rules or the normalising look at, in runs.
    const alphabet = ["a", "T", " ", "'", '"', "-", ".", ",", "?", "!", "+", "(", ")", "c", "C", "t", "m", "r", "R", "\r", "\n", "\u0000", "’", "ب", "1"];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let shortcut = 0;
    for (let i = 0; i < 20000; i++) {
      let text = "";
      for (let j = next(14); j >= 0; j--) text += alphabet[next(alphabet.length)]!.repeat(1 + next(3) * next(2));
      const result = typographic(text);
      if (result === text) shortcut++;
      expect(result, JSON.stringify(text)).toBe(parsed(text));
    }
    expect(shortcut).toBeGreaterThan(1000);
  });
});

describe("packages loaded when first needed", () => {
  it("renders a body without raw HTML without loading the sanitiser, and one with raw HTML through it", async () => {
    const { spawnSync } = await import("node:child_process");
    const { NODE_ARGS } = await import("../src/environment.ts");
    const script = `
      const { createRequire } = await import("node:module");
      const { renderOnce } = await import(${JSON.stringify(new URL("../src/markdown.ts", import.meta.url).href)});
      const ours = ["sanitize-html", "htmlparser2"].map((p) => ${JSON.stringify(fileURLToPath(new URL("../node_modules/", import.meta.url)))} + p + "/");
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => ours.some((p) => f.startsWith(p))).length;
      const plain = renderOnce({}, "Plain *text* and [a link](https://example.org).", { html: true }).html;
      const before = loaded();
      const raw = renderOnce({}, "Text <sup>2</sup> <script>alert(1)</script>", { html: true }).html;
      console.log(JSON.stringify({ plain, before, raw, after: loaded() }));`;
    const child = spawnSync(process.execPath, [...NODE_ARGS, "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as { plain: string; before: number; raw: string; after: number };
    expect(result.plain).toBe('<p>Plain <em>text</em> and <a href="https://example.org">a link</a>.</p>\n');
    expect(result.before).toBe(0);
    expect(result.raw).toBe("<p>Text <sup>2</sup> </p>\n");
    expect(result.after).toBeGreaterThan(1);
  });
});

describe("parts of the model made on a thread", () => {
  it("answers from the thread, and falls back to the same function here when the thread fails", () => {
    const where = `(input) => ({ input, main: require("node:worker_threads").isMainThread })`;
    expect(resultOnThread(where, [1, "two"], () => "here")()).toEqual({ input: [1, "two"], main: false });
    const thunk = resultOnThread(`async () => { throw new Error("no"); }`, 0, () => "here");
    expect(thunk()).toBe("here");
    expect(thunk()).toBe("here");
    expect(resultOnThread(`() => () => "a function cannot be posted"`, 0, () => "here")()).toBe("here");
    expect(resultOnThread(`this is not JavaScript`, 0, () => "here")()).toBe("here");
  });

  it("counts a large archive's headline words on a thread, exactly as here", () => {
    // 3,000 headlines of 3 to 9 words from a vocabulary of 600, Arabic and Latin, from a fixed seed.
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const vocabulary = Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? `الزراعة${"ابت"[i % 3]}${i}` : i % 5 === 0 ? `Harbour${i}'s` : `word${i}`));
    const titles = Array.from({ length: 3000 }, () => Array.from({ length: 3 + next(7) }, () => vocabulary[Math.floor(next(600) ** 2 / 600)]!).join(" "));
    const here = headlineWords(titles, 60);
    expect(here).toHaveLength(60);
    expect(here.filter((w) => w.startsWith("الزراعة")).length).toBeGreaterThan(3);
    expect(headlineWordsSoon(titles, 60)()).toEqual(here);
    // The thread's own answer, not the count made here after a failure.
    expect(resultOnThread(WORDS_THREAD, { titles, max: 60, minWord: MIN_WORD, stemModule: STEM_MODULE }, () => "failed")()).toEqual(here);
  });

  it("answers from the thread under the TypeScript loader the build runs with, whose compiled functions name themselves (headline words, related articles)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { NODE_ARGS } = await import("../src/environment.ts");
    const module = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
    const script = `
      const { headlineWords, MIN_WORD, STEM_MODULE, WORDS_THREAD } = await import(${module("../src/archive/build/search-words.ts")});
      const { resultOnThread } = await import(${module("../src/archive/thread.ts")});
      const titles = Array.from({ length: 500 }, (_, i) => "Harbour " + (i % 7) + " reopens at crossing " + (i % 13) + " in الزراعة " + (i % 5));
      const there = resultOnThread(WORDS_THREAD, { titles, max: 50, minWord: MIN_WORD, stemModule: STEM_MODULE }, () => "failed")();
      const { RANK_THREAD, rankHere } = await import(${module("../src/archive/rank.ts")});
      const input = { limit: 2, maxArticles: 10, keywordStarts: Int32Array.from([0, 1, 2, 3]), keywordIds: Int32Array.from([0, 0, 0]), memberStarts: Int32Array.from([0, 3]), members: Int32Array.from([0, 1, 2]) };
      const ranked = resultOnThread(RANK_THREAD, input, () => "failed")();
      console.log(JSON.stringify({ same: JSON.stringify(there) === JSON.stringify(headlineWords(titles, 50)), there, ranked: ranked === "failed" ? ranked : [...ranked], here: [...rankHere(input)()] }));`;
    const child = spawnSync(process.execPath, [...NODE_ARGS, "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const { same, there, ranked, here } = JSON.parse(child.stdout) as { same: boolean; there: unknown; ranked: unknown; here: number[] };
    expect(there).not.toBe("failed");
    expect(same).toBe(true);
    // The related articles' ranking too: each article's two others, ranked on the thread.
    expect(ranked).toEqual(here);
    expect(here).toEqual([1, 2, 0, 2, 0, 1]); // ties go to the newer (the lower position)
  });
});

describe("fields made when first read", () => {
  it("are made once, on the first read, per object; listed, serialised and assignable like any field", () => {
    const made: string[] = [];
    const views = [1, 2, 3].map((n) => {
      const view = { path: `/a/${n}/` } as { path: string; html: string; meta: string };
      lazyField(view, "html", () => (made.push(`html ${n}`), `<p>${n}</p>`));
      lazyField(view, "meta", () => (made.push(`meta ${n}`), `meta ${n}`));
      return view;
    });
    expect(made).toEqual([]);
    expect(Object.keys(views[0]!)).toEqual(["path", "html", "meta"]);
    expect(views[1]!.html).toBe("<p>2</p>");
    expect(views[1]!.html).toBe("<p>2</p>");
    expect(made).toEqual(["html 2"]);
    // Set before it is read: never made.
    views[2]!.meta = "set";
    expect(views[2]!.meta).toBe("set");
    expect(JSON.stringify(views[2])).toBe('{"path":"/a/3/","html":"<p>3</p>","meta":"set"}');
    expect(made).toEqual(["html 2", "html 3"]);
    // Read through an object that inherits it: made once, on the object that has it.
    const child = Object.create(views[0]!) as { html: string };
    expect(child.html).toBe("<p>1</p>");
    expect(Object.getOwnPropertyDescriptor(views[0]!, "html")).toMatchObject({ value: "<p>1</p>", writable: true, enumerable: true });
    expect(views[0]!.html).toBe("<p>1</p>");
    expect(made).toEqual(["html 2", "html 3", "html 1"]);
    expect({ ...views[0]! }).toEqual({ path: "/a/1/", html: "<p>1</p>", meta: "meta 1" });
  });
});

describe("feed entries", () => {
  it("are made for a feed only when it is read: page keys count a feed by its articles or notices, and follow them", async () => {
    const { pageKeys } = await import("../src/incremental/keys.ts");
    const { modelFrom } = await import("./helpers/model.ts");
    const { articleFile } = await import("./helpers/articles.ts");
    const files = (notice: string) => ({
      "a/one.md": articleFile({ title: "One", date: "2024-01-01", keywords: ["Water"], corrections: [{ date: "2024-01-02", type: "correction", text: notice }] }),
      "a/two.md": articleFile({ title: "Two", date: "2024-01-03", keywords: ["Water", "Wheat"] }),
    });
    const made = (feed: object) => typeof Object.getOwnPropertyDescriptor(feed, "entries")?.get !== "function";
    const { model } = modelFrom(files("The date was wrong."));
    const water = model.feeds.find((f) => f.path === "/keywords/water/feed.xml")!;
    const corrections = model.feeds.find((f) => f.path === "/corrections/feed.xml")!;
    // The site feed's entries are the JSON Feed's items (made with the model); no other feed's are.
    expect(made(model.feeds[0]!)).toBe(true);
    expect(model.feeds.slice(1).map(made)).toEqual(model.feeds.slice(1).map(() => false));
    const keyOf = pageKeys(model, ["site"]);
    const keys = new Map(model.feeds.map((f) => [f.path, keyOf("feed", f)]));
    expect(model.feeds.slice(1).map(made)).toEqual(model.feeds.slice(1).map(() => false));
    // Read as the feed template reads them: made then, from the feed's articles and notices.
    expect(water.entries.map((e) => e.title)).toEqual(["Two", "One"]);
    expect(corrections.entries.map((e) => e.summary)).toEqual(["The date was wrong."]);
    expect(made(water)).toBe(true);
    // Another notice's text: the corrections feed's key changes, and so does that of Water's feed
    // (its article's card shows the notice); Wheat's feed, which shows neither, keeps its key.
    const again = modelFrom(files("The place was wrong.")).model;
    const keyAgain = pageKeys(again, ["site"]);
    const changed = again.feeds.filter((f) => keyAgain("feed", f) !== keys.get(f.path)).map((f) => f.path);
    expect(changed).toContain("/corrections/feed.xml");
    expect(changed).toContain("/keywords/water/feed.xml");
    expect(changed).not.toContain("/keywords/wheat/feed.xml");
  });
});

describe("feed entries, not yet made", () => {
  it("keep alive the articles they will show and nothing else of what the feeds were made from", async () => {
    // A feed's entries are made when it is written, the last of the streamed pages but sitemaps; a
    // maker that kept the model's scope kept every article and its text until then (480 MB more
    // at 50,000 articles, past the cold build's heap limit).
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const { feedsFor } = await import("../src/archive/feeds.ts");
    const { createUrls } = await import("../src/archive/urls.ts");
    const { modelFrom } = await import("./helpers/model.ts");
    const { articleFile } = await import("./helpers/articles.ts");
    const { model, index } = modelFrom({
      "a/one.md": articleFile({ title: "One", date: "2024-01-01", keywords: ["Water"] }),
      "a/two.md": articleFile({ title: "Two", date: "2024-01-03", keywords: ["Water"] }),
    });
    const viewOf = new Map(index.published.map((a, i) => [a, model.articles[i]!]));
    // Stands for what the model's builders hold (the content, the index): only `articlesOf` sees it.
    let held: object | undefined = { content: "the model's scope" };
    const watched = new WeakRef(held);
    const feeds = (() => {
      const scope = held;
      return feedsFor({ site: model.site, urls: createUrls(model.site.url), views: model.articles, facets: index.facets, articlesOf: (f, count) => (scope ? f.articles.slice(0, count).map((a) => viewOf.get(a)!) : []) });
    })();
    held = undefined;
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const water = feeds.find((f) => f.path === "/keywords/water/feed.xml")!;
    expect(typeof Object.getOwnPropertyDescriptor(water, "entries")?.get).toBe("function"); // not made yet
    expect(watched.deref()).toBeUndefined();
    expect(water.entries.map((e) => e.title)).toEqual(["Two", "One"]);
  });
});

describe("streamed pages", () => {
  it("fail when a page cannot be written, even with other writes in flight", async () => {
    const { mkdir } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { writeStreamedPages } = await import("../src/eleventy/stream.ts");
    const { tempDir } = await import("./helpers/site.ts");
    const out = await tempDir();
    await mkdir(join(out, "b", "index.html"), { recursive: true }); // a folder where a page must go
    class Template {
      render(_context: object, done: (error: Error | null, html?: string) => void) {
        setTimeout(() => done(null, "<!doctype html>"), 1);
      }
    }
    const runtime = { nunjucks: { Template }, environment: {}, transform: async (html: string) => html } as unknown as Parameters<typeof writeStreamedPages>[0];
    const model = fakeModel({ articles: ["/a/", "/b/", "/c/"].map((path) => fakeArticleView(path)) });
    await expect(writeStreamedPages(runtime, join(process.cwd(), "templates"), model, out)).rejects.toThrow(/cannot write .*b\/index\.html/);
  });
});

describe("languages", () => {
  it("knows right-to-left languages and BCP 47 tags", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("ar-SY")).toBe("rtl");
    expect(directionOf("fa")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
    expect(isLanguageTag("ar-SY")).toBe(true);
    expect(isLanguageTag("english!")).toBe(false);
  });
});

describe("letter groups", () => {
  it("puts Latin letters first, folds accents, then other scripts, then symbols", () => {
    const groups = groupByLetter(["Zeta", "Élan", "alpha", "إدلب", "42 days", "beta"], (s) => s, "en");
    expect(groups.map((g) => g.letter)).toEqual(["A", "B", "E", "Z", "ا", "#"]);
    expect(groups[0]!.items).toEqual(["alpha"]);
  });
});

describe("search index", () => {
  it("fails with one clear error, not a hang, when it cannot be written", async () => {
    const { writeFileSync } = await import("node:fs");
    const { tempDir } = await import("./helpers/site.ts");
    const { writeSearchIndex, SearchIndexError } = await import("../src/search/pagefind.ts");
    const file = `${await tempDir()}/not-a-folder`;
    writeFileSync(file, "x");
    const record = {
      url: "/a/",
      language: "en",
      text: { title: "Hi", html: "<p>Text</p>" },
      filters: { keyword: [], source: ["Wadi Press"], translator: ["Desk"], year: ["2024"], language: ["en"], part: ["all"] },
      meta: { title: "Hi", date: "2024-07-09T00:00:00Z", source: "Wadi Press", summary: "Text" },
      sort: { date: "2024-07-09T00:00:00Z" },
    };
    const attempt = writeSearchIndex([record], `${file}/pagefind`, { language: "en", bundles: [{ dir: "", key: "all", articles: ["/a/"] }], processes: 1 });
    await expect(attempt).rejects.toBeInstanceOf(SearchIndexError);
    await expect(attempt).rejects.toThrow(/cannot write the search index to .*not-a-folder\/pagefind/);
  });

  it("starts its first Pagefind process with an index ready for the first bundle, fails for an idle death only when a bundle asks, and closes at once when none asks", async () => {
    const { openPool } = await import("../src/search/pool.ts");
    const { subscribe, unsubscribe } = await import("node:diagnostics_channel");
    const spawned: import("node:child_process").ChildProcess[] = [];
    const onSpawn = (message: unknown) => void spawned.push((message as { process: import("node:child_process").ChildProcess }).process);
    subscribe("child_process", onSpawn);
    const pool = await openPool(1, "en");
    // Started as the pool opens, before any bundle asks for an index.
    expect(spawned).toHaveLength(1);
    const [api] = pool.apis;
    const [ready, other] = await Promise.all([pool.createIndex(api!, "en"), pool.createIndex(api!, "ar")]);
    expect(ready.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    // The same process: the ready index and one made later are two indexes of it.
    expect(await ready.index!.addHTMLFile({ url: "/a/", content: "<html lang='en'><body><h1>Harbour</h1></body></html>" })).toMatchObject({ errors: [] });
    expect((await other.index!.getFiles()).errors).toEqual([]);
    await pool.close();
    // A process that dies before anything is asked of the pool fails only a bundle that then asks.
    const idle = await openPool(1, "en");
    const pagefind = spawned[1]!;
    await new Promise((resolve) => (pagefind.once("exit", resolve), pagefind.kill("SIGKILL")));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle.died).toBeUndefined();
    await expect(idle.createIndex(idle.apis[0]!, "en")).rejects.toThrow(/Pagefind was stopped \(SIGKILL\)/);
    expect(idle.died).toMatch(/no search index was written/);
    await idle.close();
    unsubscribe("child_process", onSpawn);
    // Never taken (a build whose bundles were all reused): closing the pool ends the request, so
    // the process ends at once rather than at the request's 120 s limit.
    const { spawnSync } = await import("node:child_process");
    const { NODE_ARGS } = await import("../src/environment.ts");
    const script = `const { openPool } = await import(${JSON.stringify(new URL("../src/search/pool.ts", import.meta.url).href)}); await (await openPool(1, "en")).close();`;
    const started = Date.now();
    const child = spawnSync(process.execPath, [...NODE_ARGS, "--input-type=module", "-e", script], { timeout: 60_000 });
    expect(child.status, String(child.stderr)).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it("lists every Pagefind error in its message", async () => {
    const { SearchIndexError } = await import("../src/search/pagefind.ts");
    expect(new SearchIndexError(["/a/: first", "second"]).message).toBe("Search index failed:\n  /a/: first\n  second");
  });
});
