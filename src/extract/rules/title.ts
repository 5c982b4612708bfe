/**
 * The headline: chosen among the lines around the start of the body, by shape and by
 * context.
 *
 * A candidate is a line of 2–30 words (or a CJK line of 6–120 characters) that starts
 * like a headline and is not chrome, a date or a byline. Candidates are scored by a
 * small learned model (model/headline-features.ts and model/choice.ts, fitted by
 * `npm run train:extract`), and the best one wins.
 */
import { isAllCaps, type Line } from '../segment.ts';
import { bestChoice } from '../model/choice.ts';
import { headlineFeatures, isNameShaped, type HeadlinePage } from '../model/headline-features.ts';
import {
  DERIVED_TITLE_MAX_CHARS,
  HEADLINE_LABEL_SUFFIXES,
  HEADLINE_MAX_WORDS,
  HEADLINE_MIN_CJK_CHARS,
  HEADLINE_MIN_WORDS,
  KICKER_MAX_WORDS,
  TITLE_SUFFIX_MAX_WORDS,
  TITLE_SUFFIX_SURE_WORDS,
} from '../settings.ts';

/** What the title rule knows about the page. */
export type TitleContext = HeadlinePage;

export interface Candidate {
  index: number;
  features: number[];
}

/** The headline-shaped lines among [from, to) that are not chrome, nearest the body first, with their features. */
export function headlineCandidates(context: TitleContext, from: number, to: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (let i = to - 1; i >= from; i--) {
    const line = context.lines[i] as Line;
    if (context.excluded(i) || !isHeadlineShaped(line) || repeatsAsLead(context, line)) continue;
    // Among the body's first lines only a line that does not end like a sentence may be the headline (a lead paragraph is not).
    if (i >= context.bodyStart && line.terminal) continue;
    candidates.push({ index: i, features: headlineFeatures(context, i, candidates.length) });
  }
  return candidates;
}

/**
 * Pick the headline among lines [from, to): the candidate the learned model scores
 * highest (see model/headline-features.ts for the signals). Undefined when no line
 * has the shape of a headline.
 */
export function findHeadline(context: TitleContext, from: number, to: number, weights: readonly number[]): number | undefined {
  const candidates = headlineCandidates(context, from, to);
  return candidates[bestChoice(candidates.map((c) => c.features), weights)]?.index;
}

/** A standfirst that the first paragraph repeats word for word ("Dek text" → "Dek text, as …") is not the headline. */
function repeatsAsLead(context: TitleContext, line: Line): boolean {
  const lead = context.lines[context.bodyStart];
  return line.prose && lead !== undefined && lead.index !== line.index && lead.text.startsWith(line.text);
}

/** A web address with its scheme: a headline may name a site, it does not link to one ("Visit: https://…"). */
const LINKED_ADDRESS = /\bhttps?:\/\//iu;

/** A reading-time label ("6 min read", "5 Minute Read"): the page's, beside a headline, never one. */
const READING_TIME = /^\d{1,3}\s*(?:min|mins|minutes?)\.?\s+read$/iu;

/** A relative date ("2 days ago", "an hour ago"): when the page was copied, never a headline. */
const RELATIVE_TIME = /^(?:\d{1,3}|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$/iu;

/** Length and case of a headline, and neither a web address, a reading time nor a relative date. */
export function isHeadlineShaped(line: Line): boolean {
  if (LINKED_ADDRESS.test(line.text) || READING_TIME.test(line.text) || RELATIVE_TIME.test(line.text)) return false;
  if (line.cjk) return line.text.length >= HEADLINE_MIN_CJK_CHARS && line.text.length <= 4 * HEADLINE_MAX_WORDS;
  if (line.words < HEADLINE_MIN_WORDS || line.words > HEADLINE_MAX_WORDS) return false;
  if (isAllCaps(line.text) && line.words <= KICKER_MAX_WORDS) return false;
  return /^[\p{Lu}\p{N}"'“‘«¿¡[(]/u.test(line.text);
}

export { isNameShaped };

const HEADLINE_LABELS = new Set(HEADLINE_LABEL_SUFFIXES);

/**
 * "Headline – VG", "Headline | BBC News": a short name after a dash or bar is the site.
 * The suffix has at most `TITLE_SUFFIX_MAX_WORDS` capitalised words and no quotes; one
 * of more than `TITLE_SUFFIX_SURE_WORDS` words is the site only when `named` says the
 * page names it elsewhere ("Wedding Planning Tools – Caterer Comparison Spreadsheet" is
 * one headline; "… – Myles Katherine Photography" is a site the page names again). A
 * label ("… | Opinion": `HEADLINE_LABEL_SUFFIXES`) is the headline's own, never a site.
 */
export function stripSiteSuffix(text: string, named: (site: string) => boolean = () => true): { title: string; site?: string } {
  if (!SUFFIX_SEPARATOR.test(text)) return { title: text };
  const match = text.match(/^(.{8,}?)\s+[–—|-]\s+([^–—|"“”‘’']+)$/u);
  if (!match?.[1] || !match[2]) return { title: text };
  const site = match[2].trim();
  if (HEADLINE_LABELS.has(site.toLowerCase())) return { title: text };
  const words = site.split(/\s+/);
  if (words.length > TITLE_SUFFIX_MAX_WORDS || !words.every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return { title: text };
  if (words.length > TITLE_SUFFIX_SURE_WORDS && !named(site)) return { title: text };
  return { title: match[1].trim(), site };
}

/** Cheap first pass: a dash or bar between spaces (the suffix pattern below is costly on long lines). */
const SUFFIX_SEPARATOR = /\s[–—|-]\s/u;

/** Make a headline from the lead sentence when the page has none. */
export function deriveTitle(lead: string): string {
  const sentence = (lead.match(/^.+?[.!?。！？](?=\s|$)/u)?.[0] ?? lead).replace(/[.。]$/u, '').trim();
  if (sentence.length <= DERIVED_TITLE_MAX_CHARS) return sentence;
  const cut = sentence.slice(0, DERIVED_TITLE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[,;:]$/u, '')}…`;
}
