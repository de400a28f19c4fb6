// Dates and language names as pages show them, formatted once per memo (see ../memo.ts).
// Each is written as the site's date style for its language says (settings.dates, src/content/dates.ts).
//   dateView(memo, 2024-07-09, "ar", { language: "en", dates: { en: "en-GB", ar: "ar-SY" } })
//     -> { iso, display: "٩ تموز ٢٠٢٤", listDisplay: "9 July 2024", year, month }
import type { DateTime } from "luxon";
import { dateLocale, humanDate, isoDateTime, monthOf, yearOf, type DateStyle } from "../../content/dates.ts";
import type { ArchiveMemo } from "../memo.ts";
import type { DateView } from "../views.ts";

/** The settings a date is written by: the site's language (lists) and the date style per language. */
export interface DateSettings {
  language: string;
  dates?: Readonly<Record<string, DateStyle>> | undefined;
}

export function dateView(memo: ArchiveMemo, date: DateTime, lang: string, settings: DateSettings): DateView {
  let byLang = memo.dates.get(date);
  if (!byLang) memo.dates.set(date, (byLang = new Map()));
  // Keyed by the locales, not the languages: an edited date style in the preview is a new key.
  const locale = dateLocale(settings.dates, lang);
  const siteLocale = dateLocale(settings.dates, settings.language);
  const key = `${locale} ${siteLocale}`;
  let view = byLang.get(key);
  if (!view) {
    view = { iso: isoDateTime(date), display: humanDate(date, locale), listDisplay: humanDate(date, siteLocale), year: yearOf(date), month: monthOf(date) };
    byLang.set(key, view);
  }
  return view;
}

/** January to December in the site's language and date style (memoised: asked for once per article). */
export function monthNames(memo: ArchiveMemo, settings: DateSettings, width: "long" | "short" = "long"): string[] {
  const locale = dateLocale(settings.dates, settings.language);
  const key = `${locale}:${width}`;
  let names = memo.monthNames.get(key);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { month: width, timeZone: "UTC" });
    names = Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
    memo.monthNames.set(key, names);
  }
  return names;
}

export function languageName(code: string, inLang: string): string {
  try {
    return new Intl.DisplayNames([inLang, "en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
