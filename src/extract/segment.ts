/**
 * Segmentation: page text → lines, each with the measurements the rules share.
 *
 * A copied page keeps one block (paragraph, menu item, heading) per line; blank lines
 * separate paragraphs on some sites and are absent on others, so the unit is the
 * non-empty line, and `blankBefore` / `blankAfter` keep the paragraph breaks as a signal.
 */
import {
  CJK_LINE_RATIO,
  CJK_PROSE_MIN_CHARS,
  PROSE_MIN_STOPWORD_RATIO,
  PROSE_MIN_WORDS,
  PROSE_UNTERMINATED_MIN_WORDS,
  TITLE_CASE_MIN_CAPITALISED_STOPWORDS,
  TITLE_CASE_WINDOW_WORDS,
} from './settings.ts';
import { identifyLanguage, type Language } from './language.ts';

export interface Line {
  /** Position among the non-empty lines of the page. */
  index: number;
  /** The line, white space collapsed and trimmed. */
  text: string;
  /** 1-based line number in the file (for messages). */
  lineNumber: number;
  blankBefore: boolean;
  blankAfter: boolean;
  /** The line contains tab characters (a copied table row). */
  tabbed: boolean;
  /** The cells of a tabbed line. */
  cells?: string[];
  /** Word tokens (letters and digits). */
  words: number;
  /** Share of word tokens that are stopwords of the page's language. */
  stopwordRatio: number;
  /** The stopwords of the page's language (shared by every line of the page). */
  stopwords: ReadonlySet<string>;
  /** The line is mostly CJK characters, so it is measured in characters. */
  cjk: boolean;
  /** Ends with sentence punctuation (or a closing quote after it). */
  terminal: boolean;
  /** Stopwords written with a capital after the first word: Title Case, as headlines and teasers are. */
  titleCase: boolean;
  /** The line reads as a sentence of running text. */
  prose: boolean;
}

/** Stopwords are short: longer tokens skip the lookup. */
const STOPWORD_MAX_LENGTH = 16;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;
/** Quick pre-check: any character in the CJK, Hangul or Thai blocks at all. */
const MAYBE_CJK = /[\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
/** Final punctuation (`[.!?。！？:…;]`), optionally followed by closing quotes or brackets (`["'”’»)\]]`). */
const FINAL_PUNCTUATION = new Set([...'.!?。！？:…;']);
const CLOSING = new Set([...'"\'”’»)]']);

/** Does the text end with final punctuation, maybe inside closing quotes or brackets? Read from the end (an end-anchored regex scans from the start). */
export function endsLikeSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && CLOSING.has(text[i] as string)) i--;
  return i >= 0 && FINAL_PUNCTUATION.has(text[i] as string);
}

/** Split page text into measured non-empty lines; stopwords are the page's language's (identified from the text when not given). */
export function segment(text: string, firstLineNumber = 1, language?: Language): Line[] {
  const raw = text.split('\n');
  const { stopwords } = language ?? identifyLanguage(raw);
  const lines: Line[] = [];
  let blankBefore = true;
  for (let i = 0; i < raw.length; i++) {
    const source = raw[i] ?? '';
    const tabbed = source.includes('\t') && source.trim().includes('\t');
    const clean = source.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/gu, ' ').trim();
    if (clean === '') {
      blankBefore = true;
      const last = lines.at(-1);
      if (last) last.blankAfter = true;
      continue;
    }
    const line = measure(clean, lines.length, i + firstLineNumber, blankBefore, tabbed, stopwords);
    if (tabbed) line.cells = source.split('\t').map((cell) => cell.replace(/\s+/gu, ' ').trim()).filter((cell) => cell !== '');
    lines.push(line);
    blankBefore = false;
  }
  const last = lines.at(-1);
  if (last) last.blankAfter = true;
  return lines;
}

/**
 * Word tokens without a regex: the same tokens as `[\p{L}\p{N}]+(?:['’][\p{L}]+)*` (letters and digits, joined by an
 * apostrophe followed by letters), found by a scan over character classes cached per code
 * unit. Segmentation tokenises every line of every page; the Unicode regex was its main cost.
 * Calls `onToken(start, end)` for each token and returns the count; without
 * `joinApostrophes` a token is a plain run of letters and digits.
 */
