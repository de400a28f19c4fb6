// How search compares words (public/js/search-words.js, shared by the search page and the build):
// Arabic spelling variants fold together, and an Arabic word's forms with and without the
// article and one-letter proclitics meet at one stem. The built index and the page are tested
// on a judged set in tests/search-relevance.test.ts; these are the rules, word by word.
import { describe, expect, it } from "vitest";
import { arabicForms, arabicWords, fold, stem } from "../public/js/search-words.js";

describe("comparing words", () => {
  it.each([
    ["الزِّراعة", "الزراعه"], // tashkeel out, ة as ه
    ["إدلب", "ادلب"], // alef forms
    ["أسعار", "اسعار"],
    ["مستشفى", "مستشفي"], // ى as ي
    ["الـمدرسة", "المدرسه"], // tatweel out
    ["Al-Ḥalabī", "alhalabi"],
  ])("folds %s to %s", (word, folded) => {
    expect(fold(word)).toBe(folded);
  });

  it.each([
    ["زراعة", "الزراعة", "والزراعة", "بالزراعة", "الزراعه"],
    ["مزارعين", "المزارعين", "للمزارعين", "والمزارعين"],
    ["مدرسة", "المدرسة", "مدرسه"],
    ["مستشفى", "المستشفى", "مستشفي"],
  ])("gives %s and its forms one stem", (...words) => {
    expect(new Set(words.map(stem)).size).toBe(1);
  });

  it("keeps a one-letter proclitic as a second form, not instead of the word", () => {
    expect(arabicForms("لمدرسة")).toEqual(["لمدرس", "مدرس"]);
    expect(arabicForms("وبمدرسة")).toEqual(["بمدرس", "مدرس"]);
    // A word that begins with one of those letters keeps its own stem first.
    expect(arabicForms("كتابة")[0]).toBe("كتاب");
    expect(arabicForms("بيت")).toEqual(["بيت"]);
    // After the article light10 took, nothing more is taken.
    expect(arabicForms("للمزارعين")).toEqual(["مزارع"]);
  });

  it("lists a text's Arabic forms once each, in order, and leaves other scripts out", () => {
    expect(arabicWords("عاد الطلاب إلى المدرسة، وقال الطلاب: «المدارس» Idlib")).toEqual(["عاد", "طلاب", "ال", "مدرس", "قال", "مدارس"]);
  });
});
