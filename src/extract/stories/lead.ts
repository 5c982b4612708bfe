/**
 * The shape of a lead: a news story opens with a complete sentence that says who did
 * what ("South Korea has decided to quadruple the reward…"), not with a quotation, a
 * pronoun or a connective that leans on the sentence before ("It said…", "But…").
 */
import type { Block } from '../markdown.ts';
import { endsLikeSentence, scanWords } from '../segment.ts';

export interface LeadShape {
  /** Words in the block's first sentence. */
  words: number;
  /** The first sentence ends with sentence punctuation (it is complete, not a label or a heading). */
  complete: boolean;
  /** Starts with a capital letter or a digit. */
  capital: boolean;
  /** Starts with a quotation mark or a dash: a quotation or an aside, which continue a story. */
  quoted: boolean;
  /** The first word is a stopword of the language (a pronoun, article or connective). */
  functionWord: boolean;
}

/** A sentence ends at final punctuation followed by a space and a capital, a digit or an opening quote. */
const FIRST_SENTENCE = /^.+?[.!?。！？]["'”’»)]*(?=\s+["'“‘«(\p{Lu}\p{N}]|$)/u;
const CAPITAL = /^[\p{Lu}\p{N}]/u;
const QUOTED = /^["'“‘«„‹—–-]/u;

export function leadShape(block: Block, stopwords: ReadonlySet<string>): LeadShape {
  if (block.kind !== 'paragraph') return { words: 0, complete: false, capital: false, quoted: false, functionWord: false };
  const text = block.text;
  const sentence = FIRST_SENTENCE.exec(text)?.[0] ?? text;
  let first = '';
  const words = scanWords(sentence, (start, end) => {
    if (first === '') first = sentence.slice(start, end).toLowerCase();
  });
  return {
    words,
    complete: endsLikeSentence(sentence),
    capital: CAPITAL.test(text),
    quoted: QUOTED.test(text),
    functionWord: stopwords.has(first),
  };
}
