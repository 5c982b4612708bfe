/**
 * The headline model's features: what is known about one candidate line.
 *
 * Each feature is a number in about [0, 1]; the weights that combine them are learned
 * by `npm run train:extract` (a conditional logit, model/choice.ts: the page's candidates
 * compete, the best one wins) and committed in `weights.ts`.
 *
 * The signals are the ones a reader uses: a headline sits just above the body, is
 * followed by a byline or a date, comes after a run of menu items, is written in
 * Title Case or as a short sentence without a full stop, and shares words with the
 * article's first paragraphs; a menu item, a teaser or a name does none of this.
 */
import { isAllCaps, scanWords, type Line } from '../segment.ts';

/** What the features need to know about the page. */
export interface HeadlinePage {
  lines: readonly Line[];
  /** First line of the body. */
  bodyStart: number;
  /** Lines that cannot be headlines and mark page chrome: menus, share buttons, breadcrumbs. */
  excluded: (index: number) => boolean;
  /** Date and byline lines. */
  isMeta: (index: number) => boolean;
  /** How often each lower-cased text occurs on the page. */
  occurrences: ReadonlyMap<string, number>;
  /** Content words of the body's first lines (lower case). */
  bodyWords: ReadonlySet<string>;
  /** Content words of the whole article, with the number of its lines that hold each. */
  articleWords: ReadonlyMap<string, number>;
  /** The body model's log-odds that each line is article (article-lines.ts). */
  logOdds: Float64Array;
}

export const HEADLINE_FEATURES = [
  'near', // 1 / (1 + lines between the candidate and the body)
  'distance', // lines to the body / 10
  'metaAfter', // a date or byline within the next three lines
  'metaNext', // the very next line is a date or byline
  'metaBefore', // the line before is a date or byline
  'nameNext', // the next line is an author's name
  'proseNext', // the next line is running text (a standfirst or the lead)
  'afterChrome', // the line before is chrome, or this is the first line
  'menuBefore', // share of short lines among the five before: menus precede headlines
  'repeated', // the same text occurs elsewhere on the page (page title and headline)
  'titleCase',
  'allCaps',
  'fullStop', // ends with a full stop, as sentences do
  'prose', // reads as a running sentence
  'length', // words / 10, at most 1.5: headlines have several words
  'long', // words beyond 15, / 10: standfirsts are longer than headlines
  'short', // three words or fewer
  'overlap', // share of its content words found in the body's first lines
  'nameShaped', // "Ann Example": two to four capitalised words
  'question', // ends with ? or !
  'digits', // share of characters that are digits
  'trailing', // ends with a comma, colon or dash (a label or a dateline)
  'rank', // candidates between it and the body / 5, at most 2
  'colon', // "Topic: what happened"
  'inside', // at or below the body's first line (a listicle's headline is often printed as its first line)
  'after', // lines below the body's first line / 3
  'article', // the body model's log-odds for the line / 6, clipped: a headline is seldom article text
  'trail', // has a breadcrumb separator (» › >): a trail that ends with the headline
  'tailOfOther', // another, longer line ends with this text (a breadcrumb's last crumb, a page title's first part)
  'endsWithOther', // this line ends with a shorter line of the page (it is the breadcrumb or the page title)
  'articleOverlap', // share of its content words found anywhere in the article: a guide's headline names what all its sections are about
  'recurring', // share of its content words found in three or more of the article's lines
] as const;

/** Headlines seldom run past this many words; beyond it a line reads as a standfirst. */
const HEADLINE_TYPICAL_WORDS = 15;
/** A CJK line is measured as this many characters per word. */
const CJK_CHARS_PER_WORD = 3;
/** A content word has at least this many letters or digits (shorter ones are mostly function words). */
const CONTENT_WORD_MIN_CHARS = 4;

/** Content words of a text: lower case, four letters or more, not in `stopwords`. */
export function contentWords(text: string, stopwords: ReadonlySet<string>): string[] {
  const words: string[] = [];
  scanWords(
    text,
    (start, end) => {
      if (end - start < CONTENT_WORD_MIN_CHARS) return;
      const word = text.slice(start, end).toLowerCase();
      if (!stopwords.has(word)) words.push(word);
    },
    false,
  );
  return words;
}

