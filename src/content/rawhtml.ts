// Markdown body -> what the renderer's sanitiser will remove from it, with body lines, for
// `npm run check`. Both sides read one policy (content/htmlpolicy.ts), and this walks the very
// HTML the sanitiser gets (markdown-it's output) with the very parser it uses (htmlparser2, same
// options), so a warning is given exactly when the build would change the markup.
//
// Cost: a body without `<` followed by a tag's first character costs one regex test; a body with
// one is parsed by markdown-it, and only when markdown-it finds raw HTML (the one case in which
// the build sanitises) is it rendered and walked: no output is built, unlike the sanitiser.
import { Parser } from "htmlparser2";
import type { Token } from "markdown-it";
import { createMarkdownIt, hasRawHtml } from "../markdown.ts";
import { attributeVerdict, RAW_HTML_POLICY, tagVerdict, type RawHtmlPolicy } from "./htmlpolicy.ts";

export interface RawHtmlFinding {
  /** Line in the body, from 1. */
  line: number;
  /** What goes, worded to be followed by "will be removed". */
  what: string;
}

// markdown-it starts raw HTML only at `<` followed by a letter, `/`, `!` or `?`.
const MAY_HAVE_HTML = /<[A-Za-z/!?]/;
// The check runs with raw HTML on (with it off nothing is removed), as the build does.
const md = createMarkdownIt({ html: true });

export function unsafeHtml(body: string, policy: RawHtmlPolicy = RAW_HTML_POLICY): RawHtmlFinding[] {
  if (!MAY_HAVE_HTML.test(body)) return [];
  const tokens = md.parse(body, {});
  if (!hasRawHtml(tokens)) return [];
  const { html, lineAt } = renderWithLines(tokens);
  const found: RawHtmlFinding[] = [];
  const seen = new Set<string>();
  // `where` is "raw HTML", or Markdown's own markup, which is sanitised with the raw HTML around it.
  const report = (index: number, what: (where: string) => string) => {
    const { line, raw } = lineAt(index);
    const text = what(raw ? "raw HTML" : "Markdown's own HTML (sanitised because the body has raw HTML)");
    const key = `${line}\n${text}`;
    if (!seen.has(key)) found.push({ line, what: text }), seen.add(key);
  };
  // Inside an element removed with its content, nothing more is reported: it all goes with it.
  let skipDepth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (skipDepth > 0) return void skipDepth++;
        const verdict = tagVerdict(name, policy);
        if (verdict === "removed with content") {
          skipDepth = 1;
          return report(parser.startIndex, (where) => `${where} <${name}>`);
        }
        if (verdict === "tag removed") return report(parser.startIndex, (where) => `${where} tag <${name}> (not its text)`);
        for (const [attribute, value] of Object.entries(attributes)) {
          const why = attributeVerdict(name, attribute, value, policy);
          if (why) report(parser.startIndex, (where) => `${why} in ${where}`);
        }
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth--;
      },
    },
    { decodeEntities: true }, // the sanitiser's parser options
  );
  parser.end(html);
  return found.sort((a, b) => a.line - b.line);
}

interface Chunk {
  start: number;
  line: number;
  /** Raw HTML copied through as written, so lines inside it count. */
  raw: boolean;
}

/**
 * Renders tokens as markdown-it's renderer does (the same rules, token by token), noting where
 * each token's output starts and which body line it came from.
 */
function renderWithLines(tokens: Token[]) {
  const { renderer, options } = md;
  const chunks: Chunk[] = [];
  let html = "";
  let line = 1;
  const emit = (list: Token[], i: number, chunkLine: number) => {
    const token = list[i]!;
    chunks.push({ start: html.length, line: chunkLine, raw: token.type === "html_block" || token.type === "html_inline" });
    const rule = renderer.rules[token.type];
    html += rule ? rule(list, i, options, {}, renderer) : renderer.renderToken(list, i, options);
  };
  tokens.forEach((token, i) => {
    if (token.map) line = token.map[0] + 1;
    if (token.type !== "inline") return emit(tokens, i, line);
    // Inline children carry no lines: find each in the paragraph's source to count lines to it.
    const children = token.children ?? [];
    let at = 0;
    children.forEach((child, j) => {
      const found = child.content ? token.content.indexOf(child.content, at) : -1;
      if (found >= 0) at = found;
      emit(children, j, line + countLines(token.content, at));
      if (found >= 0) at += child.content.length;
    });
  });
  const lineAt = (index: number) => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid]!.start <= index) lo = mid;
      else hi = mid - 1;
    }
    const chunk = chunks[lo]!;
    return { line: chunk.line + (chunk.raw ? countLines(html, index, chunk.start) : 0), raw: chunk.raw };
  };
  return { html, lineAt };
}

function countLines(text: string, end: number, start = 0): number {
  let n = 0;
  for (let i = text.indexOf("\n", start); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** For tests: the HTML the walk read, which must equal markdown-it's own rendering. */
export function renderedForCheck(body: string): string {
  return renderWithLines(md.parse(body, {})).html;
}
