/**
 * The postings → the files of the sharded index (formats in shard-format.ts).
 * Pure: returns path → contents; index.ts writes them.
 *
 * Where a chunk ends is decided by its terms alone, the way content-defined chunking
 * cuts backups: a chunk ends after a term whose hash falls below its size's share of
 * `CHUNK_TARGET_BYTES` (so chunks hold about that much on average), before and after a
 * term bigger than that (it gets a chunk of its own), and when a chunk would pass four
 * times that. A new article changes the sizes of its own terms' entries, which moves
 * at most the ends next to them: every other chunk keeps its terms and its bytes, and a
 * rebuild rewrites only the chunks that changed (incremental.ts).
 */
import type { BuiltIndex, TermPostings } from './build-index.ts';
import { buildPostings, FIELDS } from './build-index.ts';
import {
  BODY_FIELD,
  encodeNumber,
  encodeNumbers,
  numberWidth,
  paths,
  segmentStarts,
  SHARD_FORMAT_VERSION,
  type Manifest,
  type Segment,
  type PositionChunk,
  type TermChunk,
} from './shard-format.ts';

/**
 * About how much JSON one chunk of postings holds. Small enough that a word's chunk
 * costs a few kB over the wire beyond its own postings; large enough that the manifest
 * (one boundary term per chunk, fetched by every search) stays a few kB at 10,000
 * articles. A term whose postings alone are bigger gets a chunk of its own.
 */
export const CHUNK_TARGET_BYTES = 16_000;
/** A chunk never grows past this many targets (unless one term alone is bigger): an unlucky run of hashes must not make one word's fetch large. */
const CHUNK_MAX_TARGETS = 4;

export interface ShardOptions {
  chunkTargetBytes?: number;
  /** shard-format.ts `SEGMENT_DOCS` (the tests make it small). */
  segmentDocs?: number;
}

/** What the search page filters a document by: its year, its source and its topics (those with a page). */
export interface DocFacetEntry {
  year?: string;
  source?: string;
  topics?: readonly string[];
}

/** Each document's facets, by document number. */
export type DocFacetSource = ReadonlyArray<DocFacetEntry>;

/** An article's facets: the year of its date, its source, the names of its topics that have a page (src/site/topics.ts). */
export function docFacetEntry(page: { date?: string; source?: string; topicLinks?: readonly { name: string; url?: string }[] }): DocFacetEntry {
  // Made field by field, without spreads or intermediate lists: one per article, every build.
  const entry: { year?: string; source?: string; topics?: string[] } = {};
  if (page.date !== undefined) entry.year = page.date.slice(0, 4);
  if (page.source !== undefined) entry.source = page.source;
  for (const topic of page.topicLinks ?? []) if (topic.url !== undefined) (entry.topics ??= []).push(topic.name);
  return entry;
}

/** What the files are made of; the postings may be made while they are read (build-index.ts `PostingsBuilder`). */
export interface ShardSource {
  /** Each segment (shard-format.ts `segmentStarts`): its first document, and each of its terms with its postings (numbered from 0 in the segment), in term order. */
  segments: Array<{ start: number; postings: Iterable<[string, TermPostings]> }>;
  docs: DocFacetSource;
  /** Each field's total length over all documents. */
  lengthSums: readonly number[];
  /** Each document's body length. */
  bodyLengths: readonly number[];
}

/**
 * What a later build needs to know of the chunks without reading them: every term, in
 * order, the size of its entry in its chunk, and `LASTS` numbers a term: the last
 * document of each field's postings, then of each field's ordinals (-1 for none).
 */
export interface ChunkLayout {
  terms: string[];
  sizes: number[];
  lasts: number[];
}

/** Numbers of `ChunkLayout.lasts` a term. */
export const LASTS = 2 * FIELDS.length;

