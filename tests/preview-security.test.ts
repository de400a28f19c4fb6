// The preview (`npm start`) is local and separate: it listens on 127.0.0.1 unless told
// otherwise, answers any request (malformed, traversing, after a dot-file) without stopping or
// leaving its folder, and renders into .preview/, never the production output. And what of
// public/ is published: no dot-files, no links out of it, in any build.
// One copy of the project (its own public/ with hostile files, default folders, no overrides)
// serves for all of it: one preview, then one production build.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewOptions } from "../src/cli/serve.ts";
import { articleFile, type ArticleFileFields } from "./helpers/articles.ts";
import { FIXTURE_CONTENT, ROOT, run, tempDir, writeFiles } from "./helpers/site.ts";
import { NODE_ARGS } from "../src/environment.ts";

const TSX = join(ROOT, "node_modules/.bin/tsx");

/** Words that must never reach a response or a published file. */
const SECRETS = {
  outside: "SECRET-OUTSIDE-THE-PROJECT",
  sibling: "SECRET-IN-A-SIBLING-FOLDER",
  env: "SECRET-PUBLIC-DOTENV",
  hidden: "SECRET-IN-A-DOT-FOLDER",
  image: "SECRET-DOT-FILE-IN-IMAGES",
  wellKnownDot: "SECRET-DOT-FILE-IN-WELL-KNOWN",
};
const DRAFT = "Secret draft headline";
const SCHEDULED = "Scheduled headline";

const story = (title: string, date: string, fields: ArticleFileFields = {}) => articleFile({ title, date, body: "The first paragraph.", ...fields });

/** A copy of the project with the fixture settings, three articles and hostile public files. */
async function makeProject(): Promise<{ project: string; outside: string }> {
  const outside = await tempDir("gazette-outside-");
  const project = join(await tempDir("gazette-project-"), "newsroom");
  for (const name of ["src", "templates", "public", "eleventy.config.ts", "package.json", "tsconfig.json"]) {
    await cp(join(ROOT, name), join(project, name), { recursive: true });
  }
  await cp(FIXTURE_CONTENT, join(project, "content"), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"));
  await writeFiles(join(project, "content/articles"), {
    "2024/07/2024-07-09-published.md": story("Published headline", "2024-07-09"),
    "2024/07/2024-07-10-draft.md": story(DRAFT, "2024-07-10", { draft: true }),
    "2099/01/2099-01-01-scheduled.md": story(SCHEDULED, "2099-01-01"),
  });
  await writeFiles(join(project, "public"), {
    ".env": `TOKEN=${SECRETS.env}\n`,
    ".DS_Store": "\x00\x00\x00\x01Bud1",
    "images/.secret": SECRETS.image,
    ".hidden/inside.txt": SECRETS.hidden,
    ".git/config": "[core]\n",
    ".well-known/security.txt": "Contact: mailto:security@example.org\n",
    ".well-known/.env": SECRETS.wellKnownDot,
  });
  await writeFile(join(outside, "secret.txt"), SECRETS.outside);
  await symlink(join(outside, "secret.txt"), join(project, "public/link-out.txt"));
  await symlink("logo.svg", join(project, "public/link-in.svg"));
  // Beside the preview's folder, with a name that starts the same (the dev server compares prefixes).
  await writeFiles(join(project, ".preview-old"), { "secret.txt": SECRETS.sibling });
  return { project, outside };
}

/** The environment of a fresh shell: no folder or mode overrides from the test run. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GAZETTE_|ELEVENTY_|PORT$|DEBUG$)/.test(k)));
  return { ...env, ...extra };
}

interface Preview {
  child: ChildProcess;
  output: () => string;
  /** The URL the preview printed, once it serves the home page. */
  url: string;
}

