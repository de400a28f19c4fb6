// Root-relative links inside rendered Markdown ("/2024/07/story/", "/images/x.jpg") -> links
// under the path prefix, or absolute ones for feeds. markdown-it writes every attribute as
// name="value" with the value escaped, so matching that exact form is safe.

/** Every href/src that is not already absolute (or a fragment) -> `resolve(value)`. */
export function rewriteRelativeLinks(html: string, resolve: (value: string) => string): string {
  if (!/\b(?:href|src)="(?![a-z][a-z0-9+.-]*:|#)/i.test(html)) return html;
  return html.replace(/\b(href|src)="((?![a-z][a-z0-9+.-]*:|#)[^"]*)"/gi, (_, attr: string, value: string) => `${attr}="${resolve(value)}"`);
}

export function rewriteRootLinks(html: string, rewrite: (path: string) => string): string {
  if (!html.includes('="/')) return html;
  return html.replace(/\b(href|src)="(\/(?!\/)[^"]*)"/g, (_, attr: string, path: string) => `${attr}="${rewrite(path)}"`);
}
