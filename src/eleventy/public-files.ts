// What of public/ is published (copied into every build, the preview's included):
//   public/css/gazette.css, public/.well-known/security.txt        -> copied
//   public/.env, public/.DS_Store, public/images/.secret, public/.git/… -> left out (dot-files and dot-folders)
//   public/link.svg -> a file outside public/                      -> left out
// Dot-files are an editor's or a tool's (.env, .DS_Store, swap files, a stray .git), never a page:
// published, they would leak. The one dot-folder a site means to publish, `.well-known/` at the
// top (RFC 8615: security.txt and the like), is kept; dot-files inside it are still left out.
// A link that leads outside public/ would carry that file (or a dangling link) into the site.
import { lstatSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** The one top-level dot-folder that is published. */
const WELL_KNOWN = ".well-known";

/** Whether a path relative to public/ (or a URL path below the site root), "/"-separated, may be published. */
export function isPublishedPath(path: string): boolean {
  const segments = path.split("/").filter((s) => s !== "");
  return segments.every((s, i) => !s.startsWith(".") || (i === 0 && s === WELL_KNOWN));
}

/** Whether `path` (absolute) is `dir` or lies inside it, following links on both. */
export function isInside(dir: string, path: string): boolean {
  try {
    const rel = relative(realpathSync(dir), realpathSync(path));
    return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  } catch {
    return false; // a dangling link, or gone
  }
}

/**
 * The passthrough copy's filter for `publicDir`: recursive-copy hands it every path it found,
 * relative to the folder, folders and their files alike (leaving out a folder does not leave
 * out its files, hence the test on every segment).
 */
export function publicCopyFilter(publicDir: string): (path: string) => boolean {
  return (path) => {
    if (!isPublishedPath(path)) return false;
    const file = join(publicDir, path);
    try {
      return !lstatSync(file).isSymbolicLink() || isInside(publicDir, file);
    } catch {
      return false;
    }
  };
}
