/**
 * A corpus of invented news pages for benchmarks: `tsx scripts/generate-corpus.ts
 * --count 1000 --seed 1 --out /tmp/corpus-1000`.
 *
 * Each file looks like text copied from a news page: a page date and menu above,
 * a breadcrumb, the headline, a standfirst, a byline and a date line, a body of
 * 300–1,500 words in paragraphs with the odd subheading, then share prompts, a related
 * list, a cookie banner and a copyright line. A few pages have no headline or no date.
 * The words are drawn from a fixed vocabulary — a few hundred common and news words, then
 * a long tail of invented ones — with a Zipf-like frequency (the n-th most common word
 * about 1/n as frequent), so the index sees a realistic term distribution.
 * Everything is invented; the same seed gives the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Function words first (most frequent), then news vocabulary, then rarer names. */
const COMMON_WORDS = (
  'the of and to a in that is was for on said with he it as at by from his be have has are but not ' +
  'an they this had their were which been who will would its after more one two about also new all ' +
  'there when up out other than into over some could them last year years first people government ' +
  'officials minister country state police report city week time before between during most under ' +
  'while since against three told percent could may because where many talks president military ' +
  'market council plan public national local security court health water energy border election ' +
  'company workers prices budget schools hospital village river bridge harbour railway airport ' +
  'farmers fishermen students teachers doctors judges soldiers diplomats negotiators volunteers ' +
  'agreement statement decision investigation protest strike rally summit ceremony inquiry treaty ' +
  'announced reported confirmed denied warned expected agreed rejected approved opened closed ' +
  'increased fell rose signed visited met arrived returned launched suspended resumed restored ' +
  'northern southern eastern western coastal rural regional central foreign domestic annual ' +
  'quietly sharply widely slowly early late recently finally still again already nearly almost ' +
  'storm flood drought harvest festival museum library stadium theatre orchestra exhibition ' +
  'embassy ministry parliament assembly committee agency commission tribunal cabinet senate ' +
  'Kaesong Madrid Zürich Geneva Lisbon Oslo Nairobi Lima Hanoi Seoul Beijing Tbilisi Reykjavik ' +
  'Kim Jong-un Yo-jong P\'yŏngyang Wingfield-Hayes Ngozi Okonjo-Iweala São Paulo Kraków Île-de-France ' +
  '서울 평양 통일부 Москва Київ 東京'
).split(' ');

/**
 * Invented words for the long tail: a real news archive uses tens of thousands of
 * distinct words, most of them rarely, and that is what makes a word tell one story from
 * another (the search index's rare terms, the "similar articles" keywords). Made from
 * syllables by a fixed-seed generator; about one in five is capitalised, like a name.
 */
const INVENTED_WORDS = 20_000;
const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'st', 't', 'tr', 'v', 'w'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'nd', 'st'];

