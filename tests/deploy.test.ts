// The deploy recipes, tested here: the generated `_headers` and `_redirects` read by Netlify's own
// parsers (the rules the hosts apply), netlify.toml, and the GitHub Actions workflow, whose
// "deploy only when the output changed" steps are run as they are written, on built sites.
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOUDFLARE_MAX_RULES, redirectRules } from "../src/archive/build/redirects.ts";
import { IMMUTABLE } from "../src/archive/build/headers.ts";
import { cacheFile } from "../src/content/cache.ts";
import { recordFile } from "../src/incremental/build.ts";
import { files } from "./fixtures/articles.ts";
import { buildSite, fixtureContentWith, ROOT, tempDir, type BuildResult } from "./helpers/site.ts";

const exec = promisify(execFile);

/** What the parsers give back, as far as these tests read it. */
interface HeaderRule {
  for: string;
  forRegExp: RegExp;
  values: Record<string, string>;
}
interface RedirectRule {
  from: string;
  to: string;
  status: number;
  force: boolean;
}

async function headersOf(file: string, netlifyConfigPath?: string) {
  const { headers, errors } = await parseAllHeaders({ headersFiles: [file], netlifyConfigPath, configHeaders: [], minimal: false });
  return { headers: headers as HeaderRule[], errors: errors.map((e: Error) => e.message) };
}
async function redirectsOf(file: string, netlifyConfigPath?: string) {
  const { redirects, errors } = await parseAllRedirects({ redirectsFiles: [file], netlifyConfigPath, configRedirects: [], minimal: false });
  return { redirects: redirects as RedirectRule[], errors: errors.map((e: Error) => e.message) };
}

/** Every file of a built site, as the path a browser asks for. */
async function sitePaths(out: string): Promise<string[]> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => `/${join(e.parentPath, e.name).slice(out.length + 1)}`);
}

let site: BuildResult;
let netlify: BuildResult;
let contentDir: string;
beforeAll(async () => {
  // Bundles of about two articles: the index has sub-bundle folders (/pagefind/<years>/).
  contentDir = await fixtureContentWith({ search: { bundleSize: 2 } });
  [site, netlify] = await Promise.all([
    buildSite({ files, contentDir }),
    buildSite({ files, contentDir, env: { GAZETTE_HOST: "netlify" } }),
  ]);
  expect(site.code, site.stderr).toBe(0);
  expect(netlify.code, netlify.stderr).toBe(0);
});