/** Starts `npm start` in `project` and waits until it serves the home page. */
async function startPreview(project: string, args: string[] = [], env: Record<string, string> = {}): Promise<Preview> {
  let output = "";
  const child = spawn(process.execPath, [...NODE_ARGS, join(project, "src/cli/serve.ts"), ...args], {
    cwd: project,
    env: cleanEnv({ PORT: String(20000 + Math.floor(Math.random() * 20000)), ...env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const url = /Preview at (http:\/\/127\.0\.0\.1:\d+\/|http:\/\/[\d.]+:\d+\/)/.exec(output)?.[1];
    if (url) {
      const home = await fetch(`http://127.0.0.1:${new URL(url).port}/`).then((r) => r.text(), () => "");
      if (home.includes("Published headline")) return { child, output: () => output, url };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop(child);
  throw new Error(`the preview did not start:\n${output.slice(-2000)}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGTERM"); // its group: tsx runs the preview in a child of its own
  });
}

/** Sends `target` as is (no client normalises it) and returns the status and body. */
function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (d) => (text += d));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${target.slice(0, 60)}`)));
    const lines = Object.entries({ Host: `127.0.0.1:${port}`, Connection: "close", ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`GET ${target} HTTP/1.1\r\n${lines.join("")}\r\n`);
    // A socket upgraded to a WebSocket stays open: its first answer is all that is wanted.
    if (headers.Upgrade) setTimeout(() => socket.destroy(), 1500);
  });
}

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** This machine's first IPv4 address that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

/** Every file (and link) under `dir`, relative, "/"-separated; links are not followed. */
async function filesUnder(dir: string, links = true): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() || (links && e.isSymbolicLink())).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** The files under `dir` and their text. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = await filesUnder(dir, false);
  return Object.fromEntries(await Promise.all(files.sort().map(async (f) => [f, await readFile(join(dir, f), "utf8")] as const)));
}

