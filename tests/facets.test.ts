// The facet table (src/archive/facet-table.ts): everything made per facet lists exactly the
// table's rows, and a row added to a table brings its registry, pages, directory, feeds, search
// filter and links with it.
import { articleFile } from "./helpers/articles.ts";
import { describe, expect, it } from "vitest";
import { FACETS, type FacetRow, type FacetTable } from "../src/archive/facet-table.ts";
import { RESERVED_SLUGS } from "../src/archive/index.ts";
import { buildArchive, createArchiveMemo } from "../src/archive/model.ts";
import type { SearchFilter } from "../src/archive/views.ts";
import { parseDate } from "../src/content/dates.ts";
import { keywordIdentity } from "../src/content/keywords.ts";
import { parseArticle, type Content } from "../src/content/load.ts";
import { settings } from "./helpers/model.ts";

const files = {
  "a.md": articleFile({ title: "One", date: "2024-07-09", keywords: ["Idlib", "Water"], author: "Samer al-Halabi", translator: "Nour Haddad" }),
  "b.md": articleFile({ title: "Two", date: "2024-07-10", keywords: ["Idleb"], author: "Samer al-Halabi" }),
  "c.md": articleFile({ title: "Three", date: "2024-08-01", source: "Radio Sahel", editor: "Dana Khoury" }),
};

function build(facets?: FacetTable) {
  const articles = Object.entries(files).map(([file, text]) => parseArticle(file, text, settings).article!);
  const content: Content & { settings: typeof settings } = {
    settings,
    articles,
    pages: [],
    keywordAliases: new Map([[keywordIdentity("Idleb"), "Idlib"]]),
    sources: new Map(),
    problems: [],
  };
  return buildArchive(content, { drafts: false, future: false, pathPrefix: "/" }, parseDate("2026-01-01", settings.timeZone)!, [], { facets, memo: createArchiveMemo() });
}

/** What the model makes per facet, by facet key or folder, to compare with the table. */
function perFacet(result: ReturnType<typeof build>) {
  const { model, index } = result;
  const folderOf = (path: string) => path.split("/")[1]!;
  // Lists, feeds and links that are not a facet's: /corrections/ is one list with one feed.
  const notFacet = ["home", "year", "month", "corrections", "archive", "search", "pagefind"];
  return {
    registries: index.facets.map((f) => f.row.key),
    directories: model.directories.map((d) => folderOf(d.path)),
    listKinds: [...new Set(model.lists.map((l) => l.kind))].filter((k) => !notFacet.includes(k)),
    topicFeeds: [...new Set(model.feeds.slice(1).map((f) => folderOf(f.path)))].filter((k) => !notFacet.includes(k)),
    searchFacets: Object.keys(model.search.facets),
    searchFilters: (JSON.parse(model.search.filters) as SearchFilter[]).filter((f) => f.slugged).map((f) => f.key),
    siteLinks: Object.keys(model.site.links).filter((k) => model.site.links[k] === `/${k}/` && !notFacet.includes(k)),
    plannedIndexes: index.planned.filter((p) => / index$/.test(p.who)).map((p) => folderOf(p.path)),
    articleLinks: Object.keys(model.articles[0]!.facets),
  };
}

describe("the facet table", () => {
  it("is the one list of facets: registries, pages, directories, feeds, search and links list exactly its rows", () => {
    const keys = FACETS.map((f) => f.key);
    const folders = FACETS.map((f) => f.folder);
    const made = perFacet(build());
    expect(made).toEqual({
      registries: keys,
      directories: folders,
      listKinds: keys,
      topicFeeds: folders,
      searchFacets: keys,
      searchFilters: keys,
      siteLinks: folders,
      plannedIndexes: folders,
      articleLinks: keys,
    });
    for (const folder of folders) expect(RESERVED_SLUGS.has(folder)).toBe(true);
  });

  it("places the search filters by the rows' order among year and language, as the page has always shown them", () => {
    const filters = JSON.parse(build().model.search.filters) as SearchFilter[];
    expect(filters.map((f) => f.key)).toEqual(["keyword", "source", "year", "language", "author", "translator", "editor"]);
  });

  it("makes a facet from one added row, whether its field holds one name or a list", () => {
    const author: FacetRow = {
      key: "author",
      field: "author",
      noun: "author",
      folder: "authors",
      directory: { heading: "Authors", noun: "author" },
      feedPhrase: "by",
      search: { label: "Author", order: 60 },
    };
    // A list field: the keywords again, under another folder.
    const tag: FacetRow = { ...author, key: "tag", field: "keywords", noun: "tag", folder: "tags", directory: { heading: "Tags", noun: "tag" }, search: { label: "Tag", order: 70 } };
    // The table without its own author row, so that the row added here is the only one.
    const base = FACETS.filter((f) => f.key !== "author");
    const result = build([...base, author, tag]);
    const { model, index } = result;
    expect(result.problems).toEqual([]);
    const made = perFacet(result);
    expect(made.registries).toEqual([...base.map((f) => f.key), "author", "tag"]);
    expect(made.directories).toEqual([...base.map((f) => f.folder), "authors", "tags"]);
    expect(made.topicFeeds).toEqual(made.directories);
    expect(made.searchFilters).toEqual(made.registries);

    expect([...index.registry("author").facets.values()].map((f) => [f.name, f.articles.length])).toEqual([["Samer al-Halabi", 2]]);
    expect(model.lists.filter((l) => l.kind === "author").map((l) => l.path)).toEqual(["/authors/samer-al-halabi/"]);
    expect(model.feeds.map((f) => f.path)).toContain("/authors/samer-al-halabi/feed.xml");
    expect(model.feeds.find((f) => f.path === "/authors/samer-al-halabi/feed.xml")!.subtitle).toBe("Articles by Samer al-Halabi");
    expect(model.directories.find((d) => d.path === "/authors/")!.intro).toBe("1 author, with the number of articles for each.");
    expect(model.search.facets.author).toEqual({ "samer-al-halabi": "Samer al-Halabi" });
    expect(model.site.links.authors).toBe("/authors/");
    expect(model.articles.find((a) => a.title === "Two")!.facets.author).toEqual([{ label: "Samer al-Halabi", href: "/authors/samer-al-halabi/", lang: undefined }]);
    expect(model.articles.find((a) => a.title === "Three")!.facets.author).toEqual([]);
    // The list field: aliases belong to the keyword row, so Idleb is its own tag here.
    expect([...index.registry("tag").facets.values()].map((f) => f.name).sort()).toEqual(["Idleb", "Idlib", "Water"]);
    expect(model.summary).toBe("3 articles, 2 keywords, 2 sources, 2 translators, 1 editor, 1 author, 3 tags, 0 pages");
    // Its folders are the index's to guard: the plan lists them.
    expect(index.planned.map((p) => p.path)).toEqual(expect.arrayContaining(["/authors/", "/authors/samer-al-halabi/", "/tags/idleb/feed.xml"]));
  });
});
