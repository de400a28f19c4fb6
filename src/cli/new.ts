// `npm run new -- "Headline" --source "Outlet" [--keywords "A, B"] [--date 2024-07-09]`
// Writes content/articles/YYYY/MM/YYYY-MM-DD-slug.md with every field of the contract (the
// optional ones commented out), never over an existing file, and prints its path and URL.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { articlePath, createUrls } from "../archive/urls.ts";
import { DATE_EXPECTED, now, parseDate } from "../content/dates.ts";
import { cleanKeyword, MAX_NAME_LENGTH, slugify } from "../content/keywords.ts";
import { buildMode, isLanguageTag, PROJECT_ROOT as root, resolvePaths, siteSchema, type SiteSettings } from "../site.ts";
import { runIfMain } from "./run.ts";

const USAGE = 'usage: npm run new -- "Headline" --source "Outlet" [--keywords "A, B"] [--date YYYY-MM-DD] [--lang ar] [--translator "Name"]';

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
  // Every value the command line gives is written as a double-quoted YAML scalar on one line,
  // so no value (a newline, " # ", ": ", a leading "&" or "!") can add or change a field.
  const q = (text: string) => stringify(text, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 }).trimEnd();
  const lines = [
    "---",
    `title: ${q(title)}`,
    `date: ${iso}`,
    `source: ${q(values.source.trim())}`,
    "# source_url: https://…               # the original article",
    values.translator ? `translator: ${q(values.translator)}` : `# translator: ${q(settings.translator)}  # default from site settings`,
    ...(keywords.length ? ["keywords:", ...keywords.map((k) => `  - ${q(k)}`)] : ["keywords: []"]),
    values.lang ? `lang: ${q(values.lang)}` : `# lang: ${settings.language}                        # ar, fa, he, ur are shown right to left`,
    "# subtitle: …                         # the standfirst under the headline",
    "# summary: …                          # default: the first paragraph",
    "# author: …                           # author of the original piece",
    "# original_title: …",
    "# original_language: ar",
    "# disclaimer: true                    # true (site default), false, or your own text",
    "# image: /images/…                    # a file under public/",
    "# image_alt: …                        # required with image",
    "# image_credit: …",
    "# updated: YYYY-MM-DD                 # last substantive correction",
    "# slug: …                             # default: from the file name",
    "# aliases: []                         # old URLs that should redirect here",
    "draft: true                           # remove when ready to publish",
    "---",
    "",
    "Write the article here, in Markdown.",
    "",
  ];
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
