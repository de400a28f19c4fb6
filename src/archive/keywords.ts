// Article[] -> the keyword registry: one entry per keyword identity, shown in its most common
// spelling, with a slug, its articles (newest first) and collisions reported as problems.
import type { Article } from "../content/load.ts";
import { cleanKeyword, keywordIdentity, slugify } from "../content/keywords.ts";
import type { Problem } from "../content/problems.ts";

export interface Keyword {
  identity: string;
  name: string;
  slug: string;
  url: string;
  /** Articles with this keyword, in the order given (callers pass newest first). */
  articles: Article[];
}

export function keywordRegistry(articles: readonly Article[]): { keywords: Map<string, Keyword>; problems: Problem[] } {
  const spellings = new Map<string, Map<string, number>>();
  const members = new Map<string, Article[]>();
  for (const article of articles) {
    for (const raw of article.keywords) {
      const id = keywordIdentity(raw);
      const counts = spellings.get(id) ?? new Map<string, number>();
      const spelling = cleanKeyword(raw);
      counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
      spellings.set(id, counts);
      const list = members.get(id) ?? [];
      list.push(article);
      members.set(id, list);
    }
  }

  const keywords = new Map<string, Keyword>();
  const bySlug = new Map<string, Keyword>();
  const problems: Problem[] = [];
  for (const [id, counts] of spellings) {
    const name = mostCommon(counts);
    const slug = slugify(name);
    const keyword: Keyword = { identity: id, name, slug, url: `/keywords/${slug}/`, articles: members.get(id)! };
    const clash = bySlug.get(slug);
    if (clash) {
      problems.push({
        file: keyword.articles[0]!.file,
        field: "keywords",
        message: `keyword "${name}" would share the page /keywords/${slug}/ with "${clash.name}" (used in ${clash.articles[0]!.file}); spell them alike or tell them apart`,
        severity: "error",
      });
      continue;
    }
    bySlug.set(slug, keyword);
    keywords.set(id, keyword);
  }
  return { keywords, problems };
}

/** Most used spelling; ties go to the first seen, so the result never depends on file order luck. */
function mostCommon(counts: Map<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [spelling, count] of counts) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
