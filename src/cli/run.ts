// Entry-point plumbing shared by the commands: run `main` when this file is the one Node started.
import { pathToFileURL } from "node:url";

export function runIfMain(moduleUrl: string, main: () => Promise<number>): void {
  // Compare URLs, not strings: a project path with spaces is percent-encoded in import.meta.url.
  if (process.argv[1] && pathToFileURL(process.argv[1]).href === moduleUrl) {
    main().then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        // A failure no command foresaw: one line, the stack only when asked for.
        if (process.argv.includes("--verbose") || process.env.DEBUG) console.error(error);
        else console.error(`${unexpected(error)} (run again with --verbose for details)`);
        process.exitCode = 1;
      },
    );
  }
}

/** An error -> "Failed: <its first line>" ("Failed: EACCES: permission denied, open 'content/site.json'"). */
export function unexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Failed: ${message.split("\n").find((line) => line.trim()) ?? message}`;
}
