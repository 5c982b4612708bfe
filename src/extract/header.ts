/**
 * The header: everything above the body — headline, standfirst, dates, byline,
 * section, source, header captions — read from the lines before the main region.
 */
import { bestChoice, choiceScore } from './model/choice.ts';
import { dateCandidates } from './model/date-features.ts';
import { SOURCE_FEATURES, sourceCandidates, type SourceCandidate } from './model/source-features.ts';
import type { ArticleLines } from './article-lines.ts';
import type { ExtractorModel } from './model/index.ts';
import { isEmbedAttribution, isTimestamp, readDateLine, type FoundDate } from './dates.ts';
import { scoreLine, type Region } from './region.ts';
import { isCaptionShaped, isCredit, isGalleryCaption, isLabelledCaption } from './rules/captions.ts';
import { isBoxMarker, isChrome, isEndMarker, isGluedTeaser, parseBreadcrumb, parseYouAreHere } from './rules/chrome.ts';
import { parseByline } from './rules/byline.ts';
import { contentWords } from './model/headline-features.ts';
import { findHeadline, stripSiteSuffix, type TitleContext } from './rules/title.ts';
import { isAllCaps, normalise, type Line } from './segment.ts';
import {
  CRUMB_HEADLINE_MIN_WORDS,
  DATE_LINE_MIN_COVERAGE,
  DATE_META_LINE_MAX_WORDS,
  HEADER_LOOKAHEAD_LINES,
  HEADLINE_BODY_LINES,
  HEADLINE_MAX_WORDS,
  HEADLINE_INSIDE_LINES,
  HEADLINE_WINDOW_LINES,
  SOURCE_NONE_MARGIN,
  STANDFIRST_MIN_WORDS,
  VIEWED_DATE_TOP_LINES,
} from './settings.ts';

/** What each line became; lines without a kept role end up in `removed`. */
export type Role = 'title' | 'subtitle' | 'date' | 'byline' | 'caption' | 'section' | 'related' | 'body' | 'chrome';

export interface Header {
  title?: string;
  titleIndex?: number;
  subtitle?: string;
  date?: FoundDate;
  viewedDate?: string;
  source?: string;
  section?: string;
  byline: string[];
  captions: string[];
  warnings: string[];
}

const UNKNOWN = -1;

/** Bits of `PageFacts.flags`. */
export const LineFlag = { End: 1, Box: 2, Trail: 4, Chrome: 8, Timestamp: 16, Gallery: 32 } as const;