export function scanWords(text: string, onToken?: (start: number, end: number) => void, joinApostrophes = true): number {
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const width = charWidth(text, i);
    if ((charClass(text, i) & LETTER_OR_NUMBER) === 0) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    while (i < n && (charClass(text, i) & LETTER_OR_NUMBER) !== 0) i += charWidth(text, i);
    // (?:['’][\p{L}]+)*: an apostrophe joins a run of letters (not digits).
    while (joinApostrophes && i + 1 < n && (text.charCodeAt(i) === APOSTROPHE || text.charCodeAt(i) === RIGHT_QUOTE) && (charClass(text, i + 1) & LETTER) !== 0) {
      i += 1;
      while (i < n && (charClass(text, i) & LETTER) !== 0) i += charWidth(text, i);
    }
    count++;
    onToken?.(start, i);
  }
  return count;
}
const LETTER = 1;
const NUMBER = 2;
const LETTER_OR_NUMBER = LETTER | NUMBER;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const UNKNOWN_CLASS = 255;
/** Class of each UTF-16 code unit (BMP), filled on first sight from the Unicode regexes. */
const CLASSES = new Uint8Array(0x10000).fill(UNKNOWN_CLASS);
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

function charClass(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  const known = CLASSES[unit] as number;
  if (known < UNKNOWN_CLASS) return known;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? unit);
    return (IS_LETTER.test(char) ? LETTER : 0) | (IS_NUMBER.test(char) ? NUMBER : 0);
  }
  const char = String.fromCharCode(unit);
  const found = (IS_LETTER.test(char) ? LETTER : 0) | (IS_NUMBER.test(char) ? NUMBER : 0);
  CLASSES[unit] = found;
  return found;
}
// ASCII is classified up front; other code units on first sight. High surrogates are never
// cached: their class depends on the low surrogate after them.
for (let unit = 0; unit < 0x80; unit++) charClass(String.fromCharCode(unit), 0);

/** 2 for a surrogate pair (an astral character), else 1. */
function charWidth(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * Measure one line (exported for rules that look at parts of lines, and tests); without
 * `stopwords`, the line's own language is identified and its stopwords are used.
 */
export function measure(text: string, index = 0, lineNumber = 0, blankBefore = false, tabbed = false, stopwords = identifyLanguage([text]).stopwords): Line {
  let stop = 0;
  let capitalisedStop = 0;
  let position = 0;
  // Lower-cased once for the line (not per word), when that keeps every character in its place.
  const lowered = text.toLowerCase();
  const aligned = lowered.length === text.length;
  const words = scanWords(text, (start, end) => {
    const i = position++;
    if (end - start > STOPWORD_MAX_LENGTH) return;
    const lower = aligned ? lowered.slice(start, end) : text.slice(start, end).toLowerCase();
    if (!stopwords.has(lower)) return;
    stop++;
    if (i > 0 && i < TITLE_CASE_WINDOW_WORDS && lower.length > 1 && text.slice(start, end) !== lower) capitalisedStop++;
  });
  const cjkChars = MAYBE_CJK.test(text) ? (text.match(CJK)?.length ?? 0) : 0;
  const cjk = cjkChars / text.length >= CJK_LINE_RATIO;
  const stopwordRatio = words === 0 ? 0 : stop / words;
  const terminal = endsLikeSentence(text);
  const titleCase = capitalisedStop >= TITLE_CASE_MIN_CAPITALISED_STOPWORDS && !isAllCaps(text);
  const prose = cjk
    ? text.length >= CJK_PROSE_MIN_CHARS && (terminal || text.length >= 2 * CJK_PROSE_MIN_CHARS)
    : !titleCase &&
      stopwordRatio >= PROSE_MIN_STOPWORD_RATIO &&
      ((terminal && words >= PROSE_MIN_WORDS) || words >= PROSE_UNTERMINATED_MIN_WORDS);
  return { index, text, lineNumber, blankBefore, blankAfter: false, tabbed, words, stopwordRatio, stopwords, cjk, terminal, titleCase, prose };
}

/** Every letter is a capital (and there are some letters). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** Normalise a line for comparisons: case, quotes, dashes, spaces. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(FOLDED, (c) => FOLD[c] ?? ' ').trim();
}
const FOLD: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"', '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-' };
const FOLDED = /[‘’‚‛′“”„‟″«»‐‑‒–—―]|\s+/g;

/** Count words the way the body's `wordCount` does. */
export function countWords(text: string): number {
  let count = 0;
  if (!MAYBE_CJK.test(text)) return scanWords(text);
  scanWords(text, (start, end) => {
    const token = text.slice(start, end);
    count += MAYBE_CJK.test(token) ? Math.max(1, token.match(CJK)?.length ?? 0) : 1;
  });
  return count;
}

/** Build a case-insensitive regex matching any of the alternatives at the start of a line. */
export function startsWithAny(alternatives: readonly string[], tail = '(?![\\p{L}\\p{N}])'): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})${tail}`, 'iu');
}