/** The whole vocabulary, most frequent first: the common words, then the invented tail. */
const VOCABULARY = (() => {
  const rand = random(0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const seen = new Set(COMMON_WORDS);
  const words = [...COMMON_WORDS];
  while (words.length < COMMON_WORDS.length + INVENTED_WORDS) {
    const syllables = 1 + Math.floor(rand() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(NUCLEI) + (i === syllables - 1 ? pick(CODAS) : '');
    if (rand() < 0.2) word = word.charAt(0).toUpperCase() + word.slice(1);
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
})();

const SOURCES = [
  'The Daily Ledger', 'Harbour Times', 'Northern Courier', 'Evening Standard-Bearer', 'Global Wire',
  'Riverside Gazette', 'Capital Observer', 'Coastal Herald', 'Morning Dispatch', 'Valley Tribune',
  'Metro Post', 'Continental Review', 'Frontier Journal', 'Island Chronicle', 'Summit Press',
];
const SECTIONS = ['World', 'Politics', 'Business', 'Science', 'Culture', 'Sport', 'Asia', 'Europe', 'Africa', 'Americas'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FIRST_NAMES = ['Ana', 'Tomás', 'Mei', 'Olu', 'Ingrid', 'Rahul', 'Sofia', 'Jonas', 'Aiko', 'Kwame', 'Lena', 'Diego'];
const LAST_NAMES = ['Moreno', 'Lindqvist', 'Okafor', 'Tanaka', 'Novak', 'Haddad', 'Byrne', 'Costa', 'Iyer', 'Schulz'];

/** Share of pages with no headline line, and with no publication date line. */
const NO_HEADLINE_SHARE = 0.03;
const NO_DATE_SHARE = 0.05;
const MIN_BODY_WORDS = 300;
const MAX_BODY_WORDS = 1500;
/**
 * An article keeps returning to its subject: this share of its words come from a few
 * words of its own (drawn once from the invented tail). Without it every paragraph is
 * unrelated to the next, which the story segmenter rightly reads as a page of many
 * stories (129 of 300 generated articles were split).
 */
const SUBJECT_WORDS = 12;
const SUBJECT_WORD_SHARE = 0.15;

/** mulberry32: a tiny seeded generator, so the corpus is the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf weights (1/rank) over the vocabulary, for sampling by binary search. */
const CUMULATIVE = (() => {
  let total = 0;
  return VOCABULARY.map((_, rank) => (total += 1 / (rank + 1)));
})();

export interface GeneratedArticle {
  file: string;
  text: string;
}

/**
 * `date`: the article's publication date instead of a random one, printed on every such
 * page (and the day it was viewed): the benchmark's "day's new articles".
 */
export function generateArticle(index: number, seed: number, { date: fixedDate }: { date?: Date } = {}): GeneratedArticle {
  const rand = random(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const subject = Array.from({ length: SUBJECT_WORDS }, () => VOCABULARY[COMMON_WORDS.length + Math.floor(rand() * INVENTED_WORDS)]!);
  const word = () => {
    if (rand() < SUBJECT_WORD_SHARE) return pick(subject);
    const target = rand() * CUMULATIVE[CUMULATIVE.length - 1]!;
    let lo = 0;
    let hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (CUMULATIVE[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return VOCABULARY[lo]!;
  };
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const sentence = (min: number, max: number) => {
    const text = words(min + Math.floor(rand() * (max - min)));
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const randomDate = new Date(Date.UTC(1995 + Math.floor(rand() * 31), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  const date = fixedDate ?? randomDate;
  const dateLine = `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  const source = pick(SOURCES);
  const section = pick(SECTIONS);
  const headline = sentence(6, 13).slice(0, -1);

  const lines: string[] = [];
  lines.push(fixedDate ? dateLine : 'Wednesday, 25 November 2026', '', `${source}  Home  World  Politics  Business  Culture  Sport  Subscribe  Sign in`, '');
  lines.push(`Home / ${section} / ${headline}`, '');
  if (rand() >= NO_HEADLINE_SHARE) lines.push(headline, '');
  lines.push(sentence(14, 30), '');
  lines.push(`By ${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);
  if (rand() >= NO_DATE_SHARE || fixedDate) lines.push(dateLine);
  lines.push('', 'Share this article', '');
  const bodyWords = MIN_BODY_WORDS + Math.floor(rand() * (MAX_BODY_WORDS - MIN_BODY_WORDS));
  let written = 0;
  while (written < bodyWords) {
    if (written > 0 && rand() < 0.08) lines.push(sentence(2, 5).slice(0, -1), '');
    const paragraph = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentence(12, 32)).join(' ');
    written += paragraph.split(' ').length;
    lines.push(paragraph, '');
  }
  lines.push('Share on Facebook  Share on X  Email', '', 'Related stories', '');
  for (let i = 0; i < 3; i++) lines.push(sentence(5, 10).slice(0, -1));
  lines.push('', 'We use cookies to improve your experience. By continuing to browse you accept our cookie policy. Accept', '');
  lines.push(`© ${date.getUTCFullYear()} ${source}. All rights reserved.`, '');
  return { file: `article-${String(index).padStart(6, '0')}.txt`, text: lines.join('\n') };
}

export async function generateCorpus(options: { count: number; seed: number; out: string }): Promise<void> {
  await mkdir(options.out, { recursive: true });
  for (let i = 0; i < options.count; i++) {
    const { file, text } = generateArticle(i, options.seed);
    await writeFile(path.join(options.out, file), text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } },
  });
  if (!values.out) {
    console.error('usage: tsx scripts/generate-corpus.ts --count N --seed S --out DIR');
    process.exit(2);
  }
  await generateCorpus({ count: Number(values.count), seed: Number(values.seed), out: values.out });
  console.log(`wrote ${values.count} articles to ${values.out}`);
}
