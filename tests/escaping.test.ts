// Everything an editor writes is text: markup in any front-matter field must come out escaped
// in element text, attributes, <title> and meta tags, and never as an element.
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";

const PAYLOAD = `<script>alert("x")</script> "quoted" & <img src=x onerror=alert(1)>`;
// Fields whose value must survive as exactly this text.
const TEXT_FIELDS = ["title", "subtitle", "summary", "source", "translator", "author", "original_title", "image_alt", "image_credit", "disclaimer"] as const;

const yaml = (v: string) => JSON.stringify(v);
const hostile = `---
${TEXT_FIELDS.map((f) => `${f}: ${yaml(`${f}: ${PAYLOAD}`)}`).join("\n")}
date: 2024-07-09
source_url: ${yaml('https://example.org/a?b="c"&d=<e>')}
image: /images/x.svg
keywords:
  - ${yaml(`kw ${PAYLOAD}`)}
---
Body text.
`;

let site: BuildResult;
beforeAll(async () => {
  site = await buildSite({ files: { "2024/07/2024-07-09-hostile.md": hostile }, contentDir: FIXTURE_CONTENT });
  if (site.code !== 0) throw new Error(site.stderr);
});

describe("escaping editor text", () => {
  const pages = ["2024/07/hostile/index.html", "index.html", "keywords/index.html"];

  it("creates no element from any field on any page", async () => {
    for (const page of pages) {
      const $ = await site.html(page);
      expect($("script")).toHaveLength(0);
      expect($("img[onerror]")).toHaveLength(0);
      expect($("[onerror]")).toHaveLength(0);
      expect(await site.text(page)).not.toContain("<script>");
    }
  });

  it("shows each field as the exact text the editor wrote", async () => {
    const $ = await site.html("2024/07/hostile/index.html");
    expect($("h1").text()).toBe(`title: ${PAYLOAD}`);
    expect($("title").text()).toBe(`title: ${PAYLOAD} — The Levant Ledger`);
    expect($(".standfirst").text()).toBe(`subtitle: ${PAYLOAD}`);
    expect($('meta[name="description"]').attr("content")).toBe(`summary: ${PAYLOAD}`);
    const provenance = $(".provenance").text();
    for (const f of ["source", "translator", "author", "original_title"]) expect(provenance).toContain(`${f}: ${PAYLOAD}`);
    expect($(".lead-image img").attr("alt")).toBe(`image_alt: ${PAYLOAD}`);
    expect($(".lead-image figcaption").text()).toContain(`image_credit: ${PAYLOAD}`);
    expect($(".disclaimer").text().trim()).toBe(`disclaimer: ${PAYLOAD}`);
    expect($(".provenance a").attr("href")).toBe('https://example.org/a?b="c"&d=<e>');
    expect($(".article__keywords a").text()).toBe(`kw ${PAYLOAD}`);
  });

  it("escapes in lists and keyword pages too", async () => {
    const home = await site.html("index.html");
    expect(home(".card__title").text()).toBe(`title: ${PAYLOAD}`);
    expect(home(".card__source").text()).toBe(`source: ${PAYLOAD}`);
    const index = await site.html("keywords/index.html");
    expect(index(".keyword-list a").text()).toBe(`kw ${PAYLOAD}`);
  });
});