/** The feature vector of line `i`; `rank` counts the candidates between it and the body. */
export function headlineFeatures(page: HeadlinePage, i: number, rank: number): number[] {
  const { lines, bodyStart } = page;
  const line = lines[i] as Line;
  const next = lines[i + 1];
  const between = Math.max(0, bodyStart - i - 1);
  let metaAfter = 0;
  for (let j = i + 1; j <= Math.min(lines.length - 1, i + 3); j++) if (page.isMeta(j)) metaAfter = 1;
  let shortBefore = 0;
  let before = 0;
  for (let j = Math.max(0, i - 5); j < i; j++, before++) if ((lines[j] as Line).words <= 3) shortBefore++;
  const words = contentWords(line.text, line.stopwords);
  const overlap = words.length === 0 ? 0 : words.filter((word) => page.bodyWords.has(word)).length / words.length;
  const size = line.cjk ? line.text.length / CJK_CHARS_PER_WORD : line.words;
  const digits = (line.text.match(/\d/g)?.length ?? 0) / line.text.length;
  return [
    1 / (1 + between),
    between / 10,
    metaAfter,
    next && page.isMeta(i + 1) ? 1 : 0,
    i > 0 && page.isMeta(i - 1) ? 1 : 0,
    next && isNameShaped(next) ? 1 : 0,
    next?.prose ? 1 : 0,
    i === 0 || page.excluded(i - 1) ? 1 : 0,
    before === 0 ? 1 : shortBefore / before,
    (page.occurrences.get(line.text.toLowerCase()) ?? 0) > 1 ? 1 : 0,
    line.titleCase ? 1 : 0,
    isAllCaps(line.text) ? 1 : 0,
    line.text.endsWith('.') && !line.text.endsWith('..') ? 1 : 0,
    line.prose ? 1 : 0,
    Math.min(HEADLINE_TYPICAL_WORDS, size) / 10,
    Math.max(0, size - HEADLINE_TYPICAL_WORDS) / 10,
    line.words <= 3 && !line.cjk ? 1 : 0,
    overlap,
    isNameShaped(line) ? 1 : 0,
    /[?!]["'”’]?$/u.test(line.text) ? 1 : 0,
    digits,
    /[,:;\-–—]$/u.test(line.text) ? 1 : 0,
    Math.min(2, rank / 5),
    /\S:\s/u.test(line.text) ? 1 : 0,
    i >= bodyStart ? 1 : 0,
    Math.max(0, i - bodyStart) / 3,
    Math.max(-1, Math.min(1, (page.logOdds[i] ?? 0) / LOG_ODDS_SCALE)),
    TRAIL.test(line.text) ? 1 : 0,
    lines.some((other) => other !== line && other.text.length > line.text.length && other.text.endsWith(line.text)) ? 1 : 0,
    lines.some((other) => other !== line && other.words >= 2 && other.text.length < line.text.length && line.text.endsWith(other.text)) ? 1 : 0,
    words.length === 0 ? 0 : words.filter((word) => page.articleWords.has(word)).length / words.length,
    words.length === 0 ? 0 : words.filter((word) => (page.articleWords.get(word) ?? 0) >= RECURRING_LINES).length / words.length,
  ];
}

const TRAIL = /[»›>]/u;
/** A word the article returns to: found in this many of its lines. */
const RECURRING_LINES = 3;

/** Log-odds are divided by this (and clipped to ±1): beyond it the body model is sure either way. */
const LOG_ODDS_SCALE = 6;

/** Two to four capitalised words without stopwords or digits: a person's name. */
export function isNameShaped(line: Line): boolean {
  if (line.words < 2 || line.words > 4 || line.stopwordRatio > 0 || /\d/.test(line.text) || isAllCaps(line.text)) return false;
  return line.text.split(/\s+/).every((word) => /^\p{Lu}[\p{Ll}.'’-]/u.test(word));
}
