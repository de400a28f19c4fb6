// Feeds carry the credit: every Atom feed of a built fixture site, read by feedparser (the Node
// feed parser feed readers are built on), shows each entry's outlet linked to the original, the
// original as rel="via", the original authors as <author>, translators as <contributor>, the
// disclaimer and the corrections in the content; the JSON Feed carries external_url and authors.
// The credit reads in the article's language and direction (an Arabic article's in Arabic, right to
// left), in the words of the page's provenance block. Every feed stays well-formed.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import FeedParser from "feedparser";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";
import { xmlErrors } from "./helpers/xml.ts";

const ORIGINAL = "https://wadi.example/story?id=1&lang=ar";
const HOSTILE_AUTHOR = `Rana "R" <b>Haddad</b> & co`;

const files = {
  "2024-07-09-credited.md": articleFile({
    title: "Harbour reopens",
    date: "2024-07-09",
    source: "Wadi Press",
    source_url: ORIGINAL,
    author: HOSTILE_AUTHOR,
    translator: "Omar Khalil",
    keywords: ["Trade"],
    corrections: [{ date: "2024-07-10", type: "correction", text: "The harbour reopened on Tuesday, not Monday." }],
    body: "Ships returned. See [the earlier story](/2024/07/arabic/).",
  }),
  "2024-07-08-arabic.md": articleFile({
    title: "الميناء يعود إلى العمل",
    date: "2024-07-08",
    lang: "ar",
    source: "صحيفة الوادي",
    keywords: ["Trade"],
    disclaimer: "ترجمة غير رسمية؛ المحتوى مسؤولية المصدر.",
    corrections: [{ date: "2024-07-09", type: "update", text: "وصلت سفينتان إضافيتان." }],
    body: "عادت السفن.",
  }),
};

/** A node of feedparser's raw `atom:*` elements: attributes under "@", text under "#". */
interface AtomNode {
  "@": Record<string, string>;
  "#"?: string;
  name?: AtomNode;
}

interface ParsedEntry {
  link: string;
  description: string;
  via?: string;
  authors: string[];
  contributors: string[];
}

/** One element or several, as feedparser gives them, as a list. */
function nodes(value: unknown): AtomNode[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as AtomNode[];
}

/** An Atom document -> its entries as feedparser reports them. */
function parseFeed(xml: string): Promise<ParsedEntry[]> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ feedurl: "https://ledger.example.org/feed.xml" });
    const entries: ParsedEntry[] = [];
    parser.on("error", reject);
    parser.on("readable", () => {
      for (let item = parser.read(); item; item = parser.read()) {
        const raw = item as Record<string, unknown>;
        entries.push({
          link: item.link,
          description: item.description,
          via: nodes(raw["atom:link"]).find((l) => l["@"].rel === "via")?.["@"].href,
          authors: nodes(raw["atom:author"]).map((a) => a.name?.["#"] ?? ""),
          contributors: nodes(raw["atom:contributor"]).map((a) => a.name?.["#"] ?? ""),
        });
      }
    });
    parser.on("end", () => resolve(entries));
    Readable.from([xml]).pipe(parser);
  });
}

/** Every Atom feed the site has, as site paths. */
async function atomFeeds(out: string): Promise<string[]> {
  const all = await readdir(out, { recursive: true });
  return all.filter((f) => f.endsWith(".xml") && !/^(sitemaps\/.*|sitemap|news-sitemap)\.xml$/.test(f)).sort();
}

