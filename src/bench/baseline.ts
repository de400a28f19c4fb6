// The baseline Gazette is measured against: the usual stack, built from the same Markdown.
// A bare Eleventy 3 site (one Nunjucks layout, keyword pages paginated by 20) in a temporary
// project, then the Pagefind CLI over its output. Both run from this project's node_modules.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

const CONFIG = `// Baseline: the usual Eleventy setup for a news archive.
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "post.njk");
  eleventyConfig.addCollection("keywordPages", (api) => {
    const byKeyword = new Map();
    for (const item of api.getFilteredByGlob("./articles/**/*.md")) {
      for (const keyword of item.data.keywords ?? []) {
        if (!byKeyword.has(keyword)) byKeyword.set(keyword, []);
        byKeyword.get(keyword).push(item);
      }
    }
    const pages = [];
    let n = 0;
    for (const [keyword, items] of byKeyword) {
      const slug = "k" + n++;
      items.sort((a, b) => b.date - a.date);
      for (let i = 0; i < items.length; i += 20) pages.push({ keyword, slug, number: i / 20 + 1, items: items.slice(i, i + 20) });
    }
    return pages;
  });
  return { dir: { input: ".", includes: "_includes", output: "_site" } };
}
`;

const LAYOUT = `<!doctype html>
<html lang="{{ lang or 'en' }}">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main data-pagefind-body>
<h1>{{ title }}</h1>
<p>{{ source }}</p>
{{ content | safe }}
</main>
</body>
</html>
`;

const KEYWORDS = `---
layout: false
pagination:
  data: collections.keywordPages
  size: 1
  alias: kp
permalink: "/keywords/{{ kp.slug }}/{% if kp.number > 1 %}page/{{ kp.number }}/{% endif %}"
---
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ kp.keyword }}</title></head>
<body><h1>{{ kp.keyword }}</h1>
<ul>{% for item in kp.items %}<li><a href="{{ item.url }}">{{ item.data.title }}</a></li>{% endfor %}</ul>
</body></html>
`;

/** Writes the baseline project into `dir`, with `articles` linked in as its content. */
export async function writeBaselineProject(dir: string, articles: string): Promise<void> {
  await mkdir(join(dir, "_includes"), { recursive: true });
  await writeFile(join(dir, "eleventy.config.mjs"), CONFIG);
  await writeFile(join(dir, "_includes/post.njk"), LAYOUT);
  await writeFile(join(dir, "keywords.njk"), KEYWORDS);
  await symlink(articles, join(dir, "articles"));
}
