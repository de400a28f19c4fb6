// People, outlets and originals are searchable, ranked below headline and body: a built site's
// index, searched with Pagefind's own client in the browser, finds an article by its translator,
// its author's Arabic name, its outlet, a word of its original headline and another spelling of
// its keyword, and ranks an article with the word in its body above one with it only as a name.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile } from "./helpers/articles.ts";
import { browserSkipReason, browseSite, type BrowsedSite } from "./helpers/browser.ts";
import { fixtureContentWith } from "./helpers/site.ts";

const files = {
  "2024/harbour.md": articleFile({
    title: "Harbour reopens to fishing boats",
    date: "2024-07-09",
    source: "The Orontes Courier",
    author: ["سامر الحلبي (Samer al-Halabi)"],
    translator: ["Rana Haddad", "Omar Khatib"],
    editor: "Maya Saleh",
    original_title: "إعادة افتتاح ميناء تل صنوبر أمام مراكب الصيد",
    original_language: "ar",
    keywords: ["Tell Sanawbar", "Fisheries"],
    body: "Fishermen returned to the quay after eight months.",
  }),
  "2024/mill.md": articleFile({
    title: "Mill grinds again",
    date: "2024-06-01",
    source: "Wadi Press",
    translator: "Nour Saleh",
    body: "The old mill near the river works again; Khatib, the miller, said flour is cheaper now.",
  }),
  // Darwish: in a long body, and as the translator of a short article, which would rank first
  // were the credit line weighted as the body is.
  "2024/bakery.md": articleFile({
    title: "Bakeries queue for flour",
    date: "2024-05-01",
    body: `${"Bakers waited at the depot for their monthly flour quota, and prices held steady. ".repeat(8)}Darwish, a baker, said the quota was enough.`,
  }),
  "2024/note.md": articleFile({ title: "A short note", date: "2024-04-01", translator: "Layla Darwish", body: "Briefly." }),
};

describe.skipIf(!!browserSkipReason)("searching people, outlets and originals", () => {
  let site: BrowsedSite;
  /** The paths of the results for `query`, best first, as Pagefind's client ranks them. */
  // A string, not a function: the test runner would rewrite a function's import().
  const search = (query: string): Promise<string[]> =>
    site.page.evaluate(`(async () => {
      const pagefind = await import("/pagefind/pagefind.js");
      await pagefind.init();
      const { results } = await pagefind.search(${JSON.stringify(query)});
      return Promise.all(results.map(async (r) => new URL((await r.data()).url, location.origin).pathname));
    })()`);

  beforeAll(async () => {
    const contentDir = await fixtureContentWith({});
    await writeFile(join(contentDir, "keywords.yaml"), "Tel Sanawbar: Tell Sanawbar\n");
    site = await browseSite({ files, contentDir });
    await site.page.goto(`${site.url}/`);
  }, 120_000);
  afterAll(() => site?.close());

  it.each([
    ["a translator", "Rana"],
    ["an author's Arabic name", "الحلبي"],
    ["an author's Latin name", "Halabi"],
    ["an outlet", "Orontes"],
    ["a word of the original headline", "ميناء"],
    ["a keyword", "Sanawbar"],
    ["another spelling of a keyword", "Tel"],
    ["an editor", "Maya"],
  ])("finds an article by %s (%s)", async (_, query) => {
    expect(await search(query)).toEqual(["/2024/07/harbour/"]);
  });

  it("ranks an article with the word in its body above one that has it only as a name", async () => {
    expect(await search("Khatib")).toEqual(["/2024/06/mill/", "/2024/07/harbour/"]);
    expect(await search("Darwish")).toEqual(["/2024/05/bakery/", "/2024/04/note/"]);
  });
});
