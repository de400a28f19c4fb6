// Entry-point plumbing shared by the commands: run `main` when this file is the one Node started.
import { pathToFileURL } from "node:url";

export function runIfMain(moduleUrl: string, main: () => Promise<number>): void {
  // Compare URLs, not strings: a project path with spaces is percent-encoded in import.meta.url.
  if (process.argv[1] && pathToFileURL(process.argv[1]).href === moduleUrl) {
    main().then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
