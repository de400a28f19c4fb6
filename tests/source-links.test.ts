// The link check against a real HTTP server on this machine: dead links, permanent moves,
// servers without HEAD, timeouts, refused connections, bounded concurrency and the cache.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSourceLinks, type SourceLink } from "../src/content/source-links.ts";
import { formatProblem } from "../src/content/problems.ts";
import { FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles } from "./helpers/site.ts";
import { articleFile } from "./helpers/articles.ts";

let server: Server;
let base: string;
const asked: string[] = [];
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const end = (status: number, headers: Record<string, string> = {}) =>
      setTimeout(() => {
        inFlight--;
        res.writeHead(status, headers).end();
      }, 20);
    const path = req.url!.replace(/\?.*/, "");
    if (path === "/slow") return; // never answers
    if (path === "/gone") return end(404);
    if (path === "/moved") return end(301, { location: "/new-home" });
    if (path === "/moved-for-good") return end(308, { location: "https://elsewhere.example/story" });
    if (path === "/for-now") return end(302, { location: "/ok" });
    if (path === "/robots-only") return end(403);
    if (path === "/no-head") return end(req.method === "HEAD" ? 405 : 200);
    if (path === "/broken") return end(500);
    end(200);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

/** A port nothing listens on: one that was just free. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const link = (path: string, extra: Partial<SourceLink> = {}): SourceLink => ({ file: `content/articles/${path.slice(1) || "root"}.md`, line: 5, field: "source_url", url: `${base}${path}`, ...extra });

describe("npm run check -- --links", () => {
  it("warns about dead links and permanent moves, with the file and line, and nothing else", async () => {
    const cacheFile = join(await tempDir(), "links.json");
    const links = [
      link("/ok"),
      link("/gone"),
      link("/gone", { file: "content/articles/other.md", line: 7, archived: true }),
      link("/moved"),
      link("/moved-for-good"),
      link("/for-now"),
      link("/robots-only"),
      link("/no-head"),
      link("/broken"),
      link("/slow"),
      { file: "content/articles/refused.md", line: 6, field: "source_archive_url", url: `http://127.0.0.1:${await closedPort()}/x` },
    ];
    const result = await checkSourceLinks(links, { cacheFile, timeoutMs: 500 });
    expect(result.problems.map(formatProblem)).toEqual([
      "content/articles/gone.md:5: warning: source_url: dead link (404 Not Found); if the original is gone, add source_archive_url with an archived copy",
      "content/articles/other.md:7: warning: source_url: dead link (404 Not Found)",
      `content/articles/moved.md:5: warning: source_url: permanently moved (301) to ${base}/new-home; update the link`,
      "content/articles/moved-for-good.md:5: warning: source_url: permanently moved (308) to https://elsewhere.example/story; update the link",
      "content/articles/broken.md:5: warning: source_url: dead link (500 Internal Server Error); if the original is gone, add source_archive_url with an archived copy",
      "content/articles/slow.md:5: warning: source_url: no answer (no answer in 0.5 s); if the original is gone, add source_archive_url with an archived copy",
      "content/articles/refused.md:6: warning: source_archive_url: no answer (ECONNREFUSED)",
    ]);
    // One request per distinct link (two articles cite /gone); a server without HEAD gets a GET.
    expect(result).toMatchObject({ links: 10, asked: 10 });
    expect(asked.filter((a) => a.endsWith(" /gone"))).toEqual(["HEAD /gone"]);
    expect(asked.filter((a) => a.endsWith(" /no-head"))).toEqual(["HEAD /no-head", "GET /no-head"]);
  });

  it("asks only about links that are new or stale, keeps at most `concurrency` in flight, and forgets links no longer cited", async () => {
    const cacheFile = join(await tempDir(), "links.json");
    let clock = Date.UTC(2026, 0, 1);
    const now = () => clock;
    const many = Array.from({ length: 12 }, (_, i) => link(`/ok?n=${i}`));
    asked.length = 0;
    inFlight = 0; // the first test's /slow never ended
    mostInFlight = 0;
    const first = await checkSourceLinks(many, { cacheFile, now, concurrency: 3 });
    expect(first.asked).toBe(12);
    expect(mostInFlight).toBeLessThanOrEqual(3);

    asked.length = 0;
    const again = await checkSourceLinks([...many, link("/gone")], { cacheFile, now });
    expect(again.asked).toBe(1); // only the new one
    expect(asked).toEqual(["HEAD /gone"]);

    clock += 8 * 24 * 60 * 60 * 1000; // a week and a day later
    const later = await checkSourceLinks([link("/gone")], { cacheFile, now });
    expect(later.asked).toBe(1);
    const cached = JSON.parse(await readFile(cacheFile, "utf8")) as { links: Record<string, unknown> };
    expect(Object.keys(cached.links)).toEqual([`${base}/gone`]);
  });

  it("treats an unreadable cache as none", async () => {
    const dir = await tempDir();
    const cacheFile = join(dir, "links.json");
    await (await import("node:fs/promises")).writeFile(cacheFile, "{ not json");
    const result = await checkSourceLinks([link("/ok")], { cacheFile });
    expect(result).toMatchObject({ problems: [], asked: 1 });
  });
});

describe("npm run check -- --links, the command", () => {
  it("is off by default, and when asked lists dead originals and moves with path:line, then answers from its cache", async () => {
    const articles = await tempDir();
    await writeFiles(articles, {
      "gone.md": articleFile({ title: "Gone", source_url: `${base}/gone` }),
      "archived.md": articleFile({ title: "Archived", date: "2024-07-10", source_url: `${base}/gone?a`, source_archive_url: `${base}/moved` }),
      "fine.md": articleFile({ title: "Fine", date: "2024-07-11", source_url: `${base}/ok` }),
    });
    const env = { ...process.env, GAZETTE_ARTICLES_DIR: articles, GAZETTE_CONTENT_DIR: FIXTURE_CONTENT, GAZETTE_LINK_CACHE: join(await tempDir(), "links.json") };
    const tsx = join(ROOT, "node_modules/.bin/tsx");
    const check = (...args: string[]) => run(tsx, [join(ROOT, "src/cli/check.ts"), ...args], env);

    asked.length = 0;
    const plain = await check();
    expect(plain.code).toBe(0);
    expect(asked).toEqual([]); // no network unless asked

    const first = await check("--links");
    expect(first.code).toBe(0); // warnings only
    const lines = first.stderr.split("\n").filter((l) => l.includes("warning: source_"));
    // Sorted by file and line, like every other problem; files outside the project are named as given.
    expect(lines).toEqual([
      `${articles}/archived.md:5: warning: source_url: dead link (404 Not Found)`,
      `${articles}/archived.md:6: warning: source_archive_url: permanently moved (301) to ${base}/new-home; update the link`,
      `${articles}/gone.md:5: warning: source_url: dead link (404 Not Found); if the original is gone, add source_archive_url with an archived copy`,
    ]);
    expect(first.stderr).toContain("Links: 4 checked, 4 asked now, 0 from the cache");

    asked.length = 0;
    const again = await check("--links", "--json");
    expect(asked).toEqual([]);
    const report = JSON.parse(again.stdout) as { ok: boolean; problems: { field: string }[] };
    expect(report.ok).toBe(true);
    expect(report.problems.filter((p) => p.field.startsWith("source_")).length).toBe(3);
  });
});
