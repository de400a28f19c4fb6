// The one builder of article files for tests: fields in, Markdown file text out.
//   articleFile({ title, keywords: ["Water"], body: "Text." }) -> "---\ntitle: …\n---\nText.\n"
//
// Front matter is written by the yaml package, so any value (quotes, colons, `#`, newlines,
// non-Latin text) arrives as the same value, never as different YAML. Each field takes one line
// (strings double-quoted, lists in flow style), in the order given after the defaults that are
// not overridden, so a test can name the line a problem is reported on: title 2, date 3, source
// 4, the first extra field 5. A field set to `undefined` is left out (to test a missing one).
// Files whose exact text is the point (a BOM, CRLF, broken YAML, `---js`) are written out by hand.
import { stringify } from "yaml";

/** The fields every article needs, with values no test depends on. */
export const DEFAULT_FIELDS = { title: "A headline", date: "2024-07-09", source: "Wadi Press" } as const;

export type ArticleFileFields = Record<string, unknown> & { body?: string };

/** Markdown file text for an article with these fields (defaults for title, date, source) and body. */
export function articleFile({ body = "Body text.", ...fields }: ArticleFileFields = {}): string {
  const lines = Object.entries({ ...DEFAULT_FIELDS, ...fields })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${yamlValue(value)}`);
  return `---\n${lines.join("\n")}\n---\n${body}\n`;
}

function yamlValue(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 }).trimEnd();
}

/** n article files, one a day from 2023-01-01, named a/<date>-n<i>.md, with the given extra fields. */
export function articleFiles(n: number, fields: (i: number) => ArticleFileFields = () => ({})): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const date = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
    files[`a/${date}-n${i}.md`] = articleFile({ title: `Article ${i}`, date, ...fields(i) });
  }
  return files;
}
