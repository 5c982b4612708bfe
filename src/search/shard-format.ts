/**
 * The files of the sharded index, as the builder writes them and the client reads them.
 * Types and pure helpers only; shared by Node and the browser.
 *
 *   search/manifest.json         fields, chunk boundaries, documents per year and source
 *   search/terms/<n>.json        chunk n: the postings (document, weight) of a run of terms
 *   search/positions/<n>.json    chunk n: word ordinals, fetched only for "phrases"
 *   search/vocabulary/<n>.json   every term n characters long, fetched only to correct a typo
 *   search/docs/<d>.json         document d: what its result line shows
 *
 * Terms are sorted (by code unit) and cut into chunks of about `CHUNK_TARGET_BYTES`; the
 * manifest lists the first term of each chunk, so the client finds the one chunk that
 * holds a word, or the run of chunks that holds every word with a prefix, by binary
 * search. The manifest is also bundled into the client script (bundle-client.ts), so a
 * query downloads one chunk per word and one small file per result shown: what it
 * fetches grows with the words it names and the number of articles that contain them,
 * not with the size of the archive's vocabulary.
 */

export const SHARD_FORMAT_VERSION = 1;

export interface Manifest {
  version: number;
  /** lunr fields, in the order postings list them. */
  fields: string[];
  docCount: number;
  /** First term of each chunk, ascending. */
  chunks: string[];
  /** `[year, first document, count]`, newest first; year `''` is the undated run at the end. */
  years: Array<[string, number, number]>;
  /** Source names, by number; number 0 is "no source". */
  sources: string[];
  /** Each document's source number, `SOURCE_DIGITS` digits of `sourceWidth` characters per document. */
  docSources: string;
  sourceWidth: number;
  /** Topic names, by number, most covered first (the topic filter; absent in an index without topics). */
  topics?: string[];
  /** Each document's topic numbers, `topicWidth` digits each, documents separated by `,`. */
  docTopics?: string;
  topicWidth?: number;
  /** The longest term, in UTF-16 code units; there is a vocabulary file for every length up to it. */
  maxTermLength: number;
}

/** A chunk file: `[term, lunr _index, per field [doc delta, weight × 1000, …]]`. */
export type TermChunk = Array<[string, number, number[][]]>;

/** A positions file: `[term, per field [doc delta, count, ordinal delta × count, …]]`. */
export type PositionChunk = Array<[string, number[][]]>;

/** 64 characters safe in JSON strings without escapes, for the per-document source numbers. */
export const SOURCE_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

export function encodeNumber(value: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = SOURCE_DIGITS[value % 64]! + out;
    value = Math.floor(value / 64);
  }
  return out;
}

/** The chunk that holds `term`: the last chunk whose first term is ≤ `term`. */
export function chunkOf(chunks: string[], term: string): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]! <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Every chunk that can hold a term starting with `prefix`. */
export function chunksWithPrefix(chunks: string[], prefix: string): number[] {
  if (chunks.length === 0) return [];
  const first = chunkOf(chunks, prefix);
  const out = [first];
  for (let i = first + 1; i < chunks.length && chunks[i]!.startsWith(prefix); i++) out.push(i);
  return out;
}

export const paths = {
  manifest: 'search/manifest.json',
  terms: (chunk: number) => `search/terms/${chunk}.json`,
  positions: (chunk: number) => `search/positions/${chunk}.json`,
  vocabulary: (length: number) => `search/vocabulary/${length}.json`,
  doc: (doc: number) => `search/docs/${doc}.json`,
};
