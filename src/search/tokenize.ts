/**
 * Words → index terms, the same way at build time, at query time and when the browser
 * marks matched words. Shared by the index builder (Node) and the client (browser).
 *
 * lunr's own tokenizer and trimmer are made for English in ASCII: the trimmer's `\W`
 * strips every non-ASCII letter at a word's edge (`café` → `caf`, a Korean word → ``),
 * and hyphens only ever split. Here:
 *
 * - Words are runs between whitespace, dashes and slashes. A word joined by hyphens
 *   (`Jong-un`, `Wingfield-Hayes`) is indexed as its parts and also as the whole
 *   compound, so a reader who types the name as written finds exactly it.
 * - The trimmer keeps letters and digits of every script (Unicode `\p{L}\p{N}`).
 * - Latin letters are folded: accents dropped (`Zürich` → `zurich`, `ŏ` → `o`), a few
 *   letters without a decomposition mapped (`ø` → `o`, `ß` → `ss`), apostrophes inside a
 *   word removed (`P'yŏngyang` → `pyongyang`, `Korea's` → `koreas`). The same folding at
 *   query time makes it work both ways.
 * - English stop words are dropped (lunr's list) and ASCII words stemmed with lunr's
 *   Porter stemmer (`embassies` → `embassi`); other scripts are kept as written.
 *
 * Every token keeps `position` ([offset, length] in the original string, lunr's
 * metadata convention) and `ordinal` (its place among the words, for phrases; a
 * compound shares the ordinal of its first part).
 */
import lunr from 'lunr';

export interface WordToken {
  /** The word as written, lower-cased, before folding. */
  text: string;
  /** `[offset, length]` in the tokenized string. */
  position: [number, number];
  /** Index of the word in the field; parts of a compound count one each. */
  ordinal: number;
  /** True for the whole of a hyphenated word (its parts are tokens too). */
  compound: boolean;
}

/** What splits words: whitespace, hyphens and dashes of every kind, slashes. */
const CHUNK = /[^\s]+/gu;
const PART_SEPARATOR = /[-\u2010-\u2015\u2212/]+/u;
const HAS_SEPARATOR = /[-\u2010-\u2015\u2212/]/u;
/** Only hyphens join a compound; an em dash or a slash between words is a pause, not a name. */
const COMPOUND_JOINERS = /^[-\u2010\u2011]+$/u;

export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  scanWords(text, (word, start, ordinal, compound) => {
    tokens.push({ text: word.toLowerCase(), position: [start, word.length], ordinal, compound });
  });
  return tokens;
}

/**
 * The tokenizer's loop without the token objects, for the index builder: calls `emit`
 * with each word as written (not lower-cased), its offset, its ordinal, and whether it
 * is a compound (a compound comes before its parts).
 */
export function scanWords(text: string, emit: (word: string, start: number, ordinal: number, compound: boolean) => void): void {
  let ordinal = 0;
  CHUNK.lastIndex = 0;
  for (let chunk = CHUNK.exec(text); chunk !== null; chunk = CHUNK.exec(text)) ordinal = scanChunk(text, chunk[0], chunk.index, ordinal, emit);
}

/**
 * One run of non-space characters (`word`, at `start` in `text`) of `scanWords`: emits
 * its tokens and returns the next ordinal. For scanning a text a run at a time
 * (snippet.ts reads only as far as a snippet needs).
 */
export function scanChunk(
  text: string,
  word: string,
  start: number,
  ordinal: number,
  emit: (word: string, start: number, ordinal: number, compound: boolean) => void,
): number {
  if (!HAS_SEPARATOR.test(word)) {
    // Most words: no hyphen, no slash, one token.
    if (hasWordChar(word)) emit(word, start, ordinal++, false);
    return ordinal;
  }
  const parts: Array<[string, number]> = [];
  let at = 0;
  for (const part of word.split(PART_SEPARATOR)) {
    const offset = word.indexOf(part, at);
    at = offset + part.length;
    if (part === '' || !hasWordChar(part)) continue;
    parts.push([part, start + offset]);
  }
  if (parts.length === 0) return ordinal;
  // A compound only where every separator between the parts is a hyphen:
  // `Jong-un`, not `war—peace` or `and/or`.
  if (
    parts.length > 1 &&
    parts.every(([, offset], i) => i === 0 || COMPOUND_JOINERS.test(text.slice(parts[i - 1]![1] + parts[i - 1]![0].length, offset)))
  ) {
    const from = parts[0]![1];
    const last = parts.at(-1)!;
    emit(text.slice(from, last[1] + last[0].length), from, ordinal, true);
  }
  for (const [part, offset] of parts) emit(part, offset, ordinal++, false);
  return ordinal;
}