/** A term's `lasts`: the last document of each field's postings and ordinals. */
export function lastsOf(posting: Pick<TermPostings, 'postings' | 'ordinals'>): number[] {
  const lastOrdinal = (list: ArrayLike<number>) => {
    let last = -1;
    for (let i = 0; i < list.length; i += 2 + list[i + 1]!) last = list[i]!;
    return last;
  };
  return [...posting.postings.map((list) => (list.length > 0 ? list[list.length - 3]! : -1)), ...posting.ordinals.map(lastOrdinal)];
}

/** The newest document with the term at `index` of a layout. */
export function newestOf(lasts: readonly number[], index: number): number {
  let newest = -1;
  for (let f = 0; f < FIELDS.length; f++) newest = Math.max(newest, lasts[index * LASTS + f]!);
  return newest;
}

/**
 * Every file of the index of `built`, the documents' files included (the tests and the
 * benchmark: each segment's postings are built again from its documents).
 */
export function shardFiles(built: BuiltIndex, options: ShardOptions = {}): Map<string, string> {
  const files = new Map<string, string>(built.docs.map((d, i) => [paths.doc(i), JSON.stringify(d.doc)]));
  const starts = segmentStarts((doc) => built.docs[doc]!.doc.date, built.docs.length, options.segmentDocs);
  const segments = starts.map((start, k) => {
    const part = buildPostings(built.docs.slice(start, starts[k + 1] ?? built.docs.length));
    return { start, postings: part.terms.map((term): [string, TermPostings] => [term, part.postings.get(term)!]) };
  });
  for (const [file, text] of shardFileEntries({ segments, docs: built.docs, lengthSums: built.lengthSums, bodyLengths: built.bodyLengths }, options)) files.set(file, text);
  return files;
}

/** One term's entry in its chunk file, and in its positions file. */
export function termEntry(term: string, posting: TermPostings): string {
  return JSON.stringify([term, posting.first[1], posting.first[2], posting.postings.map((list, field) => deltaPostings(list, field === BODY_FIELD))] satisfies TermChunk[number]);
}

export function positionEntry(term: string, posting: TermPostings): string {
  return JSON.stringify([term, posting.ordinals.map(deltaOrdinals)] satisfies PositionChunk[number]);
}

/**
 * Whether a chunk starts at the term after `previous` (sizes are entries' lengths;
 * `accumulated` is the size of the chunk so far, `previous` included).
 */
export function breaksBefore(previous: string, previousSize: number, size: number, accumulated: number, target: number): boolean {
  if (size >= target || previousSize >= target || accumulated + size > CHUNK_MAX_TARGETS * target) return true;
  return fnv1a(previous) / 0x1_0000_0000 < previousSize / target;
}

/** The first term of each chunk of `layout` (as indexes into its terms). */
export function chunkStarts(layout: ChunkLayout, target = CHUNK_TARGET_BYTES): number[] {
  const starts: number[] = [];
  let accumulated = 0;
  for (let i = 0; i < layout.terms.length; i++) {
    if (i === 0 || breaksBefore(layout.terms[i - 1]!, layout.sizes[i - 1]!, layout.sizes[i]!, accumulated, target)) {
      starts.push(i);
      accumulated = 0;
    }
    accumulated += layout.sizes[i]!;
  }
  return starts;
}

/**
 * The files of the postings, the manifest and the vocabulary (not the documents', which
 * the build writes as it reads them), one at a time, so the build can write each as it
 * is made and never hold the whole index as strings (about 100 MB at 10,000 articles).
 * `layouts`, when given, gets each segment's layout: every term and the size of its entry.
 */
export function* shardFileEntries(source: ShardSource, options: ShardOptions = {}, layouts?: ChunkLayout[]): Generator<[string, string]> {
  const segments: Segment[] = [];
  const vocabularies: string[][] = [];
  for (const [k, { start, postings }] of source.segments.entries()) {
    const layout: ChunkLayout = { terms: [], sizes: [], lasts: [] };
    const chunks: string[] = [];
    yield* segmentChunkFiles(postings, k, options.chunkTargetBytes ?? CHUNK_TARGET_BYTES, layout, chunks);
    segments.push({ start, chunks });
    vocabularies.push(layout.terms);
    layouts?.push(layout);
  }
  const vocabulary = mergeAllSorted(vocabularies);
  const manifest = manifestOf(source.docs, source.lengthSums, source.bodyLengths, segments, longestTerm(vocabulary));
  yield [paths.manifest, JSON.stringify(manifest)];
  yield* vocabularyFiles(vocabulary, manifest.maxTermLength);
}

