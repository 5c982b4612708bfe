/**
 * Mentions: the runs of capitalised words in the article's text that may be names.
 *
 * A block (headline, standfirst, paragraph) is cut into words; a run is consecutive
 * capitalised words or acronyms joined by single spaces, with lower-case connectors inside
 * ("House of Representatives"). Titles in front are dropped and remembered ("President
 * Joe Biden" → "Joe Biden", a person); a possessive ends the run ("Kim's"). The first word
 * of a sentence is capitalised whatever it is, so it is dropped when the article also
 * writes it in lower case or it is a stopword ("The", "Meanwhile"), and a run that is
 * left as that one word is only kept with a flag (`initial`) for the caller to confirm.
 * Blocks in Title Case or capitals, and credit lines, name nothing by their case.
 */
import { lexiconKind, wordsTagged } from './lexicon.ts';
import { CREDIT_LINE, CREDIT_LINE_MAX_WORD_CHARS, HYPHEN_ADJECTIVE_SUFFIXES, NAME_ARTICLES, NUMBER_WORD_TAGS, CREDIT_LINE_MAX_WORDS, INLINE_CREDIT, MAX_NAME_WORDS, NAME_CONNECTORS, NOBLE_TITLES, PERSON_TITLES, TITLE_CASE_MIN_LETTERS, TITLE_CASE_MIN_WORDS, TITLE_CASE_SHARE } from './settings.ts';

export interface Mention {
  /** The name as written, titles and possessive dropped. */
  words: string[];
  /** Index of the block (0 = headline). */
  block: number;
  /** The run began a sentence, and its one word may be capitalised only for that. */
  initial: boolean;
  /** A title or honorific stood before it (a person). */
  titled: boolean;
  /** The word before the run and the word after it, lower case ('' at an edge). */
  before: string;
  after: string;
  /** An acronym written in parentheses right after the run: "Security Information Service (BIS)". */
  acronym?: string;
}

/** Number words of the lexicon ("twenty", "first"). */
const NUMBER_WORDS = wordsTagged(NUMBER_WORD_TAGS);

/** A word and what stands between it and the previous word. */
export interface Token {
  text: string;
  /** The characters before it (a `.` added when the previous word's final stop was cut off). */
  gap: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.&-]*/gu;
const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}]*$/u;
const CAPITALISED = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$/u;
/** Abbreviations whose final stop does not end a sentence. */
const ABBREVIATION = /^(?:\p{Lu}|mr|mrs|ms|dr|prof|st|sen|rep|gen|col|capt|lt|sgt|gov|jr|sr|mt|ft|no|vs|etc|inc|ltd|co|corp|ca)$/iu;

