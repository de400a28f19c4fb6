// Page metadata for search engines, link previews and news readers: <title>, description,
// canonical URL, Open Graph / Twitter card fields and schema.org JSON-LD, as plain data.
import { paths, type Urls } from "./urls.ts";
import type { ArticleView, Link, PageMeta } from "./views.ts";
import { directionOf } from "../site.ts";

const DESCRIPTION_LENGTH = 160;

export interface MetaInput {
  title: string;
  path: string;
  description: string;
  lang?: string;
  ogType?: PageMeta["ogType"];
  /** The page's image: its absolute URL (Urls.image), text and size when known. Default: the site's share image. */
  image?: { absolute: string; alt: string; width?: number; height?: number };
  article?: PageMeta["article"];
  feeds?: PageMeta["feeds"];
  jsonLd?: object[];
}

/** Link-preview settings: the image of pages without their own, og:locale by language. */
export interface ShareSettings {
  image?: { absolute: string; alt: string; width: number; height: number };
  locales: Readonly<Record<string, string>>;
}

export function createMeta(site: { title: string; lang: string }, urls: Urls, share: ShareSettings = { locales: {} }) {
  return (input: MetaInput): PageMeta => {
    const lang = input.lang ?? site.lang;
    const image = input.image ?? share.image;
    return {
      title: input.title === site.title ? input.title : `${input.title} — ${site.title}`,
      description: truncate(input.description, DESCRIPTION_LENGTH),
      canonical: urls.absolute(input.path),
      lang,
      dir: directionOf(lang),
      ogType: input.ogType ?? "website",
      image: image?.absolute,
      imageAlt: image?.alt,
      imageWidth: image?.width,
      imageHeight: image?.height,
      ogLocale: ogLocale(lang, share.locales),
      article: input.article,
      feeds: input.feeds ?? [],
      jsonLd: input.jsonLd ?? [],
    };
  };
}

/**
 * Open Graph's locale for a page language: the setting for "ar-SY", else for "ar"; else the tag
 * itself when it names a territory ("ar-SY" -> "ar_SY"); else none (Open Graph would assume en_US).
 */
export function ogLocale(lang: string, locales: Readonly<Record<string, string>>): string | undefined {
  const lower = (t: string) => t.toLowerCase();
  const keys = Object.keys(locales);
  const key = keys.find((k) => lower(k) === lower(lang)) ?? keys.find((k) => lower(k) === lower(lang.split("-")[0]!));
  if (key) return locales[key];
  const m = /^([a-z]{2,3})-([a-z]{2})$/i.exec(lang);
  return m ? `${m[1]!.toLowerCase()}_${m[2]!.toUpperCase()}` : undefined;
}

/** File types search engines and link previews accept as an article's image; never SVG. */
const RASTER = /\.(jpe?g|png|webp|avif|gif)$/i;

/** The image if it is a raster (by its path's extension, query and fragment aside), else nothing. */
export function rasterImage<T extends { absolute: string }>(image: T | undefined): T | undefined {
  if (!image) return undefined;
  let path: string;
  try {
    path = new URL(image.absolute).pathname;
  } catch {
    return undefined;
  }
  return RASTER.test(path) ? image : undefined;
}

/** The publisher's logo as schema.org wants it: a raster ImageObject (public/logo.png, 512×512). */
const LOGO_SIZE = 512;

/**
 * schema.org NewsArticle for a translation (or republication) of another outlet's article:
 * `author` the original's authors (or, unnamed, its outlet), `translator` and `editor` ours,
 * `isBasedOn` the original with its date and archived copy, `translationOfWork` the same original
 * when the article is a translation, `publisher` this site with its logo. Google's Article
 * guidance (tested with a structured-data validator in tests/provenance.test.ts).
 */
export function newsArticleLd(
  a: ArticleView,
  site: { title: string; url: string },
  urls: Urls,
  isOrganization: (name: string) => boolean,
): object {
  const { credits } = a;
  const agent = (p: Link) => ({ "@type": isOrganization(p.label) ? "Organization" : "Person", name: p.label, url: urls.absoluteOfHref(p.href) });
  const outlet = { "@type": "Organization", name: credits.outlet.label };
  const authors = credits.authors.length ? credits.authors.map((p) => ({ "@type": "Person", name: p.label, url: urls.absoluteOfHref(p.href) })) : [outlet];
  const original: Record<string, unknown> = { "@type": "NewsArticle" };
  if (credits.original.url) Object.assign(original, { "@id": credits.original.url, url: credits.original.url });
  if (credits.original.title) original.headline = credits.original.title;
  if (credits.original.titleLang) original.inLanguage = credits.original.titleLang;
  if (credits.original.date) original.datePublished = credits.original.date.iso;
  if (credits.original.archiveUrl) original.archivedAt = credits.original.archiveUrl;
  original.author = authors;
  original.publisher = outlet;
  const images = [...(a.shareImage ? [a.shareImage.absolute] : []), ...[rasterImage(a.image)?.absolute ?? []].flat()];
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
    ...(images.length ? { image: images } : {}),
    author: authors,
    ...(credits.translators.length ? { translator: credits.translators.map(agent) } : {}),
    ...(credits.editors.length ? { editor: credits.editors.map(agent) } : {}),
    isBasedOn: original,
    // A republication in the original language is based on the original but translates nothing.
    ...(credits.republished ? {} : { translationOfWork: credits.original.url ? { "@id": credits.original.url } : original }),
    ...correctionLd(a),
    publisher: {
      "@type": "Organization",
      name: site.title,
      url: site.url,
      logo: { "@type": "ImageObject", url: urls.absolute(paths.logoRaster), width: LOGO_SIZE, height: LOGO_SIZE },
    },
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
