// Markdown body -> what the renderer's sanitiser will remove from it, with body lines, for
// `npm run check`. Both sides read one policy (content/htmlpolicy.ts): the raw HTML markdown-it
// finds is read with the parser the sanitiser uses (htmlparser2, same options) and markdown-it's
// own tags by their attributes, so a warning is given exactly when the build changes the markup
// (tests/rawhtml-policy.test.ts runs the sanitiser on a table of cases to hold the two equal).
//
// Cost: a body without `<` followed by a tag's first character costs a string search; a body with
// one is parsed by markdown-it (as the build does), and only when markdown-it finds raw HTML (the
// one case in which the build sanitises) are its tokens walked. Nothing is rendered.
import { htmlParser } from "../commonjs.ts";
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
  if (!body.includes("<") || !MAY_HAVE_HTML.test(body)) return [];
  const tokens = md.parse(body, {});
  if (!hasRawHtml(tokens)) return [];
  const found: RawHtmlFinding[] = [];
  const seen = new Set<string>();
  const report = (line: number, what: string) => {
    const key = `${line}\n${what}`;
    if (!seen.has(key)) found.push({ line, what }), seen.add(key);
  };
  // Raw HTML goes through the sanitiser's parser (htmlparser2, its options), one piece after
  // another so an element opened in one block and closed in a later one is read as one.
  const raw: Chunk[] = [];
  let written = 0;
  // Inside an element removed with its content, nothing more is reported: it all goes with it.
  let skipDepth = 0;
  const rawLine = (index: number) => {
    let chunk = raw[raw.length - 1]!;
    for (let i = raw.length - 1; i > 0 && chunk.start > index; i--) chunk = raw[i - 1]!;
    return chunk.line + countLines(chunk.text, index - chunk.start);
  };
  const Parser = htmlParser();
  const parser: InstanceType<typeof Parser> = new Parser(
    {
      onopentag(name, attributes) {
        if (skipDepth > 0) return void skipDepth++;
        const line = rawLine(parser.startIndex);
        const verdict = tagVerdict(name, policy);
        if (verdict === "removed with content") {
          skipDepth = 1;
          return report(line, `raw HTML <${name}>`);
        }
        if (verdict === "tag removed") return report(line, `raw HTML tag <${name}> (not its text)`);
        for (const [attribute, value] of Object.entries(attributes)) {
          const why = attributeVerdict(name, attribute, value, policy);
          if (why) report(line, `${why} in raw HTML`);
        }
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth--;
      },
    },
    { decodeEntities: true }, // the sanitiser's parser options
  );
  // Markdown's own markup (a table column's alignment, a link's URL) is sanitised with the raw
  // HTML around it: its tags are the policy's, so only its attributes can be refused.
  const generated = (token: Token, line: number) => {
    if (skipDepth > 0 || !token.attrs || !token.tag) return;
    for (const [attribute, value] of token.attrs) {
      const why = attributeVerdict(token.tag, attribute, String(value), policy);
      if (why) report(line, `${why} in Markdown's own HTML (sanitised because the body has raw HTML)`);
    }
  };
  const visit = (token: Token, line: number) => {
    if (token.type !== "html_block" && token.type !== "html_inline") return generated(token, line);
    raw.push({ start: written, line, text: token.content });
    written += token.content.length;
    parser.write(token.content);
  };
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    if (token.type !== "inline") {
      visit(token, line);
      continue;
    }
    // Inline children carry no lines: find each in the paragraph's source, counting lines as
    // the search moves on, so a long paragraph is read once.
    let at = 0;
    let lines = 0;
    for (const child of token.children ?? []) {
      if (child.type === "html_inline") {
        const found = token.content.indexOf(child.content, at);
        if (found >= 0) {
          lines += countLines(token.content.slice(at, found), found - at);
          at = found;
        }
      }
      visit(child, line + lines);
    }
  }
  parser.end();
  return found.sort((a, b) => a.line - b.line);
}

interface Chunk {
  /** Where the piece starts in the raw HTML written to the parser. */
  start: number;
  line: number;
  text: string;
}

/** Newlines in the first `end` characters of `text`. */
function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
