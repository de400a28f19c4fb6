// A static file server on a free loopback port, as a static host would serve the built site:
// /path/ -> /path/index.html, unknown paths -> /404.html with status 404. With a prefix the
// site is served under that sub-path only, as GitHub Pages serves a project site.
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(root: string, prefix = "/"): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    let requested: string;
    try {
      requested = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      // Malformed percent-encoding: a static host answers 400 (thrown here, it would stop the test run).
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("Bad request");
      return;
    }
    const path = normalize(requested.startsWith(prefix) ? `/${requested.slice(prefix.length)}` : "/\0").replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(await readFile(join(root, "404.html")).catch(() => "Not found"));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    // Every connection is ended, not only the idle ones `close` ends: Chromium opens a socket
    // ahead of its next request, and such a socket, with no request yet, kept the server (and a
    // browser test that closed it) waiting until Node's 60 s header timeout.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
