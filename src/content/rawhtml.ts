// Markdown body -> raw HTML that the renderer's sanitiser will remove, with lines, found by
// pattern without rendering so `npm run check` stays fast. The sanitiser (src/markdown.ts) is
// what protects the site; this only tells the editor in advance.

const UNSAFE = [
  { pattern: /<\s*(script|style|iframe|object|embed|form|input|button|link|meta|base|frame|frameset|svg|math)\b/i, what: (m: RegExpMatchArray) => `raw HTML <${m[1]!.toLowerCase()}>` },
  { pattern: /<[^>]*\son[a-z]+\s*=/i, what: () => "an event-handler attribute (on…=) in raw HTML" },
  { pattern: /<[^>]*(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i, what: () => "a javascript:, vbscript: or data: URL in raw HTML" },
];

export function unsafeHtml(body: string): { line: number; what: string }[] {
  if (!body.includes("<")) return [];
  const found: { line: number; what: string }[] = [];
  body.split("\n").forEach((text, i) => {
    for (const { pattern, what } of UNSAFE) {
      const m = text.match(pattern);
      if (m) found.push({ line: i + 1, what: what(m) });
    }
  });
  return found;
}
