/**
 * The main region: the densest run of prose on the page.
 *
 * Each line gets a score — prose earns its length in characters, a short line (menu
 * item, label) costs a little, chrome costs a lot, an end marker ("Leave a comment")
 * costs more than any article, a link-box header or a date line (teasers and comments
 * carry one each) cost about two paragraphs — and the article is the span with the highest sum
 * (Kadane's maximum subarray; the idea of Finn et al.'s Body Text Extraction and of
 * trafilatura's text-density pass). Short lines inside that span (subheadings,
 * captions, quotes) are kept for the block rules to classify.
 */
import { isGalleryCaption } from './rules/captions.ts';
import { isBoxMarker, isChrome, isEndMarker } from './rules/chrome.ts';
import { isAllCaps, type Line } from './segment.ts';
import {
  BOX_MARKER_PENALTY,
  CHROME_LINE_PENALTY,
  DATED_LINE_PENALTY,
  END_MARKER_MIN_PROSE_BEFORE,
  END_MARKER_PENALTY,
  EXTEND_MAX_GAP,
  EXTEND_MIN_WORDS,
  PARALLEL_ITEM_MAX_WORDS,
  PARALLEL_ITEM_MIN_WORDS,
  PARALLEL_LIST_MIN_ITEMS,
  PROSE_LINE_MAX_SCORE,
  SHORT_LINE_PENALTY,
  TABLE_ROW_SCORE,
} from './settings.ts';

export interface Region {
  /** First line of the body (index into the page's lines). */
  start: number;
  /** Last line of the body, inclusive; `end < start` when the page has no prose. */
  end: number;
}

/** Score one line for the region search; `dated` says whether it is a date or timestamp line, `chrome` whether `isChrome` holds (when already known). */
export function lineScore(line: Line, dated = false, chrome?: boolean): number {
  return scoreLine(line, { end: isEndMarker(line), box: isBoxMarker(line), dated, chrome: chrome ?? isChrome(line), gallery: isGalleryCaption(line) });
}

/** What the region score needs to know of a line besides its shape. */
export interface LineKinds {
  end: boolean;
  box: boolean;
  dated: boolean;
  chrome: boolean;
  gallery: boolean;
}

/** `lineScore` with the line's kinds already known (PageFacts asks the rules once). */
export function scoreLine(line: Line, kinds: LineKinds): number {
  if (kinds.end) return -END_MARKER_PENALTY;
  if (kinds.box) return -BOX_MARKER_PENALTY;
  if (kinds.dated) return -DATED_LINE_PENALTY;
  if (kinds.chrome) return -CHROME_LINE_PENALTY;
  // A gallery's captions read like prose but are not the article's text.
  if (kinds.gallery) return -SHORT_LINE_PENALTY;
  if (line.prose) return Math.min(line.text.length, PROSE_LINE_MAX_SCORE);
  if (line.tabbed) return TABLE_ROW_SCORE;
  return -SHORT_LINE_PENALTY;
}

/** Find the span of lines with the highest total score; `score(i)` is line i's `lineScore`. */
export function findRegion(lines: readonly Line[], score: (index: number) => number = (index) => lineScore(lines[index] as Line)): Region {
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  let prose = 0;
  let inBox = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    let lineValue = score(i);
    // The headlines of a link box are paid for by its header: they cost nothing more, so an article the box interrupts stays one span.
    if (lineValue === -BOX_MARKER_PENALTY) inBox = true;
    else if (line.prose) inBox = false;
    else if (inBox && lineValue === -SHORT_LINE_PENALTY) lineValue = 0;
    // Comments below an article can outweigh it: after enough prose, the first comments marker ends the search.
    if (lineValue === -END_MARKER_PENALTY && prose >= END_MARKER_MIN_PROSE_BEFORE) break;
    if (line.prose) prose += line.text.length;
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += lineValue;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  }
  return { start: bestStart, end: bestEnd };
}

/**
 * Article lines that score below zero often close the article right after the densest
 * span: an unbulleted list, an info box, a one-line sign-off. The region grows over
 * content-shaped lines (prose, or sentence-case lines of a few words with stopwords) until
 * a boundary — chrome, a box or end marker, a date line — or a run of `EXTEND_MAX_GAP`
 * lines that are not content-shaped (a menu, a link list).
 */
export function extendRegion(lines: readonly Line[], region: Region, boundary: (index: number) => boolean): Region {
  let end = region.end;
  let gap = 0;
  let listUntil = -1;
  for (let i = region.end + 1; i < lines.length; i++) {
    if (boundary(i)) break;
    if (i > listUntil) {
      const run = parallelRun(lines, i);
      if (run >= PARALLEL_LIST_MIN_ITEMS) listUntil = i + run - 1;
    }
    if (i <= listUntil || isContentShaped(lines[i] as Line)) {
      end = i;
      gap = 0;
    } else if (++gap >= EXTEND_MAX_GAP) break;
  }
  return { start: region.start, end };
}

/** Prose, or a sentence-case line of a few words that has stopwords: text, not a menu item, a teaser headline or a shouted prompt. */
export function isContentShaped(line: Line): boolean {
  return line.prose || (!line.titleCase && line.words >= EXTEND_MIN_WORDS && line.stopwordRatio > 0 && !isAllCaps(line.text));
}

/**
 * How many lines from `i` on share one punctuation skeleton ("England (Group A): 10th place",
 * "Spain (Group F): 11th place" → "():"): the items of an unbulleted list or a small table.
 * Menus have no punctuation; Title Case teaser headlines, file names and one- or two-word
 * lines ("Mac,") are left out.
 */
export function parallelRun(lines: readonly Line[], i: number): number {
  const first = lines[i] as Line;
  const shape = skeleton(first);
  if (shape === '') return 0;
  let j = i + 1;
  while (j < lines.length && skeleton(lines[j] as Line) === shape) j++;
  return j - i;
}

function skeleton(line: Line): string {
  if (line.prose || line.titleCase || line.words < PARALLEL_ITEM_MIN_WORDS || line.words > PARALLEL_ITEM_MAX_WORDS || !line.text.includes(' ')) return '';
  return line.text.replace(NOT_PUNCTUATION, '');
}
const NOT_PUNCTUATION = /[\p{L}\p{N}\p{M}\s]+/gu;
