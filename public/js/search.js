// Gazette's search page, on Pagefind's JavaScript API. Loaded on /search/ only.
//
// State lives in the URL (?q=&source=&keyword=&translator=&year=&language=&sort=), so a search
// can be shared, bookmarked and restored. Values of one filter combine with OR, filters with AND.
// With filters and no words, the page lists every matching article, newest first.
// Editor text is only ever set as textContent or text nodes; excerpts and headline marks are built
// from Pagefind's plain `content` and word `locations`, never from its HTML.
//
// Bytes matter on a 10,000-article archive: a filter's data is fetched only when that filter is
// used or opened, and the slug table (facets.json) only when a URL needs slugs.
//
// A large archive's index comes in bundles of whole years or months (data-bundles, newest first),
// merged with Pagefind's mergeIndex. A merged search ranks by score, so "newest first" asks one
// bundle at a time (by the filter `part`, its key) and joins the answers in bundle order, only as
// far as the reader reads.

import { ARABIC_META_WEIGHTS, arabicForms, fold, isArabic } from "./search-words.js";

const app = document.getElementById("search-app");
const form = app.querySelector("form");
const input = document.getElementById("search-q");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-list");
const more = document.getElementById("search-more");
const notice = document.getElementById("search-notice");
const help = document.getElementById("search-help");
const suggestions = document.getElementById("search-suggestions");
const filterDetails = document.getElementById("search-filters");
const filterPanel = filterDetails.closest("aside");
const filterGroups = document.getElementById("search-filter-groups");
// Filters sit beside the results on wide screens (always open) and fold above them on phones.
const wide = matchMedia("(min-width: 60rem)");
filterDetails.open = wide.matches;
wide.addEventListener("change", () => (filterDetails.open = wide.matches));

const PAGE = 20;
const SHOWN_VALUES = 12; // longer filter lists show the most used values until narrowed
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"]);
const { bundle, home, lang, timeZone, dateLocale } = app.dataset;
const bundles = JSON.parse(app.dataset.bundles || "[]");

/** What a value of a filter without slugs must look like to be looked up at all. */
const VALID = {
  year: (v) => /^\d{4}$/.test(v),
  language: (v) => /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v),
};
/**
 * Filters in display order (data-filters, from the archive model's facet table); `slugged` ones
 * use slugs in the URL and names in the index.
 */
const FILTERS = JSON.parse(app.dataset.filters || "[]").map((f) => ({ ...f, valid: VALID[f.key] ?? (() => false) }));

const dateFormat = new Intl.DateTimeFormat(dateLocale || lang, { dateStyle: "long", timeZone });
const languageNames = new Intl.DisplayNames([lang], { type: "language" });

let pagefind;
// Maps, not objects: values come from the address bar, and `?keyword=constructor` or
// `?source=__proto__` must find nothing rather than a property every object inherits.
const SLUGGED = FILTERS.filter((f) => f.slugged).map((f) => f.key);
let facets = Object.fromEntries(SLUGGED.map((key) => [key, new Map()])); // slug -> name
let nameToSlug = Object.fromEntries(SLUGGED.map((key) => [key, new Map()]));
let facetsLoading;
const opened = new Set(); // filter groups the reader has opened (their data is loaded)
const collapsed = new Set(); // loaded filter groups the reader has closed again

/** slug <-> name tables, fetched once, on first need. */
function loadFacets() {
  facetsLoading ??= fetch(app.dataset.facets)
    .then((r) => (r.ok ? r.json() : {}))
    .then((data) => {
      facets = Object.fromEntries(SLUGGED.map((key) => [key, new Map(Object.hasOwn(data, key) ? Object.entries(data[key]) : [])]));
      nameToSlug = Object.fromEntries(SLUGGED.map((key) => [key, new Map([...facets[key]].map(([slug, name]) => [name, slug]))]));
    });
  return facetsLoading;
}
/** Filter values from the address that this archive does not have: left out, and said so. */
let unknown = [];
const state = { q: "", sort: "", selected: Object.fromEntries(FILTERS.map((f) => [f.key, new Set()])) };
const narrowing = {};
/** The current list: its length, and its items from..to (fetched on demand). */
let results = listOf([]);
let shown = 0;
let runId = 0;

