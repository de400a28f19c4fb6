// Every date parse and format goes through here, in the site's one time zone.
//   "2024-07-09"                -> 2024-07-09T00:00 in the site zone (never UTC midnight)
//   "2024-07-09T10:00:00+03:00" -> the same instant, shown in the site zone
import { DateTime, IANAZone, Info, type Zone } from "luxon";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// Offsets run from -12:00 to +14:00 in practice; anything beyond is a typo, not a time zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)?$/;

export const DATE_EXPECTED = "a date as YYYY-MM-DD or an ISO date-time such as 2024-07-09T14:30:00+03:00";

// Thousands of articles share a few thousand days; a zone lookup per date is the costly part of
// parsing one, and DateTime values are immutable, so each (zone, text) is parsed once.
// A memo, not state: the answer is a pure function of (text, zone), so it cannot go stale in
// watch mode (an edited date is a new key), and it is bounded (cleared past 100,000 entries).
// Nothing may rely on two equal dates being the same object for correctness; it only makes
// caches keyed by a DateTime hit more often.
const parsed = new Map<string, DateTime | null>();

/** Parses an editor's date in the site zone; null when it is not a real date in one of our two forms. */
export function parseDate(value: string, zone: string): DateTime | null {
  const key = `${zone} ${value}`;
  let date = parsed.get(key);
  if (date === undefined) {
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(key, (date = parseDateUncached(value, zone)));
  }
  return date;
}

// The zone object luxon itself would make for the name ("UTC" is a fixed offset, printed as Z).
// A memo of a pure function of the name, bounded by the zones a site uses (one or two).
const zones = new Map<string, Zone>();

function parseDateUncached(value: string, zoneName: string): DateTime | null {
  const text = value.trim();
  let zone = zones.get(zoneName);
  if (!zone) zones.set(zoneName, (zone = Info.normalizeZone(zoneName)));
  let parsed: DateTime;
  if (DATE_ONLY.test(text)) {
    // The common case, built from its parts: a third cheaper than parsing ISO text again.
    const [year, month, day] = text.split("-").map(Number) as [number, number, number];
    parsed = DateTime.fromObject({ year, month, day }, { zone });
  } else if (DATE_TIME.test(text)) {
    parsed = DateTime.fromISO(text.replace(" ", "T"), { zone });
  } else {
    return null;
  }
  return parsed.isValid ? parsed : null;
}

/**
 * A date kept by the article cache (src/content/cache.ts) as its instant, zone name and offset ->
 * the DateTime parseDate made: the same instant, in the same zone object. The offset the date had
 * is given to luxon, which then trusts it instead of asking Intl for the zone's offset at that
 * instant (its DateTime constructor's `o`, what luxon's own arithmetic passes): that was 73 ms
 * for 10,000 cached articles. The cache is made by the same code, Node and time zone data (its
 * fingerprint), so the offset is the one Intl would give; without one, luxon works it out.
 */
