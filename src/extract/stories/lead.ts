/**
 * The shape of a lead: a news story opens with a complete sentence that says who did
 * what ("South Korea has decided to quadruple the reward…"), not with a quotation, a
 * pronoun or a connective that leans on the sentence before ("It said…", "But…").
 */
import type { Block } from '../markdown.ts';
import { NEWS_LEAD_MIN_WORDS } from './settings.ts';
import type { BlockTerms } from './terms.ts';

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

const CAPITAL = /^[\p{Lu}\p{N}]/u;
const QUOTED = /^["'“‘«„‹—–-]/u;
const NOT_A_LEAD: LeadShape = { words: 0, complete: false, capital: false, quoted: false, functionWord: false };

/** The lead shape of a block, from what `readTerms` found in it. */
export function leadShape(block: Block, terms: BlockTerms, stopwords: ReadonlySet<string>): LeadShape {
  if (block.kind !== 'paragraph') return NOT_A_LEAD;
  return {
    words: terms.leadWords,
    complete: terms.leadComplete,
    capital: CAPITAL.test(block.text),
    quoted: QUOTED.test(block.text),
    functionWord: stopwords.has(terms.firstWord.toLowerCase()),
  };
}

/**
 * English only, the tenses of a news lead: a subject of at most 20 words without a comma,
 * clause break or verb of its own, then "has / have" and a past participle ("has
 * announced", "have been released", "has won") or "is / are" and a present participle
 * ("is holding"); not negated, not after "to", not "has been escalating" (the background
 * of a story, not its event). The past tense of the paragraphs that follow never matches.
 * Group 1 is the subject.
 */
const SUBJECT_WORD = String.raw`(?!(?:has|have|is|are|was|were)\s)[^\s,;:"“”()]+`;
/** A word of the subject that does not end a sentence: the subject of the first sentence. */
const FIRST_SENTENCE_SUBJECT_WORD = String.raw`(?!(?:has|have|is|are|was|were)\s)[^\s,;:"“”()]*[^\s,;:"“”().!?]`;
const LEAD_VERB = String.raw`(?<!\bto\s)(?:(?:has|have)\s(?:\w+ly\s)?(?:been\s)?(?!not\b|been\b)\w+(?:ed|en|wn|ne|on|un|ck|t|d)|(?:is|are)\s(?:\w+ly\s)?\w+ing)\b`;
const NEWS_TENSE = new RegExp(String.raw`^((?:${SUBJECT_WORD}\s){1,20}?)${LEAD_VERB}`, 'u');
const FIRST_SENTENCE_NEWS_TENSE = new RegExp(String.raw`^((?:${FIRST_SENTENCE_SUBJECT_WORD}\s){1,20}?)${LEAD_VERB}`, 'u');
const INDEFINITE = /^(?:A|An)$/u;
/**
 * English words that open a sentence about someone or something already in the text
 * (determiners, pronouns, connectives, prepositions of a fronted phrase). A closed class,
 * deliberately not the stopword list: that one also holds "New", "US" and "World", which
 * open names.
 */
const ANAPHORIC_OPENERS = new Set(['the', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'his', 'her', 'their', 'its', 'our', 'some', 'many', 'most', 'other', 'such', 'in', 'on', 'at', 'for', 'but', 'and', 'however']);

/**
 * A news lead (English only): a complete first sentence of at least
 * `NEWS_LEAD_MIN_WORDS` words, opening with a name or an indefinite article ("South Korea
 * has…", "A group of…", not "It", "The" or "Some of their…"), in the tenses of a lead.
 * The model's `newsLead` feature.
 */
export function isNewsLead(block: Block, shape: LeadShape, terms: BlockTerms, language: string | undefined): boolean {
  if (block.kind !== 'paragraph' || !shape.complete || shape.words < NEWS_LEAD_MIN_WORDS) return false;
  if (language !== undefined && !language.toLowerCase().startsWith('en')) return false;
  const first = terms.firstWord;
  const named = INDEFINITE.test(first) || (CAPITAL.test(first) && !ANAPHORIC_OPENERS.has(first.toLowerCase()));
  return named && NEWS_TENSE.test(block.text);
}

/** More openers that lean on the text before: connectives, "you", and the prepositions of a fronted phrase ("Among the issues…"). */
const MORE_OPENERS = new Set(['you', 'your', 'if', 'when', 'while', 'although', 'as', 'among', 'after', 'before', 'during', 'despite', 'since', 'with', 'by', 'from', 'under', 'over', 'amid']);
/** A subject that holds "that" is a clause about a report ("Bloomberg News reported on Friday that WeWork is facing…"), not who did something. */
const CLAUSE_IN_SUBJECT = /\bthat\b/u;

/**
 * A news lead whose subject names someone or something — an indefinite article ("A
 * group of…"), a capitalised word after its first ("Harbour Board officials…", "North
 * Korea…"), or a first word the page writes capitalised inside a sentence too (`isName`:
 * "Riverton council…" on a page that says "in Riverton") — in the tenses of a lead
 * inside its first sentence, not opening with a dash, a connective or a fronted phrase.
 * A subject of common nouns ("Studies have suggested…", "Large organisations have
 * invested…") is the general statement of a feature article, not a news event. The
 * stricter test a digest's leads must pass (index.ts `digestLeads`).
 */
export function isNamedNewsLead(block: Block, shape: LeadShape, terms: BlockTerms, language: string | undefined, isName: (word: string) => boolean): boolean {
  if (shape.quoted || !isNewsLead(block, shape, terms, language) || block.kind !== 'paragraph') return false;
  const first = terms.firstWord;
  if (MORE_OPENERS.has(first.toLowerCase())) return false;
  const subject = FIRST_SENTENCE_NEWS_TENSE.exec(block.text)?.[1];
  if (subject === undefined || CLAUSE_IN_SUBJECT.test(subject)) return false;
  return INDEFINITE.test(first) || subject.trim().split(' ').slice(1).some((word) => CAPITAL.test(word)) || isName(first);
}