// ---- URL <-> state -------------------------------------------------------------------------

async function readUrl() {
  const params = new URLSearchParams(location.search);
  if (FILTERS.some((f) => f.slugged && params.has(f.key))) await loadFacets();
  state.q = (params.get("q") ?? "").trim();
  state.sort = params.get("sort") === "date" ? "date" : params.get("sort") === "relevance" ? "relevance" : "";
  unknown = [];
  for (const f of FILTERS) {
    state.selected[f.key] = new Set(
      params.getAll(f.key).flatMap((v) => {
        const name = f.slugged ? facets[f.key].get(v) : f.valid(v) ? v : undefined;
        if (typeof name === "string") return [name];
        unknown.push({ filter: f, value: v });
        return [];
      }),
    );
  }
  input.value = state.q;
}

async function writeUrl() {
  if (FILTERS.some((f) => f.slugged && state.selected[f.key].size)) await loadFacets();
  const query = paramsOf(state).toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

/** The address's parameters for a state (slug tables loaded where it has slugged values). */
function paramsOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const f of FILTERS) {
    for (const name of state.selected[f.key]) params.append(f.key, f.slugged ? nameToSlug[f.key].get(name) ?? name : name);
  }
  // "Best match" is the default with words and meaningless without: only "newest" is worth a parameter.
  if (state.sort === "date" || (state.sort === "relevance" && state.q)) params.set("sort", state.sort);
  return params;
}

// ---- real matches --------------------------------------------------------------------------
//
// Pagefind matches a query word to every indexed word that starts with it and, when there is
// none, to the longest indexed word that the query word starts with: "Astana" finds "as",
// "Samer" finds "same". A quoted search of one word is exact (that word or its stem, never a
// longer or shorter one), so each word is also searched quoted, on the index chunks the ranked
// search has just loaded, and a result counts only if it has every word exactly. Arabic words
// are searched by their light10 stem (search-words.js), which the index holds beside the text
// as written (src/search/records.ts).

/** The words the last query was searched by, for marking them in results. */
let searched = { query: "", words: new Set() };

/** Pagefind's own clean-up of a query: punctuation out, lower case (its search() does the same). */
const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;

/** The query's words as the index holds them: Arabic ones by their stem, others as typed. */
async function indexWords(query) {
  const words = query.replace(PUNCTUATION, "").toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return Promise.all(
    words.map(async (word) => {
      if (!isArabic(word)) return word;
      const [whole, bare] = arabicForms(word);
      if (!whole) return word;
      // لمدرسة: the whole form if some article has it, else the word without its proclitic.
      if (bare && !(await pagefind.search(`"${whole}"`))?.unfilteredResultCount) return bare;
      return whole;
    }),
  );
}

/**
 * Pagefind's search with only real matches kept, in Pagefind's order, and the filter counts of
 * those. A quoted phrase is Pagefind's exact search already, and is passed on as typed.
 */
async function searchWords(query, options) {
  if (!query || /^\s*".+"\s*$/.test(query)) return pagefind.search(query || null, options);
  const words = await indexWords(query);
  if (!words.length) return pagefind.search(query, options);
  searched = { query, words: new Set(words) };
  const [ranked, ...exact] = await Promise.all([
    pagefind.search(words.join(" "), options),
    ...words.map((w) => pagefind.search(`"${w}"`, { filters: options.filters ?? {} })),
  ]);
  if (!ranked || exact.some((e) => !e)) return null;
  const real = exact.map((e) => new Set(e.results.map((r) => r.id)));
  const results = ranked.results.filter((r) => real.every((ids) => ids.has(r.id)));
  if (results.length === ranked.results.length) return ranked;
  return { ...ranked, results, filters: await countsOf(words, exact, options.filters ?? {}) };
}

