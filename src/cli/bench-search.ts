// `npx tsx src/cli/bench-search.ts <built site folder> [--runs 3] <query>…`
// What a reader's first search costs: for each query, a fresh browser opens /search/?q=<query>
// on the built site, served with gzip on text files as static hosts serve them, and waits for
// the result count. Prints, per query, the results, the bytes transferred (page, scripts, index)
// and requests, and the median time to the count. Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { runIfMain } from "./run.ts";

const TEXT: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml" };

/** A static server on a free loopback port: text files gzipped, Pagefind's own files (already compressed) as they are. */
async function serveGzip(root: string): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (path.endsWith("/")) path += "index.html";
    const file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      const type = TEXT[extname(file)];
      if (type) res.writeHead(200, { "content-type": type, "content-encoding": "gzip" }).end(gzipSync(body));
      else res.writeHead(200, { "content-type": extname(file) === ".wasm" ? "application/wasm" : "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function benchSearch(args = process.argv.slice(2)): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { runs: { type: "string", default: "3" } } });
  const [site, ...queries] = positionals;
  if (!site || !queries.length) {
    console.error("Usage: npx tsx src/cli/bench-search.ts <built site folder> [--runs 3] <query>…");
    return 2;
  }
  const server = await serveGzip(site);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    console.log("| query | results | transferred | requests | time to results (median) |\n|---|---:|---:|---:|---:|");
    for (const query of queries) {
      let bytes = 0;
      let requests = 0;
      let status = "";
      const times: number[] = [];
      for (let run = 0; run < Number(values.runs); run++) {
        const context = await browser.newContext(); // a cold cache each time
        const page = await context.newPage();
        const sizes: Promise<number>[] = [];
        page.on("requestfinished", (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
        const start = performance.now();
        await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
        await page.waitForFunction(() => /\d[\d,]* results?\b/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 60_000 });
        times.push(performance.now() - start);
        status = (await page.textContent("#search-status")) ?? "";
        await page.waitForLoadState("networkidle");
        bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
        requests = sizes.length;
        await context.close();
      }
      const median = [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
      console.log(`| ${query} | ${status.match(/[\d,]+/)?.[0]} | ${Math.round(bytes / 1024)} KB | ${requests} | ${Math.round(median)} ms |`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return 0;
}

runIfMain(import.meta.url, benchSearch);