describe("_headers, read by Netlify's parser", () => {
  it("parses without errors and caches exactly Pagefind's content-hashed chunks for a year", async () => {
    const { headers, errors } = await headersOf(join(site.out, "_headers"));
    expect(errors).toEqual([]);
    const caching = headers.filter((h) => h.values["Cache-Control"]);
    const paths = await sitePaths(site.out);
    const hashed = paths.filter((p) => /^\/pagefind\/([^/]+\/)?(fragment|index|filter)\/[^/]+$/.test(p));
    // The site has sub-bundles, so the placeholder rules are exercised on real files.
    expect(hashed.some((p) => /^\/pagefind\/[^/]+\/(fragment|index|filter)\//.test(p))).toBe(true);
    expect(hashed.some((p) => /^\/pagefind\/(fragment|index|filter)\//.test(p))).toBe(true);
    for (const path of paths) {
      const rules = caching.filter((h) => h.forRegExp.test(path));
      // Both hosts join the values of every rule that matches: never two Cache-Control rules on one path.
      expect(rules.length, path).toBeLessThanOrEqual(1);
      if (hashed.includes(path)) expect(rules[0]?.values["Cache-Control"], path).toBe(IMMUTABLE);
      else expect(rules, path).toEqual([]);
    }
    // Not hashed, so never cached long: the host's revalidating default applies.
    for (const path of ["/", "/index.html", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/pagefind/pagefind-entry.json", "/pagefind/pagefind.js", "/pagefind/wasm.en.pagefind", "/css/gazette.css"]) {
      expect(caching.filter((h) => h.forRegExp.test(path)), path).toEqual([]);
    }
  });
});

describe("_redirects, read by Netlify's parser", () => {
  it("is valid with plain 301s for Cloudflare Pages and other hosts", async () => {
    const { redirects, errors } = await redirectsOf(join(site.out, "_redirects"));
    expect(errors).toEqual([]);
    expect(redirects.length).toBeGreaterThan(0);
    for (const r of redirects) expect([r.status, r.force], r.from).toEqual([301, false]);
    expect(await site.text("_redirects")).not.toContain("301!");
  });

  it("forces every rule on Netlify, where the alias's redirect page would otherwise shadow it", async () => {
    const { redirects, errors } = await redirectsOf(join(netlify.out, "_redirects"));
    expect(errors).toEqual([]);
    for (const r of redirects) expect([r.status, r.force], r.from).toEqual([301, true]);
    // The file a rule would be shadowed by is there.
    for (const r of redirects.filter((r) => !r.from.includes("%"))) expect((await sitePaths(netlify.out)).includes(`${r.from}index.html`), r.from).toBe(true);
    // Only `_redirects` differs between the two builds.
    const differing: string[] = [];
    for (const path of await sitePaths(site.out)) if ((await site.text(path.slice(1))) !== (await netlify.text(path.slice(1)))) differing.push(path);
    expect(differing).toEqual(["/_redirects"]);
  });

  it("keeps Cloudflare Pages' first 2,000 rules and says the redirect pages answer for the rest", async () => {
    const many = Array.from({ length: 1_100 }, (_, i) => ({ path: `/old/é${i}/`, from: [`/old/%C3%A9${i}/`, `/old/é${i}/`], href: `/new/${i}/`, absolute: `https://x.org/new/${i}/` }));
    const rules = redirectRules(many, "cloudflare");
    expect(rules).toHaveLength(CLOUDFLARE_MAX_RULES + 1);
    expect(rules[0]).toBe("# Cloudflare Pages applies 2000 rules; the other 200 old URLs are answered by their redirect pages.".replace("2000", "2,000"));
    expect(rules.every((r, i) => i === 0 || r.endsWith(" 301"))).toBe(true);
    expect(redirectRules(many, "other")).toHaveLength(2_200);
    const file = join(await tempDir(), "_redirects");
    await writeFile(file, `${rules.join("\n")}\n`);
    const { redirects, errors } = await redirectsOf(file);
    expect(errors).toEqual([]);
    expect(redirects).toHaveLength(CLOUDFLARE_MAX_RULES);
  });
});

describe("netlify.toml", () => {
  const config = join(ROOT, "netlify.toml");

  it("builds with check and build into _site, on Node 20, saying it is Netlify", async () => {
    const toml = parseToml(await readFile(config, "utf8")) as { build: { command: string; publish: string; environment: Record<string, string> } };
    expect(toml.build.command).toBe("npm ci && npm run check && npm run build");
    expect(toml.build.publish).toBe("_site");
    expect(toml.build.environment).toMatchObject({ NODE_VERSION: "20", GAZETTE_HOST: "netlify" });
  });

  it("is read by Netlify's parsers together with the generated files, without errors", async () => {
    expect((await headersOf(join(netlify.out, "_headers"), config)).errors).toEqual([]);
    expect((await redirectsOf(join(netlify.out, "_redirects"), config)).errors).toEqual([]);
  });
});

describe("the GitHub Actions workflow", () => {
  interface Step {
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string>;
  }
  interface Workflow {
    on: { push: { branches: string[] }; pull_request: null; schedule: { cron: string }[]; workflow_dispatch: null };
    jobs: { build: { steps: Step[]; outputs: Record<string, string> }; deploy: { if: string; needs: string; steps: Step[] } };
  }
  let workflow: Workflow;
  let text: string;
  beforeAll(async () => {
    text = await readFile(join(ROOT, ".github/workflows/site.yml"), "utf8");
    workflow = parseYaml(text) as Workflow;
  });
  const step = (id: string) => workflow.jobs.build.steps.find((s) => s.id === id)!;

  it("runs on pushes to main, pull requests and every hour; checks, builds, keeps the last output and deploys to Pages", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.on.schedule.map((s) => s.cron)).toEqual([expect.stringMatching(/^\d{1,2} \* \* \* \*$/)]);
    const uses = workflow.jobs.build.steps.map((s) => s.uses ?? s.run);
    expect(uses.indexOf("npm run check")).toBeLessThan(uses.indexOf("npm run build"));
    const restore = workflow.jobs.build.steps.find((s) => s.uses?.startsWith("actions/cache/restore@"))!;
    const save = workflow.jobs.build.steps.find((s) => s.uses?.startsWith("actions/cache/save@"))!;
    expect(restore.with!.path).toBe(save.with!.path);
    expect(restore.with!.path!.split("\n")).toContain("_site");
    // What incremental builds keep beside the output: the record of its pages and the article cache.
    expect(restore.with!.path!.split("\n")).toContain("_site.*");
    for (const kept of [recordFile("_site"), cacheFile("_site")]) expect(kept.startsWith("_site.")).toBe(true);
    expect(uses.indexOf(restore.uses)).toBeLessThan(uses.indexOf("npm run build"));
    expect(save.if).toBe("steps.publish.outputs.deploy == 'true'");
    const upload = workflow.jobs.build.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))!;
    expect(upload).toMatchObject({ if: "steps.publish.outputs.deploy == 'true'", with: { path: "_site" } });
    expect(workflow.jobs.deploy.if).toBe("needs.build.outputs.deploy == 'true'");
    expect(workflow.jobs.deploy.steps.map((s) => s.uses)).toEqual([expect.stringMatching(/^actions\/deploy-pages@/)]);
  });

  it("is the workflow docs/hosting.md shows", async () => {
    const docs = await readFile(join(ROOT, "docs/hosting.md"), "utf8");
    const block = /```yaml\n(# Checks editors' pull requests[\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBe(text);
  });

  it("deploys a scheduled run only when the build's output changed, as its steps are written", async () => {
    const work = await tempDir();
    const runStep = async (s: Step, env: Record<string, string> = {}) => {
      const output = join(work, `output-${Math.random()}`);
      await writeFile(output, "");
      await exec("bash", ["-e", "-c", s.run!], { cwd: work, env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env } });
      return Object.fromEntries((await readFile(output, "utf8")).trim().split("\n").map((l) => l.split("=") as [string, string]));
    };
    expect(await runStep(step("before"))).toEqual({ fingerprint: "none" });
    // The same content built twice gives the same bytes, so an hourly build of an unchanged
    // archive deploys nothing.
    const again = await buildSite({ files, contentDir });
    expect(again.code, again.stderr).toBe(0);
    await cp(site.out, join(work, "_site"), { recursive: true });
    const { fingerprint } = await runStep(step("before"));
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await cp(again.out, join(work, "_site"), { recursive: true, force: true });
    const publish = (event: string, ref = "refs/heads/main") => runStep(step("publish"), { BEFORE: fingerprint!, GITHUB_EVENT_NAME: event, GITHUB_REF: ref });
    expect(await publish("schedule")).toEqual({ deploy: "false" });
    expect(await publish("push")).toEqual({ deploy: "false" });
    expect(await publish("workflow_dispatch")).toEqual({ deploy: "true" });
    // An article went live: the next scheduled run deploys; a pull request never does.
    await mkdir(join(work, "_site", "2099", "01", "scheduled-piece"), { recursive: true });
    await writeFile(join(work, "_site", "2099", "01", "scheduled-piece", "index.html"), "<!doctype html>");
    expect(await publish("schedule")).toEqual({ deploy: "true" });
    expect(await publish("pull_request", "refs/pull/7/merge")).toEqual({ deploy: "false" });
  });
});