describe("the preview, started with no options in a project", () => {
  let project: string;
  let preview: Preview;
  let port: number;
  let production: Record<string, string>;

  beforeAll(async () => {
    ({ project } = await makeProject());
    // A production site already built: the preview must leave it exactly as it is.
    await writeFiles(join(project, "_site"), { "index.html": "<p>The live site</p>", "2023/01/live/index.html": "<p>Live article</p>" });
    production = await snapshot(join(project, "_site"));
    preview = await startPreview(project);
    port = Number(new URL(preview.url).port);
  });

  afterAll(async () => {
    if (preview) await stop(preview.child);
  });

  it("listens on 127.0.0.1 only, and says so", async (ctx) => {
    expect(preview.url).toBe(`http://127.0.0.1:${port}/`);
    expect(preview.output()).toContain(`Preview at http://127.0.0.1:${port}/ (this computer only)`);
    expect(preview.output()).not.toContain("opens the preview to the network");
    expect(await reachable("127.0.0.1", port)).toBe(true);
    ctx.skip(!lanAddress, "this machine has no non-loopback IPv4 address to try the preview from");
    expect(await reachable(lanAddress!, port)).toBe(false);
  });

  it("renders drafts into .preview/ and leaves the production output untouched", async () => {
    const draft = await readFile(join(project, ".preview/2024/07/draft/index.html"), "utf8");
    expect(draft).toContain(DRAFT);
    expect(draft).toContain('<meta name="robots" content="noindex">');
    expect(draft).toContain('<script type="module" src="/.gazette/preview-errors.js"></script>');
    expect(await snapshot(join(project, "_site"))).toEqual(production);
  });

  it("serves its error overlay script itself; no output folder holds it", async () => {
    const script = await fetch(`http://127.0.0.1:${port}/.gazette/preview-errors.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("preview-build-error");
    expect((await filesUnder(join(project, ".preview"))).filter((f) => f.includes("preview-errors"))).toEqual([]);
  });

  const long = "/" + "a".repeat(5000);
  // [label, request target as sent, status]
  const hostile: [string, string, 400 | 404 | 200][] = [
    ["malformed percent-encoding", "/%zz", 400],
    ["a truncated UTF-8 sequence", "/%E0%A4%A", 400],
    ["an encoded NUL", "/%00", 400],
    ["an encoded NUL before an extension", "/index.html%00.txt", 400],
    ["a byte that is not UTF-8", "/%ff", 400],
    ["overlong UTF-8 dots", "/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd", 400],
    ["an absolute URL that does not parse", "http://[::1", 400],
    ["encoded separators up to /etc/passwd", "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", 404],
    ["upper-case encoded separators", "/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", 404],
    ["encoded backslashes", "/..%5c..%5c..%5cetc%5cpasswd", 404],
    ["encoded dot segments", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404],
    ["plain dot segments", "/../../../../etc/passwd", 404],
    ["double-encoded dot segments", "/%252e%252e%252f%252e%252e%252fetc%252fpasswd", 404],
    ["a sibling folder whose name starts like the preview's", "/..%2f.preview-old%2fsecret.txt", 404],
    ["a protocol-relative path", "//etc/passwd", 404],
    ["an asterisk", "*", 404],
    ["an overlong path", long, 404],
    ["an overlong malformed path", "/" + "%zz".repeat(3000), 404],
    ["a public link that leads out of public/", "/link-out.txt", 404],
    ["public/.env", "/.env", 404],
    ["public/.DS_Store", "/.DS_Store", 404],
    ["a dot-file in a public folder", "/images/.secret", 404],
    ["a file in a public dot-folder", "/.hidden/inside.txt", 404],
    ["a public .git folder", "/.git/config", 404],
    ["a dot-file in .well-known", "/.well-known/.env", 404],
    ["the preview folder's own mark", "/.gazette-preview", 404],
    ["an encoded dot-file", "/%2eenv", 404],
    ["public/.well-known/security.txt, which is published", "/.well-known/security.txt", 200],
    ["a public link that stays in public/", "/link-in.svg", 200],
  ];

  it.each(hostile)("answers %s with the right status, never a secret, and keeps running", async (_label, target, status) => {
    const answer = await rawGet(port, target);
    expect(answer.status).toBe(status);
    for (const secret of Object.values(SECRETS)) expect(answer.body).not.toContain(secret);
    expect(answer.body).not.toMatch(/root:.*:0:0:/);
    const home = await rawGet(port, "/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Published headline");
  });

  it("refuses a request addressed to another host name (a web page rebinding its name to 127.0.0.1)", async () => {
    const rebound = await rawGet(port, "/2024/07/draft/", { Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(DRAFT);
    expect((await rawGet(port, "/2024/07/draft/", { Host: `localhost:${port}` })).body).toContain(DRAFT);
  });

  it("opens the live-reload socket to its own pages only", async () => {
    const upgrade = (origin: string, host = `127.0.0.1:${port}`) =>
      rawGet(port, "/", { Host: host, Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", Origin: origin });
    expect((await upgrade(`http://127.0.0.1:${port}`)).status).toBe(101);
    expect((await upgrade("https://attacker.example")).status).toBe(0); // closed unanswered
    expect((await upgrade(`http://attacker.example:${port}`, `attacker.example:${port}`)).status).toBe(0);
    expect((await upgrade("null")).status).toBe(0);
  });

  it("prints one line per refused request, never a stack trace", () => {
    expect(preview.output()).toContain("[preview] Refused /%zz: malformed percent-encoding (400)");
    expect(preview.output()).not.toMatch(/URIError|^\s+at /m);
    expect(preview.child.exitCode).toBeNull();
    expect(preview.child.signalCode).toBeNull();
  });

  it("then a production build publishes no draft, no preview markup and no public dot-file", async () => {
    await stop(preview.child);
    const built = await run(TSX, [join(project, "src/cli/build.ts")], cleanEnv());
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).not.toMatch(/^\s+at /m);
    const site = join(project, "_site");
    const files = await filesUnder(site);
    expect(files).toContain("2024/07/published/index.html");
    expect(files.filter((f) => f.split("/").some((s) => s.startsWith(".")))).toEqual([".well-known/security.txt"]);
    expect(files).not.toContain("link-out.txt");
    expect(files).toContain("link-in.svg");
    expect(files.filter((f) => /preview|2024\/07\/draft|2099/.test(f))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|xml|json|txt|js)$/.test(f) || f === "_redirects")) {
      const text = await readFile(join(site, file), "utf8");
      for (const word of [DRAFT, SCHEDULED, "noindex", "preview-errors", ".gazette", ...Object.values(SECRETS)]) {
        expect(text.includes(word), `${file} contains ${word}`).toBe(false);
      }
    }
  });
});

