/**
 * A chunk file's entries changed as text, without parsing the chunk: an edit or a day's
 * new articles change a few postings of each of their terms' entries, and the common
 * terms' entries hold a posting for nearly every article (tens of kB each). So the
 * entries of a chunk are found by their brackets, the entries of clean terms copied as
 * they are, and a dirty term's postings read number by number, the unchanged runs
 * copied as slices of the old text and only the postings around a change written anew.
 * The result is the text `termEntry` / `positionEntry` (shards.ts) would write for the
 * merged postings (test/search/entry-text.test.ts checks this).
 *
 * Kept documents may move (an older article added, one removed: every document after it
 * takes another number). Their order stays, so a list's numbers, written as deltas from
 * the one before, change only where a document came or went between two of them: the
 * runs between are still copied as they are.
 */
import type { TermPostings } from './build-index.ts';
import { BODY_FIELD } from './shard-format.ts';

/** The entries of a chunk file (`[entry,entry,…]`), each with its term. */
export function splitChunk(text: string): Array<{ term: string; text: string }> {
  const entries: Array<{ term: string; text: string }> = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === OPEN) {
      if (depth === 1) start = i;
      depth++;
    } else if (c === CLOSE) {
      depth--;
      if (depth === 1) {
        const entry = text.slice(start, i + 1);
        entries.push({ term: JSON.parse(entry.slice(1, stringEnd(entry, 1) + 1)) as string, text: entry });
      }
    }
  }
  return entries;
}

export interface EntryChange {
  /** Each previous document's number in the new index (by its number before), -1 for one whose postings go; kept documents keep their order. */
  renumber: Int32Array;
  /** The postings that come in (numbers as they will be), if any. */
  added: TermPostings | undefined;
  /**
   * When known: from this document (its number before) on, every document is kept and
   * moves as the others do (`tailFrom`), and each list's last document before (the
   * build's `lasts`, for this entry's kind). A list's runs there, once no added run is
   * left to put among them, are copied to its end without reading their numbers.
   */
  tail?: { from: number; lasts: readonly number[] };
}

/**
 * Where the documents that all keep their order and spacing begin, by number before (the
 * length of `renumber` when the last one goes): after the last one that goes or moves
 * otherwise. `EntryChange.tail`'s `from`.
 */
export function tailFrom(renumber: Int32Array): number {
  const end = renumber.length;
  if (end === 0 || renumber[end - 1] === -1) return end;
  const shift = renumber[end - 1]! - (end - 1);
  let from = end - 1;
  while (from > 0 && renumber[from - 1] !== -1 && renumber[from - 1]! - (from - 1) === shift) from--;
  return from;
}

export interface PatchedEntry {
  /** The entry with a new `first` field and seq (`first` and `seq` of the entry as it was, until the caller knows them). */
  withFirst(field: number, seq: number): string;
  /** The highest document number left with the term, -1 for none. */
  newest: number;
  /** The last document of each field's list (-1 for none). */
  lasts: number[];
  /** The highest number before (as it was), and the entry's `first` field and seq. */
  oldNewest: number;
  oldField: number;
  oldSeq: number;
}

/** A term entry `["term",field,seq,[[…],…]]` with `change` applied. */
export function patchTermEntry(text: string, change: EntryChange): PatchedEntry {
  const termEnd = stringEnd(text, 1);
  const numbers = new NumberReader(text, termEnd + 1);
  const oldField = numbers.next();
  const oldSeq = numbers.next();
  const fields: string[] = [];
  const lasts: number[] = [];
  let newest = -1;
  let oldNewest = -1;
  let at = numbers.position + 2; // past `,[`
  for (let f = 0; text.charCodeAt(at) === OPEN; f++) {
    const merged = mergeList(text, at, change.renumber, change.added?.postings[f], f === BODY_FIELD ? 'pairs' : 'triples', tailOf(change, f));
    fields.push(merged.text);
    lasts.push(merged.last);
    newest = Math.max(newest, merged.last);
    oldNewest = Math.max(oldNewest, merged.oldLast);
    at = merged.end + 1;
    if (text.charCodeAt(at) === COMMA) at++;
  }
  const term = text.slice(1, termEnd + 1);
  const postings = fields.map((f) => `[${f}]`).join(',');
  return { withFirst: (field, seq) => `[${term},${field},${seq},[${postings}]]`, newest, lasts, oldNewest, oldField, oldSeq };
}

