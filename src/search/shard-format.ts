/**
 * The files of the sharded index, as the builder writes them and the client reads them.
 * Types and pure helpers only; shared by Node and the browser.
 *
 *   search/manifest.json         fields, each segment's chunk boundaries, documents per year
 *                                and source, the document count and each field's total length
 *   search/terms/<name>.json     a chunk of the first segment: the postings (document,
 *                                frequency, field length) of a run of terms (the body's
 *                                length is each document's own, in the manifest)
 *   search/positions/<name>.json the same chunk's word ordinals, fetched only for "phrases"
 *   search/recent/terms/…, search/recent/positions/…  the same for the second segment
 *   search/vocabulary/<n>.json   every term n characters long, fetched only to correct a typo
 *   search/docs/<d>.json         document d: what its result line shows
 *
 * The documents are cut into two segments, each indexed on its own (its own terms, chunks
 * and document numbers, from 0): the first `SEGMENT_DOCS` × k documents (less those of
 * the last one's day: `segmentStarts`), and the rest (the newest, as documents are
 * numbered oldest first: fewer than `SEGMENT_DOCS`, and that day's). The day's
 * new articles change only the second segment's chunks, a few MB, where one index of
 * the whole archive had them touch nearly every chunk (~80 MB of chunks rewritten a day
 * at 10,000 articles); when the count passes the next multiple of `SEGMENT_DOCS`, the
 * first segment takes the second's documents in (as a day did before). Where the cut is
 * depends on the documents alone, so a rebuild writes what a clean build writes. The
 * client asks each segment for a term and adds the postings up (a term's document count
 * is the sum), so the weights stay lunr's over the whole archive.
 *
 * Terms are sorted (by code unit) and cut into chunks of about `CHUNK_TARGET_BYTES`
 * (shards.ts says where, from each term alone, so that a new article moves few
 * boundaries); the manifest lists the first term of each chunk, so the client finds the
 * one chunk that holds a word, or the run of chunks that holds every word with a prefix,
 * by binary search. A chunk's file is named after its first term (`chunkName`), so a
 * chunk that starts where it did keeps its name when chunks before it split or merge.
 * Documents are numbered oldest first (build-index.ts). The manifest is also bundled into the client script (bundle-client.ts), so a
 * query downloads one chunk per word and one small file per result shown: what it
 * fetches grows with the words it names and the number of articles that contain them,
 * not with the size of the archive's vocabulary.
 */

export const SHARD_FORMAT_VERSION = 4;

/**
 * Documents per block of the first segment: the second holds fewer than this, which is
 * what a day's new articles rewrite (~7 kB of chunks an article) and what a query fetches
 * beside the first segment's chunk of a word. The first segment is rewritten when the
 * count passes a multiple of it: once every ten days of 100 articles.
 */
export const SEGMENT_DOCS = 1000;

/**
 * Where each segment starts, by document number: the first at 0, the second at the last
 * multiple of `segmentDocs` up to the count, moved back to the first document of the day
 * of the one before it (`dateOf`: each document's date, documents numbered oldest first).
 * So the cut never falls among the articles of one day: a second batch of the newest day,
 * numbered among the first batch's, changes only the second segment (at a multiple of
 * `segmentDocs`, it renumbered the end of the first, every chunk of which was then
 * rewritten). The cut depends on the documents alone, so a clean build makes it too.
 */
export function segmentStarts(dateOf: (doc: number) => string | undefined, docCount: number, segmentDocs = SEGMENT_DOCS): number[] {
  if (!Number.isInteger(segmentDocs) || segmentDocs < 1) throw new Error(`search index: segments of ${segmentDocs} documents`);
  let cut = Math.floor(docCount / segmentDocs) * segmentDocs;
  const day = cut > 0 ? dateOf(cut - 1)?.slice(0, DAY_CHARS) : undefined;
  if (day !== undefined) while (cut > 0 && dateOf(cut - 1)?.slice(0, DAY_CHARS) === day) cut--;
  return [0, cut];
}

/** A date's day: `YYYY-MM-DD`, the first ten characters of the dates records hold. */
const DAY_CHARS = 10;

