// Eleventy wiring only: the Gazette plugin does the work; folders are settings.
import { gazette } from "./src/eleventy/plugin.ts";
import { PROJECT_ROOT as root, resolvePaths } from "./src/site.ts";
import type { EleventyConfig } from "@11ty/eleventy";

export const config = {
  // The output folder is not set here: the commands in src/cli pass it (the build a temporary
  // folder it swaps into place, the preview GAZETTE_OUTPUT_DIR or _site).
  dir: { input: resolvePaths(root).templates, includes: "_includes" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
};

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(gazette, { root });
}
