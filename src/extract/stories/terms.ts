/**
 * What each block says, in the terms the story segmenter compares: content words (for
 * lexical cohesion), names and years (for the change of people, places and dates), and
 * the shape of its first sentence (for the lead).
 */
import lists from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import type { Block } from '../markdown.ts';
import { scanWords } from '../segment.ts';
import { STEM_LENGTH, TERM_MIN_LENGTH } from './settings.ts';

export interface BlockTerms {
  /** Content words, lower case, cut to `STEM_LENGTH` characters (a cheap stem in any alphabetic language), with counts. */
  terms: Map<string, number>;
  /** Capitalised words inside a sentence (names of people, places, organisations, months) and years, lower case. */
  names: Set<string>;
  /** Capitalised words that open a sentence, lower case: names when the page also writes them capitalised inside a sentence. */
  openers: Set<string>;
  /** Word tokens in the block. */
  words: number;
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

const STOPWORD_LISTS = lists as Record<string, string[]>;
const STOPWORD_SETS = new Map<string, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The stopwords of a language (BCP 47; the primary subtag picks the stopwords-iso list), or none when unknown. */
export function stopwordsFor(language: string | undefined): ReadonlySet<string> {
  const code = language?.toLowerCase().split('-')[0];
  if (code === undefined) return NONE;
  let set = STOPWORD_SETS.get(code);
  if (set === undefined) {
    set = new Set(STOPWORD_LISTS[code] ?? []);
    STOPWORD_SETS.set(code, set);
  }
  return set;
}

/** Han and kana: no spaces between words, so two-character runs stand for words. */
const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const YEAR = /^(?:1[89]|20)\d\d$/;
const UPPER = /\p{Lu}/u;
/** Punctuation between two words that ends a sentence (or opens a quotation after a colon). */
const SENTENCE_BREAK = /[.!?:。！？\n]/u;

/** Read a block's terms and names. */
export function readTerms(text: string, stopwords: ReadonlySet<string>): BlockTerms {
  const terms = new Map<string, number>();
  const names = new Set<string>();
  const openers = new Set<string>();
  let previousEnd = 0;
  let extraWords = 0;
  const words = scanWords(text, (start, end) => {
    const token = text.slice(start, end);
    const lower = token.toLowerCase();
    // A capital after the start of a sentence marks a name; the first word of a sentence tells nothing.
    const sentenceStart = start === 0 || SENTENCE_BREAK.test(text.slice(previousEnd, start));
    previousEnd = end;
    if (YEAR.test(token)) names.add(token);
    else if (UPPER.test(token[0] as string)) (sentenceStart ? openers : names).add(lower);
    if (HAN_KANA.test(token)) {
      // Written without spaces: each character counts as a word, as the body's word count does.
      extraWords += token.length - 1;
      for (let i = 0; i + 1 < token.length; i++) add(terms, token.slice(i, i + 2));
      return;
    }
    if (lower.length < TERM_MIN_LENGTH || stopwords.has(lower) || !/\p{L}/u.test(lower)) return;
    add(terms, lower.slice(0, STEM_LENGTH));
  });
  return { terms, names, openers, words: words + extraWords };
}

function add(terms: Map<string, number>, term: string): void {
  terms.set(term, (terms.get(term) ?? 0) + 1);
}
