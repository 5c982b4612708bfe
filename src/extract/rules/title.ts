/**
 * The headline: chosen among the lines above the body, by shape and by context.
 *
 * A headline is a line of 2–30 words without a final full stop, usually repeated on
 * the page (the page title and the visible headline, or the last crumb of the
 * breadcrumb), close to a date or byline, and the first such line after the menus.
 * Each signal adds to a score; the best candidate above `HEADLINE_MIN_SCORE` wins.
 */
import { isAllCaps, type Line } from '../segment.ts';
import {
  DERIVED_TITLE_MAX_CHARS,
  HEADLINE_MAX_WORDS,
  HEADLINE_MIN_CJK_CHARS,
  HEADLINE_MIN_SCORE,
  HEADLINE_MIN_WORDS,
  KICKER_MAX_WORDS,
  TITLE_SUFFIX_MAX_WORDS,
} from '../settings.ts';

/** What the title rule knows about each line. */
export interface TitleContext {
  lines: readonly Line[];
  /** Lines that cannot be headlines: chrome, dates, bylines, breadcrumbs, credits. */
  excluded: (index: number) => boolean;
  /** Lines that are dates or bylines (headlines sit next to them). */
  isMeta: (index: number) => boolean;
  /** How often each lower-cased text occurs on the page (with site suffixes removed). */
  occurrences: ReadonlyMap<string, number>;
}

/** Score weights (points, not thresholds): each is one piece of evidence. */
const REPEATED = 2; // the page title and the visible headline are the same text
const NEAR_META = 1; // a date or byline within two lines
const AFTER_CHROME = 1; // headlines open the header: right after the menus, or a date line
const OPENS_HEADER = 1.5; // followed by a byline, a date or a standfirst: the shape of an article header
const LONG = 0.5; // headlines have several words; menus and names have two or three
const NAME = -2; // "Natasha Turak": a bare author name next to the date
const TITLE_CASE = 0.5; // "Sweden Drops Its Investigation" is written as a headline
const FULL_STOP = -1.5; // sentences end with a full stop, headlines seldom do
const PROSE = -1; // a running sentence is a standfirst or a caption
const DISTANCE = -0.05; // per line away from the body

/** Pick the headline among lines [from, to). Returns its index or undefined. */
export function findHeadline(context: TitleContext, from: number, to: number): number | undefined {
  let best: number | undefined;
  let bestScore = HEADLINE_MIN_SCORE - Number.EPSILON;
  for (let i = from; i < to; i++) {
    const line = context.lines[i] as Line;
    if (context.excluded(i) || !isHeadlineShaped(line)) continue;
    let score = 1;
    if ((context.occurrences.get(stripSiteSuffix(line.text).title.toLowerCase()) ?? 0) > 1) score += REPEATED;
    if (hasMetaNear(context, i)) score += NEAR_META;
    score += opensHeader(context, i, to);
    if (line.words >= LONG_HEADLINE_WORDS || line.cjk) score += LONG;
    if (isNameShaped(line)) score += NAME;
    if (i === 0 || context.excluded(i - 1)) score += AFTER_CHROME;
    if (line.titleCase) score += TITLE_CASE;
    if (line.text.endsWith('.') && !line.text.endsWith('..') && !line.titleCase) score += FULL_STOP;
    if (line.prose) score += PROSE;
    score += DISTANCE * (to - i);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** Length and case of a headline. */
export function isHeadlineShaped(line: Line): boolean {
  if (line.cjk) return line.text.length >= HEADLINE_MIN_CJK_CHARS && line.text.length <= 4 * HEADLINE_MAX_WORDS;
  if (line.words < HEADLINE_MIN_WORDS || line.words > HEADLINE_MAX_WORDS) return false;
  if (isAllCaps(line.text) && line.words <= KICKER_MAX_WORDS) return false;
  return /^[\p{Lu}\p{N}"'“‘«¿¡[(]/u.test(line.text);
}

/** Words from which a headline counts as long. */
const LONG_HEADLINE_WORDS = 5;

/** Is the line followed by what follows headlines: a byline, an author's name, a date or a standfirst? */
function opensHeader(context: TitleContext, i: number, to: number): number {
  const next = context.lines[i + 1];
  if (!next) return 0;
  if (context.isMeta(i + 1) || isNameShaped(next) || (next.prose && i + 1 < to)) return OPENS_HEADER;
  return 0;
}

/** Two to four capitalised words without stopwords or digits: a person's name. */
export function isNameShaped(line: Line): boolean {
  if (line.words < 2 || line.words > 4 || line.stopwordRatio > 0 || /\d/.test(line.text) || isAllCaps(line.text)) return false;
  return line.text.split(/\s+/).every((word) => /^\p{Lu}[\p{Ll}.'’-]/u.test(word));
}

function hasMetaNear(context: TitleContext, i: number): boolean {
  for (let j = Math.max(0, i - 1); j <= Math.min(context.lines.length - 1, i + 3); j++) {
    if (j !== i && context.isMeta(j)) return true;
  }
  return false;
}

/**
 * "Headline – VG", "Headline | BBC News": a short name after a dash or bar is the site.
 * The suffix has at most `TITLE_SUFFIX_MAX_WORDS` capitalised words and no quotes.
 */
export function stripSiteSuffix(text: string): { title: string; site?: string } {
  const match = text.match(/^(.{8,}?)\s+[–—|-]\s+([^–—|"“”‘’']+)$/u);
  if (!match?.[1] || !match[2]) return { title: text };
  const site = match[2].trim();
  const words = site.split(/\s+/);
  if (words.length > TITLE_SUFFIX_MAX_WORDS || !words.every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return { title: text };
  return { title: match[1].trim(), site };
}

/** Make a headline from the lead sentence when the page has none. */
export function deriveTitle(lead: string): string {
  const sentence = (lead.match(/^.+?[.!?。！？](?=\s|$)/u)?.[0] ?? lead).replace(/[.。]$/u, '').trim();
  if (sentence.length <= DERIVED_TITLE_MAX_CHARS) return sentence;
  const cut = sentence.slice(0, DERIVED_TITLE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[,;:]$/u, '')}…`;
}
