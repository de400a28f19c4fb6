// One raw-HTML policy: `npm run check` warns about a body exactly when the build's sanitiser
// would change its markup. The expectation is not written by hand: each snippet is rendered with
// and without the sanitiser, so the warning side and the sanitising side cannot drift apart.
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { createMarkdown, createMarkdownIt } from "../src/markdown.ts";
import { unsafeHtml } from "../src/content/rawhtml.ts";

const unsanitised = createMarkdownIt({ html: true });
const sanitised = createMarkdown({ html: true });

/**
 * Markup as a reader's browser sees it: parsed and written back one way, so quoting, `<br>` vs
 * `<br />` and entity spelling do not count as a change. Comments are dropped on both sides:
 * the sanitiser removes them and no reader ever saw them, so that is no change to warn about.
 */
function normalise(html: string): string {
  const $ = load(html, null, false);
  $("*")
    .contents()
    .filter((_, node) => node.type === "comment")
    .remove();
  return $.root()
    .contents()
    .filter((_, node) => node.type !== "comment")
    .toArray()
    .map((node) => $.html(node))
    .join("")
    .trim();
}

// [what, body, does the sanitiser change it?] — the third column documents the case; the test
// checks it against the real sanitiser too, so a policy change shows up here first.
const CASES: [string, string, boolean][] = [
  ["allowed block with class", '<p class="note">Hi <sup>1</sup></p>', false],
  ["figure with image and caption", '<figure><img src="/images/a.jpg" alt="A boat"><figcaption>Cap</figcaption></figure>', false],
  ["details box", "<details open><summary>More</summary>Text</details>", false],
  ["<article>", "<article>Inner text</article>", false],
  ["video with controls", '<video src="/v.mp4" controls></video>', false],
  ["decorative image (empty alt)", '<img src="/a.jpg" alt="">', false],
  ["https link", '<a href="https://example.org/" target="_blank" rel="noopener">ok</a>', false],
  ["mailto link", '<a href="mailto:desk@example.org">mail</a>', false],
  ["inline allowed tag", "Text with <mark>marked</mark> words.", false],
  ["comment", "Text.\n\n<!-- a note to the desk -->\n\nMore.", false],
  ["srcset of safe URLs", '<img src="/a.jpg" alt="x" srcset="/a.jpg 1x, /b.jpg 2x">', false],
  ["<script>", "<script>alert(1)</script>", true],
  ["<SCRIPT> in mixed case", "<ScRiPt>alert(1)</sCrIpT>", true],
  ["<style>", "<style>p { color: red }</style>", true],
  ["<textarea> with markup inside", "<textarea><b>x</b></textarea>", true],
  ["<iframe>", '<iframe src="https://example.org/"></iframe>', true],
  ["form and input", '<form action="/x"><input name="q"></form>', true],
  ["<svg>", '<svg viewBox="0 0 10 10"><circle r="4"/></svg>', true],
  ["MathML", "<math><mi>x</mi></math>", true],
  ["onclick", '<p onclick="steal()">Hi</p>', true],
  ["event handler in mixed case", '<p OnMouseOver="steal()">Hi</p>', true],
  ["inline event handler", 'Text with <span onclick="x()">inline</span> HTML.', true],
  ["style attribute", '<p style="color:red">Hi</p>', true],
  ["data- attribute", '<div data-x="1">Hi</div>', true],
  ["javascript: URL", '<a href="javascript:alert(1)">x</a>', true],
  ["JaVaScRiPt: URL", '<a href="JaVaScRiPt:alert(1)">x</a>', true],
  ["javascript: URL spelled with an entity", '<a href="&#106;avascript:alert(1)">x</a>', true],
  ["javascript: URL with an encoded tab", '<a href="java&#x09;script:alert(1)">x</a>', true],
  ["vbscript: URL", '<a href="vbscript:msgbox(1)">x</a>', true],
  ["data: image", '<img src="data:image/png;base64,AAAA" alt="x">', true],
  ["ftp: URL", '<a href="ftp://files.example.org/">ftp</a>', true],
  ["protocol-relative URL", '<a href="//evil.example/">x</a>', true],
  ["empty href", '<a href="">empty</a>', true],
  ["javascript: in a srcset", '<img src="/a.jpg" alt="x" srcset="/a.jpg 1x, javascript:alert(1) 2x">', true],
  ["table alignment in a body with raw HTML", "| a | b |\n|--:|---|\n| 1 | 2 |\n\n<sup>1</sup>", true],
  ["no raw HTML at all (a < b)", "If a < b and 3<4, nothing is sanitised.", false],
];

describe("the raw-HTML policy: check warns exactly when the sanitiser changes something", () => {
  it.each(CASES)("%s", (_, body, changes) => {
    const before = unsanitised.render(body);
    const after = sanitised(body).html;
    const changed = normalise(before) !== normalise(after);
    const warnings = unsafeHtml(body);
    expect({ changed, warned: warnings.length > 0 }, `${before}\n->\n${after}\nwarnings: ${JSON.stringify(warnings)}`).toEqual({ changed: changes, warned: changes });
  });

  it("names what goes and the line it is on, in the body's own lines", () => {
    const body = [
      "Text.", // 1
      "", // 2
      '<p onclick="a()">Hi</p>', // 3
      "", // 4
      "<div>", // 5
      '<a href="JAVASCRIPT:x()">x</a>', // 6
      "</div>", // 7
      "", // 8
      "A paragraph", // 9
      'with <svg><circle r="1"/></svg> inside.', // 10
      "", // 11
      "<script>", // 12
      '<img src=x onerror="y()">', // 13: inside the script, removed with it: no second warning
      "</script>", // 14
    ].join("\n");
    expect(unsafeHtml(body)).toEqual([
      { line: 3, what: "an event-handler attribute (onclick) on <p> in raw HTML" },
      { line: 6, what: "a javascript: URL in the href of <a> in raw HTML" },
      { line: 10, what: "raw HTML tag <svg> (not its text)" },
      { line: 10, what: "raw HTML tag <circle> (not its text)" },
      { line: 12, what: "raw HTML <script>" },
    ]);
  });

  it("skips bodies without raw HTML after one pattern test, and Markdown that only looks like HTML", () => {
    expect(unsafeHtml("Plain text, 3 < 4.")).toEqual([]);
    // Inside a code span or block `<script>` is text, shown as written; nothing is removed.
    expect(unsafeHtml("Use `<script>` tags.\n\n    <script>alert(1)</script>\n")).toEqual([]);
  });
});