/**
 * Filter counts of the articles that have every word exactly. One word: its quoted search's.
 * Several, with no filter chosen: Pagefind counts a quoted phrase's articles with every word
 * (before it checks they are adjacent) in `totalFilters`. Several under filters: the fewest
 * of any one word's, which is never less than the true count.
 */
async function countsOf(words, exact, filters) {
  if (exact.length === 1) return exact[0].filters;
  if (!Object.keys(filters).length) {
    const phrase = await pagefind.search(`"${words.join(" ")}"`, { filters: {} });
    if (phrase) return phrase.totalFilters;
  }
  const counts = {};
  for (const key of Object.keys(exact[0].filters)) {
    counts[key] = {};
    for (const value of Object.keys(exact[0].filters[key])) counts[key][value] = Math.min(...exact.map((e) => e.filters[key]?.[value] ?? 0));
  }
  return counts;
}

// ---- searching -----------------------------------------------------------------------------

function filtersFor(except) {
  const filters = {};
  for (const f of FILTERS) {
    if (f.key !== except && state.selected[f.key].size) filters[f.key] = { any: [...state.selected[f.key]] };
  }
  return filters;
}

function hasFilters() {
  return FILTERS.some((f) => state.selected[f.key].size);
}

async function run() {
  const id = ++runId;
  if (id > 1) notice.hidden = true; // the reader has moved on from the link they followed
  help.hidden = true;
  await writeUrl();
  // Without words there is nothing to rank by: the list is newest first.
  sortSelect.value = state.sort === "date" || !state.q ? "date" : "";
  if (!state.q && !hasFilters()) {
    results = listOf([]);
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    announce("Type words to search, or choose a keyword, source, year or language to browse.", [leftOut(id)]);
    const all = await pagefind.search(null, { filters: {} }); // counts of the filters loaded so far
    if (id === runId) renderFilters(all?.filters ?? {});
    return;
  }
  status.textContent = "Searching…";
  // Newest first when asked, and always when there are no words to rank by.
  const sort = state.sort === "date" || !state.q ? { date: "desc" } : undefined;
  const search = await searchWords(state.q, { filters: filtersFor(), sort });
  if (id !== runId || !search) return;
  // Counts for a filter that has values chosen come from the search without that filter, so the
  // numbers say what each extra value would add (OR), not just what is left.
  const counts = { ...search.filters };
  await Promise.all(
    FILTERS.filter((f) => state.selected[f.key].size).map(async (f) => {
      const without = await searchWords(state.q, { filters: filtersFor(f.key) });
      if (without) counts[f.key] = without.filters[f.key] ?? {};
    }),
  );
  if (id !== runId) return;
  results = sort && bundles.length > 1 ? newestFirst(state.q || null, filtersFor(), search.results.length) : listOf(search.results);
  shown = 0;
  list.replaceChildren();
  renderFilters(counts);
  await showMore(false);
  if (id !== runId) return;
  const n = results.total;
  const what = n === 1 ? "1 result" : `${n} results`;
  const said = state.q ? `${what} for “${state.q}”` : `${n === 1 ? "1 article" : `${n} articles`} with the chosen filters`;
  const suggested = n === 0 ? await helpWhenNothingMatches(id) : "";
  if (id !== runId) return;
  announce(said, [leftOut(id), suggested]);
}

/** The status line, with what only a screen reader needs to hear (shown elsewhere on the page) after it. */
function announce(text, unseen) {
  const extra = unseen.filter(Boolean).join(" ");
  status.replaceChildren(text, extra ? el("span", { class: "visually-hidden", text: `${/[.!?]$/.test(text) ? "" : "."} ${extra}` }) : "");
}

/** On the first search, the unknown values of the link followed (the notice shows them). */
function leftOut(id) {
  return id === 1 && unknown.length ? `Not in this archive: ${unknown.map(({ filter, value }) => `${filter.label.toLowerCase()} “${value}”`).join(", ")}.` : "";
}

function listOf(items) {
  return { total: items.length, loading: false, take: async (from, to) => items.slice(from, to) };
}