export function tokenise(block: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  let stop = false;
  for (const match of block.matchAll(WORD)) {
    let text = match[0];
    const gap = block.slice(end, match.index) + (stop ? '.' : '');
    end = match.index + text.length;
    stop = false;
    if (!ACRONYM.test(text)) {
      const trimmed = text.replace(/[.'’&-]+$/u, '');
      if (text.slice(trimmed.length).includes('.') && !ABBREVIATION.test(trimmed)) stop = true;
      text = trimmed;
    }
    if (text !== '') tokens.push({ text, gap });
  }
  return tokens;
}

export const isAcronym = (word: string): boolean => ACRONYM.test(word) && word.replace(/[^\p{L}]/gu, '').length >= 2;
/** First letter upper case; ASCII without a regular expression (most words). */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return CAPITALISED.test(word);
}
const fold = (word: string): string => {
  const lower = word.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
};

/** Title Case or capitals: most longer ordinary words capitalised (names are capitalised in any style, so they are not counted). */
export function isTitleCase(tokens: readonly Token[], ordinary: (folded: string) => boolean): boolean {
  const longer = tokens.filter((t) => t.text.length >= TITLE_CASE_MIN_LETTERS);
  // Names are capitalised in any style, so the share among ordinary words is never below the share among all: most prose stops here.
  if (longer.filter((t) => isCapitalised(t.text)).length < longer.length * TITLE_CASE_SHARE) return false;
  const long = longer.filter((t) => t.text.replace(/[^\p{L}]/gu, '').length >= TITLE_CASE_MIN_LETTERS && ordinary(t.text.toLowerCase()));
  if (long.length < TITLE_CASE_MIN_WORDS) return false;
  return long.filter((t) => isCapitalised(t.text)).length >= long.length * TITLE_CASE_SHARE;
}

/** A credit line or caption left among the paragraphs. */
export function isCreditLine(block: string): boolean {
  return block.length <= CREDIT_LINE_MAX_WORDS * CREDIT_LINE_MAX_WORD_CHARS && block.split(/\s+/).length <= CREDIT_LINE_MAX_WORDS && CREDIT_LINE.test(block);
}

export function withoutInlineCredits(block: string): string {
  return block.includes('(') || block.includes('[') ? block.replace(INLINE_CREDIT, ' ') : block;
}

/** Characters after which (spaces aside) a word begins a sentence: a stop, a colon, an opening quote or bracket, a list bullet. */
const SENTENCE_CHARS = new Set([...'.!?:;"“”«»‘([•|']);

export interface ScanContext {
  /** The language's stopwords, lower case. */
  stopwords: ReadonlySet<string>;
  /** Does the article write this word (lower case) in lower case somewhere? */
  lowerCase: (word: string) => boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}\p{N}'’.&-]*`;
/**
 * A run: capitalised words joined by single spaces, with connectors (and an article after
 * one) between them. Found by one regular expression, so the words in lower case between
 * names, most of a text, are passed over without a step of JavaScript each.
 */
const RUN = new RegExp(
  // The capital first and the look back after it: a regular expression that starts with a look-behind is tried at every character.
  String.raw`\p{Lu}(?<![\p{L}\p{M}\p{N}'’.&-]\p{Lu})[\p{L}\p{M}\p{N}'’.&-]*(?: (?:(?:${[...NAME_CONNECTORS].map(escape).join('|')}) (?:(?:${[...NAME_ARTICLES].join('|')}) )?)?${NAME_WORD})*`,
  'gu',
);

/** The mentions of one block, and the share of its characters inside runs of capitals (a Title Case block has most). */
export function scanBlock(text: string, block: number, context: ScanContext): { mentions: Mention[]; capitalShare: number } {
  const mentions: Mention[] = [];
  let inRuns = 0;
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match !== null; match = RUN.exec(text)) {
    inRuns += match[0].length;
    const end = match.index + match[0].length;
    let k = match.index - 1;
    while (k >= 0 && text[k] === ' ') k--;
    const sentenceStart = k < 0 || SENTENCE_CHARS.has(text[k]!);
    const before = wordBefore(text, k + 1);
    const after = wordAfter(text, end);
    const acronym = text.charCodeAt(end + 1) === 40 /* ( */ ? DEFINED_ACRONYM.exec(text.slice(end, end + 24))?.[1] : undefined;
    const segments = segmentsOf(match[0].split(' '));
    segments.forEach((segment, n) => {
      const found = splitAtConnector(segment.tokens).flatMap((part, m) =>
        splitAtTitle(part.words, block, n === 0 && m === 0 ? sentenceStart : m === 0 && segment.stop, part.before ?? (n === 0 ? before : segments[n - 1]!.tokens.at(-1)!.text), n === segments.length - 1 ? after : segments[n + 1]!.tokens[0]!.text, context),
      );
      if (acronym !== undefined && n === segments.length - 1 && found.length > 0) found[found.length - 1]!.acronym = acronym;
      mentions.push(...found);
    });
  }
  return { mentions, capitalShare: text.length === 0 ? 0 : inRuns / text.length };
}