describe("preview options", () => {
  let project: string;
  beforeAll(async () => {
    ({ project } = await makeProjectLite());
    await writeFiles(join(project, "notes"), { "todo.md": "keep me" });
  });

  it("reads --host over GAZETTE_PREVIEW_HOST over 127.0.0.1, and --port over PORT", () => {
    expect(previewOptions([], {})).toEqual({ host: "127.0.0.1", hostFrom: "default", port: 8080 });
    expect(previewOptions([], { GAZETTE_PREVIEW_HOST: "0.0.0.0", PORT: "9000" })).toEqual({ host: "0.0.0.0", hostFrom: "GAZETTE_PREVIEW_HOST", port: 9000 });
    expect(previewOptions(["--host", "::1", "--port", "8181"], { GAZETTE_PREVIEW_HOST: "0.0.0.0", PORT: "9000" })).toEqual({ host: "::1", hostFrom: "--host", port: 8181 });
    expect(previewOptions([], { GAZETTE_PREVIEW_HOST: "" })).toMatchObject({ host: "127.0.0.1" });
  });

  it.each([
    [["--hots", "0.0.0.0"], /Unknown option '--hots'/],
    [["--host", "my-laptop.example"], /--host: expected an IP address such as 127\.0\.0\.1 or 0\.0\.0\.0, found "my-laptop\.example"/],
    [["--port", "99999"], /--port: expected a port number from 1 to 65535, found "99999"/],
    [["extra"], /Unexpected argument 'extra'/],
  ])("refuses %j with one line, the usage, and exit code 2", async (args, message) => {
    const result = await run(TSX, [join(project, "src/cli/serve.ts"), ...args], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("usage: npm start");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.each([
    ["content", "is the content folder"],
    ["public/preview", "lies inside the public folder"],
    ["_site", "is the production output folder"],
    [".", "is the project folder"],
    ["..", "contains the project folder"],
    ["notes", "holds files the preview did not write"],
  ])("refuses GAZETTE_PREVIEW_DIR=%s before touching anything", async (dir, message) => {
    const before = await snapshot(project);
    const result = await run(TSX, [join(project, "src/cli/serve.ts")], cleanEnv({ GAZETTE_PREVIEW_DIR: dir }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(message)]);
    expect(await snapshot(project)).toEqual(before);
  });
});

it("keeps the preview's folder out of git", async () => {
  const { code } = await run("git", ["-C", ROOT, "check-ignore", "--quiet", ".preview/2024/07/draft/index.html"], process.env);
  expect(code).toBe(0);
});

describe("the preview opened to the network with --host 0.0.0.0", () => {
  it("warns, and answers on this machine's other addresses too", async (ctx) => {
    const { project } = await makeProject();
    const preview = await startPreview(project, ["--host", "0.0.0.0"]);
    try {
      const port = Number(new URL(preview.url).port);
      expect(preview.output()).toMatch(/Warning: --host 0\.0\.0\.0 opens the preview to the network: anyone who can reach this computer can read every draft/);
      expect(preview.output()).toContain("(OPEN TO THE NETWORK)");
      ctx.skip(!lanAddress, "this machine has no non-loopback IPv4 address to try the preview from");
      expect(await reachable(lanAddress!, port)).toBe(true);
      expect(preview.output()).toContain(`http://${lanAddress}:${port}/`);
    } finally {
      await stop(preview.child);
    }
  });
});

/** A project copy without articles, for commands that stop before building. */
async function makeProjectLite(): Promise<{ project: string }> {
  const project = join(await tempDir("gazette-project-"), "newsroom");
  for (const name of ["src", "templates", "public", "package.json"]) await cp(join(ROOT, name), join(project, name), { recursive: true });
  await cp(FIXTURE_CONTENT, join(project, "content"), { recursive: true });
  await mkdir(join(project, "content/articles"), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"));
  return { project };
}