/** A term entry with another `first` field and seq. */
export function withFirst(text: string, field: number, seq: number): string {
  const termEnd = stringEnd(text, 1);
  const numbers = new NumberReader(text, termEnd + 1);
  numbers.next();
  numbers.next();
  return `[${text.slice(1, termEnd + 1)},${field},${seq}${text.slice(numbers.position)}`;
}

/** A positions entry `["term",[[…],…]]` with `change` applied, and the last document of each field's list. */
export function patchPositionEntry(text: string, change: EntryChange): { text: string; lasts: number[] } {
  const termEnd = stringEnd(text, 1);
  const fields: string[] = [];
  const lasts: number[] = [];
  let at = termEnd + 3; // past `,[`
  for (let f = 0; text.charCodeAt(at) === OPEN; f++) {
    const merged = mergeList(text, at, change.renumber, change.added?.ordinals[f], 'ordinals', tailOf(change, f));
    fields.push(merged.text);
    lasts.push(merged.last);
    at = merged.end + 1;
    if (text.charCodeAt(at) === COMMA) at++;
  }
  return { text: `[${text.slice(1, termEnd + 1)},[${fields.map((f) => `[${f}]`).join(',')}]]`, lasts };
}

/** Field `f`'s tail: where it starts, and the list's last document before. */
function tailOf(change: EntryChange, f: number): { from: number; last: number } | undefined {
  return change.tail === undefined ? undefined : { from: change.tail.from, last: change.tail.lasts[f]! };
}

/**
 * `patchTermEntry` and `patchPositionEntry` for documents added after every document the
 * entry has (the day's new articles, numbered after all others), without reading the
 * entry's numbers: each field's runs are put before its closing bracket, their first
 * document as a delta from the field's last one (`lasts`, kept by the build).
 */
export function appendToEntry(text: string, added: TermPostings, lasts: readonly number[], positions: boolean): { text: string; lasts: number[] } {
  const lists = positions ? added.ordinals : added.postings;
  const next = [...lasts];
  let out = '';
  let from = 0;
  // Each field's list is `[digits and commas]`: its end is the next `]` after its `[`.
  let open = text.indexOf('[[', stringEnd(text, 1)) + 1;
  for (let f = 0; f < lists.length; f++) {
    const close = text.indexOf(']', open);
    const list = lists[f]!;
    if (list.length > 0) {
      const runs: number[] = [];
      let previous = lasts[f]! === -1 ? 0 : lasts[f]!;
      for (let i = 0; i < list.length; ) {
        const doc = list[i]!;
        if (positions) {
          const count = list[i + 1]!;
          runs.push(doc - previous, count);
          let ordinal = 0;
          for (let k = 0; k < count; k++) {
            runs.push(list[i + 2 + k]! - ordinal);
            ordinal = list[i + 2 + k]!;
          }
          i += 2 + count;
        } else {
          runs.push(doc - previous, list[i + 1]!);
          if (f !== BODY_FIELD) runs.push(list[i + 2]!);
          i += 3;
        }
        previous = doc;
      }
      out += `${text.slice(from, close)}${close === open + 1 ? '' : ','}${runs.join(',')}`;
      from = close;
      next[f] = previous;
    }
    open = close + 2; // past `],`
  }
  return { text: out + text.slice(from), lasts: next };
}

/**
 * The list `[…]` at `open` in `text` — runs that start with a document number as a delta
 * from the one before, documents ascending: postings `[doc, tf, length]` ("triples"), the
 * body's `[doc, tf]` ("pairs"), or ordinals `[doc, count, ordinal delta × count]` — with
 * each kept document under its new number (`renumber`), the runs of those that go taken
 * out and `added`'s runs (absolute numbers; the builder's postings are triples for every
 * field) put in; its runs past `tail.from` copied as they are once no added one is left.
 * Returns the list's inner text, where it ended (its `]`), and the last document number
 * after (new) and before (as it was), -1 for none.
 */