/** Memoised per-line facts the header rules share. */
export class PageFacts {
  private readonly dates = new Map<number, FoundDate | null>();
  private readonly bylines = new Map<number, string[] | null>();
  /** Memo arrays: UNKNOWN (flags) or NaN (scores) until asked. */
  private readonly flagMemo: Int16Array;
  private readonly scores: Float64Array;
  readonly occurrences = new Map<string, number>();
  constructor(readonly lines: readonly Line[]) {
    this.flagMemo = new Int16Array(lines.length).fill(UNKNOWN);
    this.scores = new Float64Array(lines.length).fill(Number.NaN);
    for (const line of lines) {
      if (line.words > HEADLINE_MAX_WORDS * 2) continue; // only headline-sized lines can repeat a headline
      const crumb = parseBreadcrumb(line);
      // Keyed on the lower-cased text: a repeated headline is repeated verbatim.
      const texts = new Set([line.text.toLowerCase(), stripSiteSuffix(line.text).title.toLowerCase()]);
      if (crumb) texts.add(stripSiteSuffix(crumb.last).title.toLowerCase());
      for (const text of texts) this.occurrences.set(text, (this.occurrences.get(text) ?? 0) + 1);
    }
  }
  date(i: number): FoundDate | undefined {
    let found = this.dates.get(i);
    if (found === undefined) {
      const line = this.lines[i] as Line;
      // An embedded post's attribution ("— Ann Example (@ann) 3 May 2021") dates the post, not the article.
      if (isEmbedAttribution(line.text)) {
        this.dates.set(i, null);
        return undefined;
      }
      // A byline may carry the date ("By Ann Example · 3 May 2021"): the names do not count against it.
      // A short meta line may hold a date next to a name or a comment count ("3 May 2021 Ann Example", "3 May 2021/0 Comments").
      const edge = !line.prose && line.words <= DATE_META_LINE_MAX_WORDS ? 0 : DATE_LINE_MIN_COVERAGE;
      const read = readDateLine(line.text);
      found = read === undefined ? null : read.coverage >= (read.atEdge ? edge : DATE_LINE_MIN_COVERAGE) || this.byline(i) ? read.date : null;
      this.dates.set(i, found);
    }
    return found ?? undefined;
  }
  byline(i: number): string[] | undefined {
    let found = this.bylines.get(i);
    if (found === undefined) {
      found = parseByline(this.lines[i] as Line) ?? null;
      this.bylines.set(i, found);
    }
    return found ?? undefined;
  }
  /**
   * What the shape rules say of a line, asked once: end and box markers, trails,
   * chrome, time stamps, gallery captions (bits of `LineFlag`). The region search, the
   * body model's features and the header all read these.
   */
  flags(i: number): number {
    let found = this.flagMemo[i] as number;
    if (found === UNKNOWN) {
      const line = this.lines[i] as Line;
      found =
        (isEndMarker(line) ? LineFlag.End : 0) |
        (isBoxMarker(line) ? LineFlag.Box : 0) |
        (parseBreadcrumb(line) !== undefined || parseYouAreHere(line) !== undefined ? LineFlag.Trail : 0) |
        (isChrome(line) || isGluedTeaser(line) ? LineFlag.Chrome : 0) |
        (isTimestamp(line.text) ? LineFlag.Timestamp : 0) |
        (isGalleryCaption(line) ? LineFlag.Gallery : 0);
      this.flagMemo[i] = found;
    }
    return found;
  }
  /** Chrome of any kind: `isChrome`, end and box markers, breadcrumbs, "You are here" trails. */
  isChrome(i: number): boolean {
    return (this.flags(i) & (LineFlag.Chrome | LineFlag.End | LineFlag.Box | LineFlag.Trail)) !== 0;
  }
  /** `isChrome` of rules/chrome.ts or a glued teaser. */
  chromeLine(i: number): boolean {
    return (this.flags(i) & LineFlag.Chrome) !== 0;
  }
  isEndMarkerLine(i: number): boolean {
    return (this.flags(i) & LineFlag.End) !== 0;
  }
  /** A date or a time stamp ("2 days ago") on the line: teasers and comments carry one each. */
  dated(i: number): boolean {
    return this.date(i) !== undefined || (this.flags(i) & LineFlag.Timestamp) !== 0;
  }
  /** The line's score for the hand-made region search (region.ts `lineScore`), asked once. */
  handScore(i: number): number {
    let score = this.scores[i] as number;
    if (Number.isNaN(score)) {
      const flags = this.flags(i);
      score = scoreLine(this.lines[i] as Line, {
        end: (flags & LineFlag.End) !== 0,
        box: (flags & LineFlag.Box) !== 0,
        dated: this.dated(i),
        chrome: (flags & LineFlag.Chrome) !== 0,
        gallery: (flags & LineFlag.Gallery) !== 0,
      });
      this.scores[i] = score;
    }
    return score;
  }
  isMeta(i: number): boolean {
    return this.date(i) !== undefined || this.byline(i) !== undefined;
  }
}

/** Move the region start past date and byline lines among its first lines: they close the header. */
export function skipHeaderInRegion(facts: PageFacts, region: Region): Region {
  let start = region.start;
  const limit = Math.min(region.end, region.start + HEADER_LOOKAHEAD_LINES - 1);
  for (let i = region.start; i <= limit; i++) {
    if (facts.isMeta(i) || (facts.lines[i]?.text.match(/^[\p{L} ]{3,20}:$/u) && i < region.end)) start = i + 1;
  }
  return start <= region.end ? { start, end: region.end } : region;
}

/** The lines the headline is looked for among: those above the body, and its first few. */
export function headlineWindow(facts: PageFacts, region: Region): { from: number; to: number } {
  return { from: Math.max(0, region.start - HEADLINE_WINDOW_LINES), to: Math.min(facts.lines.length, region.start + HEADLINE_INSIDE_LINES) };
}

/** What the headline model sees of the page; `logOdds` are the body model's. */
export function headlineContext(facts: PageFacts, region: Region, logOdds: Float64Array): TitleContext {
  const { lines } = facts;
  const bodyWords = new Set<string>();
  const articleWords = new Map<string, number>();
  for (let i = region.start; i <= region.end; i++) {
    const line = lines[i] as Line;
    const words = new Set(contentWords(line.text, line.stopwords));
    for (const word of words) {
      if (i < region.start + HEADLINE_BODY_LINES) bodyWords.add(word);
      articleWords.set(word, (articleWords.get(word) ?? 0) + 1);
    }
  }
  return {
    lines,
    bodyStart: region.start,
    excluded: (i) => facts.isChrome(i) || facts.isMeta(i) || isCredit(lines[i] as Line),
    isMeta: (i) => facts.isMeta(i),
    occurrences: facts.occurrences,
    bodyWords,
    articleWords,
    logOdds,
  };
}

