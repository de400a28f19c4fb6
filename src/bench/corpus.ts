// A reproducible synthetic news corpus for benchmarks and scale tests.
//   (size, seed) -> Markdown files: Zipf-distributed keywords (~2,000 distinct at 10,000 articles),
//   ~30 sources, a dozen translators, 10 years of dates, 5 % Arabic articles, bodies of 300–1,500
//   words with headings, lists, links and tables. The same size and seed give the same bytes.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** mulberry32: small, fast, good enough for test data, and identical on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
  };
}
type Random = ReturnType<typeof prng>;

/** Zipf(s = 1) sampler over ranks 0..n-1 by inverse CDF on precomputed cumulative weights. */
function zipf(n: number, random: Random) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const target = random.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const COMMON = (
  "the of and to in a is that for on was with said by it as from at be has have are were an " +
  "this which not but had after who their will been its more they would council water crossing " +
  "local residents officials market prices trucks farmers town villages region road border " +
  "government week year month monday tuesday wednesday thursday friday saturday sunday people " +
  "two three four five hundred thousand first new last also than other into over about only " +
  "some could there when what during between under since while where because against through " +
  "supply electricity fuel bread wheat harvest school students teachers hospital doctors clinic " +
  "power station pumps wells reservoir rain drought season winter summer spring autumn families " +
  "returned displaced camp aid agency committee meeting decision statement announced reported " +
  "according sources told correspondent north south east west river valley plain mountain city"
).split(" ");

const AR_COMMON = (
  "في من على إلى أن التي الذي عن مع هذا هذه كان قال بعد قبل خلال بين المجلس المياه المعبر " +
  "السكان الأهالي السوق الأسعار الشاحنات المزارعين القرية البلدة الطريق الحكومة الأسبوع الشهر " +
  "العام الخبز القمح الحصاد المدرسة الطلاب المستشفى الكهرباء الوقود المحطة الآبار الموسم الشتاء"
).split(" ");

const SYLLABLES = ["ka", "ra", "mi", "sa", "ni", "ta", "lo", "ba", "du", "ze", "ha", "qu", "ri", "ma", "shu", "al", "an", "ir", "ul", "od"];
const AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";

function latinWord(random: Random, syllables: number): string {
  let w = "";
  for (let i = 0; i < syllables; i++) w += random.pick(SYLLABLES);
  return w;
}

function arabicWord(random: Random): string {
  let w = "";
  for (let i = random.int(3, 7); i > 0; i--) w += random.pick([...AR_LETTERS]);
  return w;
}

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export interface CorpusOptions {
  size: number;
  seed?: number;
  /** Share of Arabic articles. */
  arabic?: number;
}

export interface CorpusStats {
  articles: number;
  keywords: number;
  bytes: number;
}

/** Writes `size` articles under `dir` as YYYY/MM/YYYY-MM-DD-slug.md. */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<CorpusStats> {
  const random = prng(options.seed ?? 42);
  const arabicShare = options.arabic ?? 0.05;
  const n = options.size;

  // Vocabulary: common words first (most frequent), then a long tail of invented words.
  const vocabulary = [...COMMON, ...Array.from({ length: 20_000 }, () => latinWord(random, random.int(2, 4)))];
  const arVocabulary = [...AR_COMMON, ...Array.from({ length: 5_000 }, () => arabicWord(random))];
  const word = zipf(vocabulary.length, random);
  const arWord = zipf(arVocabulary.length, random);

  // ~2,000 keywords at 10,000 articles, growing more slowly than the archive.
  const keywordCount = Math.max(50, Math.round(2000 * (n / 10_000) ** 0.8));
  const keywordNames = new Set<string>();
  while (keywordNames.size < keywordCount) {
    const parts = random.int(1, 3);
    keywordNames.add(Array.from({ length: parts }, () => capital(latinWord(random, random.int(2, 3)))).join(" "));
  }
  const keywords = [...keywordNames];
  const arKeywords = Array.from({ length: Math.max(20, Math.round(keywordCount / 10)) }, () => `${arabicWord(random)} ${arabicWord(random)}`);
  const keyword = zipf(keywords.length, random);
  const arKeyword = zipf(arKeywords.length, random);
  const sources = Array.from({ length: 30 }, () => `${capital(latinWord(random, 3))} ${random.pick(["Daily", "TV", "Radio", "Press", "Post", "News", "Herald"])}`);
  const translators = Array.from({ length: 12 }, () => `${capital(latinWord(random, 2))} ${capital(latinWord(random, 3))}`);

  const sentence = (arabic: boolean) => {
    const length = random.int(8, 24);
    const words = Array.from({ length }, () => (arabic ? arVocabulary[arWord()]! : vocabulary[word()]!));
    return arabic ? `${words.join(" ")}.` : `${capital(words.join(" "))}.`;
  };
  const paragraph = (arabic: boolean) => Array.from({ length: random.int(3, 6) }, () => sentence(arabic)).join(" ");

  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  let bytes = 0;
  const slugs = new Set<string>();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const arabic = random.next() < arabicShare;
    const date = new Date(start + Math.floor(random.next() * span));
    const iso = date.toISOString().slice(0, 10);
    const title = arabic ? sentence(true).slice(0, -1) : capital(Array.from({ length: random.int(5, 11) }, () => vocabulary[word()]!).join(" "));
    let slug = `story-${i}-${latinWord(random, 2)}`;
    while (slugs.has(slug)) slug += "x";
    slugs.add(slug);
    const kws = new Set<string>();
    for (let k = random.int(2, 6); k > 0; k--) kws.add(arabic && random.next() < 0.6 ? arKeywords[arKeyword()]! : keywords[keyword()]!);

    const targetWords = random.int(300, 1500);
    const blocks: string[] = [];
    let words = 0;
    while (words < targetWords) {
      const p = paragraph(arabic);
      words += p.split(" ").length;
      blocks.push(p);
      const roll = random.next();
      if (roll < 0.12) blocks.push(`## ${capital(Array.from({ length: random.int(2, 5) }, () => (arabic ? arVocabulary[arWord()]! : vocabulary[word()]!)).join(" "))}`);
      else if (roll < 0.18) blocks.push(Array.from({ length: random.int(3, 5) }, () => `- ${sentence(arabic)}`).join("\n"));
      else if (roll < 0.22) blocks.push(`Read the [original report](https://source.example.org/${slug}/${random.int(1, 9999)}) for details.`);
      else if (roll < 0.24) blocks.push(`| Item | Before | After |\n|---|---|---|\n| ${vocabulary[word()]} | ${random.int(1, 99)} | ${random.int(1, 99)} |\n| ${vocabulary[word()]} | ${random.int(1, 99)} | ${random.int(1, 99)} |`);
    }

    const front = [
      "---",
      `title: ${JSON.stringify(title)}`,
      `date: ${iso}`,
      `source: ${JSON.stringify(random.pick(sources))}`,
      `source_url: https://source.example.org/${slug}`,
      `translator: ${JSON.stringify(random.pick(translators))}`,
      ...(arabic ? ["lang: ar"] : []),
      "keywords:",
      ...[...kws].map((k) => `  - ${JSON.stringify(k)}`),
      "---",
      "",
    ].join("\n");
    const text = `${front}${blocks.join("\n\n")}\n`;
    bytes += Buffer.byteLength(text);
    const folder = join(dir, iso.slice(0, 4), iso.slice(5, 7));
    pending.push(mkdir(folder, { recursive: true }).then(() => writeFile(join(folder, `${iso}-${slug}.md`), text)));
    if (pending.length >= 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return { articles: n, keywords: keywordCount + arKeywords.length, bytes };
}
