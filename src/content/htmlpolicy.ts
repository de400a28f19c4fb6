// The raw-HTML policy, as data: what raw HTML in an article body may contain. Both sides derive
// from it: the renderer's sanitiser options (src/markdown.ts) and the check's warnings
// (src/content/rawhtml.ts), so `npm run check` warns exactly where the build would change markup.
//   RAW_HTML_POLICY -> sanitizeOptions() -> sanitize-html
//   RAW_HTML_POLICY -> tagVerdict() / attributeVerdict() -> "… will be removed" warnings
//
// Editors are trusted to use HTML for what Markdown lacks (figures, <sup>, a <details> box), so
// formatting, media and tables are kept; scripts, embeds, forms, event handlers and URLs with
// other schemes are removed. `markdown.html: false` in site.json escapes raw HTML instead.
import { sanitizeHtml } from "../commonjs.ts";

export interface RawHtmlPolicy {
  /** Elements kept; any other element is removed, its text kept (see `droppedWithContent`). */
  readonly tags: readonly string[];
  /** Removed elements whose content goes too: it is code or form state, not text to read. */
  readonly droppedWithContent: readonly string[];
  /** Attributes kept, per element; "*" lists those kept on every allowed element. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Attributes that hold a URL, checked against `schemes`. */
  readonly urlAttributes: readonly string[];
  /** URL schemes kept; a URL with another scheme, or protocol-relative (//host), loses its attribute. */
  readonly schemes: readonly string[];
  /** Attributes that mean nothing when empty, so an empty one is removed (`alt=""` is kept: it marks decoration). */
  readonly removedWhenEmpty: readonly string[];
  readonly keptWhenEmpty: readonly string[];
}