/** The chunk files of one segment's postings (its terms in order); fills `layout` and `chunks` (each chunk's first term). */
function* segmentChunkFiles(postings: Iterable<[string, TermPostings]>, segment: number, target: number, layout: ChunkLayout, chunks: string[]): Generator<[string, string]> {
  let termEntries: string[] = [];
  let positionEntries: string[] = [];
  let accumulated = 0;
  let previous: { term: string; size: number } | undefined;
  const names = new Set<string>();
  const flush = function* (): Generator<[string, string]> {
    if (termEntries.length === 0) return;
    const first = chunks.at(-1)!;
    const file = paths.terms(first, segment);
    if (names.has(file)) throw new Error(`search index: two chunks would be named ${file}; report this`);
    names.add(file);
    yield [file, `[${termEntries.join(',')}]`];
    yield [paths.positions(first, segment), `[${positionEntries.join(',')}]`];
    termEntries = [];
    positionEntries = [];
    accumulated = 0;
  };
  for (const [term, posting] of postings) {
    const entry = termEntry(term, posting);
    if (previous !== undefined && breaksBefore(previous.term, previous.size, entry.length, accumulated, target)) yield* flush();
    if (termEntries.length === 0) chunks.push(term);
    termEntries.push(entry);
    positionEntries.push(positionEntry(term, posting));
    accumulated += entry.length;
    previous = { term, size: entry.length };
    layout.terms.push(term);
    layout.sizes.push(entry.length);
    layout.lasts.push(...lastsOf(posting));
  }
  yield* flush();
}

/** The terms of lists sorted by code unit (`Array#sort`), each once, in that order. */
export function mergeAllSorted(lists: readonly (readonly string[])[]): string[] {
  return lists.reduce<string[]>((a, b) => mergeSorted(a, b), []);
}

/** The terms of two lists sorted by code unit (`Array#sort`), each once, in that order. */
export function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** The length of the longest of `terms`, in UTF-16 code units (0 for none). */
export function longestTerm(terms: Iterable<string>): number {
  let longest = 0;
  for (const term of terms) longest = Math.max(longest, term.length);
  return longest;
}

/** The manifest of an index: its documents' facets and body lengths, its fields' length sums, its segments' chunks, the length of its longest term. */
export function manifestOf(docs: DocFacetSource, lengthSums: readonly number[], bodyLengths: readonly number[], segments: Segment[], maxTermLength: number): Manifest {
  const named = new Set<string>();
  for (const doc of docs) if (doc.source !== undefined) named.add(doc.source);
  const sources = ['', ...named].sort();
  const sourceWidth = Math.max(1, Math.ceil(Math.log(sources.length) / Math.log(64)));
  const years: Manifest['years'] = [];
  docs.forEach((doc, i) => {
    const year = doc.year ?? '';
    const last = years[years.length - 1];
    if (last && last[0] === year) last[2]++;
    else years.push([year, i, 1]);
  });
  // Topics most covered first, then by name: the order the filter lists them in when counts tie.
  const topicCounts = new Map<string, number>();
  for (const doc of docs) for (const topic of doc.topics ?? []) topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
  const topics = [...topicCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name]) => name);
  const topicWidth = Math.max(1, Math.ceil(Math.log(Math.max(2, topics.length)) / Math.log(64)));
  // Each source's and topic's code, made once (not once per document).
  const sourceCode = new Map(sources.map((s, i) => [s, encodeNumber(i, sourceWidth)]));
  const topicCode = new Map(topics.map((t, i) => [t, encodeNumber(i, topicWidth)]));
  const topicsOf = (doc: DocFacetEntry) => {
    let codes = '';
    for (const topic of doc.topics ?? []) codes += topicCode.get(topic)!;
    return codes;
  };
  return {
    version: SHARD_FORMAT_VERSION,
    fields: [...FIELDS],
    docCount: docs.length,
    lengthSums: [...lengthSums],
    bodyLengths: encodeNumbers(bodyLengths, numberWidth(bodyLengths)),
    bodyLengthWidth: numberWidth(bodyLengths),
    segments,
    years,
    sources,
    docSources: docs.map((d) => sourceCode.get(d.source ?? '')!).join(''),
    sourceWidth,
    ...(topics.length > 0 ? { topics, docTopics: docs.map(topicsOf).join(','), topicWidth } : {}),
    maxTermLength,
  };
}