const LETTER_OR_DIGIT_PATTERN = /[\p{L}\p{M}\p{N}'’-]/u;
/** A character of a word; ASCII without a regular expression. */
const LETTER_OR_DIGIT = {
  test(char: string): boolean {
    const c = char.charCodeAt(0);
    if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 45;
    return LETTER_OR_DIGIT_PATTERN.test(char);
  },
};

/** The word that ends before `at`, over any punctuation and spaces ('' at the start). */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && !LETTER_OR_DIGIT.test(text[end - 1]!)) end--;
  let start = end;
  while (start > 0 && LETTER_OR_DIGIT.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

/** The word that starts at or after `at`, over any punctuation and spaces. */
function wordAfter(text: string, at: number): string {
  let start = at;
  while (start < text.length && !LETTER_OR_DIGIT.test(text[start]!)) start++;
  let end = start;
  while (end < text.length && LETTER_OR_DIGIT.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** An acronym in parentheses right after a name: " (BIS)". */
const DEFINED_ACRONYM = /^ \(((?:\p{Lu}\.){2,}|\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}]*)\)/u;

/** A run's words cut where a sentence ends ("… in Seoul. The …"), at a possessive ("Kim's") and at a name made an adjective ("Party-controlled"). */
function segmentsOf(raw: readonly string[]): { tokens: Token[]; stop: boolean }[] {
  const segments: { tokens: Token[]; stop: boolean }[] = [{ tokens: [], stop: false }];
  for (const word of raw) {
    let text = word;
    let stop = false;
    if (/[.'’&-]$/u.test(text) && !ACRONYM.test(text)) {
      text = text.replace(/[.'’&-]+$/u, '');
      stop = word.slice(text.length).includes('.') && !ABBREVIATION.test(text);
    }
    const current = segments[segments.length - 1]!;
    if (text !== '') current.tokens.push({ text, gap: current.tokens.length === 0 ? '' : ' ' });
    if (stop || POSSESSIVE.test(text) || isCompoundAdjective(text)) segments.push({ tokens: [], stop });
  }
  return segments.filter((segment) => segment.tokens.length > 0 && isCapitalised(segment.tokens[0]!.text));
}

/** "Party-controlled", "UGC-style": a name made an adjective; the name is the part before the hyphen, and the run ends with it. */
function isCompoundAdjective(word: string): boolean {
  if (!word.includes('-')) return false;
  const suffix = /-(\p{Ll}+)$/u.exec(word)?.[1];
  return suffix !== undefined && HYPHEN_ADJECTIVE_SUFFIXES.has(suffix);
}

/** "Sarah Lind of the Baltic Shipping Agency": a person's name before a connector is a name of its own, and so is what follows. */
function splitAtConnector(run: readonly Token[]): { words: Token[]; before?: string }[] {
  const c = run.findIndex((t) => NAME_CONNECTORS.has(t.text));
  if (c <= 0 || lexiconKind(fold(run[0]!.text)) !== 'first-name' || c > 3) return [{ words: [...run] }];
  let k = c;
  while (k < run.length && !isCapitalised(run[k]!.text)) k++;
  return [{ words: run.slice(0, c) }, { words: run.slice(k), before: run[c]!.text }];
}

/** A run with a title inside ("US President Donald Trump") is two names: the one before the title and the person after it. */
function splitAtTitle(run: readonly Token[], block: number, sentenceStart: boolean, before: string, after: string, context: ScanContext): Mention[] {
  let k = run.length - 2;
  while (k > 0 && !PERSON_TITLES.has(fold(run[k]!.text))) k--;
  if (k <= 0 || isAcronym(run[k]!.text)) return [makeMention(run, block, sentenceStart, before, after, context)].filter((m) => m !== undefined);
  let start = k;
  while (start > 0 && PERSON_TITLES.has(fold(run[start - 1]!.text))) start--;
  const head = start > 0 ? makeMention(run.slice(0, start), block, sentenceStart, before, run[start]!.text, context) : undefined;
  const person = makeMention(run.slice(k + 1), block, false, run[k]!.text, after, context);
  if (person !== undefined) person.titled = true;
  return [head, person].filter((m) => m !== undefined);
}

function makeMention(run: readonly Token[], block: number, sentenceStart: boolean, before: string, after: string, context: ScanContext): Mention | undefined {
  let words = run.map((t) => t.text);
  words[words.length - 1] = words[words.length - 1]!.replace(POSSESSIVE, '');
  if (isCompoundAdjective(words[words.length - 1]!)) words[words.length - 1] = words[words.length - 1]!.replace(/-\p{Ll}+$/u, '');
  let initial = sentenceStart;
  // The first word of a sentence: dropped when it is an ordinary word (and not the head of "Lawyers for …", "Bank of …").
  if (initial && words.length > 0) {
    const first = fold(words[0]!);
    const ordinary = context.stopwords.has(first) || NUMBER_WORDS.has(first.split('-')[0]!) || (context.lowerCase(first) && !NAME_CONNECTORS.has(words[1] ?? ''));
    if (!isAcronym(words[0]!) && ordinary) {
      before = words[0]!;
      words = dropLeadingConnectors(words.slice(1));
      initial = false;
    }
  }
  // Titles: "President", "Mr", "Prime Minister" (not "Prince", which stays part of the name).
  let titled = false;
  while (words.length > 1 && PERSON_TITLES.has(fold(words[0]!))) {
    before = words[0]!;
    words = dropLeadingConnectors(words.slice(1));
    titled = true;
    initial = false;
  }
  if (words.length === 1 && PERSON_TITLES.has(fold(words[0]!)) && !isAcronym(words[0]!)) return undefined;
  if (words.length > 0 && NOBLE_TITLES.has(fold(words[0]!)) && words.length > 1) titled = true;
  while (words.length > 0 && (NAME_CONNECTORS.has(words[words.length - 1]!) || NAME_ARTICLES.has(words[words.length - 1]!))) words = words.slice(0, -1);
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return undefined;
  if (words.length > 1) initial = false;
  return { words, block, initial, titled, before: fold(before), after: fold(after) };
}

function dropLeadingConnectors(words: string[]): string[] {
  let k = 0;
  while (k < words.length && !isCapitalised(words[k]!)) k++;
  return words.slice(k);
}
