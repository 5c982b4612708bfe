/**
 * The publisher model's candidates and features: which name on the page is the site's.
 *
 * A copied page names its publisher in its chrome, seldom in the article: in the
 * copyright line ("© 2019 The Associated Press"), in calls to follow or subscribe
 * ("Follow Vox online", "Subscribe to The Paradigm"), in the site part of a title line
 * ("… – VG"), in the logo text on the first line, in the names of its own menus ("WSJ
 * Pro", "WSJ Video"), and in bylines ("By Eric Song, IGN Staff", "a reporter for NBC
 * News"). Each capitalised name found in such a place is a candidate; its features count
 * where and how often the page names it. The weights are fitted by
 * `npm run train:extract` (a conditional logit, model/choice.ts) with a last candidate
 * that stands for "no publisher named", so a page without one gets none.
 */
import type { PageFacts } from '../header.ts';
import { isAllCaps, scanWords, type Line } from '../segment.ts';
import { parseMasthead } from '../rules/chrome.ts';
import { stripSiteSuffix } from '../rules/title.ts';
import { CHROME_LINE_STARTS, SOURCE_CUES, SOURCE_GENERIC_WORDS, SOURCE_NAME_ENDS, SOURCE_NAME_JOINERS, SOURCE_NAME_MAX_WORDS, SOURCE_STAFF_CUES } from '../settings.ts';

/** Where a candidate name was found; each place is one feature (log of 1 + times found there). */
const PLACES = ['copyright', 'cue', 'staff', 'suffix', 'titleSuffix', 'firstLine', 'masthead', 'alone', 'prefix'] as const;
type Place = (typeof PLACES)[number];

export const SOURCE_FEATURES = [
  ...PLACES, // see PLACES: copyright line, follow/subscribe/about… cue, byline "Staff"/"reporter for", a line's " – Name" suffix, the headline's (or a line that repeats it), first line, masthead, a short line of its own, the first words of several menu lines
  'places', // how many kinds of place name it / 4
  'copyrightAlone', // named in a copyright line and nowhere else: the owning company ("Condé Nast"), seldom the site's own name
  'mentions', // log(1 + lines outside the article that name it)
  'inMenus', // log(1 + short lines outside the article that name it)
  'inHeadline', // the headline names it
  'partOfLonger', // another candidate holds this name ("Sprout" in "Sprout Social")
  'holdsShorter', // this name holds another candidate
  'family', // log(1 + candidates that hold this name): a site names its own sections ("WSJ Pro", "WSJ Video", "About WSJ")
  'words', // words in the name / 5
  'allCaps',
  'digits', // the name has digits
  'domain', // "Express.co.uk", "CBSSports.com"
  'chromeWord', // the name is a chrome word ("Home", "Privacy", "Menu")
  'top', // first named in the page's first fifth
  'bottom', // first named in the page's last fifth
  'topAndBottom', // named in the page's first fifth and in its last fifth: header and footer
  'domainSeen', // the page prints it as a domain ("wsj.com", "hello@whova.com")
  'none', // the "no publisher named" candidate
] as const;

export interface SourceCandidate {
  /** The name as the page prints it most (the first of the most printed spellings). */
  name: string;
  features: number[];
}

/** What the model needs to know of the page. */
export interface SourcePage {
  facts: PageFacts;
  /** Lines of the article. */
  keep: Uint8Array;
  /** The headline's line, when found. */
  titleIndex?: number;
  /** The section trail read from the page, when found. */
  section?: string;
}

/** Lower-case words that may join the capitalised words of a name. */
const JOINERS = new Set(SOURCE_NAME_JOINERS);
/**
 * The cues, by their first word: the page's words are read once, and where a word starts a
 * cue whose other words follow, the name is read from the words after it. "Copyright" (and
 * ©, "(c)", found apart) lead to the copyright holder, job titles with "at", "for" or
 * "with" to a staff line's site, the rest to a call to follow, subscribe, read about….
 */