describe("feeds carry the credit", () => {
  let site: BuildResult;
  const CREDITED = "https://ledger.example.org/2024/07/credited/";
  const ARABIC = "https://ledger.example.org/2024/07/arabic/";

  beforeAll(async () => {
    site = await buildSite({ files, contentDir: FIXTURE_CONTENT });
    expect(site.code, site.stderr).toBe(0);
  });

  it("every Atom feed is well-formed and credits each entry, as a feed parser reads it", async () => {
    const feeds = await atomFeeds(site.out);
    // Site, keyword, two sources, one author, two translators, corrections.
    expect(feeds).toHaveLength(8);
    let checked = 0;
    for (const feed of feeds) {
      const xml = await readFile(join(site.out, feed), "utf8");
      expect(xmlErrors(xml), feed).toEqual([]);
      const entries = await parseFeed(xml);
      expect(entries.length, feed).toBeGreaterThan(0);
      if (feed.startsWith("corrections/")) continue;
      for (const e of entries) {
        checked++;
        if (e.link === CREDITED) {
          expect(e.via, feed).toBe(ORIGINAL);
          expect(e.authors, feed).toEqual([HOSTILE_AUTHOR]);
          expect(e.contributors, feed).toEqual(["Omar Khalil"]);
          expect(e.description, feed).toContain(
            `<p class="credit" lang="en" dir="ltr">Reported by <bdi>Rana &quot;R&quot; &lt;b&gt;Haddad&lt;/b&gt; &amp; co</bdi> for <a href="https://wadi.example/story?id=1&amp;lang=ar"><bdi>Wadi Press</bdi></a> · Translated by <bdi>Omar Khalil</bdi></p>`,
          );
          expect(e.description, feed).toContain(`<p class="credit-links" lang="en" dir="ltr"><a href="https://wadi.example/story?id=1&amp;lang=ar">Original article</a></p>`);
          // The body's own links are absolute; the correction and the disclaimer follow it.
          expect(e.description, feed).toContain(`<a href="${ARABIC}">the earlier story</a>`);
          expect(e.description, feed).toMatch(/Ships returned[\s\S]*<p class="correction" lang="en" dir="ltr"><strong>Correction<\/strong> <time datetime="2024-07-10T00:00:00\+03:00">July 10, 2024<\/time>: The harbour reopened on Tuesday, not Monday\.[\s\S]*This article was translated by Omar Khalil/);
        } else {
          expect(e.link, feed).toBe(ARABIC);
          // No original link: no via; no author named: the outlet stands as author.
          expect(e.via, feed).toBeUndefined();
          expect(e.authors, feed).toEqual(["صحيفة الوادي"]);
          expect(e.contributors, feed).toEqual(["Ledger Translation Desk"]);
          // The credit reads in the article's language, right to left, in the page's words.
          expect(e.description, feed).toContain(`<p class="credit" lang="ar" dir="rtl">نُشر أصلاً في <bdi lang="ar">صحيفة الوادي</bdi> · ترجمة <bdi>Ledger Translation Desk</bdi></p>`);
          expect(e.description, feed).toContain(`<p class="disclaimer" lang="ar" dir="rtl"><em>ترجمة غير رسمية؛ المحتوى مسؤولية المصدر.</em></p>`);
          expect(e.description, feed).not.toContain("Original article");
        }
      }
    }
    expect(checked).toBe(2 + 2 + 1 + 1 + 1 + 1 + 1); // the author feed too
  });

  it("the JSON Feed carries external_url, the people as authors and the credit in content_html", async () => {
    const feed = JSON.parse(await site.text("feed.json")) as { items: { url: string; external_url?: string; authors: { name: string }[]; content_html: string }[] };
    const [credited, arabic] = feed.items;
    expect(credited!.url).toBe(CREDITED);
    expect(credited!.external_url).toBe(ORIGINAL);
    expect(credited!.authors).toEqual([{ name: HOSTILE_AUTHOR }, { name: "Omar Khalil" }]);
    expect(credited!.content_html).toContain(`for <a href="https://wadi.example/story?id=1&amp;lang=ar"><bdi>Wadi Press</bdi></a> · Translated by <bdi>Omar Khalil</bdi>`);
    expect(credited!.content_html).toContain("The harbour reopened on Tuesday, not Monday.");
    expect(arabic!.url).toBe(ARABIC);
    expect(arabic).not.toHaveProperty("external_url");
    expect(arabic!.authors).toEqual([{ name: "صحيفة الوادي" }, { name: "Ledger Translation Desk" }]);
    expect(arabic!.content_html).toContain("ترجمة غير رسمية");
  });

  it("an Arabic article's Atom entry and JSON Feed item carry the credit in Arabic, right to left", async () => {
    const atom = (await parseFeed(await site.text("feed.xml"))).find((e) => e.link === ARABIC)!;
    const json = (JSON.parse(await site.text("feed.json")) as { items: { url: string; content_html: string }[] }).items.find((i) => i.url === ARABIC)!;
    for (const [where, html] of [["Atom", atom.description], ["JSON Feed", json.content_html]] as const) {
      // "Originally published by {outlet} · Translated by {desk}", in the words of the page's provenance block.
      expect(html, where).toMatch(/<p class="credit" lang="ar" dir="rtl">نُشر أصلاً في <bdi[^>]*>صحيفة الوادي<\/bdi> · ترجمة <bdi>Ledger Translation Desk<\/bdi><\/p>/);
      // The update is labelled and dated in Arabic too, the disclaimer in its own language.
      expect(html, where).toContain(`<p class="correction" lang="ar" dir="rtl"><strong>تحديث</strong> <time datetime="2024-07-09T00:00:00+03:00">`);
      expect(html, where).toContain("وصلت سفينتان إضافيتان.");
      expect(html, where).toContain(`<p class="disclaimer" lang="ar" dir="rtl">`);
      expect(html, where).not.toMatch(/Originally published|Translated by|Update/);
    }
    // The article page says the same words.
    const page = await site.text("2024/07/arabic/index.html");
    expect(page).toContain("نُشر أصلاً في");
    expect(page).toMatch(/<h[23] class="notice__title"[^>]*>تحديث <time/);
  });
});
