// Which Eleventy configuration file the commands run: the project's eleventy.config.ts, or the
// file GAZETTE_ELEVENTY_CONFIG names (a path from the project root, or absolute). The setting
// lets a site add its own Eleventy plugins in a file of its own, and lets tests build with a
// configuration that adds plugins and transforms, through the real commands.
import { resolve } from "node:path";

export function eleventyConfigFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env.GAZETTE_ELEVENTY_CONFIG || "eleventy.config.ts");
}
