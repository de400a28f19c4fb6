// The one markdown-it instance. Article bodies are content, never templates: they go through
// markdown-it only, so `{{` and `{%` appear literally on the page.
//   markdown text -> { html, firstParagraph (plain text) }
//
// Raw HTML: allowed by default and sanitised by the one policy in content/htmlpolicy.ts (which
// `npm run check` also reads to warn about what will be removed, see content/rawhtml.ts).
// `markdown.html: false` in site.json escapes raw HTML entirely.
import type { Token } from "markdown-it";
import { markdownIt, sanitizeHtml } from "./commonjs.ts";
import { RAW_HTML_POLICY, sanitizeOptions } from "./content/htmlpolicy.ts";

export interface MarkdownOptions {
  /** Raw HTML in bodies: allowed (and sanitised) when true, escaped when false. */
  html: boolean;
}

/** The sanitiser's options, made with the first body that has raw HTML (../commonjs.ts). */
let sanitize: ReturnType<typeof sanitizeOptions> | undefined;

const OPTIONS = {
  linkify: true, // bare URLs in pasted text become links
  typographer: true, // straight quotes and dashes become typographic ones
  breaks: false,
} as const;

export interface RenderedMarkdown {
  html: string;
  /** Text of the first paragraph, for summaries and meta descriptions. */
  firstParagraph: string;
  /** Word count of the body text, for reading time. */
  words: number;
}

/** The markdown-it instance every body goes through (the check parses with one too, to find raw HTML). */
export function createMarkdownIt(options: MarkdownOptions) {
  return markdownIt({ ...OPTIONS, html: options.html });
}

// Headlines get the bodies' typography and nothing else: markdown-it's "zero" preset reads every
// character as text (no emphasis, links, entities or HTML), then its own smartquotes and
// replacements rules run, the ones `typographer` runs on bodies.
const headlineTypographer = markdownIt("zero", { typographer: true }).enable(["smartquotes", "replacements"]);

/** What the headline typographer (or its normalising) can change; a text without any is returned as it is. */
const UNCHANGED_UNLESS = /['"\r\0]|\+-|\.\.|\?\?\?\?|!!!!|,,|--|\((?:c|tm|r)\)/i;

/**
 * A headline with the bodies' curly quotes and dashes, still plain text (escaped where it is shown):
 *   `"Open" -- at last, it's 'done'` -> `“Open” – at last, it’s ‘done’`
 */
export function typographic(text: string): string {
  // Most headlines have nothing these rules change: the tests markdown-it's own rules start with
  // (QUOTE_TEST_RE, RARE_RE, SCOPED_ABBR_TEST_RE), and its normalising of CR and NUL, say so
  // before any parse (30,000 headlines and subtitles parsed for nothing cost 60–80 ms of a day's build).
  if (!UNCHANGED_UNLESS.test(text)) return text;
  const inline = headlineTypographer.parseInline(text, {})[0];
  return (inline?.children ?? []).map((t) => (t.type === "softbreak" || t.type === "hardbreak" ? " " : t.content)).join("");
}

/** True when markdown-it found raw HTML among `tokens`: only then does the sanitiser run. */
export function hasRawHtml(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.type === "html_block" || t.children?.some((c) => c.type === "html_inline"));
}

export function createMarkdown(options: MarkdownOptions) {
  const md = createMarkdownIt(options);
  return function render(source: string): RenderedMarkdown {
    const tokens = md.parse(source, {});
    const html = md.renderer.render(tokens, md.options, {});
    // markdown-it's own output is safe (it escapes text and refuses javascript: links); only raw
    // HTML needs the sanitiser, so bodies without any skip it.
    const raw = options.html && hasRawHtml(tokens);
    const safe = raw ? sanitizeHtml()(html, (sanitize ??= sanitizeOptions(RAW_HTML_POLICY))) : html;
    return { html: safe, firstParagraph: firstParagraphText(tokens), words: countWords(tokens) };
  };
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" || child.type === "hardbreak" ? " " : ""))
    .join("");
}

function firstParagraphText(tokens: Token[]): string {
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    // Top-level paragraphs only: a blockquote or list item is not a standfirst.
    if (token.type === "paragraph_open" && token.level === 0) {
      const text = inlineText(tokens[i + 1]!).replace(/\s+/g, " ").trim();
      if (text) return text;
    }
  }
  return "";
}

function countWords(tokens: Token[]): number {
  let words = 0;
  for (const token of tokens) {
    if (token.type === "inline") words += inlineText(token).split(/\s+/u).filter(Boolean).length;
  }
  return words;
}

const instances = new Map<string, ReturnType<typeof createMarkdown>>();
const rendered = new WeakMap<object, { source: string; key: string; value: RenderedMarkdown }>();

/**
 * Renders `source` for `owner` (an article object) once: the loader re-uses an unchanged file's
 * article object across watch-mode rebuilds, so an edit re-renders just the edited article.
 */
export function renderOnce(owner: object, source: string, options: MarkdownOptions): RenderedMarkdown {
  const key = optionsKey(options);
  const hit = rendered.get(owner);
  if (hit && hit.key === key && hit.source === source) return hit.value;
  let render = instances.get(key);
  if (!render) instances.set(key, (render = createMarkdown(options)));
  const value = render(source);
  rendered.set(owner, { source, key, value });
  return value;
}

/** What renderOnce holds for `owner`, when it rendered `source` with `options` (the article cache saves it). */
export function renderedFor(owner: object, source: string, options: MarkdownOptions): RenderedMarkdown | undefined {
  const hit = rendered.get(owner);
  return hit && hit.key === optionsKey(options) && hit.source === source ? hit.value : undefined;
}

/** A rendering of `source` kept from an earlier build (the article cache): renderOnce returns it. */
export function rememberRendered(owner: object, source: string, options: MarkdownOptions, value: RenderedMarkdown): void {
  rendered.set(owner, { source, key: optionsKey(options), value });
}

/**
 * The options as a string, made once per options object: every article's view and every body the
 * article cache restores ask for it (20,000 times a build at 10,000 articles), with the settings'
 * one object. Options are read, never changed, once loaded.
 */
const optionsKeys = new WeakMap<MarkdownOptions, string>();
function optionsKey(options: MarkdownOptions): string {
  let key = optionsKeys.get(options);
  if (key === undefined) optionsKeys.set(options, (key = JSON.stringify(options)));
  return key;
}