/** Read the header above `region.start`, marking each line's role; `article` is the body model's verdict. */
export function readHeader(facts: PageFacts, region: Region, roles: (Role | undefined)[], model: ExtractorModel, article: ArticleLines): Header {
  const { lines } = facts;
  const { logOdds } = article;
  const header: Header = { byline: [], captions: [], warnings: [] };
  const window = headlineWindow(facts, region);
  const windowStart = window.from;
  const chosen = findHeadline(headlineContext(facts, region, logOdds), window.from, window.to, model.headline);
  // A page that prints no headline: the model's best is then a sentence (the standfirst), and the breadcrumb names the story.
  const crumb = chosen === undefined || (lines[chosen] as Line).terminal ? crumbHeadline(facts, region.start) : undefined;
  const titleIndex = crumb?.index ?? chosen;
  let titleSite: string | undefined;

  if (titleIndex !== undefined) {
    const { title, site } = stripSiteSuffix(crumb?.title ?? (lines[titleIndex] as Line).text, (name) => namedElsewhere(lines, name, titleIndex));
    header.title = title;
    titleSite = site;
    header.titleIndex = titleIndex;
    roles[titleIndex] = 'title';
  }

  readSection(facts, header, windowStart, region.start, roles);
  readDates(facts, header, region, roles, model, logOdds);
  readBylineAndStandfirst(facts, header, region, roles);
  // The site part of the headline line ("… – VG") is the publisher when the model names none: the development
  // pages hardly have one, so the model never learnt it.
  header.source = readSource(sourceCandidates({ facts, keep: article.keep, titleIndex: header.titleIndex, section: header.section }), model.source) ?? titleSite;
  return header;
}

/**
 * The publisher: the name the source model (model/source-features.ts) scores best, unless
 * its "no publisher named" candidate (the last) scores `SOURCE_NONE_MARGIN` more.
 */
function readSource(candidates: readonly SourceCandidate[], weights: readonly number[]): string | undefined {
  const none = candidates.at(-1);
  const names = candidates.slice(0, -1);
  const best = names[bestChoice(names.map((c) => c.features), weights)];
  if (best === undefined || none === undefined) return undefined;
  if (choiceScore(best.features, weights) < choiceScore(none.features, weights) - SOURCE_NONE_MARGIN) return undefined;
  return brandOfLegalName(best, names) ?? best.name;
}

const [COPYRIGHT, PLACES] = [SOURCE_FEATURES.indexOf('copyright'), SOURCE_FEATURES.indexOf('places')];

/**
 * A company's legal name that the page gives as the copyright holder and in no other kind
 * of place ("© 2019 Cable News Network"), whose initials the page also uses as a name
 * ("CNN", in its menus and bylines): the initials are the publisher's name as readers
 * know it.
 */
export function brandOfLegalName(best: SourceCandidate, names: readonly SourceCandidate[]): string | undefined {
  // `places` is the number of kinds of place / 4: one kind, the copyright line.
  if (best.features[COPYRIGHT]! <= 0 || best.features[PLACES]! > 1 / 4) return undefined;
  const words = best.name.split(/\s+/).filter((word) => /^\p{Lu}/u.test(word));
  if (words.length < 2) return undefined;
  const initials = words.map((word) => word[0]).join('');
  return names.find((candidate) => candidate.name === initials)?.name;
}

/**
 * The story a breadcrumb above the body (`to`) names in its last crumb, when that crumb
 * has the length of a headline (`CRUMB_HEADLINE_MIN_WORDS`, not a section's one or two
 * words): the line that prints it, or the breadcrumb's own line when no line does (a page
 * that prints no headline).
 */
function crumbHeadline(facts: PageFacts, to: number): { index: number; title: string } | undefined {
  const { lines } = facts;
  for (let i = 0; i < to; i++) {
    const crumb = parseBreadcrumb(lines[i] as Line);
    if (crumb === undefined || crumb.trail.length === 0) continue;
    const words = crumb.last.split(/\s+/u).length;
    if (words < CRUMB_HEADLINE_MIN_WORDS || words > HEADLINE_MAX_WORDS) continue;
    const story = headlineKey(crumb.last);
    for (let j = i + 1; j < to; j++) {
      if (headlineKey((lines[j] as Line).text) === story) return { index: j, title: (lines[j] as Line).text };
    }
    return { index: i, title: crumb.last };
  }
  return undefined;
}

/** A line (or crumb) as a headline compares with another: without a site suffix, normalised. */
function headlineKey(text: string): string {
  return normalise(stripSiteSuffix(text).title);
}

