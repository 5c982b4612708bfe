/**
 * The built index → the files of the sharded index (formats in shard-format.ts).
 * Pure: returns path → contents; index.ts writes them.
 */
import type { BuiltIndex, TermPostings } from './build-index.ts';
import { FIELDS } from './build-index.ts';
import {
  encodeNumber,
  paths,
  SHARD_FORMAT_VERSION,
  type Manifest,
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

export interface ShardOptions {
  chunkTargetBytes?: number;
}

/** What the files are made of; the postings may be made while they are read (build-index.ts `PostingsBuilder`). */
export interface ShardSource {
  /** Every term, sorted by code unit. */
  terms: string[];
  /** Each term with its postings, in the order of `terms`. */
  postings: Iterable<[string, TermPostings]>;
  /** Each document's year and source, by document number. */
  docs: ReadonlyArray<{ year?: string; source?: string; topics?: readonly string[] }>;
}

/** Every file of the index of `built`, the documents' files included. */
export function shardFiles(built: BuiltIndex, options: ShardOptions = {}): Map<string, string> {
  const files = new Map<string, string>(built.docs.map((d, i) => [paths.doc(i), JSON.stringify(d.doc)]));
  const postings = built.terms.map((term): [string, TermPostings] => [term, built.postings.get(term)!]);
  for (const [file, text] of shardFileEntries({ terms: built.terms, postings, docs: built.docs }, options)) files.set(file, text);
  return files;
}

/**
 * The files of the postings, the manifest and the vocabulary (not the documents', which
 * the build writes as it reads them), one at a time, so the build can write each as it
 * is made and never hold the whole index as strings (about 100 MB at 10,000 articles).
 */
export function* shardFileEntries(built: ShardSource, options: ShardOptions = {}): Generator<[string, string]> {
  const target = options.chunkTargetBytes ?? CHUNK_TARGET_BYTES;
  const files = new Map<string, string>();

  const chunks: string[] = [];
  let termEntries: string[] = [];
  let positionEntries: string[] = [];
  let size = 0;
  const flush = () => {
    if (termEntries.length === 0) return;
    const n = chunks.length - 1;
    files.set(paths.terms(n), `[${termEntries.join(',')}]`);
    files.set(paths.positions(n), `[${positionEntries.join(',')}]`);
    termEntries = [];
    positionEntries = [];
    size = 0;
  };
  for (const [term, posting] of built.postings) {
    if (files.size > 0) {
      yield* files;
      files.clear();
    }
    const entry = JSON.stringify([term, posting.index, posting.weights.map(deltaPairs)] satisfies TermChunk[number]);
    if (termEntries.length > 0 && size + entry.length > target) flush();
    if (termEntries.length === 0) chunks.push(term);
    termEntries.push(entry);
    positionEntries.push(JSON.stringify([term, posting.ordinals.map(deltaOrdinals)] satisfies PositionChunk[number]));
    size += entry.length;
  }
  flush();
  yield* files;
  files.clear();

  const sources = ['', ...new Set(built.docs.flatMap((d) => (d.source === undefined ? [] : [d.source])))].sort();
  const sourceNumber = new Map(sources.map((s, i) => [s, i]));
  const sourceWidth = Math.max(1, Math.ceil(Math.log(sources.length) / Math.log(64)));
  const years: Manifest['years'] = [];
  built.docs.forEach((doc, i) => {
    const year = doc.year ?? '';
    const last = years.at(-1);
    if (last && last[0] === year) last[2]++;
    else years.push([year, i, 1]);
  });
  // Topics most covered first, then by name: the order the filter lists them in when counts tie.
  const topicCounts = new Map<string, number>();
  for (const doc of built.docs) for (const topic of doc.topics ?? []) topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
  const topics = [...topicCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name]) => name);
  const topicNumber = new Map(topics.map((t, i) => [t, i]));
  const topicWidth = Math.max(1, Math.ceil(Math.log(Math.max(2, topics.length)) / Math.log(64)));
  const manifest: Manifest = {
    version: SHARD_FORMAT_VERSION,
    fields: [...FIELDS],
    docCount: built.docs.length,
    chunks,
    years,
    sources,
    docSources: built.docs.map((d) => encodeNumber(sourceNumber.get(d.source ?? '')!, sourceWidth)).join(''),
    sourceWidth,
    ...(topics.length > 0
      ? { topics, docTopics: built.docs.map((d) => (d.topics ?? []).map((t) => encodeNumber(topicNumber.get(t)!, topicWidth)).join('')).join(','), topicWidth }
      : {}),
    maxTermLength: Math.max(0, ...built.terms.map((t) => t.length)),
  };
  yield [paths.manifest, JSON.stringify(manifest)];
  // The vocabulary by term length: a word within n edits of a misspelt one is at most n
  // characters longer or shorter, so a correction fetches 2n + 1 of these files.
  const byLength: string[][] = Array.from({ length: manifest.maxTermLength + 1 }, () => []);
  for (const term of built.terms) byLength[term.length]!.push(term);
  for (let length = 1; length < byLength.length; length++) yield [paths.vocabulary(length), JSON.stringify(byLength[length])];
}

/** `[doc, w, doc, w]` → `[doc delta, w, …]`: small numbers, shorter JSON. */
function deltaPairs(flat: ArrayLike<number>): number[] {
  const out = Array.from(flat);
  for (let i = flat.length - 2, j = i; i > 0; i -= 2, j -= 2) out[j] = flat[i]! - flat[i - 2]!;
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