const CUE_INDEX = (() => {
  const index = new Map<string, { rest: string[]; place: Place }[]>();
  const put = (cue: string, place: Place) => {
    const [first, ...rest] = cue.split(' ');
    const entries = index.get(first as string) ?? [];
    entries.push({ rest, place });
    index.set(first as string, entries);
  };
  for (const cue of SOURCE_CUES) put(cue, cue === 'copyright' ? 'copyright' : 'cue');
  for (const job of SOURCE_STAFF_CUES) for (const link of ['at', 'for', 'with']) put(`${job} ${link}`, 'staff');
  return index;
})();
const STAFF_AFTER = new Set(['staff', 'contributor']);
const COPYRIGHT_SIGN = '©';
const DOT = 46;
const YEARISH = /^[\d–-]+[.,]?$/u;
const CHROME_WORD = new RegExp(`^(?:${CHROME_LINE_STARTS.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const DOMAIN = /\.(?:com|org|net|co\.uk|uk|io|news|de|fr|info)$/iu;
/** Staff lines ("Senior editor at Gizmodo") are short: at most this many words. */
const STAFF_LINE_MAX_WORDS = 30;
/** A title line with a site suffix has at most this many words. */
const SUFFIX_LINE_MAX_WORDS = 30;
/** A line this short that is only a name may be the site's logo or a heading of its own. */
const ALONE_MAX_WORDS = 4;
/** Menu lines are short: at most this many words. */
const MENU_LINE_MAX_WORDS = 6;
/** A page's top and bottom, as shares of its lines. */
const EDGE_SHARE = 0.2;

/** The candidate names of a page, with their features; the last candidate is "no publisher named". */
export function sourceCandidates(page: SourcePage): SourceCandidate[] {
  const { lines } = page.facts;
  const found = new Map<string, { spellings: Map<string, number>; places: Record<Place, number> }>();
  const stopwords = lines[0]?.stopwords ?? new Set<string>();
  // The page's own section ("World: Asia-Pacific" → "Asia-Pacific") is named in its menus and link lists as a site is, and is never the site.
  const section = (page.section ?? '').split(/[/:>»›|]/u).at(-1)?.trim().toLowerCase() ?? '';
  const add = (raw: string | undefined, place: Place) => {
    const name = cleanName(raw, stopwords);
    if (name === undefined) return;
    const key = name.toLowerCase();
    if (key === section) return;
    let entry = found.get(key);
    if (entry === undefined) {
      entry = { spellings: new Map(), places: Object.fromEntries(PLACES.map((p) => [p, 0])) as Record<Place, number> };
      found.set(key, entry);
    }
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
    entry.places[place]++;
  };
  // The page's chrome as one lower-case text, read once into words (letters and digits, as segment.ts counts them).
  // The article's lines are left out: a site names itself around its articles, and reading the
  // article's words was most of the cost (the lines keep their places, empty).
  const lower = lines.map((line, i) => (page.keep[i] === 1 ? '' : line.text.toLowerCase()));
  const text = lower.join('\n');
  const starts = new Int32Array(lines.length);
  for (let i = 1; i < lines.length; i++) starts[i] = (starts[i - 1] as number) + (lower[i - 1] as string).length + 1;
  const words: string[] = [];
  const wordStart: number[] = [];
  const wordLine: number[] = [];
  let line = 0;
  scanWords(
    text,
    (start, end) => {
      while (line + 1 < starts.length && (starts[line + 1] as number) <= start) line++;
      words.push(text.slice(start, end));
      wordStart.push(start);
      wordLine.push(line);
    },
    false,
  );
  /** The headline's text without its suffix, lower case: lines that repeat it are title lines. */
  const headlineText = page.titleIndex === undefined ? '' : stripSiteSuffix((lines[page.titleIndex] as Line).text).title.toLowerCase();
  const split = new Map<number, string[]>();
  const wordsOf = (i: number) => {
    let lineWords = split.get(i);
    if (lineWords === undefined) {
      lineWords = (lines[i] as Line).text.split(' ');
      split.set(i, lineWords);
    }
    return lineWords;
  };
  /** The name that starts at character `at` (in its line's space-separated words), after years and © signs. */
  const nameAt = (i: number, at: number) => {
    const lineWords = wordsOf(i);
    let k = wordIndexAt((lines[i] as Line).text, at - (starts[i] as number));
    while (k < lineWords.length && (YEARISH.test(lineWords[k] as string) || lineWords[k] === COPYRIGHT_SIGN)) k++;
    return nameFrom(lineWords, k);
  };

  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    const i = wordLine[w] as number;
    const cues = CUE_INDEX.get(word);
    if (cues !== undefined) for (const cue of cues) {
      if (cue.place === 'staff' && (lines[i] as Line).words > STAFF_LINE_MAX_WORDS) continue;
      if (!cue.rest.every((next, r) => words[w + 1 + r] === next && wordLine[w + 1 + r] === i)) continue;
      const after = w + 1 + cue.rest.length;
      if (wordLine[after] === i) add(nameAt(i, wordStart[after] as number), cue.place);
    }
    // "(c) 2019 Name"
    if (word === 'c' && text[(wordStart[w] as number) - 1] === '(' && text[(wordStart[w] as number) + 1] === ')') add(nameAt(i, (wordStart[w] as number) + 2), 'copyright');
    // "By Eric Song, IGN Staff": the capitalised words between a comma and "Staff".
    if (STAFF_AFTER.has(word) && w > 0) {
      const lineWords = wordsOf(i);
      const k = wordIndexAt((lines[i] as Line).text, (wordStart[w] as number) - (starts[i] as number));
      let j = k;
      while (j > 0 && isCapitalised(lineWords[j - 1] as string) && !(lineWords[j - 1] as string).endsWith(',')) j--;
      if (j > 0 && j < k && (lineWords[j - 1] as string).endsWith(',')) add(lineWords.slice(j, k).join(' '), 'staff');
    }
  }
  for (let at = text.indexOf(COPYRIGHT_SIGN); at >= 0; at = text.indexOf(COPYRIGHT_SIGN, at + 1)) {
    let i = 0;
    while (i + 1 < starts.length && (starts[i + 1] as number) <= at) i++;
    add(nameAt(i, at + 1), 'copyright');
  }
  const firstWords = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line.words <= SUFFIX_LINE_MAX_WORDS) {
      const { title, site } = stripSiteSuffix(line.text);
      add(site, headlineText !== '' && site !== undefined && title.toLowerCase().includes(headlineText) ? 'titleSuffix' : 'suffix');
    }
    if (i === 0 && page.keep[0] === 0) {
      add(parseMasthead(line), 'masthead');
      if (line.words <= MENU_LINE_MAX_WORDS || !line.prose) add(nameFrom(wordsOf(0), 0), 'firstLine');
    }
    if (page.keep[i] === 1 || line.words > MENU_LINE_MAX_WORDS || !isCapitalised(line.text)) return;
    const words = wordsOf(i);
    if (line.words <= ALONE_MAX_WORDS && !line.terminal && nameFrom(words, 0) === line.text) add(line.text, 'alone');
    if (line.words >= 2) {
      const first = trimWord(words[0] as string);
      firstWords.set(first, (firstWords.get(first) ?? 0) + 1);
    }
  });
  // The first word of two or more menu lines ("WSJ Pro", "WSJ Video"): the site naming its own sections.
  for (const [word, count] of firstWords) if (count >= 2) for (let k = 0; k < count; k++) add(word, 'prefix');

  // Where the page names each candidate: the lines it occurs in as whole words.
  const n = lines.length;
  const keys = [...found.keys()];
  const headline = page.titleIndex === undefined ? '' : ((lines[page.titleIndex] as Line).text.toLowerCase());
  const candidates: SourceCandidate[] = [];
  // Each candidate's words, and the candidates by their first word, to count where the page names them in one pass.
  const keyWords = new Map<string, string[]>();
  const byFirst = new Map<string, string[]>();
  for (const key of keys) {
    const parts: string[] = [];
    scanWords(key, (start, end) => parts.push(key.slice(start, end)), false);
    if (parts.length === 0) continue;
    keyWords.set(key, parts);
    const list = byFirst.get(parts[0] as string) ?? [];
    list.push(key);
    byFirst.set(parts[0] as string, list);
  }
  // Which candidates hold which: every run of a candidate's words that is itself a candidate.
  const byWords = new Map([...keyWords].map(([key, parts]) => [parts.join(' '), key]));
  const holders = new Map<string, number>();
  const holdsOther = new Set<string>();
  for (const [key, parts] of keyWords) {
    const held = new Set<string>();
    for (let from = 0; from < parts.length; from++) {
      for (let to = from + 1; to <= parts.length; to++) {
        if (to - from === parts.length) continue;
        const other = byWords.get(parts.slice(from, to).join(' '));
        if (other !== undefined && other !== key) held.add(other);
      }
    }
    if (held.size > 0) holdsOther.add(key);
    for (const other of held) holders.set(other, (holders.get(other) ?? 0) + 1);
  }
  const stats = new Map(keys.map((key) => [key, { mentions: 0, inMenus: 0, first: -1, last: -1, lastLine: -1, domain: false }]));
  for (let w = 0; w < words.length; w++) {
    const starting = byFirst.get(words[w] as string);
    if (starting !== undefined) for (const key of starting) {
      const parts = keyWords.get(key) as string[];
      const i = wordLine[w] as number;
      if (!parts.every((part, r) => words[w + r] === part && wordLine[w + r] === i)) continue;
      const stat = stats.get(key)!;
      const end = (wordStart[w + parts.length - 1] as number) + (parts.at(-1) as string).length;
      if (text.charCodeAt(end) === DOT && isWordCode(text.charCodeAt(end + 1)) && !key.includes('.')) stat.domain = true;
      stat.lastLine = i;
      if (i === stat.last) continue;
      stat.last = i;
      stat.mentions++;
      if ((lines[i] as Line).words <= MENU_LINE_MAX_WORDS) stat.inMenus++;
      if (stat.first < 0) stat.first = i;
    }
  }
  for (const [key, entry] of found) {
    const { mentions, inMenus, first, lastLine, domain } = stats.get(key)!;
    const name = [...entry.spellings].sort((x, y) => y[1] - x[1])[0]?.[0] as string;
    const places = PLACES.map((place) => entry.places[place]);
    candidates.push({
      name,
      features: [
        ...places.map((count) => Math.log1p(count)),
        places.filter((count) => count > 0).length / 4,
        entry.places.copyright > 0 && mentions <= entry.places.copyright ? 1 : 0,
        Math.log1p(mentions),
        Math.log1p(inMenus),
        containsWord(headline, key) ? 1 : 0,
        (holders.get(key) ?? 0) > 0 ? 1 : 0,
        holdsOther.has(key) ? 1 : 0,
        Math.log1p(holders.get(key) ?? 0),
        Math.min(1, name.split(' ').length / 5),
        isAllCaps(name) ? 1 : 0,
        /\d/u.test(name) ? 1 : 0,
        DOMAIN.test(name) ? 1 : 0,
        CHROME_WORD.test(name) ? 1 : 0,
        first >= 0 && first < n * EDGE_SHARE ? 1 : 0,
        first >= 0 && first >= n * (1 - EDGE_SHARE) ? 1 : 0,
        first >= 0 && first < n * EDGE_SHARE && lastLine >= n * (1 - EDGE_SHARE) ? 1 : 0,
        domain ? 1 : 0,
        0,
      ],
    });
  }
  candidates.push({ name: '', features: SOURCE_FEATURES.map((f) => (f === 'none' ? 1 : 0)) });
  return candidates;
}

/** The run of capitalised words (with joiners between them) from word `k`, up to `SOURCE_NAME_MAX_WORDS`, ended by punctuation. */
function nameFrom(words: readonly string[], k: number): string | undefined {
  const taken: string[] = [];
  let capitalised = 0;
  for (let j = k; j < words.length && capitalised < SOURCE_NAME_MAX_WORDS; j++) {
    const word = words[j] as string;
    if (NAME_ENDS.has(trimWord(word).toLowerCase())) break;
    if (isCapitalised(word)) {
      const trimmed = trimWord(word);
      taken.push(trimmed);
      capitalised++;
      if (trimmed !== word) break; // "Interactive." or "Press," ends the name
    } else if (taken.length > 0 && JOINERS.has(word)) taken.push(word);
    else break;
  }
  while (taken.length > 0 && JOINERS.has(taken.at(-1) as string)) taken.pop();
  return taken.length === 0 ? undefined : taken.join(' ');
}

/** A word that starts with a capital letter or a digit. */
function isCapitalised(word: string): boolean {
  const first = word[0];
  if (first === undefined) return false;
  const code = first.charCodeAt(0);
  if (code >= 48 && code <= 57) return true;
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/** A word without the punctuation that ends it ("Press," → "Press"); dots inside stay ("Express.co.uk"). */
function trimWord(word: string): string {
  return word.replace(/[.,;:!?|)\]"”’'»]+$/u, '');
}

/** Index of the word that starts at or after character `at` of a single-spaced line. */
function wordIndexAt(text: string, at: number): number {
  let k = 0;
  for (let c = 0; c < Math.min(at, text.length); c++) if (text.charCodeAt(c) === 32) k++;
  return at > 0 && text.charCodeAt(at - 1) !== 32 && at < text.length ? k + 1 : k;
}

/** A name as the record gives it: trimmed of punctuation, a possessive and a trailing year; undefined when it is not a name. */
function cleanName(raw: string | undefined, stopwords: ReadonlySet<string>): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw
    .replace(TRAILING_NUMBERS, '')
    .replace(/[’']s$/u, '')
    .replace(/[\s.,;:!?)\]-]+$/u, '')
    .trim();
  if (name.length < 2 || !/\p{L}/u.test(name)) return undefined;
  if (name.toLowerCase().split(/\s+/).every((word) => GENERIC_WORDS.has(word) || stopwords.has(word))) return undefined;
  return name;
}
/** "Inexhibit 2019", "Site 2000 - 2019": the years after a name in a copyright line. */
const TRAILING_NUMBERS = /(?:\s+[\d–-]+)+$/u;
const GENERIC_WORDS = new Set(SOURCE_GENERIC_WORDS);
const NAME_ENDS = new Set(SOURCE_NAME_ENDS);

/** Does `text` hold `word` between characters that are not letters or digits? */
function containsWord(text: string, word: string): boolean {
  for (let pos = text.indexOf(word); pos >= 0; pos = text.indexOf(word, pos + 1)) {
    if (!isWordCode(text.charCodeAt(pos - 1)) && !isWordCode(text.charCodeAt(pos + word.length))) return true;
  }
  return false;
}

/** Is the UTF-16 code unit a letter or digit (NaN, before the start or after the end, is not)? ASCII is decided at once. */
function isWordCode(code: number): boolean {
  if (Number.isNaN(code)) return false;
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
