// Dependencies loaded through `require`, as CommonJS, where their ES module build costs the build
// time and gains nothing.
//   zod          the schemas (../site.ts, ./content/schema.ts); nothing else loads zod
//   htmlparser2  the check's raw-HTML reader (./content/rawhtml.ts): sanitize-html, which is
//                CommonJS, requires the very same package, so it is loaded once, not twice
// Why: Node 20 runs the TypeScript loader's module hooks on a thread of their own, and every file
// of an ES module costs the main thread a round trip to that thread to be found and another to be
// read; zod is about 95 files. `require` loads a package's CommonJS build in the main
// thread alone. Imported alone through the loader: zod 94 ms as an ES module, 57 ms required;
// htmlparser2 47 ms and 28 ms, and nothing at all once sanitize-html has required it. A day's
// build loads both before it can read any content (docs/performance.md). Types come from the
// packages' own declarations, as with `import`.
import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import type { Parser as HtmlParser } from "htmlparser2";

const require = createRequire(import.meta.url);

export const z: typeof Zod = (require("zod") as { z: typeof Zod }).z;
export const Parser: typeof HtmlParser = (require("htmlparser2") as { Parser: typeof HtmlParser }).Parser;