export function dateFromMillis(ms: number, zoneName: string, offset?: number): DateTime {
  let zone = zones.get(zoneName);
  if (!zone) zones.set(zoneName, (zone = Info.normalizeZone(zoneName)));
  if (offset === undefined || !Number.isInteger(offset)) return DateTime.fromMillis(ms, { zone });
  return Reflect.construct(DateTime, [{ ts: ms, zone, o: offset }]) as DateTime;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Machine form for <time datetime>, feeds and JSON-LD: full offset, no milliseconds. */
export function isoDateTime(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}

/**
 * Human form in a locale from dateLocale: "9 July 2024" (en-GB), "27 شباط 2024" (ar-SY, Latin
 * digits); what luxon's `setLocale(locale).toLocaleString(DATE_FULL)` writes. In a calendar of
 * whole days a day's name depends only on the day in the date's own zone, so that day is
 * formatted at noon UTC, with one Intl formatter per locale: luxon makes a DateTime and asks Intl
 * for its zone's offset on every call (a tenth of a second for 10,000 articles' dates).
 */
export function humanDate(date: DateTime, locale: string): string {
  let format = dayFormats.get(locale);
  if (format === undefined) {
    const made = dayFormat(locale);
    dayFormats.set(locale, (format = made && { format: made, days: new Map() }));
  }
  if (format === null) return date.setLocale(locale).toLocaleString(DateTime.DATE_FULL);
  // Each day once per locale: an archive has a few articles a day (10,000 articles, 3,650 days).
  const day = date.year * 10_000 + date.month * 100 + date.day;
  let text = format.days.get(day);
  if (text === undefined) {
    if (format.days.size > 100_000) format.days.clear(); // bounded, like the other memos
    const noon = new Date(0);
    noon.setUTCFullYear(date.year, date.month - 1, date.day);
    noon.setUTCHours(12);
    format.days.set(day, (text = format.format.format(noon)));
  }
  return text;
}

/** Per locale its formatter (null where Intl cannot write the style) and the days it wrote. */
const dayFormats = new Map<string, { format: Intl.DateTimeFormat; days: Map<number, string> } | null>();

/**
 * DATE_FULL in `locale`, in UTC; null where luxon's own way is kept: the astronomical Islamic
 * calendars, whose day ICU works out from the instant (midnight in Riyadh and noon UTC can fall
 * on different days there), and a tag Intl refuses (luxon then throws the same error).
 */
function dayFormat(locale: string): Intl.DateTimeFormat | null {
  try {
    const format = new Intl.DateTimeFormat(locale, { ...DateTime.DATE_FULL, timeZone: "UTC" });
    return BY_INSTANT.has(format.resolvedOptions().calendar) ? null : format;
  } catch {
    return null;
  }
}

const BY_INSTANT = new Set(["islamic", "islamic-rgsa"]);

/** The digits a newsroom may write dates with, by their Unicode numbering-system names. */
export const DIGITS = { latin: "latn", "arabic-indic": "arab", "persian": "arabext" } as const;
export type Digits = keyof typeof DIGITS;

/**
 * How a newsroom writes dates in one language: a locale ("en-GB": 9 July 2024; "ar-SY": Levantine
 * month names, شباط) and optionally its digits ("latin": 27 شباط 2024; "arabic-indic": ٢٧ شباط ٢٠٢٤).
 */
export type DateStyle = string | { locale: string; digits?: Digits };

/**
 * The Intl locale that dates in `lang` are written in: the site's style for the language itself
 * ("ar-SY"), else for its primary language ("ar"), else the tag as it is (where "en" is American).
 *   dateLocale({ ar: { locale: "ar-SY", digits: "latin" } }, "ar") -> "ar-SY-u-nu-latn"
 */
export function dateLocale(styles: Readonly<Record<string, DateStyle>> = NO_STYLES, lang: string): string {
  // Asked twice for every article's dates: memoised per settings object and language.
  let byLang = locales.get(styles);
  if (!byLang) locales.set(styles, (byLang = new Map()));
  let locale = byLang.get(lang);
  if (locale === undefined) byLang.set(lang, (locale = dateLocaleUncached(styles, lang)));
  return locale;
}

const NO_STYLES: Readonly<Record<string, DateStyle>> = Object.freeze({});
const locales = new WeakMap<object, Map<string, string>>();

function dateLocaleUncached(styles: Readonly<Record<string, DateStyle>>, lang: string): string {
  const lower = lang.toLowerCase();
  const primary = lower.split("-")[0]!;
  const key = Object.keys(styles).find((k) => k.toLowerCase() === lower) ?? Object.keys(styles).find((k) => k.toLowerCase() === primary);
  const style = key === undefined ? lang : styles[key]!;
  if (typeof style === "string") return style;
  return style.digits ? new Intl.Locale(style.locale, { numberingSystem: DIGITS[style.digits] }).toString() : style.locale;
}

/** "2024", as toFormat("yyyy") writes it, from the date's own parts (toFormat makes a formatter per call). */
export function yearOf(date: DateTime): string {
  return String(date.year).padStart(4, "0");
}

/** "07", as toFormat("MM") writes it. */
export function monthOf(date: DateTime): string {
  return String(date.month).padStart(2, "0");
}

/**
 * The build's clock in the site's zone: what is published (`date` passed), what has expired
 * (`expires` passed) and what the news sitemap's last 48 hours are. GAZETTE_NOW (an ISO
 * date-time) sets it, so tests and a rebuild of a past day see the site as it was then.
 */
export function now(zone: string, env: NodeJS.ProcessEnv = process.env): DateTime {
  const set = env.GAZETTE_NOW;
  if (!set) return DateTime.now().setZone(zone);
  const parsed = DateTime.fromISO(set, { setZone: true });
  if (!parsed.isValid) throw new Error(`GAZETTE_NOW: expected an ISO date-time such as 2024-07-09T14:30:00Z, found "${set}"`);
  return parsed.setZone(zone);
}
