// Lighthouse 12 (pinned: later versions need Node 22) as the field runs it: its CLI in a child
// process, mobile preset (Moto G Power emulation, simulated slow 4G), driving Debian's Chromium.
//   lighthouse(url) -> { scores: { performance, accessibility, "best-practices", seo }, cls, failing }
import { execFile } from "node:child_process";
import { join } from "node:path";
import { chromiumPath } from "./browser.ts";
import { ROOT } from "./site.ts";

const CLI = join(ROOT, "node_modules/.bin/lighthouse");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

// The flags the browser tests use, so Chromium stays off the network and fits a container.
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface LighthouseResult {
  url: string;
  scores: Record<Category, number>;
  /** Cumulative layout shift as measured in the trace. */
  cls: number;
  /** Audits that count towards a category's score and did not fully pass: "category/audit: title (score)". */
  failing: string[];
  /** Wall time of the run, in seconds. */
  seconds: number;
}

interface Report {
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; displayValue?: string }>;
  runtimeError?: { code: string; message: string };
}

export function lighthouse(url: string): Promise<LighthouseResult> {
  const args = [url, "--output=json", "--output-path=stdout", "--quiet", `--only-categories=${CATEGORIES.join(",")}`, `--chrome-flags=${CHROME_FLAGS.join(" ")}`];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(CLI, args, { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`Lighthouse failed on ${url}: ${error.message}\n${stderr}`));
      const report = JSON.parse(stdout) as Report;
      if (report.runtimeError) return reject(new Error(`Lighthouse could not measure ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`));
      const failing: string[] = [];
      for (const category of CATEGORIES) {
        for (const ref of report.categories[category].auditRefs) {
          const audit = report.audits[ref.id]!;
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.push(`${category}/${ref.id}: ${audit.title} (${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ""})`);
        }
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, report.categories[c].score ?? 0])) as Record<Category, number>;
      const cls = report.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN;
      resolve({ url, scores, cls, failing, seconds: (performance.now() - started) / 1000 });
    });
  });
}
