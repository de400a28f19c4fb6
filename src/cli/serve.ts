// `npm start`: build the site with drafts and scheduled articles, serve it with live reload,
// and rebuild on every change to content, templates or public files.
import Eleventy from "@11ty/eleventy";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

export async function serve(): Promise<number> {
  const port = Number(process.env.PORT ?? 8080);
  const paths = resolvePaths(root);
  const eleventy = new Eleventy(paths.templates, paths.output, {
    configPath: `${root}/eleventy.config.ts`,
    runMode: "serve",
    // Only the development server uses this: it serves the site under the same sub-path.
    pathPrefix: buildMode().pathPrefix,
  });
  await eleventy.init();
  // A template or settings mistake in the preview: Eleventy's readable lines, without its stack
  // traces (set DEBUG to see them).
  if (!process.env.DEBUG) {
    eleventy.errorHandler.logger = {
      message(text: string, type = "log") {
        if (text.trimStart().startsWith("Original error stack trace")) return;
        (type === "error" || type === "warn" ? console.error : console.log)(`[11ty] ${text}`);
      },
    };
  }
  await eleventy.watch();
  // Eleventy notes a deleted file but does not rebuild; deleting an article (or the bad file an
  // editor is fixing) must update the site like any other change.
  eleventy.watcher?.on("unlink", (path: string) => eleventy.watcher?.emit("change", path));
  await eleventy.serve(port);
  return new Promise(() => {}); // serves until stopped
}

runIfMain(import.meta.url, serve);
