// `npm start [-- --host ADDRESS] [--port NUMBER]`: build the site with drafts and scheduled
// articles into the preview's own folder (.preview/, never the production output), serve it on
// this computer with live reload, and rebuild on every change to content, templates or public
// files. --host opens it to the network, with a warning: whoever can reach the computer then
// reads every draft.
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { parseArgs } from "node:util";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { eleventyConfigFile } from "../eleventy/config-file.ts";
import { guardRequests, installPreviewServer, isLoopback, preparePreviewDir, previewDir, previewDirProblem } from "../eleventy/preview-server.ts";
import { runIfMain } from "./run.ts";

const USAGE = `usage: npm start [-- --host ADDRESS] [--port NUMBER]
  --host ADDRESS  address to listen on (or GAZETTE_PREVIEW_HOST); default 127.0.0.1, this computer
                  only. 0.0.0.0 opens the preview, drafts included, to every network it is on.
  --port NUMBER   first port to try (or PORT); default 8080, the next free one if taken.`;

export interface PreviewOptions {
  host: string;
  /** Where the host came from, to name it in messages. */
  hostFrom: string;
  port: number;
}

/** The command line and environment read into options, or the line saying what is wrong. */
export function previewOptions(args: string[], env: NodeJS.ProcessEnv): PreviewOptions | { error: string } | "help" {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { host: { type: "string" }, port: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (values.help) return "help";
  const [host, hostFrom] = values.host !== undefined ? [values.host, "--host"] : env.GAZETTE_PREVIEW_HOST ? [env.GAZETTE_PREVIEW_HOST, "GAZETTE_PREVIEW_HOST"] : ["127.0.0.1", "default"];
  // Addresses only: a name could resolve to anything, and a mistyped one would fail late.
  if (host !== "localhost" && !isIP(host)) return { error: `${hostFrom}: expected an IP address such as 127.0.0.1 or 0.0.0.0, found "${host}"` };
  const [portText, portFrom] = values.port !== undefined ? [values.port, "--port"] : [env.PORT || "8080", "PORT"];
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return { error: `${portFrom}: expected a port number from 1 to 65535, found "${portText}"` };
  return { host, hostFrom, port };
}

/** The URLs others can open: every address of this computer for 0.0.0.0 and ::, else the one. */
function urls(host: string, localhostUrl: string): string[] {
  const url = new URL(localhostUrl);
  const hosts =
    host === "0.0.0.0" || host === "::"
      ? Object.values(networkInterfaces())
          .flat()
          .filter((a) => a && (host === "::" || a.family === "IPv4"))
          .map((a) => a!.address)
      : [host];
  return hosts.map((h) => {
    url.hostname = isIP(h) === 6 ? `[${h}]` : h;
    return url.href;
  });
}

export async function serve(args = process.argv.slice(2), env = process.env): Promise<number> {
  const options = previewOptions(args, env);
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  if ("error" in options) {
    console.error(`${options.error}\n${USAGE}`);
    return 2;
  }
  const { host, hostFrom, port } = options;
  const paths = resolvePaths(root);
  const output = previewDir(paths, env);
  const problem = (await previewDirProblem(output, paths)) ?? (await preparePreviewDir(output));
  if (problem) {
    console.error(problem);
    return 1;
  }
  const local = isLoopback(host);
  if (!local) {
    console.error(
      `Warning: ${hostFrom} ${host} opens the preview to the network: anyone who can reach this computer can read every draft and scheduled article. Use it only on a network you trust; without it the preview is for this computer only.`,
    );
  }
  const prefix = buildMode().pathPrefix;
  installPreviewServer({
    host,
    local,
    guard: guardRequests(output, prefix, local, (line) => console.error(`[preview] ${line}`)),
    message: (localhostUrl) => `Preview at ${urls(host, localhostUrl).join(" or ")} (${local ? "this computer only" : "OPEN TO THE NETWORK"})`,
    onListenError(error) {
      console.error(`The preview cannot listen on ${host}: ${error.code ?? error.message}${error.code === "EADDRNOTAVAIL" ? " (not an address of this computer)" : ""}`);
      process.exit(1);
    },
  });

  // Loaded only now: a mistyped flag or folder is answered at once, not after Eleventy loads.
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(paths.templates, output, {
    configPath: eleventyConfigFile(root, env),
    runMode: "serve",
    // Only the development server uses this: it serves the site under the same sub-path.
    pathPrefix: prefix,
  });
  await eleventy.init();
  // A template or settings mistake in the preview: Eleventy's readable lines, without its stack
  // traces (set DEBUG to see them).
  if (!env.DEBUG) {
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

runIfMain(import.meta.url, () => serve());
