// Eleventy wiring only: the Gazette plugin does the work; folders are settings.
import { fileURLToPath } from "node:url";
import { gazette } from "./src/eleventy/plugin.ts";
import type { EleventyConfig } from "@11ty/eleventy";

const root = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");

export const config = {
  // The output folder is not set here: Eleventy's default (_site) serves `npm start`, and the build
  // passes its own temporary folder (see src/cli/build.ts).
  dir: { input: "templates", includes: "_includes" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
};

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(gazette, { root });
}
