// Which language to mark on a name, told from its script: an editor writes a keyword, an outlet
// or a person's name in Arabic letters without saying so, and a screen reader must still read it
// with Arabic rules (WCAG 3.1.2, Language of Parts). Derived once per name, in the model.
//   scriptLanguage("إدلب") -> "ar"   scriptLanguage("هبة ناصر (Hiba Nasser)") -> "ar"
//   scriptLanguage("Idlib") -> undefined (the page's own language applies)

/** Language to mark on a name written in a right-to-left script, when it can be told from the script. */
export function scriptLanguage(name: string): string | undefined {
  // Asked for every article's outlet (a few dozen names, 10,000 times): remembered, as a pure
  // function of the string, and bounded like the keyword memos (src/content/keywords.ts).
  const known = languages.get(name);
  if (known !== undefined) return known || undefined;
  const lang = /\p{Script=Arabic}/u.test(name) ? "ar" : /\p{Script=Hebrew}/u.test(name) ? "he" : undefined;
  if (languages.size > 200_000) languages.clear();
  languages.set(name, lang ?? "");
  return lang;
}

/** Name -> its language, "" for none. */
const languages = new Map<string, string>();
