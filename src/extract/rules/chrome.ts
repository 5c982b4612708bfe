/**
 * Page chrome: share buttons, sign-in links, cookie walls, comment forms, end-of-article
 * markers and breadcrumb trails. Chrome is recognised by vocabulary (in several
 * languages, see settings) and shape, never by the name of a site.
 */
import { startsWithAny, type Line } from '../segment.ts';
import {
  BREADCRUMB_HOMES,
  BREADCRUMB_SEPARATORS,
  CHROME_LINE_STARTS,
  CHROME_SHORT_MAX_WORDS,
  CHROME_TERMS,
  CHROME_TERMS_MAX_WORDS,
  CHROME_TERMS_MIN_HITS,
  BOX_MARKERS,
  END_MARKERS,
  RELATED_HEADERS,
  RELATED_TITLE_MAX_WORDS,
  YOU_ARE_HERE,
} from '../settings.ts';

const CHROME_START = startsWithAny(CHROME_LINE_STARTS);
/** All chrome terms in one alternation, each in its own group, so one pass finds which ones a line holds. */
const CHROME_TERM_PATTERN = new RegExp(`(?<![\\p{L}])(?:${CHROME_TERMS.map((term) => `(${term})`).join('|')})(?![\\p{L}])`, 'giu');
/**
 * The same terms without word boundaries or groups: a cheap first pass. A line with fewer
 * than two raw matches cannot hold two different terms, so most lines skip the exact scan.
 */
const CHROME_TERM_QUICK = new RegExp(CHROME_TERMS.join('|'), 'gi');
/** An end marker is the whole line, maybe with a count or a colon ("Comments (12)", "Related:"). */
const marker = (alternatives: readonly string[]) =>
  new RegExp(`^[[(]?\\s*(?:${alternatives.join('|')})\\s*(?:\\(\\d+\\)|\\d+)?\\s*[\\]):.!…»›>]*$`, 'iu');
const END_MARKER = marker(END_MARKERS);
const BOX_MARKER = marker(BOX_MARKERS);
const HOME = new RegExp(`^(?:${BREADCRUMB_HOMES.join('|')})$`, 'iu');
const SEPARATOR = new RegExp(`\\s(?:${BREADCRUMB_SEPARATORS.map(escapeRegExp).join('|')})\\s`, 'u');
const YOU_ARE_HERE_LABEL = new RegExp(`^(?:${YOU_ARE_HERE.join('|')})\\s*:?\\s*`, 'iu');

/** Is the line page chrome wherever it stands? */
export function isChrome(line: Line): boolean {
  if (line.words <= CHROME_SHORT_MAX_WORDS && !line.prose && CHROME_START.test(line.text)) return true;
  if (line.words <= RELATED_TITLE_MAX_WORDS && INLINE_LINK.test(line.text)) return true;
  if (line.words > CHROME_TERMS_MAX_WORDS) return false;
  CHROME_TERM_QUICK.lastIndex = 0;
  let raw = 0;
  while (raw < CHROME_TERMS_MIN_HITS && CHROME_TERM_QUICK.exec(line.text) !== null) raw++;
  if (raw < CHROME_TERMS_MIN_HITS) return false;
  const hits = new Set<number>();
  for (const match of line.text.matchAll(CHROME_TERM_PATTERN)) {
    hits.add(match.findIndex((group, i) => i > 0 && group !== undefined));
    if (hits.size >= CHROME_TERMS_MIN_HITS) return true;
  }
  return false;
}

/**
 * "Heading In Title CaseThe summary starts here…": a teaser's headline and summary, glued
 * together when the page was copied (two blocks of a link card, no space between them).
 * The glue is a lowercase letter run straight into a capitalised function word ("…OptionsThe
 * 49ers…", "…SteakhouseA party…"); brand names ("McAllen", "iPhone") glue onto content words,
 * and a dateline glues after a bracket ("(Agency)A fire…"), which is not counted.
 */
export function isGluedTeaser(line: Line): boolean {
  if (!LATIN_GLUE.test(line.text)) return false;
  for (const match of line.text.matchAll(GLUED_FUNCTION_WORD)) {
    if (line.stopwords.has((match[1] as string).toLowerCase())) return true;
  }
  return false;
}
/** Cheap first pass: a lowercase letter straight before a capital, in Latin script (the languages whose function words are capitalised). */
const LATIN_GLUE = /[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]/;
const GLUED_FUNCTION_WORD = /\p{Ll}{2}[?!’”]?(\p{Lu}\p{Ll}{1,4}|A)\s/gu;

/** Does the line open the comments ("Leave a Comment", "12 comments")? */
export function isEndMarker(line: Line): boolean {
  if (line.words <= CHROME_SHORT_MAX_WORDS && END_MARKER.test(line.text)) return true;
  return line.words <= RELATED_TITLE_MAX_WORDS && COMMENTS_ON.test(line.text);
}
/** "12 thoughts on “Headline”", "3 responses to “Headline”": the header blog software puts over the comments. */
const COMMENTS_ON = /^\d+\s+(?:thoughts?|responses?|repl(?:y|ies)|comments?)\s+(?:on|to)\s+["“«„‘']/iu;
/** "Related: Headline of another story", "READ MORE: …": one link set in the text, a box header and a title on one line. */
const INLINE_LINK = new RegExp(`^(?:${[...BOX_MARKERS, ...RELATED_HEADERS].join('|')})\\s*:\\s*\\S`, 'iu');

/** Is the line the header of a link box ("Related articles", "See also:", "Read more")? */
export function isBoxMarker(line: Line): boolean {
  return line.words <= CHROME_SHORT_MAX_WORDS && BOX_MARKER.test(line.text);
}

export interface Breadcrumb {
  /** The crumbs between "Home" and the page itself. */
  trail: string[];
  /** The last crumb: usually the headline of the page. */
  last: string;
}

/** Read "Home / World / Asia / Headline" or "Home » World » Headline". */
export function parseBreadcrumb(line: Line): Breadcrumb | undefined {
  const separator = line.text.match(SEPARATOR)?.[0];
  if (!separator) return undefined;
  const crumbs = line.text.split(separator).map((c) => c.trim()).filter((c) => c !== '');
  const first = crumbs[0];
  if (!first || crumbs.length < 2 || !HOME.test(first)) return undefined;
  if (crumbs.length === 2 && crumbs[1]!.split(' ').length > 6) return undefined;
  const last = crumbs.at(-1) as string;
  return { trail: crumbs.slice(1, -1), last };
}

/** Read "You are in: World: Asia-Pacific" → "World: Asia-Pacific". */
export function parseYouAreHere(line: Line): string | undefined {
  const match = line.text.match(YOU_ARE_HERE_LABEL);
  if (!match || match[0].length === 0) return undefined;
  const rest = line.text.slice(match[0].length).trim();
  return rest === '' ? undefined : rest;
}

/**
 * A masthead: the page's first line starts with a run of capitals ("BBC NEWS Americas
 * Africa …"), the publisher's name set as a logo. Returns it in normal case.
 */
export function parseMasthead(line: Line): string | undefined {
  const match = line.text.match(/^((?:\p{Lu}{2,}[\p{Lu}\p{N}&.'-]*\s+){1,3})(?=\p{Lu}\p{Ll})/u);
  if (!match?.[1]) return undefined;
  const words = match[1].trim().split(/\s+/);
  if (words.length < 2) return undefined;
  return words.map((w) => (w.length <= 3 ? w : w[0] + w.slice(1).toLowerCase())).join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
