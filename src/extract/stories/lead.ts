/**
 * The shape of a lead: a news story opens with a complete sentence that says who did
 * what ("South Korea has decided to quadruple the reward…"), not with a quotation, a
 * pronoun or a connective that leans on the sentence before ("It said…", "But…").
 */
import type { Block } from '../markdown.ts';
import { endsLikeSentence, scanWords } from '../segment.ts';
import { NEWS_LEAD_MIN_WORDS } from './settings.ts';

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
  /**
   * English only: the first clause tells of an event in the tenses of a news lead — "X has
   * announced", "X have been released", "X is holding" — rather than the past tense of
   * the paragraphs that follow.
   */
  newsTense: boolean;
  /** English only: the first word is a name or an indefinite article ("South Korea has…", "A group of…"), not "It", "The" or "Some of their…". */
  namedSubject: boolean;
}

/** A sentence ends at final punctuation followed by a space and a capital, a digit or an opening quote. */
const FIRST_SENTENCE = /^.+?[.!?。！？]["'”’»)]*(?=\s+["'“‘«(\p{Lu}\p{N}]|$)/u;
const CAPITAL = /^[\p{Lu}\p{N}]/u;
const QUOTED = /^["'“‘«„‹—–-]/u;

/**
 * A subject of at most 20 words without a comma, clause break or verb of its own, then "has / have" and a
 * past participle ("has announced", "have been released") or "is / are" and a present
 * participle ("is holding"); not negated, not after "to", not "has been escalating"
 * (the background of a story, not its event).
 */
const NEWS_TENSE =
  /^(?:(?!(?:has|have|is|are|was|were)\s)[^\s,;:"“”()]+\s){1,20}?(?<!\bto\s)(?:(?:has|have)\s(?:\w+ly\s)?(?:been\s)?(?!not\b|been\b)\w+(?:ed|en|wn|ne|on|un|ck|t|d)|(?:is|are)\s(?:\w+ly\s)?\w+ing)\b/u;

const INDEFINITE = /^(?:A|An)$/u;
/**
 * English words that open a sentence about someone or something already in the text
 * (determiners, pronouns, connectives, prepositions of a fronted phrase). A closed class,
 * deliberately not the stopword list: that one also holds "New", "US" and "World", which
 * open names.
 */
const ANAPHORIC_OPENERS = new Set(['the', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'his', 'her', 'their', 'its', 'our', 'some', 'many', 'most', 'other', 'such', 'in', 'on', 'at', 'for', 'but', 'and', 'however']);

export function leadShape(block: Block, stopwords: ReadonlySet<string>, language?: string): LeadShape {
  if (block.kind !== 'paragraph') return { words: 0, complete: false, capital: false, quoted: false, functionWord: false, newsTense: false, namedSubject: false };
  const text = block.text;
  const sentence = FIRST_SENTENCE.exec(text)?.[0] ?? text;
  let first = '';
  const words = scanWords(sentence, (start, end) => {
    if (first === '') first = sentence.slice(start, end);
  });
  const english = language === undefined || language.toLowerCase().startsWith('en');
  return {
    words,
    complete: endsLikeSentence(sentence),
    capital: CAPITAL.test(text),
    quoted: QUOTED.test(text),
    functionWord: stopwords.has(first.toLowerCase()),
    newsTense: english && NEWS_TENSE.test(sentence),
    namedSubject: english && (INDEFINITE.test(first) || (CAPITAL.test(first) && !ANAPHORIC_OPENERS.has(first.toLowerCase()))),
  };
}

/**
 * A news lead: a complete first sentence of at least `NEWS_LEAD_MIN_WORDS` words in the
 * tenses of a lead, about a named or newly introduced subject.
 */
export function isNewsLead(shape: LeadShape): boolean {
  return shape.complete && shape.newsTense && shape.namedSubject && shape.words >= NEWS_LEAD_MIN_WORDS;
}
