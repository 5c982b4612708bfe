/**
 * Snippets and highlights: lunr match positions → text segments, some of them marked.
 *
 * lunr reports which index terms matched each result; `termPositions` finds them in the
 * title and the start of the body the document file holds, as lunr's `position`
 * metadata would ("embassies" is marked for the query "embassy", `Zürich` for `zurich`).
 *
 * Pure functions on strings; the DOM is drawn by results-view.ts.
 */
import { scanChunk, scanWords, termOf } from './tokenize.ts';

export interface Segment {
  text: string;
  marked: boolean;
}

/** `[offset, length]`, as lunr stores positions. */
export type Position = [number, number];

/** Words of context before the first match in a snippet, so it does not start mid-thought. */
export const SNIPPET_LEAD_WORDS = 8;

/** Length of a snippet in words; about the excerpt's length, two lines of a result. */
export const SNIPPET_WORDS = 30;

/**
 * Where the matched terms occur in `text`: the text is tokenized and folded exactly as
 * it was indexed (tokenize.ts), so each word whose index term lunr matched is marked,
 * at the offsets lunr's `position` metadata would give (`metadataWhitelist:
 * ['position']`). The shards leave positions out (they would be most of their bytes);
 * the result's own text gives them back for the words shown.
 */
export function termPositions(text: string, terms: ReadonlySet<string>): Position[] {
  return positionsOf(scanTerms(text), terms);
}

/** A text's words as indexed: offsets, lengths and index terms, in the tokenizer's order. */
export interface ScannedTerms {
  starts: number[];
  lengths: number[];
  terms: string[];
}

/**
 * Tokenizes and folds `text` once, so the positions of any set of terms can be found
 * in it without tokenizing again (the client keeps this per result it has drawn).
 */
export function scanTerms(text: string): ScannedTerms {
  const scanned: ScannedTerms = { starts: [], lengths: [], terms: [] };
  scanWords(text, (word, start) => {
    scanned.starts.push(start);
    scanned.lengths.push(word.length);
    scanned.terms.push(termOf(word));
  });
  return scanned;
}