/** Section: a breadcrumb, a "You are in:" trail, or a one-to-three-word label right above the headline. */
function readSection(facts: PageFacts, header: Header, from: number, to: number, roles: (Role | undefined)[]): void {
  const { lines } = facts;
  const scanFrom = Math.min(from, header.titleIndex ?? from);
  for (let i = 0; i < to; i++) {
    const line = lines[i] as Line;
    const crumb = parseBreadcrumb(line);
    const trail = crumb ? crumbTrail(crumb.trail, crumb.last, header.title) : parseYouAreHere(line);
    if (trail && !header.section) {
      header.section = trail;
    }
  }
  const above = header.titleIndex !== undefined ? lines[header.titleIndex - 1] : undefined;
  if (!header.section && above && above.index >= scanFrom && above.words <= 3 && !above.terminal && !facts.isChrome(above.index) && !facts.isMeta(above.index)) {
    header.section = isAllCaps(above.text) ? above.text[0] + above.text.slice(1).toLowerCase() : above.text;
    roles[above.index] = 'section';
  }
}

function crumbTrail(trail: string[], last: string, title: string | undefined): string | undefined {
  const crumbs = [...trail];
  if (title === undefined || headlineKey(last) !== normalise(title)) crumbs.push(last);
  return crumbs.length > 0 ? crumbs.join(' / ') : undefined;
}

/**
 * Dates: the date model (model/date-features.ts) chooses the publication date among the
 * complete dates printed on the page. A date at the very top of the page, above the
 * headline and followed by other dates, that the model did not choose is the page's own
 * (viewed) date. A chosen date labelled "Updated …" is used with a warning, and the
 * record says it was inferred.
 */
function readDates(facts: PageFacts, header: Header, region: Region, roles: (Role | undefined)[], model: ExtractorModel, logOdds: Float64Array): void {
  const anchor = header.titleIndex ?? region.start;
  const candidates = dateCandidates({ facts, anchor, region, logOdds });
  const chosen = candidates[bestChoice(candidates.map((c) => c.features), model.date)];
  const top = candidates[0];
  if (top && top !== chosen && top.index < VIEWED_DATE_TOP_LINES && top.index < anchor && candidates.length > 1) {
    header.viewedDate = top.date.iso.slice(0, 10);
    roles[top.index] = 'date';
  }
  // Date lines of the header are neither standfirst nor captions.
  for (const c of candidates) if (c.index < region.start && facts.date(c.index) !== undefined) roles[c.index] = 'date';
  if (chosen === undefined) return;
  header.date = chosen.date;
  if (chosen.index < region.start) roles[chosen.index] = 'date';
  if (chosen.date.updated) header.warnings.push(`only an "updated" date was found; used it as the publication date (${chosen.date.iso})`);
}

/**
 * Between the headline and the body: the first running sentence is the standfirst,
 * "By …" lines are the byline, sentence-shaped lines and credits are captions, the rest
 * (share buttons, labels) is chrome.
 */
function readBylineAndStandfirst(facts: PageFacts, header: Header, region: Region, roles: (Role | undefined)[]): void {
  const { lines } = facts;
  const from = header.titleIndex !== undefined ? header.titleIndex + 1 : Math.max(0, region.start - HEADER_LOOKAHEAD_LINES);
  const title = header.title !== undefined ? normalise(header.title) : undefined;
  let standfirstOpen = header.titleIndex !== undefined;
  for (let i = from; i < region.start; i++) {
    const line = lines[i] as Line;
    if (roles[i] === 'date') continue;
    const names = facts.byline(i);
    if (names) {
      header.byline.push(...names);
      roles[i] = 'byline';
      continue;
    }
    if (title !== undefined && headlineKey(line.text) === title) continue;
    if (facts.isChrome(i)) continue;
    if (header.titleIndex !== undefined && (isLabelledCaption(line) || isCredit(line))) {
      header.captions.push(line.text);
      roles[i] = 'caption';
      continue;
    }
    if (standfirstOpen && line.prose && line.words >= STANDFIRST_MIN_WORDS && !header.subtitle) {
      header.subtitle = line.text;
      roles[i] = 'subtitle';
      continue;
    }
    standfirstOpen = false;
    if (header.titleIndex !== undefined && isCaptionShaped(line)) {
      header.captions.push(line.text);
      roles[i] = 'caption';
    }
  }
}

/** Does a line other than the headline (and its copies in breadcrumbs) name `name`? */
function namedElsewhere(lines: readonly Line[], name: string, titleIndex: number): boolean {
  const needle = name.toLowerCase();
  const headline = (lines[titleIndex] as Line).text.toLowerCase();
  const head = headline.slice(0, Math.max(0, headline.length - needle.length - 3)).trim();
  return lines.some((line, i) => {
    if (i === titleIndex) return false;
    const text = line.text.toLowerCase();
    return text.includes(needle) && (head === '' || !text.includes(head));
  });
}
