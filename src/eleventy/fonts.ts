// Web fonts the site serves itself, copied from their npm packages into /fonts/ by the build:
//   @fontsource-variable/noto-naskh-arabic/files/…-arabic-wght-normal.woff2 -> /fonts/noto-naskh-arabic.woff2
// Only the Arabic subset: gazette.css declares it with an Arabic-only unicode-range, so a page
// with no Arabic letter never downloads it (docs/site.md, "Typography"). The licence travels with
// the font, as the SIL Open Font License asks.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Output path (under the site root) -> the package file it is copied from. */
export const FONT_FILES: Record<string, string> = {
  "fonts/noto-naskh-arabic.woff2": "@fontsource-variable/noto-naskh-arabic/files/noto-naskh-arabic-arabic-wght-normal.woff2",
  "fonts/noto-naskh-arabic-LICENSE.txt": "@fontsource-variable/noto-naskh-arabic/LICENSE",
};

/** The passthrough copy's table: absolute source file -> output path. */
export function fontCopies(): Record<string, string> {
  return Object.fromEntries(Object.entries(FONT_FILES).map(([to, from]) => [require.resolve(from), to]));
}
