/**
 * What each block says, in the terms the story segmenter compares: content words (for
 * lexical cohesion), names and years (for the change of people, places and dates), and
 * the shape of its first sentence (for the lead).
 */
import { languageOfTag } from '../language.ts';
import type { Block } from '../markdown.ts';
import { endsLikeSentence, scanWords } from '../segment.ts';
import { LATIN_TERM_MIN_LENGTH, STEM_LENGTH, TERM_MIN_LENGTH } from './settings.ts';

export interface BlockTerms {
  /** Content words, lower case, cut to `STEM_LENGTH` characters (a cheap stem in any alphabetic language), as ids of the vocabulary passed in, each as often as it occurs. */
  tokens: number[];
  /** Capitalised words inside a sentence (names of people, places, organisations, months) and years, lower case. */
  names: Set<string>;
  /** Capitalised words that open a sentence, lower case: names when the page also writes them capitalised inside a sentence. */
  openers: Set<string>;
  /** Word tokens in the block. */
  words: number;
  /** Words of its first sentence. */
  leadWords: number;
  /** The first sentence ends with sentence punctuation (not a colon, not the end of an unpunctuated line). */
  leadComplete: boolean;
  /** Its first word as written. */
  firstWord: string;
}

/** The text of a block, its parts on separate lines. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
      return block.text;
    case 'quote':
      return block.attribution === undefined ? block.text : `${block.text}\n${block.attribution}`;
    case 'list':
      return block.items.join('\n');
    case 'table':
      return block.rows.map((row) => row.join(' ')).join('\n');
    case 'fact-box':
      return [block.heading, ...block.rows, block.source].filter((part) => part !== undefined).join('\n');
  }
}

const NONE: ReadonlySet<string> = new Set();

/** The stopwords of a language (BCP 47, as the record's `language`; the extractor's own lists, language.ts), or none when it is not known. */
export function stopwordsFor(language: string | undefined): ReadonlySet<string> {
  return language === undefined ? NONE : languageOfTag(language).stopwords;
}

/** Han and kana: no spaces between words, so two-character runs stand for words. */
const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Below this code unit no character is Han or kana: the regex is skipped. */
const CJK_FROM = 0x2e80;
const UPPER = /\p{Lu}/u;
/** Local copies of the settings read for every word (an imported binding is a property read each time). */
const MIN_TERM = TERM_MIN_LENGTH;
const MIN_LATIN_TERM = LATIN_TERM_MIN_LENGTH;
/** Code units below this are Latin script (Basic Latin to Latin Extended-B), digits aside. */
const LATIN_END = 0x0250;
const STEM = STEM_LENGTH;
const LETTER = /\p{L}/u;

/**
 * Read a block's terms and names: one scan over its words, character tests before any
 * regex. `vocabulary` maps each term to its id and grows with new terms; `known` keeps the
 * answer for each word that opens in lower case (`NOT_A_TERM` or its term id), by its lower
 * case. One of each per page.
 */
