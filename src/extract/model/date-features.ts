/**
 * The date model's features: what is known about each date printed on a page.
 *
 * A candidate is a date line (a short line that is mostly a complete date — day, month
 * and year — or a byline that carries one: PageFacts.date, read by chrono in dates.ts) or
 * a short meta line that is not a sentence ("Susan December 9, 2024 0 Comments"),
 * wherever it stands; a date inside a sentence is the story's, not the page's. Pages print many: the day the page was viewed,
 * the article's date and its update, the dates of teasers, comments and related links.
 * The one the reader takes for the article's is near the headline, above or just under
 * it, often next to the byline or labelled "Published", and the page repeats it; teasers'
 * and comments' dates sit far below, among other dates. The weights that combine these
 * signals are fitted by `npm run train:extract` (a conditional logit, model/choice.ts).
 */
import { isEmbedAttribution, readDateLine, type FoundDate } from '../dates.ts';
import type { PageFacts } from '../header.ts';
import type { Region } from '../region.ts';
import type { Line } from '../segment.ts';
import { DATE_LINE_MAX_CHARS, DATE_META_LINE_MAX_WORDS } from '../settings.ts';

export const DATE_FEATURES = [
  'coverage', // share of the line's letters and digits that are the date
  'atEdge', // the date opens or closes the line
  'dateLine', // the line passes the date-line rule (PageFacts.date)
  'byline', // a byline on the same line ("By Ann Example · 3 May 2021")
  'updated', // "Updated …", "Modified …"
  'published', // "Published …", "Posted on …", "First published …"
  'near', // 1 / (1 + lines between the date and the headline)
  'offset', // (line − headline) / 10, clipped to ±3
  'aboveHeadline',
  'header', // between the headline and the body's first line
  'inBody', // inside the article's lines
  'belowBody', // after the article
  'top', // one of the page's first three lines
  'first', // the page's first date
  'repeats', // log(1 + other candidates of the same day)
  'rank', // candidates nearer the headline / 5, at most 2
  'latest', // no other candidate is later
  'earliest', // no other candidate is earlier
  'time', // a time of day is given
  'article', // the body model's log-odds for the line / 6, clipped
  'afterEnd', // below a comments marker ("Leave a comment")
  'otherWords', // words beside the date / 10, at most 1 (a teaser's or a related link's title)
] as const;

export interface DateCandidate {
  index: number;
  date: FoundDate;
  features: number[];
}

/** What the date model needs to know of the page. */
export interface DatePage {
  facts: PageFacts;
  /** The headline's line, or the body's first line when there is none. */
  anchor: number;
  /** The article's lines. */
  region: Region;
  /** The body model's log-odds for every line. */
  logOdds: Float64Array;
}

const PUBLISHED = /\b(?:published|posted|first published|veröffentlicht|publié|publicado|pubblicato|diterbitkan|опубликовано)\b/iu;
/** Lines nearer the headline than this are "near": the last few lines before a date is reached. */
const TOP_LINES = 3;
/** Log-odds are divided by this (and clipped to ±1). */
const LOG_ODDS_SCALE = 6;

/** Every complete date printed on a short line, with its features. */
export function dateCandidates(page: DatePage): DateCandidate[] {
  const { facts, anchor, region, logOdds } = page;
  const { lines } = facts;
  const found: { index: number; date: FoundDate; coverage: number; atEdge: boolean; otherWords: number }[] = [];
  let endMarker = Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (endMarker === Infinity && facts.isEndMarkerLine(i)) endMarker = i;
    if (line.text.length > DATE_LINE_MAX_CHARS || isEmbedAttribution(line.text)) continue;
    const metaLine = !line.prose && line.words <= DATE_META_LINE_MAX_WORDS;
    if (!metaLine && facts.date(i) === undefined) continue;
    const reading = readDateLine(line.text);
    if (reading === undefined) continue;
    const dateWords = reading.date.iso.length > 10 ? 5 : 3;
    found.push({ index: i, date: reading.date, coverage: reading.coverage, atEdge: reading.atEdge, otherWords: Math.max(0, line.words - dateWords) });
  }
  const days = found.map((f) => f.date.iso.slice(0, 10));
  const byDistance = [...found].sort((a, b) => Math.abs(a.index - anchor) - Math.abs(b.index - anchor) || a.index - b.index);
  return found.map((f, k) => {
    const line = lines[f.index] as Line;
    const day = days[k] as string;
    const distance = Math.abs(f.index - anchor);
    return {
      index: f.index,
      date: f.date,
      features: [
        f.coverage,
        f.atEdge ? 1 : 0,
        facts.date(f.index) !== undefined ? 1 : 0,
        facts.byline(f.index) !== undefined ? 1 : 0,
        f.date.updated ? 1 : 0,
        PUBLISHED.test(line.text) ? 1 : 0,
        1 / (1 + distance),
        Math.max(-3, Math.min(3, (f.index - anchor) / 10)),
        f.index < anchor ? 1 : 0,
        f.index > anchor && f.index < region.start ? 1 : 0,
        f.index >= region.start && f.index <= region.end ? 1 : 0,
        f.index > region.end ? 1 : 0,
        f.index < TOP_LINES ? 1 : 0,
        k === 0 ? 1 : 0,
        Math.log1p(days.filter((d, j) => j !== k && d === day).length),
        Math.min(2, byDistance.indexOf(f) / 5),
        days.every((d) => d <= day) ? 1 : 0,
        days.every((d) => d >= day) ? 1 : 0,
        f.date.iso.length > 10 ? 1 : 0,
        Math.max(-1, Math.min(1, (logOdds[f.index] ?? 0) / LOG_ODDS_SCALE)),
        f.index > endMarker ? 1 : 0,
        Math.min(1, f.otherWords / 10),
      ],
    };
  });
}