function mergeList(
  text: string,
  open: number,
  renumber: Int32Array,
  added: Int32Array | undefined,
  kind: 'triples' | 'pairs' | 'ordinals',
  tail?: { from: number; last: number },
): { text: string; end: number; last: number; oldLast: number } {
  const ordinals = kind === 'ordinals';
  // Numbers past a run's second: the count of ordinals (-1 here), none (the body's pairs), or the length (triples).
  const extra = ordinals ? -1 : kind === 'pairs' ? 0 : 1;
  const size = (second: number) => 2 + (extra === -1 ? second : extra);
  const addedSize = (second: number) => (ordinals ? 2 + second : 3);
  const pieces: string[] = [];
  let previousIn = 0;
  let previousOut = 0;
  let last = -1;
  let oldLast = -1;
  let a = 0;
  const addedLength = added?.length ?? 0;
  /** Unchanged runs in a row are copied as one slice of `text`: where it starts (-1 for none) and ends. */
  let copyFrom = -1;
  let copyTo = -1;
  const flush = () => {
    if (copyFrom !== -1) pieces.push(text.slice(copyFrom, copyTo));
    copyFrom = -1;
  };
  const emitAdded = (until: number) => {
    while (a < addedLength && added![a]! < until) {
      const n = addedSize(added![a + 1]!);
      const run = Array.from(added!.subarray(a, a + size(added![a + 1]!)));
      run[0] = added![a]! - previousOut;
      // Ordinals are written as deltas too.
      for (let k = n - 1; ordinals && k > 2; k--) run[k] = run[k]! - run[k - 1]!;
      flush();
      pieces.push(run.join(','));
      previousOut = last = added![a]!;
      a += n;
    }
  };
  // The runs read character by character in this loop (the common terms' lists are most of
  // a chunk's text): each number's digits, the comma after it.
  let at = open + 1;
  while (text.charCodeAt(at) !== CLOSE) {
    const runStart = at;
    let delta = 0;
    for (let c = text.charCodeAt(at); c >= ZERO && c <= NINE; c = text.charCodeAt(++at)) delta = delta * 10 + (c - ZERO);
    at++; // a run has two numbers at least
    let second = 0;
    for (let c = text.charCodeAt(at); c >= ZERO && c <= NINE; c = text.charCodeAt(++at)) second = second * 10 + (c - ZERO);
    for (let k = size(second) - 2; k > 0; k--) {
      at++;
      for (let c = text.charCodeAt(at); c >= ZERO && c <= NINE; c = text.charCodeAt(++at));
    }
    const runEnd = at;
    if (text.charCodeAt(at) === COMMA) at++;
    const old = previousIn + delta;
    previousIn = oldLast = old;
    const doc = renumber[old];
    if (doc === undefined) throw new Error(`search index: an entry names document ${old}, which the index did not have`);
    if (doc === -1) {
      flush();
      continue;
    }
    if (a < addedLength) emitAdded(doc);
    if (doc - previousOut === delta) {
      if (copyFrom === -1) copyFrom = runStart;
      copyTo = runEnd;
    } else {
      flush();
      pieces.push(`${doc - previousOut}${text.slice(numberEnd(text, runStart), runEnd)}`);
    }
    previousOut = last = doc;
    if (tail !== undefined && old >= tail.from && a >= addedLength) {
      // The runs left: documents that all moved as this one did, none to put among them.
      const close = text.indexOf(']', at);
      if (close > at) {
        if (copyFrom === -1) copyFrom = at;
        copyTo = close;
        at = close;
        oldLast = tail.last;
        previousOut = last = renumber[tail.last]!;
      }
    }
  }
  emitAdded(Infinity);
  flush();
  return { text: pieces.join(','), end: at, last, oldLast };
}

/** Reads the non-negative integers of a JSON array one by one. */
class NumberReader {
  constructor(
    private readonly text: string,
    public position: number,
  ) {}

  /** The number at `position` (after a comma if there is one), leaving `position` just past it. */
  next(): number {
    let at = this.position;
    if (this.text.charCodeAt(at) === COMMA) at++;
    let value = 0;
    for (let c = this.text.charCodeAt(at); c >= ZERO && c <= NINE; c = this.text.charCodeAt(++at)) value = value * 10 + (c - ZERO);
    this.position = at;
    return value;
  }

}

/** Where the number that starts at `from` ends. */
function numberEnd(text: string, from: number): number {
  let at = from;
  for (let c = text.charCodeAt(at); c >= ZERO && c <= NINE; c = text.charCodeAt(++at));
  return at;
}

/** The index of the closing quote of the JSON string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  throw new Error('search index: a chunk file ends inside a string');
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;
