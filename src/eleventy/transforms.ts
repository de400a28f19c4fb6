// Eleventy's registered transforms, for the pages Gazette writes itself (./stream.ts).
//   (html, page) -> the same text after every `addTransform` and every HTML-transform plugin
//   (IdAttributePlugin, HtmlBasePlugin, InputPathToUrlTransformPlugin, …) in the order Eleventy
//   runs them on its own pages.
// Eleventy keeps its transforms in one ordered table, which also holds the HTML transformer the
// posthtml-based plugins register with. Its `renderTransforms` filter (public since 3.0, made
// for feeds rendered outside the usual pipeline) runs that table over any text for a `page`, as
// Template#runTransforms does for Eleventy's pages: the same machinery, not a copy of it.
import type { EleventyConfig } from "@11ty/eleventy";

/** What Eleventy tells a transform about the page (`this.page`), for a streamed page. */
export interface PageContext {
  /** The page's URL without the path prefix, as Eleventy's `page.url`: "/2024/07/slug/". */
  url: string;
  /** The template it was rendered from, as Eleventy writes it: "./templates/_includes/streamed/article.njk". */
  inputPath: string;
  /** The file written. */
  outputPath: string;
  outputFileExtension: string;
  templateSyntax: "njk";
}

export type RunTransforms = (content: string, page: PageContext) => Promise<string>;

type TransformsFilter = (this: { page: PageContext }, content: string, page: PageContext) => Promise<string>;

/** Runs Eleventy's transforms as they stand when called (after every plugin has registered). */
export function registeredTransforms(eleventyConfig: EleventyConfig): RunTransforms {
  const filter = eleventyConfig.getFilter("renderTransforms") as TransformsFilter | undefined;
  if (!filter) throw new Error("Gazette needs Eleventy's renderTransforms filter (Eleventy 3.0 or later) to run its transforms on streamed pages");
  return (content, page) => filter.call({ page }, content, page);
}