function hasWordChar(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return true;
  return /[\p{L}\p{N}]/u.test(text);
}

/** Letters that do not decompose into a base letter and an accent under NFD. */
const LETTER_FOLDS: Record<string, string> = {
  ø: 'o', đ: 'd', ð: 'd', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
};
const LETTER_FOLD = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
/** Apostrophes and the letters used as them in romanised names (McCune–Reischauer's `P'yŏngyang`). */
const APOSTROPHES = /['’ʼ‘`]/gu;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_LEADING = /^[^A-Za-z0-9]+/;
const ASCII_TRAILING = /[^A-Za-z0-9]+$/;
const ASCII_APOSTROPHES = /['`]/g;

/** Trim, fold and remove apostrophes; `''` when nothing of a word is left. */
export function foldWord(word: string): string {
  if (ASCII_ONLY.test(word)) {
    // The same steps for plain ASCII, where normalizing and the Latin folds change nothing.
    return word.replace(ASCII_LEADING, '').replace(ASCII_TRAILING, '').replace(ASCII_APOSTROPHES, '');
  }
  const trimmed = word.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, '');
  if (trimmed === '') return '';
  return trimmed
    .normalize('NFD')
    // Accents on Latin letters only: a Japanese voicing mark or a Devanagari vowel sign
    // changes the word, an accent on a Latin letter is often left out when typing.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(LETTER_FOLD, (c) => LETTER_FOLDS[c]!)
    .replace(APOSTROPHES, '');
}

const ASCII_WORD = /^[a-z0-9][a-z0-9.-]*$/;
const termCache = new Map<string, string>();
/** Distinct words kept in the cache; an archive's vocabulary, bounded so a long session cannot grow it without end. */
const TERM_CACHE_LIMIT = 200_000;

/**
 * A word as the index stores it: lower-cased, folded, not a stop word, stemmed when ASCII. `''` for a
 * stop word or a word with no letters. Memoised: an archive repeats its words.
 */
export function termOf(word: string): string {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  let term = foldWord(word.toLowerCase());
  if (term !== '' && lunr.stopWordFilter(new lunr.Token(term, {})) === undefined) term = '';
  if (term !== '' && ASCII_WORD.test(term)) term = lunr.stemmer(new lunr.Token(term, {})).toString();
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** A word as a prefix is matched: folded but not stemmed (a stem of half a word is no prefix of it). */
export function prefixOf(word: string): string {
  return foldWord(word.replace(/\*+$/u, ''));
}

/** Korean words carry their particles (`평양에서`, `평양의`); a Korean query word matches as a prefix. */
export function matchesAsPrefix(term: string): boolean {
  return /\p{Script=Hangul}/u.test(term);
}

export interface IndexToken extends WordToken {
  term: string;
}

/** The tokens of a field that reach the index, in order (stop words and empty words left out). */
export function indexTokens(text: string): IndexToken[] {
  const out: IndexToken[] = [];
  for (const token of tokenizeWords(text) as IndexToken[]) {
    token.term = termOf(token.text);
    if (token.term !== '') out.push(token);
  }
  return out;
}

/**
 * The same as lunr tokens, for `lunr.Builder#tokenizer`: the unsharded reference index
 * in the tests and the benchmark is built by lunr itself with this tokenizer and
 * `lunrPipelineFunction`, to prove the sharded index ranks exactly as lunr does.
 */
export function lunrTokenizer(value: unknown, metadata?: object): lunr.Token[] {
  if (value === null || value === undefined) return [];
  return tokenizeWords(String(value)).map(
    (token) => new lunr.Token(token.text, { ...(metadata ?? {}), position: token.position, index: token.ordinal }),
  );
}

export function lunrPipelineFunction(token: lunr.Token): lunr.Token | undefined {
  const term = termOf(token.toString());
  return term === '' ? undefined : token.update(() => term);
}
lunr.Pipeline.registerFunction(lunrPipelineFunction as lunr.PipelineFunction, 'newsArchiveTerm');
