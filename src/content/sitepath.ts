// An old URL written in front matter (`aliases`) -> the one site path it names, or why it cannot be.
//   "/2019/03/don't-panic"               -> "/2019/03/don't-panic/"
//   "/2019/%D8%B3%D9%84%D8%A7%D9%85/"    -> "/2019/سلام/"   (decoded: the form its folder is named in)
//   "/old/index.html"                    -> "/old/"         (the same file)
//   "/*", "/:year/x", "/a b", "/%zz"     -> "expected a plain site path …, without …"
// An alias becomes a line of `_redirects` (Netlify, Cloudflare Pages) and a folder of the output,
// so it may hold only characters both take literally: what either reads specially is refused
// rather than escaped, since no escape is read the same way by every host.

/** A folder name longer than this (in UTF-8 bytes) cannot be written on common file systems. */
export const MAX_SEGMENT_BYTES = 255;
/** Browsers, CDNs and servers all accept URLs this long; real old URLs are far shorter. */
export const MAX_PATH_LENGTH = 2000;

export const SITE_PATH_EXAMPLE = "/2019/03/old-story/";
const EXPECTED = `expected a plain site path such as ${SITE_PATH_EXAMPLE}`;

/** ASCII a path segment may hold: RFC 3986 unreserved characters and the sub-delimiters that
 * browsers send as they are and `_redirects` takes literally. */
const ASCII_ALLOWED = /^[A-Za-z0-9\-._~'()+,;=@$&]$/;
/** Beyond ASCII: letters, marks and digits of any script (old Arabic URLs are real), and the
 * joiners Persian and Urdu words need. */
const NON_ASCII_ALLOWED = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;

/** Characters `_redirects` or browsers read specially, with why, for the message. */
const SPECIAL: Record<string, string> = {
  "*": `"*" (_redirects reads it as a splat that catches every URL below it)`,
  ":": `":" (_redirects reads :name as a placeholder, and Windows cannot put it in a folder name)`,
  "!": `"!" (_redirects reads it as forcing a rule)`,
  "?": `a query ("?"): redirects match the path only`,
  "#": `a fragment ("#"): browsers never send it`,
  "\\": `a backslash (browsers turn it into "/")`,
  "%": `"%" that is not a percent-escape such as %D8%A7`,
};

export type SitePathResult = { ok: true; path: string } | { ok: false; message: string };

export function parseSitePath(written: string): SitePathResult {
  const fail = (why: string): SitePathResult => ({ ok: false, message: `${EXPECTED}, without ${why}` });
  if (!written.startsWith("/")) return { ok: false, message: `expected a site path starting with /, such as ${SITE_PATH_EXAMPLE}` };

  // Raw characters first: a "%" is checked as an escape below, everything else as itself.
  for (const c of written) {
    if (c === "%") continue;
    const wrong = characterProblem(c);
    if (wrong) return fail(wrong);
  }
  if (/%(?![0-9A-Fa-f]{2})/.test(written)) return fail(SPECIAL["%"]!);
  let decoded: string;
  try {
    decoded = decodeEscapes(written);
  } catch (e) {
    return fail((e as Error).message);
  }
  // What an escape stood for must be allowed too: %2A is "*" all the same.
  for (const c of decoded) {
    const wrong = characterProblem(c);
    if (wrong) return fail(`${wrong}, written as a percent-escape`);
  }

  const segments = decoded.split("/").slice(1);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const last = i === segments.length - 1;
    if (s === "" && !last) return fail("an empty segment (//)");
    if (s === "." || s === "..") return fail(`a "${s}" segment (browsers resolve it away)`);
    const bytes = Buffer.byteLength(s);
    if (bytes > MAX_SEGMENT_BYTES) return { ok: false, message: `${EXPECTED}, each part between slashes at most ${MAX_SEGMENT_BYTES} bytes (the longest folder name a file system takes), found a part of ${bytes} bytes` };
  }
  const length = encodeSitePath(decoded).length;
  if (length > MAX_PATH_LENGTH) return { ok: false, message: `${EXPECTED}, at most ${MAX_PATH_LENGTH} characters once percent-encoded, found ${length}` };
  return { ok: true, path: normalise(decoded) };
}

/** The form a browser sends: characters beyond ASCII percent-encoded as UTF-8, the rest as is. */
export function encodeSitePath(path: string): string {
  return path.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c));
}

/** "/old/page" and "/old/page/" are one page, and "/old/page/index.html" is its file: all become
 * "/old/page/". A last part with an extension ("/old/page.html") stays a file. */
function normalise(path: string): string {
  const folder = path.replace(/\/index\.html?$/, "/");
  if (folder.endsWith("/") || /\.[A-Za-z0-9]+$/.test(folder.slice(folder.lastIndexOf("/") + 1))) return folder;
  return `${folder}/`;
}

/** Why `c` cannot be in an alias, or undefined when it can. */
function characterProblem(c: string): string | undefined {
  if (ASCII_ALLOWED.test(c) || c === "/") return undefined;
  if (SPECIAL[c]) return SPECIAL[c];
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (/\p{Cc}/u.test(c)) return `a control character (${code})`;
  if (/\s|\p{Z}/u.test(c)) return c === " " ? "a space" : `white space (${code})`;
  if (c.length === 1 && /[\ud800-\udfff]/.test(c)) return `a lone surrogate (${code}), which is not text`;
  if (c.codePointAt(0)! < 0x80) return `"${c}" (browsers send it percent-encoded and hosts disagree on reading it)`;
  if (NON_ASCII_ALLOWED.test(c)) return undefined;
  // Invisible and format characters (bidi controls among them) are named, never printed.
  const shown = /\p{C}/u.test(c) ? code : `"${c}" (${code})`;
  return `${shown}; beyond ASCII only letters, marks and digits are allowed`;
}

/**
 * Decodes every run of percent-escapes as UTF-8 (escapes are known to be well formed). Throws with
 * the reason when a run is not UTF-8 (an old Latin-1 URL such as %E9) or stands for "/" or "%",
 * which would change the path's shape or be decoded twice.
 */
function decodeEscapes(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      throw new Error(`percent-escapes that are not UTF-8 text (${run.length > 12 ? `${run.slice(0, 12)}…` : run})`);
    }
    if (text.includes("/")) throw new Error(`an encoded "/" (%2F)`);
    if (text.includes("%")) throw new Error(`an encoded "%" (%25)`);
    return text;
  });
}