/** Newest first across bundles: bundles never overlap in time, and within one bundle Pagefind sorts by date. */
function newestFirst(term, filters, total) {
  const chosenYears = new Set(state.selected.year); // as chosen for this search, not as the boxes change later
  const found = [];
  let next = 0;
  return {
    total,
    loading: false,
    async take(from, to) {
      while (found.length < to && next < bundles.length) {
        const { key, years } = bundles[next];
        if (!chosenYears.size || years.some((y) => chosenYears.has(y))) {
          const part = await searchWords(term, { filters: { ...filters, part: key }, sort: { date: "desc" } });
          found.push(...(part?.results ?? []));
        }
        next++; // only once that bundle has answered, so a failed request is asked again
      }
      return found.slice(from, to);
    },
  };
}

async function showMore(moveFocus) {
  const current = results;
  if (current.loading) return; // a double click must not add the same page twice
  current.loading = true;
  more.disabled = true;
  try {
    await appendPage(current, moveFocus);
  } finally {
    current.loading = false;
    if (current === results) more.disabled = false;
  }
}

async function appendPage(current, moveFocus) {
  const batch = await current.take(shown, shown + PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (current !== results) return; // a newer search replaced this list meanwhile
  const items = data.map(renderResult);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.total;
  if (moveFocus && items[0]) items[0].querySelector("a").focus();
}

// ---- rendering -----------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter(Boolean));
  return node;
}

const EXCERPT_WORDS = 24;
const WORD_EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/** A word as a node list: its letters in <mark>, punctuation around it left outside. */
function markedWord(word) {
  const [, before, core, after] = WORD_EDGES.exec(word) ?? ["", "", word, ""];
  return [before, core ? el("mark", { text: core }) : null, after].filter(Boolean);
}

/**
 * An excerpt from the body around the matches: Pagefind's `content` is the headline, then the
 * standfirst and body, and its `locations` count words in it. Words before the body (the
 * headline) are skipped; the window holding most matches is shown, with "…" where it was cut.
 */