/** `termPositions` on a text scanned before. */
export function positionsOf(scanned: ScannedTerms, terms: ReadonlySet<string>): Position[] {
  const positions: Position[] = [];
  if (terms.size === 0) return positions;
  for (let i = 0; i < scanned.terms.length; i++) {
    if (terms.has(scanned.terms[i]!)) positions.push([scanned.starts[i]!, scanned.lengths[i]!]);
  }
  return positions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * Split `text` into plain and marked segments. Positions outside the text are ignored,
 * overlapping ones merged, and each mark is narrowed to its letters and digits: lunr's
 * position of `“urgent` includes the quote mark, the highlight should not.
 */
export function highlight(text: string, positions: Position[]): Segment[] {
  const ranges: Array<[number, number]> = [];
  for (const [offset, length] of [...positions].sort((a, b) => a[0] - b[0])) {
    let start = Math.max(0, offset);
    let end = Math.min(text.length, offset + length);
    while (start < end && !isWordChar(text[start]!)) start++;
    while (end > start && !isWordChar(text[end - 1]!)) end--;
    if (start >= end) continue;
    const previous = ranges.at(-1);
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else ranges.push([start, end]);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

/**
 * A window of about `SNIPPET_WORDS` words of `text` around the first match, with every
 * match inside it marked and `…` where text was cut. Returns `undefined` when no
 * position falls inside `text` (the match is further into the body than the store
 * keeps, or only in another field); the caller then shows the excerpt.
 */
export function snippet(text: string, positions: Position[]): Segment[] | undefined {
  const inside = positions.filter(([offset]) => offset >= 0 && offset < text.length);
  const first = inside[0];
  if (!first) return undefined;

  // The words up to the end of the snippet and one more (to know whether text follows),
  // not the whole text: a result's text is up to 4,000 characters.
  const words: Array<{ start: number; end: number }> = [];
  let hit = -1;
  let from = 0;
  const WORD = /\S+/g;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    words.push({ start: m.index, end: m.index + m[0].length });
    if (hit < 0 && m.index + m[0].length > first[0]) {
      hit = words.length - 1;
      from = windowStart(hit);
    }
    if (hit >= 0 && words.length > from + SNIPPET_WORDS) break;
  }
  const to = Math.min(words.length, from + SNIPPET_WORDS);
  const start = words[from]!.start;
  const end = words[to - 1]!.end;

  const shifted = inside
    .filter(([offset]) => offset >= start && offset < end)
    .map(([offset, length]): Position => [offset - start, Math.min(length, end - offset)]);
  const segments = highlight(text.slice(start, end), shifted);
  if (from > 0) segments.unshift({ text: '… ', marked: false });
  if (to < words.length) segments.push({ text: ' …', marked: false });
  return segments;
}

/**
 * A text's words as indexed, scanned from the start only as far as it is read: a
 * snippet needs the words up to its window, not the 4,000 characters a result keeps
 * (tokenizing and stemming them all was most of drawing a result). Kept per result and
 * extended by later queries; `snippetOf` on it equals `snippet(text, termPositions(text, terms))`.
 *
 * A token's index term is worked out only when a query could match it (`matches`): an
 * ASCII word's term starts with the word's first letter or digit (folding only trims and
 * lower-cases it, and the Porter stemmer only rewrites endings), so a word whose first
 * letter starts none of the query's terms is passed over without folding or stemming.
 * That is most words, and stemming them was most of the time to draw a first page of
 * results before the browser had compiled the code.
 */
export class TextScan {
  readonly text: string;
  /** Tokens: offsets, lengths, the run of non-space characters (a snippet's word) each is in, and index terms as far as worked out. */
  readonly tokens: { starts: number[]; lengths: number[]; runs: number[]; terms: Array<string | undefined> };
  /** Each run's start and end. */
  readonly runStarts: number[];
  readonly runEnds: number[];
  private readonly pattern: RegExp;
  private ordinal: number;
  private ended: boolean;

  constructor(text: string) {
    this.text = text;
    this.tokens = { starts: [], lengths: [], terms: [], runs: [] };
    this.runStarts = [];
    this.runEnds = [];
    this.pattern = /\S+/gu;
    this.ordinal = 0;
    this.ended = false;
  }

  /** Scans runs until `runs` of them are known or the text ends; false when it ended first. */
  scanRuns(runs: number): boolean {
    const { tokens, runStarts, runEnds, pattern, text } = this;
    while (runStarts.length < runs && !this.ended) {
      const match = pattern.exec(text);
      if (match === null) {
        this.ended = true;
        break;
      }
      const run = runStarts.length;
      runStarts.push(match.index);
      runEnds.push(match.index + match[0].length);
      this.ordinal = scanChunk(text, match[0], match.index, this.ordinal, (word, start) => {
        tokens.starts.push(start);
        tokens.lengths.push(word.length);
        tokens.terms.push(undefined);
        tokens.runs.push(run);
      });
    }
    return runStarts.length >= runs;
  }

  /** True when token `i` is one of `terms`; `starts` holds the first character code of each of them (`termStarts`). */
  matches(i: number, terms: ReadonlySet<string>, starts: ReadonlySet<number>): boolean {
    const { tokens } = this;
    let term = tokens.terms[i];
    if (term === undefined) {
      const word = this.text.slice(tokens.starts[i]!, tokens.starts[i]! + tokens.lengths[i]!);
      const first = asciiTermStart(word);
      if (first !== undefined && !starts.has(first)) return false;
      term = tokens.terms[i] = termOf(word);
    }
    return terms.has(term);
  }
}

/** The first character code of each term. */
export function termStarts(terms: ReadonlySet<string>): Set<number> {
  return new Set([...terms].map((term) => term.charCodeAt(0)));
}

/**
 * The first character code of an ASCII word's index term (its first letter or digit,
 * lower-cased; 0 when it has none), or `undefined` for a word with other characters
 * before that, whose folding can change how it starts.
 */
export function asciiTermStart(word: string): number | undefined {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 0x7f) return undefined;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return c;
    if (c >= 0x41 && c <= 0x5a) return c | 0x20;
  }
  return 0;
}

/**
 * `snippet(text, termPositions(text, terms))`, reading `scan` only up to the end of the
 * snippet's window (one run further, to know whether text follows).
 */
export function snippetOf(scan: TextScan, terms: ReadonlySet<string>): Segment[] | undefined {
  if (terms.size === 0) return undefined;
  const { tokens } = scan;
  const starts = termStarts(terms);
  // The first match: tokens come in the order of their offsets.
  let first = -1;
  for (let i = 0; first < 0; i++) {
    while (i >= tokens.terms.length) if (!scan.scanRuns(scan.runStarts.length + 1)) return undefined;
    if (scan.matches(i, terms, starts)) first = i;
  }
  const from = windowStart(tokens.runs[first]!);
  const more = scan.scanRuns(from + SNIPPET_WORDS + 1);
  const to = Math.min(scan.runStarts.length, from + SNIPPET_WORDS);
  const start = scan.runStarts[from]!;
  const end = scan.runEnds[to - 1]!;
  const shifted: Position[] = [];
  for (let i = first; i < tokens.terms.length && tokens.starts[i]! < end; i++) {
    const offset = tokens.starts[i]!;
    if (offset >= start && scan.matches(i, terms, starts)) shifted.push([offset - start, Math.min(tokens.lengths[i]!, end - offset)]);
  }
  shifted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const segments = highlight(scan.text.slice(start, end), shifted);
  if (from > 0) segments.unshift({ text: '… ', marked: false });
  if (more) segments.push({ text: ' …', marked: false });
  return segments;
}

/**
 * The first word of a snippet whose first match is word `hit`. A match in the first half
 * of a snippet's length is shown from the body's first word: cutting one or two words
 * off the start would gain nothing and cost the lead.
 */
function windowStart(hit: number): number {
  return hit < SNIPPET_WORDS / 2 ? 0 : hit - SNIPPET_LEAD_WORDS;
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}
