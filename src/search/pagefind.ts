// The search index's public face: search records -> Pagefind bundles in <output>/pagefind/.
// What the rest of Gazette calls; the plumbing is apart, one unit a file, as in Pagefind's own
// Node wrapper:
//   plan.ts           the model -> bundles, processes, the search page's bundle list, records
//   records.ts        an article's view -> its record -> the document Pagefind indexes
//   writer.ts         records -> bundles, with back-pressure (add, finish, abort)
//   bundle-writer.ts  one bundle's records -> its index, or the last build's unchanged files
//   pool.ts           Pagefind's processes, and the failure of a request whose process died
//   manifest.ts       what each bundle was made from, to reuse it next build
//   layout.ts         bundles -> /pagefind/ and its sub-folders
export { planSearchIndex, type SearchPlan } from "./plan.ts";
export { SearchIndexError } from "./pool.ts";
export type { SearchRecord } from "./records.ts";
export { openSearchIndex, writeSearchIndex, type IndexTargets, type SearchIndexWriter } from "./writer.ts";
