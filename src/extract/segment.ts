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
  STOPWORDS,
  TITLE_CASE_MIN_CAPITALISED_STOPWORDS,
  TITLE_CASE_WINDOW_WORDS,
} from './settings.ts';

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
  /** Share of word tokens that are stopwords in one of the known languages. */
  stopwordRatio: number;
  /** The line is mostly CJK characters, so it is measured in characters. */
  cjk: boolean;
  /** Ends with sentence punctuation (or a closing quote after it). */
  terminal: boolean;
  /** Stopwords written with a capital after the first word: Title Case, as headlines and teasers are. */
  titleCase: boolean;
  /** The line reads as a sentence of running text. */
  prose: boolean;
}

/** No stopword in the lists is longer than this; longer tokens skip the lookup. */
const STOPWORD_MAX_LENGTH = Math.max(...[...STOPWORDS].map((word) => word.length));
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;
/** Quick pre-check: any character in the CJK, Hangul or Thai blocks at all. */
const MAYBE_CJK = /[\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
/** Final punctuation, optionally followed by closing quotes or brackets. */
const TERMINAL = /[.!?。！？:…;]["'”’»)\]]*$/u;

/** Split page text into measured non-empty lines. */
export function segment(text: string, firstLineNumber = 1): Line[] {
  const raw = text.split('\n');
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
    const line = measure(clean, lines.length, i + firstLineNumber, blankBefore, tabbed);
    if (tabbed) line.cells = source.split('\t').map((cell) => cell.replace(/\s+/gu, ' ').trim()).filter((cell) => cell !== '');
    lines.push(line);
    blankBefore = false;
  }
  const last = lines.at(-1);
  if (last) last.blankAfter = true;
  return lines;
}

/** Measure one line (exported for rules that look at parts of lines). */
export function measure(text: string, index = 0, lineNumber = 0, blankBefore = false, tabbed = false): Line {
  const tokens = text.match(WORD) ?? [];
  let stop = 0;
  let capitalisedStop = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token.length > STOPWORD_MAX_LENGTH) continue;
    const lower = token.toLowerCase();
    if (!STOPWORDS.has(lower)) continue;
    stop++;
    if (i > 0 && i < TITLE_CASE_WINDOW_WORDS && token !== lower && lower.length > 1) capitalisedStop++;
  }
  const cjkChars = MAYBE_CJK.test(text) ? (text.match(CJK)?.length ?? 0) : 0;
  const cjk = cjkChars / text.length >= CJK_LINE_RATIO;
  const words = tokens.length;
  const stopwordRatio = words === 0 ? 0 : stop / words;
  const terminal = TERMINAL.test(text);
  const titleCase = capitalisedStop >= TITLE_CASE_MIN_CAPITALISED_STOPWORDS && !isAllCaps(text);
  const prose = cjk
    ? text.length >= CJK_PROSE_MIN_CHARS && (terminal || text.length >= 2 * CJK_PROSE_MIN_CHARS)
    : !titleCase &&
      stopwordRatio >= PROSE_MIN_STOPWORD_RATIO &&
      ((terminal && words >= PROSE_MIN_WORDS) || words >= PROSE_UNTERMINATED_MIN_WORDS);
  return { index, text, lineNumber, blankBefore, blankAfter: false, tabbed, words, stopwordRatio, cjk, terminal, titleCase, prose };
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
  for (const [token] of text.matchAll(WORD)) count += Math.max(1, token.match(CJK)?.length ?? 0);
  return count;
}

/** Build a case-insensitive regex matching any of the alternatives at the start of a line. */
export function startsWithAny(alternatives: readonly string[], tail = '(?![\\p{L}\\p{N}])'): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})${tail}`, 'iu');
}
