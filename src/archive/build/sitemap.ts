// Every page of the model -> sitemap entries (absolute URLs, last change where a page has one).
import { paths, type Urls } from "../urls.ts";
import type { ArchiveModel } from "../views.ts";

type Pages = Pick<ArchiveModel, "articles" | "lists" | "directories" | "pages">;

export function sitemap(urls: Urls, { articles, lists, directories, pages }: Pages): ArchiveModel["sitemap"] {
  return [
    ...articles.map((v) => ({ loc: urls.absolute(v.path), lastmod: (v.updated ?? v.date).iso })),
    ...lists.map((l) => ({ loc: urls.absolute(l.path), lastmod: l.articles[0] ? (l.articles[0].updated ?? l.articles[0].date).iso : undefined })),
    ...directories.map((d) => ({ loc: urls.absolute(d.path) })),
    ...pages.map((p) => ({ loc: urls.absolute(p.path) })),
    { loc: urls.absolute(paths.archive) },
  ];
}
