// Arabic pages in a real browser (Debian's Chromium), on the sample site: the Arabic article sits
// on the English grid, the English chrome keeps its font, the Arabic face is downloaded only by
// pages with Arabic letters, the dateline keeps its order right to left, and every tap target on
// a phone is at least 44 px tall.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSkipReason, browseSite, type BrowsedSite } from "./helpers/browser.ts";
import { ROOT } from "./helpers/site.ts";

const ARABIC = "/2024/02/seed-trucks-abu-al-zindeen-ar/";
const ENGLISH = "/2024/07/tell-sanawbar-harbour-reopens/";

// Browser-side functions are passed as text: the test runner's transform would otherwise add helpers the page does not have.
const BOX = `(selector) => { const e = document.querySelector(selector); if (!e) return null; const r = e.getBoundingClientRect(); return { left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top), bottom: Math.round(r.bottom) }; }`;

describe.skipIf(!!browserSkipReason)("Arabic pages in the browser", () => {
  let site: BrowsedSite;
  let page: Page;

  beforeAll(async () => {
    site = await browseSite({ articles: join(ROOT, "content/articles"), contentDir: join(ROOT, "content") });
    page = site.page;
  });
  afterAll(() => site?.close());

  async function open(path: string, width: number, height = 900): Promise<void> {
    await page.setViewportSize({ width, height });
    await page.goto(`${site.url}${encodeURI(path)}`, { waitUntil: "networkidle" });
  }
  const box = (selector: string) => page.evaluate(`(${BOX})(${JSON.stringify(selector)})`) as Promise<{ left: number; right: number; top: number; bottom: number } | null>;

  it.each([390, 768, 1280])("puts the Arabic article's column on the English one's edges at %i px, right-aligned inside", async (width) => {
    await open(ENGLISH, width);
    const english = await box(".article");
    const crumbs = await box(".breadcrumbs ol");
    await open(ARABIC, width);
    expect(await box(".article")).toMatchObject({ left: english!.left, right: english!.right });
    expect((await box(".breadcrumbs ol"))!.left).toBe(crumbs!.left);
    // Right to left inside: the headline's text ends at the column's right edge.
    const headline = (await page.evaluate(`(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector(".article__title")); const b = r.getBoundingClientRect(); return { right: Math.round(b.right), direction: getComputedStyle(document.querySelector(".article__body p")).direction }; })()`)) as { right: number; direction: string };
    expect(headline.direction).toBe("rtl");
    expect(Math.abs(headline.right - english!.right)).toBeLessThanOrEqual(2);
  });

  it("gives every card in a list one width, Arabic or English", async () => {
    await open("/keywords/abu-al-zindeen-crossing/", 1280);
    const cards = (await page.evaluate(`[...document.querySelectorAll(".card")].map((c) => { const r = c.getBoundingClientRect(); return { lang: c.lang, edges: Math.round(r.left) + "-" + Math.round(r.right) }; })`)) as { lang: string; edges: string }[];
    expect(new Set(cards.map((c) => c.lang))).toEqual(new Set(["ar", "en"]));
    expect(new Set(cards.map((c) => c.edges)).size).toBe(1);
    await open(ENGLISH, 1280);
    expect(`${(await box(".article"))!.left}-${(await box(".article"))!.right}`).toBe(cards[0]!.edges);
  });

  // The chrome of an article page, whatever its language: each must look the same on both.
  const CHROME = [".site-notice", ".brand a", ".tagline", ".site-nav a", ".site-search input", ".breadcrumbs a", '.dateline bdi[lang="en"], .dateline bdi:last-child', ".article__keywords h2", ".related > h2", ".article-nav__label", ".site-footer p"];

  it("keeps the English chrome's font and leading on an Arabic page; Arabic text gets the Naskh face", async () => {
    const styles = async () =>
      (await page.evaluate(`${JSON.stringify(CHROME)}.map((s) => { const e = document.querySelector(s); if (!e) return s + ": missing"; const c = getComputedStyle(e); return s + ": " + c.fontFamily + " " + c.fontSize + "/" + c.lineHeight; })`)) as string[];
    await open(ENGLISH, 1280);
    const english = await styles();
    await open(ARABIC, 1280);
    expect(await styles()).toEqual(english);
    expect(english.filter((s) => s.endsWith("missing"))).toEqual([]);

    // What Chromium drew each with: the self-hosted face for Arabic letters, never for the chrome.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const drawnWith = async (selector: string) => {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      return (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })).fonts;
    };
    const body = await drawnWith(".article__body p");
    expect(body.find((f) => f.isCustomFont)?.familyName).toBe("Noto Naskh Arabic");
    for (const selector of [".site-nav a", ".site-footer p", ".breadcrumbs a"]) {
      expect((await drawnWith(selector)).filter((f) => f.isCustomFont), selector).toEqual([]);
    }
    await cdp.detach();
  });

  it("downloads the Arabic face on pages with Arabic letters only, once", async () => {
    const seen = { with: 0, without: 0 };
    for (const path of ["/archive/", "/about/", "/2023/02/abu-al-zindeen-crossing-reopens-to-produce-trucks/", ENGLISH, ARABIC, "/keywords/"]) {
      // A fresh context: nothing cached from the page before.
      const context = await site.browser.newContext();
      const tab = await context.newPage();
      const fonts: { url: string; bytes: number }[] = [];
      tab.on("response", async (r) => {
        if (r.url().includes("/fonts/")) fonts.push({ url: r.url(), bytes: (await r.body()).length });
      });
      await tab.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
      const hasArabic = (await tab.evaluate(`/\\p{Script=Arabic}/u.test(document.body.innerText)`)) as boolean;
      await context.close();
      if (hasArabic) {
        seen.with++;
        expect(fonts.map((f) => f.url.replace(site.url, "")), path).toEqual(["/fonts/noto-naskh-arabic.woff2"]);
        expect(fonts[0]!.bytes).toBeLessThan(100_000);
      } else {
        seen.without++;
        expect(fonts, path).toEqual([]);
      }
    }
    expect(seen.with).toBeGreaterThanOrEqual(2);
    expect(seen.without).toBeGreaterThanOrEqual(1);
  });

  it("keeps the dateline's parts in order right to left: date, then reading time", async () => {
    await open(ARABIC, 1280);
    const date = await box(".dateline > bdi:first-child");
    const minutes = await box(".dateline > bdi:last-child");
    expect(await page.locator(".dateline > bdi:last-child").textContent()).toBe("1 min read");
    // Right to left: the date is first, at the right; the separator lies between the two.
    expect(date!.left).toBeGreaterThan(minutes!.right);
    const separator = (await page.evaluate(`(() => { const p = document.querySelector(".dateline"); const t = [...p.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes("·")); const r = document.createRange(); r.setStart(t, t.textContent.indexOf("·")); r.setEnd(t, t.textContent.indexOf("·") + 1); const b = r.getBoundingClientRect(); return { left: b.left, right: b.right }; })()`)) as { left: number; right: number };
    expect(separator.left).toBeGreaterThanOrEqual(minutes!.right);
    expect(separator.right).toBeLessThanOrEqual(date!.left);
  });

  it.each(["/", ARABIC, ENGLISH, "/keywords/", "/keywords/الزراعة/", "/archive/", "/2024/", "/corrections/"])("makes every tap target on %s at least 44 px tall on a 390 px phone", async (path) => {
    await open(path, 390, 844);
    // Links that are words inside running text are exempt (WCAG 2.5.5); everything else counts.
    const small = (await page.evaluate(`[...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary")]
      .filter((e) => !e.closest(".skip-link, .article__body, .provenance, .disclaimer, .notice, .card__summary, .page-head p, .source-details, .correction-item__text, .correction-item__link, .site-footer p:not(.footer-links)"))
      .map((e) => { const r = e.getBoundingClientRect(); return { what: e.outerHTML.slice(0, 70), height: Math.round(r.height) }; })
      .filter((t) => t.height > 0 && t.height < 44)`)) as { what: string; height: number }[];
    expect(small).toEqual([]);
  });
});
