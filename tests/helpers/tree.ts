// A folder's files and their SHA-256, to compare whole sites byte for byte.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export async function treeHashes(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return [path.slice(dir.length + 1), createHash("sha256").update(await readFile(path)).digest("hex")] as const;
    }),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}
