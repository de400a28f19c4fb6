// The matcher behind "Did you mean …?" (public/js/search-suggest.js), in Node on a vocabulary
// shaped as the build writes it: distances, which words are corrected and to what, and which
// names are close, in English and Arabic.
import { describe, expect, it } from "vitest";
import { allowedEdits, closeNames, correctedQuery, distance, prepareVocabulary } from "../public/js/search-suggest.js";

const vocabulary = prepareVocabulary({
  names: [
    { key: "keyword", values: [["Tell Sanawbar", "tell-sanawbar", "tel sanawbar"], ["Idlib", "idlib", "idleb"], ["الزراعة", "الزراعة"]] },
    { key: "source", values: [["Sawt Tell Sanawbar", "sawt-tell-sanawbar"]] },
    { key: "translator", values: [["Rana Haddad", "rana-haddad"], ["Ranya Hadid", "ranya-hadid"]] },
    // Malformed entries are skipped, not fatal.
    { key: 3, values: [["x", "x"]] },
    { key: "editor", values: "nope" },
  ],
  words: ["harbour", "crossing", "the", "harbours", "Hanin", "المزارعين", 42],
});

describe("the suggestion matcher", () => {
  it("counts edits, a swap of neighbours as one, and gives up past the limit", () => {
    expect(distance("harbor", "harbour")).toBe(1);
    expect(distance("sanawbar", "snaawbar")).toBe(1);
    expect(distance("zindin", "zindeen")).toBe(2);
    expect(distance("zindin", "zindeen", 1)).toBe(Infinity);
    expect(distance("", "abc")).toBe(3);
    expect([2, 3, 4, 5, 8, 9].map((n) => allowedEdits("x".repeat(n)))).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it("replaces only the words the archive does not have, each by its closest word, keeping the rest as typed", () => {
    expect(correctedQuery("harbor", vocabulary.words)).toBe("harbour");
    expect(correctedQuery("the harbor crosing", vocabulary.words)).toBe("the harbour crossing");
    // Punctuation and hyphenated parts stay where they were.
    expect(correctedQuery("“Sanawbr”-harbor!", vocabulary.words)).toBe("“Sanawbar”-harbour!");
    // Of two equally close words, the more used (listed first) wins: harbour, not harbours.
    expect(correctedQuery("harbourz", vocabulary.words)).toBe("harbour");
    // Known words, short words and words with nothing close are left alone.
    expect(correctedQuery("Harbour", vocabulary.words)).toBeUndefined();
    expect(correctedQuery("ox qwzvxy", vocabulary.words)).toBeUndefined();
  });

  it("compares Arabic folded and light-stemmed, and suggests it as the archive writes it", () => {
    // Known in another form (article, alef, ta marbuta): nothing to correct.
    expect(correctedQuery("زراعه", vocabulary.words)).toBeUndefined();
    expect(correctedQuery("والمزارعين", vocabulary.words)).toBeUndefined();
    // One letter off: the archive's spelling.
    expect(correctedQuery("الزراعا", vocabulary.words)).toBe("الزراعة");
    expect(correctedQuery("مزارعبن", vocabulary.words)).toBe("المزارعين");
  });

  it("finds names every word of which is close to a word of the name or of an alias, closest first", () => {
    const found = (text: string, only?: string) => closeNames(text, vocabulary.names, only).map((n) => [n.key, n.name, n.d]);
    expect(found("Sanawbr")).toEqual([["keyword", "Tell Sanawbar", 1], ["source", "Sawt Tell Sanawbar", 1]]);
    expect(found("Sanawbr", "source")).toEqual([["source", "Sawt Tell Sanawbar", 1]]);
    expect(found("rana hadad")).toEqual([["translator", "Rana Haddad", 1], ["translator", "Ranya Hadid", 2]]);
    // By its alias: idleb is 0 edits from the alias, 1 from the name.
    expect(found("idleb")).toEqual([["keyword", "Idlib", 0]]);
    expect(found("tel-sanawbar")).toEqual([["keyword", "Tell Sanawbar", 0], ["source", "Sawt Tell Sanawbar", 1]]);
    expect(found("زراعه")).toEqual([["keyword", "الزراعة", 0]]);
    // Every word must be close: one far word rules a name out.
    expect(found("Sanawbar harbour")).toEqual([]);
    expect(found("")).toEqual([]);
  });
});
