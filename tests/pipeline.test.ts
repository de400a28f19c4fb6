// The render pipeline: every page Gazette writes, streamed (articles, lists, feeds) or rendered
// by Eleventy, goes through the transforms registered in the Eleventy configuration. One build
// with a configuration that adds Eleventy's IdAttributePlugin and a transform of its own.
import { articleFile } from "./helpers/articles.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, FIXTURE_CONTENT, type BuildResult } from "./helpers/site.ts";

let site: BuildResult;
/** The transform's mark on a page: what Eleventy's `page` said about it. */
const marks = (text: string) => [...text.matchAll(/<!-- transformed url=(\S*) input=(\S*) output=(\S*) -->/g)].map(([, url = "", input = "", output = ""]) => ({ url, input, output }));

beforeAll(async () => {
  site = await buildSite({
    contentDir: FIXTURE_CONTENT,
    env: { GAZETTE_ELEVENTY_CONFIG: "tests/fixtures/eleventy/pipeline.config.ts" },
    files: {
      "2024/07/2024-07-09-border-talks.md": articleFile({ title: "Border talks resume", keywords: ["Idlib"], body: "Opening paragraph.\n\n## Talks resume at dawn\n\nMore text." }),
      "2024/07/2024-07-10-crossing-reopens.md": articleFile({ title: "Crossing reopens", keywords: ["Idlib"], body: "## What changed\n\nText." }),
    },
  });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
}, 120_000);

describe("Eleventy's transforms on every page", () => {
  it("reach article pages: the official IdAttributePlugin adds ids to the body's headings, and the transform sees the page", async () => {
    const $ = await site.html("2024/07/border-talks/index.html");
    expect($("h2#talks-resume-at-dawn").text()).toBe("Talks resume at dawn");
    expect($("h1").attr("id")).toBe("border-talks-resume");
    const [mark] = marks(await site.text("2024/07/border-talks/index.html"));
    expect(mark?.url).toBe("/2024/07/border-talks/");
    expect(mark?.input).toBe("./templates/_includes/streamed/article.njk");
    expect(mark?.output).toMatch(/\/2024\/07\/border-talks\/index\.html$/);
  });

  it("reach list pages", async () => {
    const text = await site.text("keywords/idlib/index.html");
    expect(marks(text)).toEqual([expect.objectContaining({ url: "/keywords/idlib/", input: "./templates/_includes/streamed/list.njk" })]);
    const $ = await site.html("keywords/idlib/index.html");
    expect($("h1").attr("id")).toBeTruthy();
  });

  it("reach feeds, with their outputPath", async () => {
    const text = await site.text("keywords/idlib/feed.xml");
    const [mark] = marks(text);
    expect(mark).toMatchObject({ url: "/keywords/idlib/feed.xml", input: "./templates/_includes/streamed/feed.njk" });
    expect(mark?.output).toMatch(/\/keywords\/idlib\/feed\.xml$/);
    expect(text).toContain("<feed"); // still the feed, marked after it
  });

  it("give streamed pages the same page context as Eleventy's own pages", async () => {
    const own = marks(await site.text("404.html"));
    const streamed = marks(await site.text("2024/07/border-talks/index.html"));
    expect(own).toHaveLength(1);
    expect(own[0]!.input).toBe("./templates/404.njk");
    // The same output folder, written the same way, for both.
    expect(own[0]!.output.replace(/404\.html$/, "")).toBe(streamed[0]!.output.replace(/2024\/07\/border-talks\/index\.html$/, ""));
  });
});
