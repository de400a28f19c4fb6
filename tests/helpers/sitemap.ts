// Reads a built site's sitemaps the way a crawler does: the index at /sitemap.xml, then each file
// it lists, parsed with a real XML parser after a strict well-formedness check.
import { XMLParser } from "fast-xml-parser";
import { xmlErrors } from "./xml.ts";

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["sitemap", "url"].includes(name), parseTagValue: false });

/** `text(path)` reads a file of the site ("sitemaps/2024.xml"); `base` is the URL its root is served at, no final slash. */
export async function readSitemaps(text: (path: string) => Promise<string>, base: string) {
  const indexXml = await text("sitemap.xml");
  const errors = xmlErrors(indexXml);
  if (errors.length) throw new Error(`sitemap.xml: ${errors.join("; ")}`);
  const index = (parser.parse(indexXml) as { sitemapindex: { sitemap?: SitemapEntry[] } }).sitemapindex.sitemap ?? [];
  const files: { loc: string; lastmod?: string; path: string; urls: SitemapEntry[] }[] = [];
  for (const child of index) {
    const path = child.loc.slice(base.length + 1);
    const xml = await text(path);
    const childErrors = xmlErrors(xml);
    if (childErrors.length) throw new Error(`${path}: ${childErrors.join("; ")}`);
    files.push({ ...child, path, urls: (parser.parse(xml) as { urlset: { url?: SitemapEntry[] } }).urlset.url ?? [] });
  }
  return { index, files, urls: files.flatMap((f) => f.urls) };
}