export const RAW_HTML_POLICY: RawHtmlPolicy = {
  tags: [
    // sections and text blocks
    "address", "article", "aside", "footer", "header", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "main", "nav", "section",
    "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "hr", "li", "menu", "ol", "p", "pre", "ul", "details", "summary",
    // inline text
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins",
    // tables
    "caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    // media
    "img", "picture", "source", "video", "audio", "track",
  ],
  droppedWithContent: ["script", "style", "textarea", "option", "xmp"],
  attributes: {
    "*": ["class", "id", "lang", "dir", "title"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"],
    source: ["src", "srcset", "type", "media", "sizes"],
    video: ["src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"],
    audio: ["src", "controls", "preload"],
    track: ["src", "kind", "srclang", "label", "default"],
    td: ["colspan", "rowspan", "headers"],
    th: ["colspan", "rowspan", "headers", "scope"],
    time: ["datetime"],
    ol: ["start", "reversed", "type"],
    blockquote: ["cite"],
    q: ["cite"],
    details: ["open"],
  },
  // The sanitiser's own lists of URL-bearing and non-boolean attributes: written out they would
  // only drift from the library's; passing them explicitly keeps both sides on one list. Read
  // from the library when first asked for (it is loaded only for raw HTML: ../commonjs.ts).
  get urlAttributes() {
    return sanitizeHtml().defaults.allowedSchemesAppliedToAttributes;
  },
  schemes: ["http", "https", "mailto", "tel"],
  get removedWhenEmpty() {
    return sanitizeHtml().defaults.nonBooleanAttributes;
  },
  keptWhenEmpty: ["alt"],
};

/** sanitize-html reads `allowedEmptyAttributes`; its type declarations lag behind and omit it. */
type SanitizeOptions = import("sanitize-html").IOptions & { allowedEmptyAttributes: string[] };

/** The sanitize-html options that enforce `policy`. */
export function sanitizeOptions(policy: RawHtmlPolicy = RAW_HTML_POLICY): SanitizeOptions {
  return {
    allowedTags: [...policy.tags],
    nonTextTags: [...policy.droppedWithContent],
    disallowedTagsMode: "discard",
    allowedAttributes: Object.fromEntries(Object.entries(policy.attributes).map(([tag, list]) => [tag, [...list]])),
    allowedSchemes: [...policy.schemes],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: [...policy.urlAttributes],
    allowProtocolRelative: false,
    nonBooleanAttributes: [...policy.removedWhenEmpty],
    allowedEmptyAttributes: [...policy.keptWhenEmpty],
  };
}

/** What the sanitiser does with an element: keep it, drop the tag only, or drop it with its content. */
export type TagVerdict = "kept" | "tag removed" | "removed with content";

export function tagVerdict(name: string, policy: RawHtmlPolicy = RAW_HTML_POLICY): TagVerdict {
  if (policy.tags.includes(name)) return "kept";
  return policy.droppedWithContent.includes(name) ? "removed with content" : "tag removed";
}

// The sanitiser's rule for attribute names that could end a tag early when written back.
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

/**
 * Why the sanitiser would remove or change attribute `name="value"` on kept element `tag`, as
 * words for a warning, or undefined when it keeps the attribute as written. Mirrors the
 * sanitiser's checks in its order; tests/rawhtml-policy.test.ts holds the two equal on a table.
 */
export function attributeVerdict(tag: string, name: string, value: string, policy: RawHtmlPolicy = RAW_HTML_POLICY): string | undefined {
  if (!VALID_ATTRIBUTE_NAME.test(name)) return `an attribute with an unusable name (${JSON.stringify(name)})`;
  if (value === "" && !policy.keptWhenEmpty.includes(name) && policy.removedWhenEmpty.includes(name)) return `the empty ${name} attribute of <${tag}>`;
  if (!policy.attributes[tag]?.includes(name) && !policy.attributes["*"]?.includes(name)) {
    return /^on/i.test(name) ? `an event-handler attribute (${name}) on <${tag}>` : `the ${name} attribute of <${tag}>`;
  }
  if (policy.urlAttributes.includes(name)) {
    const refused = refusedScheme(value, policy);
    if (refused) return `${refused} in the ${name} of <${tag}>`;
  }
  if (name === "srcset" || name === "imagesrcset") {
    for (const candidate of srcsetUrls(value)) {
      const refused = refusedScheme(candidate, policy);
      if (refused) return `${refused} in the ${name} of <${tag}>`;
    }
  }
  return undefined;
}

/**
 * "a javascript: URL" when `url` has a scheme outside the policy, "a protocol-relative URL" for
 * //host; undefined when it is kept. Browsers ignore control characters, spaces and comments
 * inside a URL, so `java\tscript:` and `&#106;avascript:` (entities are decoded by the parser)
 * are read as what they are.
 */
export function refusedScheme(url: string, policy: RawHtmlPolicy = RAW_HTML_POLICY): string | undefined {
  let href = url.replace(/[\x00-\x20]+/g, "");
  for (let start = href.indexOf("<!--"); start !== -1; start = href.indexOf("<!--")) {
    const end = href.indexOf("-->", start + 4);
    if (end === -1) break;
    href = href.slice(0, start) + href.slice(end + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) return /^[/\\]{2}/.test(href) ? "a protocol-relative URL (//…)" : undefined;
  return policy.schemes.includes(scheme) ? undefined : `a ${scheme}: URL`;
}

/** The URLs of a srcset, read as the HTML standard (and the sanitiser's parser) reads them. */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i]!)) i++;
    if (i >= value.length) break;
    let end = i;
    while (end < value.length && !/\s/.test(value[end]!)) end++;
    const url = value.slice(i, end);
    i = end;
    // A URL ending in commas ends its candidate; otherwise descriptors run to the next comma
    // outside parentheses.
    if (!url.endsWith(",")) {
      for (let depth = 0; i < value.length && !(value[i] === "," && depth === 0); i++) depth += value[i] === "(" ? 1 : value[i] === ")" ? -1 : 0;
    }
    urls.push(url.replace(/,+$/, ""));
  }
  return urls;
}