/** The folder of a segment's chunk files. */
const SEGMENT_FOLDERS = ['search', 'search/recent'];

export interface Segment {
  /** The segment's first document (its documents are numbered from 0 in its files). */
  start: number;
  /** First term of each of its chunks, ascending. */
  chunks: string[];
}

/**
 * The field whose postings do not carry the field's length: the body's is in the
 * manifest, one number per document (`bodyLengths`). An edit changes an article's body
 * length, which is in every posting of its body's terms (hundreds of chunks, tens of MB
 * at 10,000 articles); kept once per document, an edit changes the chunks of the words it
 * added or removed, and the manifest.
 */
export const BODY_FIELD = 2;

export interface Manifest {
  version: number;
  /** lunr fields, in the order postings list them. */
  fields: string[];
  docCount: number;
  /** Each field's total length in terms over every document: lunr's average field length is this over `docCount`. */
  lengthSums: number[];
  /** Each document's body length in terms, `bodyLengthWidth` digits (`SOURCE_DIGITS`) a document. */
  bodyLengths: string;
  bodyLengthWidth: number;
  /** The segments, in document order (`segmentStarts`). */
  segments: Segment[];
  /** `[year, first document, count]` in document order: the undated run (year `''`) first, then the years oldest first. */
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

/**
 * A chunk file: `[term, first field, first seq, per field [doc delta, tf, field length, …]]`,
 * the body's field `[doc delta, tf, …]` (its lengths are the manifest's). The newest
 * document with the term is its highest number; `first field` and `first seq` say where
 * in it lunr first meets the term (build-index.ts `TermPostings.first`).
 */
export type TermChunk = Array<[string, number, number, number[][]]>;

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

/** `encodeNumber` for each value of a list, as one string. */
export function encodeNumbers(values: readonly number[], width: number): string {
  return values.map((value) => encodeNumber(value, width)).join('');
}

/** The digits of enough width for every value of `values`. */
export function numberWidth(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  let width = 1;
  while (64 ** width <= max) width++;
  return width;
}

/** `encodeNumbers` read back. */
export function decodeNumbers(text: string, width: number): Int32Array {
  const out = new Int32Array(Math.floor(text.length / width));
  for (let d = 0, i = 0; d < out.length; d++, i += width) {
    let value = 0;
    for (let j = 0; j < width; j++) value = value * 64 + DIGIT_VALUE[text.charCodeAt(i + j)]!;
    out[d] = value;
  }
  return out;
}

const DIGIT_VALUE = new Int32Array(128);
for (let i = 0; i < SOURCE_DIGITS.length; i++) DIGIT_VALUE[SOURCE_DIGITS.charCodeAt(i)] = i;

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

/**
 * A chunk's file name, from its first term: two 32-bit FNV-1a hashes of it (with other
 * starting values), 16 hex digits. Two chunks of one index with the same name would take
 * about 2^32 chunks; the build checks all the same (shards.ts).
 */
export function chunkName(firstTerm: string): string {
  let name = chunkNames.get(firstTerm);
  if (name === undefined) {
    name = `${fnv1a(firstTerm, 0x811c9dc5)}${fnv1a(firstTerm, 0x01000193)}`;
    if (chunkNames.size > CHUNK_NAMES_KEPT) chunkNames.clear();
    chunkNames.set(firstTerm, name);
  }
  return name;
}

/** Names worked out, by first term (a rebuild asks for each chunk's name many times). */
const chunkNames = new Map<string, string>();
const CHUNK_NAMES_KEPT = 100_000;

function fnv1a(text: string, basis: number): string {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const paths = {
  manifest: 'search/manifest.json',
  /** The chunk files of the chunk of segment `segment` that starts with `firstTerm`. */
  terms: (firstTerm: string, segment = 0) => `${SEGMENT_FOLDERS[segment]}/terms/${chunkName(firstTerm)}.json`,
  positions: (firstTerm: string, segment = 0) => `${SEGMENT_FOLDERS[segment]}/positions/${chunkName(firstTerm)}.json`,
  vocabulary: (length: number) => `search/vocabulary/${length}.json`,
  doc: (doc: number) => `search/docs/${doc}.json`,
};
