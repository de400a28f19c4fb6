// The W3C Nu HTML checker (vnu.jar from the `vnu-jar` package) on Debian's Java, one JVM for a
// whole list of files: nuCheck([...html, ...css, ...svg]) -> the errors, each naming its file.
// Where no Java is installed the check is skipped with a message, except under CI (the CI
// script installs `default-jre-headless`), where that is a failure.
import { execFile, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const vnuJar = String(createRequire(import.meta.url)("vnu-jar"));

const javaFound = spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;

export const nuSkipReason = javaFound
  ? undefined
  : "No Java found: install it with `apt-get install -y --no-install-recommends default-jre-headless` to run the W3C Nu HTML checker.";

if (!javaFound) {
  if (process.env.CI) throw new Error(`CI is set but ${nuSkipReason}`);
  console.warn(nuSkipReason);
}

export interface NuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

export interface NuProblem {
  /** Absolute path of the checked file. */
  file: string;
  line?: number;
  message: string;
  extract?: string;
}

/** The errors the checker finds in these HTML, CSS and SVG files (told apart by extension). */
export function nuCheck(files: string[]): Promise<NuProblem[]> {
  // --also-check-css/svg: the stylesheet and images are checked in the same run; the checker
  // exits 1 when it finds an error, so its JSON is read whatever the exit code.
  const args = ["-jar", vnuJar, "--errors-only", "--format", "json", "--stdout", "--also-check-css", "--also-check-svg", ...files];
  return new Promise((resolve, reject) => {
    execFile("java", args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      let report: { messages: NuMessage[] };
      try {
        report = JSON.parse(stdout) as { messages: NuMessage[] };
      } catch {
        reject(new Error(`The Nu checker gave no report (${error?.message ?? "no error"}):\n${stderr}`));
        return;
      }
      resolve(
        report.messages
          .filter((m) => m.type === "error" || m.subType === "fatal")
          .map((m) => ({ file: m.url.startsWith("file:") ? fileURLToPath(m.url) : m.url, line: m.lastLine, message: m.message, extract: m.extract })),
      );
    });
  });
}
