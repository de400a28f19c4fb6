// `npm run new -- "Headline" --source "Outlet" [--keywords "A, B"] [--date 2024-07-09]`
// Writes content/articles/YYYY/MM/YYYY-MM-DD-slug.md with every field of the contract (the
// optional ones commented out), never over an existing file, and prints its path and URL. The
// fields, their order and their one-line purposes come from the schema (content/schema.ts).
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { articlePath, createUrls } from "../archive/urls.ts";
import { DATE_EXPECTED, now, parseDate } from "../content/dates.ts";
import { ARTICLE_FIELD_DOCS } from "../content/schema.ts";
import { cleanKeyword, MAX_NAME_LENGTH, slugify } from "../content/keywords.ts";
import { buildMode, isLanguageTag, PROJECT_ROOT as root, resolvePaths, siteSchema, type SiteSettings } from "../site.ts";
import { runIfMain } from "./run.ts";

const USAGE = 'usage: npm run new -- "Headline" --source "Outlet" [--keywords "A, B"] [--date YYYY-MM-DD] [--lang ar] [--translator "Name"]';

// Every value the command line gives is written as a double-quoted YAML scalar on one line,
// so no value (a newline, " # ", ": ", a leading "&" or "!") can add or change a field.
const q = (text: string) => stringify(text, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 }).trimEnd();

/** Field name -> its value as YAML text, for the fields the command line fills in. */
type Given = Partial<Record<string, string>>;

/** Comments `npm run new` adds to the fields it fills in or defaults from the site's settings. */
const NOTES: Partial<Record<string, string>> = { draft: "remove when ready to publish" };

/**
 * Front-matter lines for a new article: every field of the contract in schema order, with the
 * `given` values; the rest commented out with an example and their purpose (from the schema, so
 * a new field appears here without touching this file). Site defaults show as their examples.
 */
export function frontMatterLines(given: Given, settings: SiteSettings): string[] {
  const siteDefaults: Partial<Record<string, string>> = { translator: q(settings.translator), lang: settings.language };
  return ARTICLE_FIELD_DOCS.map(({ name, description, example }) => {
    const value = given[name];
    const note = NOTES[name] ?? (value === undefined && siteDefaults[name] !== undefined ? `${description}; default from site settings` : description);
    const line = value === undefined ? `# ${name}: ${siteDefaults[name] ?? example}` : `${name}: ${value}`;
    // A list value runs over several lines: its comment goes on the first.
    const [first, ...rest] = line.split("\n");
    return [`${first!.padEnd(38)} # ${note}`, ...rest].join("\n");
  });
}

export async function createArticle(args = process.argv.slice(2)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: "string" },
        keywords: { type: "string" },
        date: { type: "string" },
        lang: { type: "string" },
        translator: { type: "string" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const title = positionals.join(" ").trim();
  if (!title || !values.source?.trim()) {
    console.error(`A headline and --source are required.\n${USAGE}`);
    return 1;
  }
  if (values.lang !== undefined && !isLanguageTag(values.lang)) {
    console.error(`--lang: expected a BCP 47 language tag such as en, ar or ar-SY, found ${JSON.stringify(values.lang)}`);
    return 2;
  }
  const paths = resolvePaths(root);
  let settings: SiteSettings;
  try {
    settings = siteSchema.parse(JSON.parse(readFileSync(paths.siteFile, "utf8")));
  } catch {
    console.error(`${relative(process.cwd(), paths.siteFile)} cannot be read or has errors; run npm run check to see them.`);
    return 1;
  }
  const date = values.date ? parseDate(values.date, settings.timeZone) : now(settings.timeZone).startOf("day");
  if (!date) {
    console.error(`--date: expected ${DATE_EXPECTED}, found "${values.date}"`);
    return 1;
  }
  const iso = date.toISODate()!;
  const slug = slugify(title).slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
  const file = join(paths.articles, iso.slice(0, 4), iso.slice(5, 7), `${iso}-${slug}.md`);
  if (existsSync(file)) {
    console.error(`${relative(process.cwd(), file)} already exists; not overwriting it. Give the article another headline or date.`);
    return 1;
  }
  const keywords = (values.keywords ?? "").split(",").map(cleanKeyword).filter(Boolean);
  const given: Given = {
    title: q(title),
    date: iso,
    source: q(values.source.trim()),
    ...(values.translator ? { translator: q(values.translator) } : {}),
    // Keywords are written even when none are given, so the editor sees where they go.
    keywords: keywords.length ? ["", ...keywords.map((k) => `  - ${q(k)}`)].join("\n") : "[]",
    ...(values.lang ? { lang: q(values.lang) } : {}),
    draft: "true",
  };
  const lines = ["---", ...frontMatterLines(given, settings), "---", "", "Write the article here, in Markdown.", ""];
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, lines.join("\n"), { flag: "wx" });
  } catch (e) {
    console.error(`cannot write ${relative(process.cwd(), file)}: ${(e as Error).message}`);
    return 1;
  }
  const urls = createUrls(settings.url, buildMode().pathPrefix);
  console.log(`Created ${relative(process.cwd(), file)}`);
  console.log(`It will be published at ${urls.absolute(articlePath(date, slug))} (a draft until you remove draft: true).`);
  return 0;
}

runIfMain(import.meta.url, () => createArticle());