export function readTerms(text: string, stopwords: ReadonlySet<string>, vocabulary: Map<string, number> = new Map(), known: Map<string, number> = new Map()): BlockTerms {
  const tokens: number[] = [];
  const names = new Set<string>();
  const openers = new Set<string>();
  let previousEnd = 0;
  let extraWords = 0;
  let leadWords = 0;
  let leadComplete: boolean | undefined;
  let firstWord = '';
  // Lower-cased once; its slices are the words' lower case when no character changed length.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length;
  const words = scanWords(text, (start, end) => {
    // A capital after the start of a sentence marks a name; the first word of a sentence tells nothing.
    const found = start === 0 ? NO_BREAK : breakBetween(text, previousEnd, start);
    const sentenceStart = start === 0 || found !== NO_BREAK;
    if (leadComplete === undefined) {
      if (found !== NO_BREAK && leadWords > 0) leadComplete = found === FULL_STOP;
      else leadWords++;
    }
    previousEnd = end;
    const first = text.charCodeAt(start);
    const lowerAscii = first >= 0x61 && first <= 0x7a;
    // Short lower-case words (most function words) are neither terms nor names: no string is made for them.
    if (end - start < MIN_LATIN_TERM && lowerAscii && firstWord !== '') return;
    if (lowerAscii && sameLength && firstWord !== '') {
      // Most words: neither a name nor a year; the page's earlier answer for the same word is reused.
      const lower = lowerText.slice(start, end);
      let id = known.get(lower);
      if (id === undefined) {
        id = contentTermId(lower, stopwords, vocabulary);
        known.set(lower, id);
      }
      if (id !== NOT_A_TERM) tokens.push(id);
      return;
    }
    const token = text.slice(start, end);
    if (firstWord === '') firstWord = token;
    if (lowerAscii) {
      const id = contentTermId(token.toLowerCase(), stopwords, vocabulary);
      if (id !== NOT_A_TERM) tokens.push(id);
      return;
    }
    const lower = token.toLowerCase();
    if (isYear(token, first)) names.add(token);
    else if (first >= 0x41 && (first <= 0x5a || (first > 0x7f && lower !== token && UPPER.test(token[0] as string)))) (sentenceStart ? openers : names).add(lower);
    if (first >= CJK_FROM && HAN_KANA.test(token)) {
      // Written without spaces: each character counts as a word, as the body's word count does.
      extraWords += token.length - 1;
      for (let i = 0; i + 1 < token.length; i++) tokens.push(termId(token.slice(i, i + 2), vocabulary));
      return;
    }
    if ((first >= 0x30 && first <= 0x39) || (first > 0x7f && !LETTER.test(token[0] as string))) return;
    const id = contentTermId(lower, stopwords, vocabulary);
    if (id !== NOT_A_TERM) tokens.push(id);
  });
  leadComplete ??= endsLikeSentence(text) && !text.trimEnd().endsWith(':');
  return { tokens, names, openers, words: words + extraWords, leadWords, leadComplete, firstWord };
}

/** `contentTermId` of a stopword or a word too short to be a term. */
const NOT_A_TERM = -1;

/** The id of a lower-case word's term (its first `STEM_LENGTH` characters), or `NOT_A_TERM`. */
function contentTermId(lower: string, stopwords: ReadonlySet<string>, vocabulary: Map<string, number>): number {
  if (lower.length < (lower.charCodeAt(0) < LATIN_END ? MIN_LATIN_TERM : MIN_TERM) || stopwords.has(lower)) return NOT_A_TERM;
  return termId(lower.length > STEM ? lower.slice(0, STEM) : lower, vocabulary);
}

/** A term's id in the page's vocabulary, a new one for a new term. */
function termId(term: string, vocabulary: Map<string, number>): number {
  let id = vocabulary.get(term);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(term, id);
  }
  return id;
}

const NO_BREAK = 0;
/** A colon (before a quotation) or a line break: a new sentence, but the one before it is not complete. */
const SOFT_BREAK = 1;
const FULL_STOP = 2;

/** What punctuation between two words says of the sentence: it goes on, it breaks, it ended. */
function breakBetween(text: string, from: number, to: number): number {
  let found = NO_BREAK;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? and the ideographic 。！？ end a sentence; a colon or a newline breaks it.
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3002 || c === 0xff01 || c === 0xff1f) return FULL_STOP;
    if (c === 0x3a || c === 0x0a) found = SOFT_BREAK;
  }
  return found;
}

/** Four digits from 1800 to 2099. */
function isYear(token: string, first: number): boolean {
  if (token.length !== 4 || (first !== 0x31 && first !== 0x32)) return false;
  const second = token.charCodeAt(1);
  if (first === 0x31 ? second !== 0x38 && second !== 0x39 : second !== 0x30) return false;
  return isDigit(token.charCodeAt(2)) && isDigit(token.charCodeAt(3));
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
