// Page metadata for search engines, link previews and news readers: <title>, description,
// canonical URL, Open Graph / Twitter card fields and schema.org JSON-LD, as plain data.
import type { Urls } from "./urls.ts";
import type { ArticleView, Link, PageMeta } from "./views.ts";
import { directionOf } from "../site.ts";

const DESCRIPTION_LENGTH = 160;

export interface MetaInput {
  title: string;
  path: string;
  description: string;
  lang?: string;
  ogType?: PageMeta["ogType"];
  /** The page's image: its absolute URL (Urls.image) and text. */
  image?: { absolute: string; alt: string };
  article?: PageMeta["article"];
  feeds?: PageMeta["feeds"];
  jsonLd?: object[];
}

export function createMeta(site: { title: string; lang: string }, urls: Urls) {
  return (input: MetaInput): PageMeta => {
    const lang = input.lang ?? site.lang;
    return {
      title: input.title === site.title ? input.title : `${input.title} — ${site.title}`,
      description: truncate(input.description, DESCRIPTION_LENGTH),
      canonical: urls.absolute(input.path),
      lang,
      dir: directionOf(lang),
      ogType: input.ogType ?? "website",
      image: input.image?.absolute,
      imageAlt: input.image?.alt,
      article: input.article,
      feeds: input.feeds ?? [],
      jsonLd: input.jsonLd ?? [],
    };
  };
}

/** schema.org NewsArticle, with the original it translates as `isBasedOn`. */
export function newsArticleLd(
  a: ArticleView,
  site: { title: string; url: string },
  urls: Urls,
  translatorIsPerson: boolean,
): object {
  const original: Record<string, unknown> = {
    "@type": "NewsArticle",
    publisher: { "@type": "Organization", name: a.source.name },
  };
  if (a.source.url) original.url = a.source.url;
  if (a.originalTitle) original.headline = a.originalTitle;
  if (a.originalLanguage) original.inLanguage = a.originalLanguage;
  if (a.author) original.author = { "@type": "Person", name: a.author };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: urls.absolute(a.path),
    url: urls.absolute(a.path),
    headline: a.title,
    ...(a.subtitle ? { alternativeHeadline: a.subtitle } : {}),
    description: a.summary,
    datePublished: a.date.iso,
    dateModified: (a.updated ?? a.date).iso,
    inLanguage: a.lang,
    keywords: a.keywords.map((k) => k.label),
    ...(a.image ? { image: a.image.absolute } : {}),
    translator: { "@type": translatorIsPerson ? "Person" : "Organization", name: a.translator.label },
    isBasedOn: original,
    ...correctionLd(a),
    publisher: { "@type": "Organization", name: site.title, url: site.url },
  };
}

/** Each notice (the retraction first) as a schema.org CorrectionComment; `dateModified` above already counts them. */
function correctionLd(a: ArticleView): { correction?: object[] } {
  const notices = [...(a.retraction ? [a.retraction] : []), ...a.corrections];
  if (!notices.length) return {};
  return { correction: notices.map((c) => ({ "@type": "CorrectionComment", name: c.label, text: c.text, datePublished: c.date.iso, url: `${a.absolute}#${c.id}` })) };
}

export function breadcrumbLd(crumbs: readonly Link[], urls: Urls): object {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.label,
      item: urls.absoluteOfHref(c.href),
    })),
  };
}

export function collectionPageLd(name: string, path: string, articles: readonly ArticleView[], urls: Urls): object {
  return {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name,
    url: urls.absolute(path),
    mainEntity: {
      "@type": "ItemList",
      itemListElement: articles.map((a, i) => ({ "@type": "ListItem", position: i + 1, url: a.absolute })),
    },
  };
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}