/**
 * The vocabulary by term length: a word within n edits of a misspelt one is at most n
 * characters longer or shorter, so a correction fetches 2n + 1 of these files.
 */
export function* vocabularyFiles(terms: Iterable<string>, maxTermLength: number): Generator<[string, string]> {
  const byLength: string[][] = Array.from({ length: maxTermLength + 1 }, () => []);
  for (const term of terms) byLength[term.length]!.push(term);
  for (let length = 1; length < byLength.length; length++) yield [paths.vocabulary(length), JSON.stringify(byLength[length])];
}

/**
 * `[doc, tf, length, doc, tf, length]` → `[doc delta, tf, length, …]`: small numbers,
 * shorter JSON; the body's `[doc delta, tf, …]` (its lengths are in the manifest).
 */
function deltaPostings(flat: ArrayLike<number>, body: boolean): number[] {
  const out: number[] = [];
  let previous = 0;
  for (let i = 0; i < flat.length; i += 3) {
    out.push(flat[i]! - previous, flat[i + 1]!);
    if (!body) out.push(flat[i + 2]!);
    previous = flat[i]!;
  }
  return out;
}

/** `[doc, n, o1 … on, …]` → doc deltas and ordinal deltas. */
function deltaOrdinals(flat: ArrayLike<number>): number[] {
  const out: number[] = [];
  let previousDoc = 0;
  for (let i = 0; i < flat.length; ) {
    const doc = flat[i]!;
    const count = flat[i + 1]!;
    out.push(doc - previousDoc, count);
    previousDoc = doc;
    let previous = 0;
    for (let k = 0; k < count; k++) {
      const ordinal = flat[i + 2 + k]!;
      out.push(ordinal - previous);
      previous = ordinal;
    }
    i += 2 + count;
  }
  return out;
}

/** A term's chunk entry and positions entry (as written by `termEntry`, `positionEntry`) → its postings; the body's lengths from `bodyLengths`. */
export function decodeEntries(entry: TermChunk[number], positions: PositionChunk[number] | undefined, bodyLengths: ArrayLike<number>): TermPostings {
  const [, field, seq, perField] = entry;
  let newest = -1;
  const postings = perField.map((flat, f) => {
    const size = f === BODY_FIELD ? 2 : 3;
    const out = new Int32Array((flat.length / size) * 3);
    let doc = 0;
    for (let i = 0, o = 0; i < flat.length; i += size, o += 3) {
      doc += flat[i]!;
      out[o] = doc;
      out[o + 1] = flat[i + 1]!;
      out[o + 2] = size === 2 ? bodyLengths[doc]! : flat[i + 2]!;
    }
    if (out.length > 0) newest = Math.max(newest, out[out.length - 3]!);
    return out;
  });
  const ordinals = (positions?.[1] ?? perField.map(() => [])).map((flat) => {
    const out: number[] = [];
    let doc = 0;
    for (let i = 0; i < flat.length; ) {
      doc += flat[i]!;
      const count = flat[i + 1]!;
      out.push(doc, count);
      let ordinal = 0;
      for (let k = 0; k < count; k++) out.push((ordinal += flat[i + 2 + k]!));
      i += 2 + count;
    }
    return Int32Array.from(out);
  });
  return { first: [newest, field, seq], postings, ordinals };
}

/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
