/**
 * Block rules inside the body: tables, fact boxes, pull quotes, lists, subheadings.
 * Each rule looks at the line at `i` (and its neighbours) and either claims a run of
 * lines as one block or returns undefined.
 */
import type { Block } from '../markdown.ts';
import type { Line } from '../segment.ts';
import {
  FACT_BOX_MIN_ROWS,
  FACT_ROW_LABEL_MAX_CHARS,
  PULL_QUOTE_MIN_WORDS,
  QUOTE_ATTRIBUTION_MAX_WORDS,
  SOURCE_LABELS,
  SUBHEADING_MAX_CHARS,
  SUBHEADING_MAX_WORDS,
} from '../settings.ts';

export interface Claim {
  block: Block;
  /** Number of lines the block takes. */
  length: number;
}

/** "2001 - 583", "Deaths: 1,204", "GDP growth – 3.2%": a label and a figure. */
const FACT_ROW = new RegExp(`^[\\p{L}\\p{N}][^\\t]{0,${FACT_ROW_LABEL_MAX_CHARS}}?\\s[-–—:=]\\s*[-+]?[\\d$€£¥][\\d.,%$€£¥ ]*(?:\\s?[\\p{L}%]{1,12})?$`, 'u');
const SOURCE_LINE = new RegExp(`^(?:${SOURCE_LABELS.join('|')})\\s*:\\s*\\S`, 'iu');
/** List items copied with their bullets. */
const BULLET = /^(?:[-•*·▪●◦‣]\s+)(\S.*)$/u;
/** A subheading does not end like a sentence in progress. */
const UNFINISHED = /[.,;:\-–—]$/u;

/** Rows copied from an HTML table keep their tabs. */
export function claimTable(lines: readonly Line[], i: number, end: number): Claim | undefined {
  let j = i;
  while (j <= end && (lines[j] as Line).tabbed) j++;
  if (j - i < FACT_BOX_MIN_ROWS) return undefined;
  const rows = lines.slice(i, j).map((line) => line.cells ?? [line.text]);
  return { block: { kind: 'table', rows }, length: j - i };
}

/** A short heading, rows of "label – figure", and maybe a "Source:" line. */
export function claimFactBox(lines: readonly Line[], i: number, end: number): Claim | undefined {
  const first = lines[i] as Line;
  const hasHeading = !FACT_ROW.test(first.text) && !first.prose && !first.terminal && first.words <= SUBHEADING_MAX_WORDS;
  let j = hasHeading ? i + 1 : i;
  const rows: string[] = [];
  while (j <= end && FACT_ROW.test((lines[j] as Line).text)) rows.push((lines[j++] as Line).text);
  if (rows.length < FACT_BOX_MIN_ROWS) return undefined;
  const next = lines[j];
  const source = next && j <= end && SOURCE_LINE.test(next.text) ? next.text : undefined;
  const length = j - i + (source === undefined ? 0 : 1);
  return { block: { kind: 'fact-box', heading: hasHeading ? first.text : undefined, rows, source }, length };
}

/**
 * A pull quote: a sentence without final punctuation set apart from the text, followed
 * by a short attribution ("Asylum seekers' statement"), followed by the text again.
 */
export function claimPullQuote(lines: readonly Line[], i: number, end: number): Claim | undefined {
  const quote = lines[i] as Line;
  const attribution = lines[i + 1];
  const after = lines[i + 2];
  if (!attribution || !after || i + 2 > end) return undefined;
  if (quote.prose || quote.terminal || quote.words < PULL_QUOTE_MIN_WORDS || quote.stopwordRatio === 0) return undefined;
  if (attribution.prose || attribution.terminal || attribution.words > QUOTE_ATTRIBUTION_MAX_WORDS) return undefined;
  if (!after.prose || attribution.blankAfter || !quote.blankAfter) return undefined;
  return { block: { kind: 'quote', text: quote.text.replace(/^["“”]|["“”]$/gu, ''), attribution: attribution.text }, length: 2 };
}

/** Lines copied with their bullets ("• item", "- item"). */
export function claimList(lines: readonly Line[], i: number, end: number): Claim | undefined {
  const items: string[] = [];
  let j = i;
  for (; j <= end; j++) {
    const item = (lines[j] as Line).text.match(BULLET)?.[1];
    if (item === undefined) break;
    items.push(item);
  }
  return items.length > 0 ? { block: { kind: 'list', items }, length: j - i } : undefined;
}

/** A short line between paragraphs that does not end like a sentence: a subheading. */
export function isSubheading(lines: readonly Line[], i: number): boolean {
  const line = lines[i] as Line;
  const next = lines[i + 1];
  if (line.prose || line.words === 0 || line.words > SUBHEADING_MAX_WORDS || line.text.length > SUBHEADING_MAX_CHARS) return false;
  if (UNFINISHED.test(line.text) || !/^[\p{Lu}\p{N}"'“‘«¿¡]|^\p{Lo}/u.test(line.text)) return false;
  return next !== undefined && (next.prose || next.tabbed || BULLET.test(next.text));
}
