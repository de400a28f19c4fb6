// Dates and language names as pages show them, formatted once per memo (see ../memo.ts).
//   dateView(memo, 2024-07-09, "ar", "en") -> { iso, display: "٩ يوليو ٢٠٢٤", listDisplay: "9 July 2024", year, month }
import type { DateTime } from "luxon";
import { humanDate, isoDateTime, monthOf, yearOf } from "../../content/dates.ts";
import type { ArchiveMemo } from "../memo.ts";
import type { DateView } from "../views.ts";

export function dateView(memo: ArchiveMemo, date: DateTime, lang: string, siteLang: string): DateView {
  let byLang = memo.dates.get(date);
  if (!byLang) memo.dates.set(date, (byLang = new Map()));
  const key = `${lang} ${siteLang}`;
  let view = byLang.get(key);
  if (!view) {
    view = { iso: isoDateTime(date), display: humanDate(date, lang), listDisplay: humanDate(date, siteLang), year: yearOf(date), month: monthOf(date) };
    byLang.set(key, view);
  }
  return view;
}

/** January to December in `lang` (memoised: asked for once per article). */
export function monthNames(memo: ArchiveMemo, lang: string, width: "long" | "short" = "long"): string[] {
  const key = `${lang}:${width}`;
  let names = memo.monthNames.get(key);
  if (!names) {
    const format = new Intl.DateTimeFormat(lang, { month: width, timeZone: "UTC" });
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

/** Language to mark on a name written in a right-to-left script, when it can be told from the script. */
export function scriptLanguage(name: string): string | undefined {
  if (/\p{Script=Arabic}/u.test(name)) return "ar";
  if (/\p{Script=Hebrew}/u.test(name)) return "he";
  return undefined;
}