function excerptNodes(data) {
  const words = data.content.trim().split(/\s+/);
  const title = (data.meta.title ?? "").trim();
  const bodyStart = title && data.content.trimStart().startsWith(title) ? title.split(/\s+/).length : 0;
  const hits = new Set((data.locations ?? []).filter((i) => i >= bodyStart && i < words.length));
  // Arabic matches are found in the index's stems, not at Pagefind's locations: find them here.
  // The excerpt then starts at the first (the body comes before the credits and keywords).
  const arabic = arabicQueryForms(state.q);
  let anchors = hits;
  if (arabic.size) {
    const found = [];
    for (let i = bodyStart; i < words.length; i++) if (arabicForms(words[i]).some((f) => arabic.has(f))) found.push(i);
    for (const i of found) hits.add(i);
    if (found.length) anchors = new Set([found[0]]);
  }
  let start = bodyStart;
  let best = 0;
  // A window starts at the sentence holding the match when that is close, else a few words before it.
  const opening = (at) => {
    for (let i = at; i > Math.max(bodyStart, at - 10); i--) if (/[.!?؟:;]["”’»)]*$/u.test(words[i - 1])) return i;
    return at - 10 <= bodyStart ? bodyStart : at - 4;
  };
  for (const at of anchors) {
    const from = opening(at);
    const count = [...hits].filter((i) => i >= from && i < from + EXCERPT_WORDS).length;
    if (count > best) [start, best] = [from, count];
  }
  start = Math.max(bodyStart, Math.min(start, words.length - EXCERPT_WORDS));
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  const out = start > bodyStart ? ["…"] : [];
  for (let i = start; i < end; i++) {
    if (i > start) out.push(" ");
    out.push(...(hits.has(i) ? markedWord(words[i]) : [words[i]]));
  }
  if (end < words.length) out.push("…");
  return out;
}

/** The Arabic forms the query was searched by (its stems, or a stem without its proclitic). */
function arabicQueryForms(query) {
  return searched.query === query ? new Set([...searched.words].filter(isArabic)) : new Set(query.split(/\s+/).map((w) => arabicForms(w)[0]).filter(Boolean));
}

/** The headline with the query's words in <mark> (a word, or a longer form of it: harbour, harbours; Arabic by its stem). */
function titleNodes(title, query) {
  const wanted = query.split(/\s+/).map(fold).filter((w) => w.length >= 2);
  if (!wanted.length) return [title];
  const arabic = arabicQueryForms(query);
  const matches = (word) => {
    const f = fold(word);
    if (!f) return false;
    if (isArabic(f)) return arabicForms(f).some((form) => arabic.has(form));
    return wanted.some((w) => f === w || (w.length >= 3 && f.startsWith(w)));
  };
  return title.split(/(\s+)/).flatMap((part) => (/\S/.test(part) && matches(part) ? markedWord(part) : [part]));
}

/**
 * The article page's highlighter (Pagefind's) marks each `highlight` value as written: the query,
 * and for an Arabic query the article's own forms of its words (زراعة -> also الزراعة, وللزراعة).
 */
function highlightParams(data) {
  const params = new URLSearchParams();
  const arabic = arabicQueryForms(state.q);
  if (arabic.size && data.content) {
    const written = new Set();
    for (const word of data.content.split(/\s+/)) {
      const core = WORD_EDGES.exec(word)?.[2] ?? word;
      if (arabicForms(core).some((f) => arabic.has(f))) written.add(core);
    }
    // Longest first, so that a whole word is marked before a shorter one inside it could be.
    for (const word of [...written].sort((a, b) => b.length - a.length).slice(0, 12)) params.append("highlight", word);
  }
  // The query as typed, unless it is all Arabic and its words were found as written (marking
  // it too would put a mark inside a mark: المزارعين around مزارعين).
  if (!params.size || !state.q.split(/\s+/).every((w) => isArabic(w))) params.append("highlight", state.q);
  return params.toString();
}

function renderResult(data) {
  const articleLang = data.filters.language?.[0] ?? lang;
  const dir = RTL.has(articleLang.split("-")[0]) ? "rtl" : "ltr";
  const href = state.q ? `${data.url}?${highlightParams(data)}` : data.url;
  const date = data.meta.date ? new Date(data.meta.date) : undefined;
  const summary = el("p", { class: "card__summary" });
  if (state.q && data.content) summary.append(...excerptNodes(data));
  else summary.textContent = data.meta.summary ?? "";
  // A keyword chip shows only that keyword's articles (press again to undo); no slug table is
  // needed to draw it.
  const keywords = (data.filters.keyword ?? []).map((name) => {
    const chip = el("button", { type: "button", class: "chip", "aria-pressed": String(state.selected.keyword.has(name)), text: name });
    chip.addEventListener("click", async () => {
      const selected = state.selected.keyword;
      const only = !selected.has(name);
      selected.clear();
      if (only) selected.add(name);
      await run();
      // The list was redrawn: keep the keyboard where it was.
      [...list.querySelectorAll(".chip")].find((c) => c.textContent === name)?.focus();
    });
    return el("li", {}, chip);
  });
  return el(
    "li",
    { class: "card", lang: articleLang, dir },
    el("h2", { class: "card__title" }, el("a", { href }, ...(state.q && data.meta.title ? titleNodes(data.meta.title, state.q) : [data.meta.title ?? data.url]))),
    el(
      "p",
      { class: "card__meta", lang, dir: RTL.has(lang) ? "rtl" : "ltr" },
      date ? el("time", { datetime: data.meta.date, text: dateFormat.format(date) }) : null,
      date && data.meta.source ? " · " : null,
      data.meta.source ? el("bdi", { class: "card__source", text: data.meta.source }) : null,
    ),
    summary,
    keywords.length ? el("ul", { class: "tags" }, ...keywords) : null,
  );
}

function valueLabel(filter, value) {
  if (filter.key === "language") {
    try {
      return languageNames.of(value) ?? value;
    } catch {
      return value;
    }
  }
  return value;
}

function renderFilters(counts) {
  // Redrawing replaces the checkboxes: remember which one had the keyboard, and give it back.
  const focused = document.activeElement;
  const refocus = focused?.matches?.(".filter__values input") ? { name: focused.name, value: focused.value } : undefined;
  const groups = FILTERS.map((f) => (counts[f.key] ? renderLoadedFilter(f, counts[f.key]) : renderClosedFilter(f))).filter(Boolean);
  filterGroups.replaceChildren(...groups);
  if (refocus) [...filterGroups.querySelectorAll(".filter__values input")].find((i) => i.name === refocus.name && i.value === refocus.value)?.focus();
  filterPanel.hidden = FILTERS.length === 0;
  const chosen = FILTERS.reduce((n, f) => n + state.selected[f.key].size, 0);
  filterDetails.querySelector("summary").textContent = chosen ? `Narrow the results (${chosen} chosen)` : "Narrow the results";
}

/** A filter whose data is not loaded yet: a closed group that loads when opened. */
function renderClosedFilter(filter) {
  const details = el("details", { class: "filter filter--closed", "data-filter": filter.key }, el("summary", { text: filter.label }));
  details.addEventListener("toggle", async () => {
    if (!details.open) return;
    opened.add(filter.key);
    details.append(el("p", { class: "filter__more", text: "Loading…" }));
    await pagefind.preload(state.q || null, { filters: { [filter.key]: { any: [""] } } });
    await run();
    document.querySelector(`fieldset[data-filter="${filter.key}"] input`)?.focus();
  });
  return details;
}

/** A filter with its values: a group the reader can close and open again, open until they close it. */
function renderLoadedFilter(filter, counts) {
  const fieldset = renderFilter(filter, counts);
  if (!fieldset) return null;
  const details = el("details", { class: "filter-group", "data-filter": filter.key }, el("summary", { text: filter.label }), fieldset);
  details.open = !collapsed.has(filter.key);
  details.addEventListener("toggle", () => {
    if (details.open) collapsed.delete(filter.key);
    else collapsed.add(filter.key);
  });
  return details;
}

function renderFilter(filter, counts) {
  const selected = state.selected[filter.key];
  let values = Object.keys(counts).filter((v) => counts[v] > 0 || selected.has(v));
  for (const v of selected) if (!values.includes(v)) values.push(v);
  if (values.length === 0) return null;
  values.sort(
    filter.sortByValue
      ? (a, b) => b.localeCompare(a)
      : (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b, lang),
  );
  const needle = (narrowing[filter.key] ?? "").trim().toLocaleLowerCase();
  const matching = needle ? values.filter((v) => v.toLocaleLowerCase().includes(needle)) : values;
  const visible = needle ? matching : matching.filter((v, i) => i < SHOWN_VALUES || selected.has(v));

  const fieldset = el("fieldset", { class: "filter", "data-filter": filter.key }, el("legend", { class: "visually-hidden", text: filter.label }));
  if (filter.narrow && values.length > SHOWN_VALUES) {
    const id = `narrow-${filter.key}`;
    const box = el("input", { id, type: "search", class: "filter__narrow", autocomplete: "off", placeholder: `Type to find a ${filter.label.toLowerCase()}`, value: narrowing[filter.key] ?? "" });
    box.addEventListener("input", () => {
      narrowing[filter.key] = box.value;
      const replacement = renderFilter(filter, counts);
      fieldset.replaceWith(replacement);
      const next = replacement.querySelector(".filter__narrow");
      next.focus();
      next.setSelectionRange(next.value.length, next.value.length);
    });
    fieldset.append(el("label", { for: id, class: "visually-hidden", text: `Find a ${filter.label.toLowerCase()}` }), box);
  }
  const items = visible.map((value, i) => {
    const id = `f-${filter.key}-${i}`;
    const box = el("input", { type: "checkbox", id, name: filter.key, value });
    box.checked = selected.has(value);
    box.addEventListener("change", () => {
      if (box.checked) selected.add(value);
      else selected.delete(value);
      run();
    });
    const label = el("label", { for: id }, el("bdi", { text: valueLabel(filter, value) }), " ", el("span", { class: "count", text: String(counts[value] ?? 0) }));
    return el("li", {}, box, label);
  });
  fieldset.append(el("ul", { class: "filter__values" }, ...items));
  const hidden = matching.length - visible.length;
  if (hidden > 0) fieldset.append(el("p", { class: "filter__more", text: `${hidden} more: type to find one` }));
  if (needle && matching.length === 0) fieldset.append(el("p", { class: "filter__more", text: "None match." }));
  return fieldset;
}

// ---- when nothing matches ------------------------------------------------------------------
//
// A search that finds nothing offers the archive's closest words and names (search-suggest.js,
// on the vocabulary the build writes: both fetched only now), each a link that runs that search,
// then the keyword, source and date indexes. A link naming a value the archive does not have gets
// the closest values of that kind.

const MAX_SUGGESTED_NAMES = 4;
const MAX_CLOSEST_VALUES = 3;

let vocabularyLoading;

/** The matcher and the archive's words and names, fetched once, the first time they are needed. */
function loadVocabulary() {
  vocabularyLoading ??= Promise.all([
    import("./search-suggest.js"),
    fetch(help.dataset.words).then((r) => (r.ok ? r.json() : {})),
  ]).then(
    ([suggest, data]) => ({ ...suggest, ...suggest.prepareVocabulary(data) }),
    (error) => {
      vocabularyLoading = undefined; // a failed request is tried again next time
      throw error;
    },
  );
  return vocabularyLoading;
}

const filterOf = (key) => FILTERS.find((f) => f.key === key);

/** How many articles a suggested search would list: the one place suggestions ask the index. */
async function countOf(query, filters) {
  // Only real matches count, as in the results (searchWords), so a suggestion never promises
  // articles that merely share a prefix.
  return (await searchWords(query, { filters }))?.results.length ?? 0;
}

/** Editor text in a suggestion: isolated, and marked right to left when it is Arabic. */
function nameNode(text) {
  return isArabic(text) ? el("bdi", { lang: "ar", dir: "rtl", text }) : el("bdi", { text });
}

/** The search page's address with these parameters. */
function searchHref(params) {
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

/**
 * What to offer when a search finds nothing, drawn into #search-help; returns the sentence the
 * result count's live region adds, so screen readers hear the suggestions too.
 */
async function helpWhenNothingMatches(id) {
  const lines = [];
  const spoken = [];
  // Without the vocabulary (a failed request) the indexes are still offered.
  const vocabulary = state.q ? await loadVocabulary().catch(() => undefined) : undefined;
  if (id !== runId) return "";
  if (vocabulary) {
    const { words, names, correctedQuery, closeNames } = vocabulary;
    const corrected = correctedQuery(state.q, words);
    // Offered only when it finds something with the chosen filters: a suggestion must never be another dead end.
    const n = corrected ? await countOf(corrected, filtersFor()) : 0;
    if (id !== runId) return "";
    if (n) {
      const params = paramsOf(state);
      params.set("q", corrected);
      lines.push(el("p", { class: "search-help__suggest" }, "Did you mean ", el("a", { href: searchHref(params) }, nameNode(corrected)), ` (${n === 1 ? "1 result" : `${n} results`})?`));
      spoken.push(`Did you mean ${corrected}?`);
    }
    const close = closeNames(state.q, names)
      .map((v) => ({ ...v, filter: filterOf(v.key) }))
      .filter((v) => v.filter?.slugged)
      .slice(0, MAX_SUGGESTED_NAMES);
    if (close.length) {
      const items = close.map((v) => el("li", {}, el("a", { href: searchHref(new URLSearchParams([[v.filter.key, v.slug]])) }, nameNode(v.name)), " ", el("span", { class: "search-help__kind", text: v.filter.label.toLowerCase() })));
      lines.push(el("p", { class: "search-help__lead", text: lines.length ? "Or a name close to it:" : "Names in the archive close to it:" }), el("ul", { class: "search-help__names" }, ...items));
      spoken.push(`Close names: ${close.map((v) => `${v.filter.label.toLowerCase()} ${v.name}`).join(", ")}.`);
    }
  }
  // The words are in the archive, but not with these filters.
  if (state.q && hasFilters()) {
    const n = await countOf(state.q, {});
    if (id !== runId) return "";
    if (n) {
      const params = new URLSearchParams([["q", state.q]]);
      lines.push(el("p", {}, el("a", { href: searchHref(params) }, `Search all articles for “`, el("bdi", { text: state.q }), "”"), ` (${n === 1 ? "1 result" : `${n} results`} without the filters).`));
      spoken.push(`${n === 1 ? "1 result" : `${n} results`} without the filters.`);
    }
  }
  if (!lines.length) lines.push(el("p", { text: state.q ? "Check the spelling, or try other or fewer words." : "No article has all the chosen filters: remove one." }));
  suggestions.replaceChildren(...lines);
  help.hidden = false;
  return spoken.join(" ");
}

/** "No keyword “x” in this archive": named, with the closest values of that kind and its index. */
async function showUnknown() {
  notice.hidden = unknown.length === 0;
  if (!unknown.length) return notice.replaceChildren();
  const said = el("p", { text: `Not in this archive, so left out of the search: ${unknown.map(({ filter, value }) => `${filter.label.toLowerCase()} “${value}”`).join(", ")}.` });
  notice.replaceChildren(said);
  const indexes = [...new Map(unknown.filter(({ filter }) => filter.index).map(({ filter }) => [filter.key, filter])).values()];
  if (indexes.length) {
    const links = indexes.flatMap((f, i) => [i ? (i === indexes.length - 1 ? " or " : ", ") : "", el("a", { href: f.index, text: `every ${f.label.toLowerCase()}` })]);
    notice.append(el("p", {}, "See ", ...links, "."));
  }
  if (!unknown.some(({ filter }) => filter.slugged)) return;
  const { names, closeNames } = await loadVocabulary();
  const offers = [];
  for (const { filter, value } of unknown) {
    const close = filter.slugged ? closeNames(value, names, filter.key).slice(0, MAX_CLOSEST_VALUES) : [];
    if (!close.length) continue;
    const links = close.flatMap((v, i) => {
      // The search as it runs (known values only), with the suggestion instead of the unknown value.
      const params = paramsOf(state);
      if (!params.getAll(filter.key).includes(v.slug)) params.append(filter.key, v.slug);
      return [i ? (i === close.length - 1 ? " or " : ", ") : "", el("a", { href: searchHref(params) }, nameNode(v.name))];
    });
    offers.push(el("p", {}, `For ${filter.label.toLowerCase()} “`, el("bdi", { text: value }), "”, did you mean ", ...links, "?"));
  }
  said.after(...offers);
}

// ---- wiring --------------------------------------------------------------------------------

let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.q = input.value.trim();
    run();
  }, 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  state.q = input.value.trim();
  run();
});
sortSelect.addEventListener("change", () => {
  state.sort = sortSelect.value === "date" ? "date" : state.q ? "relevance" : "";
  run();
});
more.addEventListener("click", () => showMore(true));

async function start() {
  pagefind = await import(`${bundle}pagefind.js`);
  await pagefind.options({ excerptLength: 24, ranking: { metaWeights: ARABIC_META_WEIGHTS } });
  await pagefind.init();
  // The other bundles (a large archive's older years): their entry and metadata load now, and
  // each search fetches only the index chunks its words need from each.
  await Promise.all(bundles.slice(1).map((b) => pagefind.mergeIndex(b.href)));
  await readUrl();
  // Named at once; the closest known values follow when the vocabulary has come.
  showUnknown().catch((error) => console.error(error));
  await run();
}

start().catch((error) => {
  status.textContent = "Search could not start. Browse by keyword, source or date instead.";
  console.error(error);
});
