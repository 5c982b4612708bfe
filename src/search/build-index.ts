/**
 * The index builder: each article's search profile (profile.ts) → every term's
 * postings, in the documents' order.
 *
 * The browser answers queries with lunr's scoring (`lunr.Index#query`), but never loads
 * one whole lunr index: shards.ts splits these postings by term so a query fetches only
 * the terms it names. A posting holds what lunr's BM25 weight is made of that belongs to
 * the document alone — the term's frequency in the field and the field's length — and
 * the client computes the weight (bm25.ts) from them and two archive-wide figures in the
 * manifest (the document count and each field's total length) and the term's document
 * count (its postings). So another article changes the files of its own terms and the
 * manifest, nothing else; and the weights are exactly those `lunr.Builder` computes over
 * the whole archive. test/search/shards.test.ts checks weight for weight, and result for
 * result, against an index built by `lunr.Builder` itself (reference-index.ts).
 *
 * Documents are numbered oldest first (undated first, then by date, then by slug
 * backwards: the reverse of `compareArticles`), so the day's new articles take the next
 * numbers and no other document's number moves. lunr meets documents newest first (it
 * adds them in `compareArticles` order), which decides two things the client repeats:
 * equal scores list the newer article first, and lunr numbers each term where it first
 * meets it — in the newest document that has it, at its first place there (`first`).
 *
 * Building by hand rather than through `lunr.Builder` keeps a 10,000-article archive
 * within a few seconds and a few hundred MB: lunr's builder keeps a metadata object per
 * word, field and document, and a token set the browser never sees.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { ArticlePage } from '../site/types.ts';
import { BOOSTS, FIELD_BOOSTS, lunrIdf, lunrWeight } from './bm25.ts';
import { toSearchDoc, type SearchDoc } from './document-store.ts';
import { htmlToPlainText } from './plain-text.ts';
import { forEachProfileTerm, profileLengths, SEARCH_FIELDS, searchProfile } from './profile.ts';
import { BODY_FIELD } from './shard-format.ts';

export { FIELD_BOOSTS } from './bm25.ts';
export type SearchField = keyof typeof FIELD_BOOSTS;
export const FIELDS = [...SEARCH_FIELDS] as SearchField[];

export interface IndexedDoc {
  slug: string;
  /** Four-digit year, or `undefined` when undated. */
  year?: string;
  source?: string;
  /** Names of the article's topics that have a topic page (src/site/topics.ts), for the topic filter. */
  topics?: string[];
  /** What the result list shows. */
  doc: SearchDoc;
  /** The text of each field as indexed, in `FIELDS` order (for the reference index). */
  fields: string[];
}

export interface TermPostings {
  /** Where lunr first meets the term: `[document, field, seq]` (the newest document with it, its first field there, its place among that field's terms). */
  first: [number, number, number];
  /** Per field: `[doc, tf, field length, doc, tf, field length, …]`, doc numbers ascending. */
  postings: Int32Array[];
  /** Per field: `[doc, count, ordinal, ordinal, …, doc, count, …]` for phrases. */
  ordinals: Int32Array[];
}

export interface BuiltIndex {
  /** In document number order (oldest first). */
  docs: IndexedDoc[];
  /** Every term, sorted by code unit (lunr's and the token set's order). */
  terms: string[];
  postings: Map<string, TermPostings>;
  /** Each field's total length over all documents (the manifest's; lunr's average is this over the count). */
  lengthSums: number[];
  /** Each document's body length. */
  bodyLengths: number[];
}

/**
 * The archive order the site shows, which lunr is given the documents in: newest first,
 * undated last, then by slug. Documents are numbered in the reverse of it.
 */
export function compareArticles(a: ArticlePage, b: ArticlePage): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  if (da !== db) {
    if (da === '') return 1;
    if (db === '') return -1;
    return da < db ? 1 : -1;
  }
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** The pages in document number order: oldest first, the reverse of `compareArticles`. */
export function inDocumentOrder<T extends ArticlePage>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => compareArticles(b, a));
}

export function indexedDocs(articles: ArticlePage[]): IndexedDoc[] {
  return inDocumentOrder(articles).map((article) => indexedDoc(article, article.bodyHtml));
}

/** One article as the index reads it; `bodyHtml` is its rendered body (the build may hold it apart from the page). */
export function indexedDoc(article: ArticlePage, bodyHtml: string): IndexedDoc {
  const body = htmlToPlainText(bodyHtml);
  return {
    slug: article.slug,
    ...(article.date !== undefined ? { year: article.date.slice(0, 4) } : {}),
    ...(article.source !== undefined ? { source: article.source } : {}),
    ...(article.topicLinks?.some((t) => t.url !== undefined) ? { topics: article.topicLinks.filter((t) => t.url !== undefined).map((t) => t.name) } : {}),
    doc: toSearchDoc(article, body),
    fields: [article.title, article.subtitle ?? '', body, article.source ?? ''],
  };
}

export function buildSearchIndex(articles: ArticlePage[]): BuiltIndex {
  return buildPostings(indexedDocs(articles));
}

/** Build the postings of `docs` (in document number order) in memory: the tests, the benchmark's reference check. */
export function buildPostings(docs: IndexedDoc[], options: PostingsOptions = {}): BuiltIndex {
  const builder = new PostingsBuilder(options);
  docs.forEach((doc, i) => builder.add(i, searchProfile(doc.fields)));
  const terms: string[] = [];
  const postings = new Map<string, TermPostings>();
  for (const [term, posting] of builder.postings((doc) => doc)) {
    terms.push(term);
    postings.set(term, posting);
  }
  const lengthSums = builder.lengthSums((doc) => doc);
  const bodyLengths = docs.map((_, i) => builder.lengthsOf(i)[BODY_FIELD]!);
  builder.close();
  return { docs, terms, postings, lengthSums, bodyLengths };
}

/** lunr's weight of each posting of `posting` (per field: `[doc, weight, doc, weight, …]`), from the archive's document count and field length sums. */
export function lunrWeights(posting: Pick<TermPostings, 'postings'>, docCount: number, lengthSums: readonly number[]): Float64Array[] {
  let documentsWithTerm = 0;
  for (const list of posting.postings) documentsWithTerm += list.length / 3;
  const idf = lunrIdf(documentsWithTerm, docCount);
  return posting.postings.map((list, field) => {
    const out = new Float64Array((list.length / 3) * 2);
    const average = lengthSums[field]! / docCount;
    for (let i = 0, j = 0; i < list.length; i += 3, j += 2) {
      out[j] = list[i]!;
      out[j + 1] = lunrWeight(idf, list[i + 1]!, list[i + 2]!, average, BOOSTS[field]!);
    }
    return out;
  });
}

export interface PostingsOptions {
  /** Ints per block of the record stream (tests make it tiny, to cross many blocks). */
  blockInts?: number;
  /** Ints of records whose postings are made at once (tests make it tiny, to make many ranges). */
  rangeInts?: number;
  /** A file to keep the record stream in instead of memory (the build's, inside its temporary folder). */
  spillFile?: string;
}

/** Ints a record starts with: term id, field, document, tf, seq, count of ordinals. */
const RECORD_HEAD = 6;

/**
 * The index builder: documents are added (as search profiles) in any order under any
 * numbers, then `postings` gives every term's postings in term order, the documents
 * renumbered and in number order, a range of terms at a time.
 *
 * Memory stays bounded by the archive's vocabulary, not its text. Each document's terms
 * become records `[term id, field, document, tf, seq, n, ordinal × n]` appended to a
 * stream (in a file with `spillFile`), a document's records together; the counts the
 * postings' arrays need are kept on the way. Then the sorted terms are cut into ranges of
 * at most `rangeInts` ints of records, and for each range every document's records are
 * read once, in number order, and the postings of the range's terms alone are made: a
 * 100,000-article archive never holds more than one range's postings (about 250 MB),
 * where holding all of them took about 40 kB an article.
 */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly termNames: string[] = [];
  /** Per term and field: documents with it, and ints of ordinals (`[doc, n, ordinal × n]` for each). */
  private readonly postingCounts: number[] = [];
  private readonly ordinalInts: number[] = [];
  /** Per term: ints of its records in the stream. */
  private readonly recordInts: number[] = [];
  /** Per document (by the number it was added under): where its records are in the stream, and its field lengths. */
  private readonly docs = new Map<number, { start: number; length: number; lengths: number[] }>();
  private readonly stream: RecordStream;
  private readonly rangeInts: number;

  constructor(options: PostingsOptions = {}) {
    this.stream = new RecordStream(options.blockInts ?? STREAM_BLOCK_INTS, options.spillFile);
    this.rangeInts = options.rangeInts ?? RANGE_INTS;
  }

  /** Documents added. */
  get size(): number {
    return this.docs.size;
  }

  has(doc: number): boolean {
    return this.docs.has(doc);
  }

  private idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.ids.set(term, id);
      this.termNames.push(term);
      this.recordInts.push(0);
      for (let f = 0; f < FIELDS.length; f++) {
        this.postingCounts.push(0);
        this.ordinalInts.push(0);
      }
    }
    return id;
  }

  /** Adds a document's search profile (profile.ts) under the number `doc` (each number once). */
  add(doc: number, profile: string): void {
    if (this.docs.has(doc)) throw new Error(`search index: document ${doc} added twice`);
    const start = this.stream.position;
    const fieldCount = FIELDS.length;
    forEachProfileTerm(profile, (term, field, tf, seq, ordinalText) => {
      const id = this.idOf(term);
      const ordinals = ordinalText === '' ? [] : ordinalText.split(' ');
      const n = ordinals.length;
      const at = this.stream.reserve(RECORD_HEAD + n);
      const block = this.stream.block;
      block[at] = id;
      block[at + 1] = field;
      block[at + 2] = doc;
      block[at + 3] = tf;
      block[at + 4] = seq;
      block[at + 5] = n;
      for (let k = 0; k < n; k++) block[at + RECORD_HEAD + k] = Number(ordinals[k]);
      this.recordInts[id]! += RECORD_HEAD + n;
      this.postingCounts[id * fieldCount + field]!++;
      if (n > 0) this.ordinalInts[id * fieldCount + field]! += 2 + n;
    });
    this.docs.set(doc, { start, length: this.stream.position - start, lengths: profileLengths(profile) });
  }

  /** The field lengths of a document added under `doc`. */
  lengthsOf(doc: number): number[] {
    const known = this.docs.get(doc);
    if (known === undefined) throw new Error(`search index: no document ${doc}`);
    return known.lengths;
  }

  /** Each field's total length over the documents `numberOf` keeps (a number ≥ 0). */
  lengthSums(numberOf: (doc: number) => number): number[] {
    const sums = new Array<number>(FIELDS.length).fill(0);
    for (const [doc, { lengths }] of this.docs) {
      if (numberOf(doc) < 0) continue;
      lengths.forEach((length, field) => (sums[field]! += length));
    }
    return sums;
  }

  /**
   * Every term with its postings, in term order, each document under `numberOf(doc)`
   * (documents it gives a negative number are left out). The postings of one range of
   * terms are made at a time, and let go (by this generator) when the next range is made.
   */
  *postings(numberOf: (doc: number) => number): Generator<[string, TermPostings]> {
    const fieldCount = FIELDS.length;
    const order = [...this.docs.keys()].map((doc) => [numberOf(doc), doc] as const).filter(([n]) => n >= 0).sort((a, b) => a[0] - b[0]);
    const sorted = this.termNames.map((_, id) => id).sort((a, b) => (this.termNames[a]! < this.termNames[b]! ? -1 : 1));
    const rank = new Int32Array(sorted.length);
    sorted.forEach((id, r) => (rank[id] = r));
    const scratch = { ints: new Int32Array(1024) };

    for (let lo = 0; lo < sorted.length; ) {
      // The next range: terms in order while their records fit in `rangeInts` (at least one term).
      let hi = lo;
      let ints = 0;
      while (hi < sorted.length && (hi === lo || ints + this.recordInts[sorted[hi]!]! <= this.rangeInts)) ints += this.recordInts[sorted[hi++]!]!;
      // Each term and field's postings and ordinals get their place in one array each.
      let postingTotal = 0;
      let ordinalTotal = 0;
      const postingCursor = new Int32Array((hi - lo) * fieldCount);
      const ordinalCursor = new Int32Array((hi - lo) * fieldCount);
      for (let r = lo; r < hi; r++) {
        for (let f = 0; f < fieldCount; f++) {
          const at = (r - lo) * fieldCount + f;
          postingCursor[at] = postingTotal;
          ordinalCursor[at] = ordinalTotal;
          postingTotal += 3 * this.postingCounts[sorted[r]! * fieldCount + f]!;
          ordinalTotal += this.ordinalInts[sorted[r]! * fieldCount + f]!;
        }
      }
      const postingData = new Int32Array(postingTotal);
      const ordinalData = new Int32Array(ordinalTotal);
      const starts = postingCursor.slice();
      const ordinalStarts = ordinalCursor.slice();
      // Where lunr first meets each term: documents come in number order, so the last one seen with it (its first field there).
      const firsts = new Int32Array((hi - lo) * 3).fill(-1);
      for (const [number, doc] of order) {
        const { start, length, lengths } = this.docs.get(doc)!;
        const block = this.stream.read(start, length, scratch);
        for (let i = 0; i < length; i += RECORD_HEAD + block[i + 5]!) {
          const r = rank[block[i]!]!;
          if (r < lo || r >= hi) continue;
          const field = block[i + 1]!;
          const n = block[i + 5]!;
          const at = (r - lo) * fieldCount + field;
          const p = postingCursor[at]!;
          postingData[p] = number;
          postingData[p + 1] = block[i + 3]!;
          postingData[p + 2] = lengths[field]!;
          postingCursor[at] = p + 3;
          const f3 = (r - lo) * 3;
          if (firsts[f3] !== number) {
            firsts[f3] = number;
            firsts[f3 + 1] = field;
            firsts[f3 + 2] = block[i + 4]!;
          }
          if (n === 0) continue;
          const to = ordinalCursor[at]!;
          ordinalData[to] = number;
          ordinalData[to + 1] = n;
          for (let k = 0; k < n; k++) ordinalData[to + 2 + k] = block[i + RECORD_HEAD + k]!;
          ordinalCursor[at] = to + 2 + n;
        }
      }
      for (let r = lo; r < hi; r++) {
        const f3 = (r - lo) * 3;
        if (firsts[f3] === -1) continue; // only in documents left out
        const postings: Int32Array[] = [];
        const ordinals: Int32Array[] = [];
        for (let f = 0; f < fieldCount; f++) {
          const at = (r - lo) * fieldCount + f;
          postings.push(postingData.subarray(starts[at]!, postingCursor[at]!));
          ordinals.push(ordinalData.subarray(ordinalStarts[at]!, ordinalCursor[at]!));
        }
        yield [this.termNames[sorted[r]!]!, { first: [firsts[f3]!, firsts[f3 + 1]!, firsts[f3 + 2]!], postings, ordinals }];
      }
      lo = hi;
    }
  }

  /** Lets the record stream go (and removes its file). */
  close(): void {
    this.stream.close();
  }
}

/** Ints per block of the record stream: 4 MB, so a 10,000-article archive's ~110 MB of records never needs a copy to grow. */
const STREAM_BLOCK_INTS = 1 << 20;
/**
 * Ints of records whose postings are made at once: 128 MB of records, about 250 MB of
 * postings in memory. A 10,000-article archive has about 30 million (one or two
 * ranges); a 100,000-article one ten times as many, read in ten passes.
 */
const RANGE_INTS = 32 << 20;

/**
 * Records appended into blocks (never copied to grow), read back by position as often as
 * needed. The stream is the blocks' used parts one after the other; `position` is where
 * the next record goes in it. With a file, each full block is written to it (the file is
 * the stream's start) and its memory reused: the stream then holds one block in memory,
 * however long it is.
 */
class RecordStream {
  /** Blocks kept in memory (without a file), with where each starts in the stream. */
  private readonly blocks: { data: Int32Array; length: number; start: number }[] = [];
  /** Ints written to the file: the stream up to the current block. */
  private flushed = 0;
  private current: { data: Int32Array; length: number; start: number };
  private fd: number | undefined;

  constructor(
    private readonly blockInts: number,
    private readonly file?: string,
  ) {
    this.current = { data: new Int32Array(blockInts), length: 0, start: 0 };
  }

  /** Where the next record will start. */
  get position(): number {
    return this.current.start + this.current.length;
  }

  /** Room for `size` ints in one block (`block`, read after this call): where to write. Called once per record, so it allocates nothing. */
  reserve(size: number): number {
    if (this.current.length + size > this.current.data.length) {
      const next = this.current.start + this.current.length;
      if (this.file !== undefined) {
        this.fd ??= openSync(this.file, 'w+');
        const { data, length } = this.current;
        writeSync(this.fd, new Uint8Array(data.buffer, data.byteOffset, length * 4), 0, length * 4, this.flushed * 4);
        this.flushed += length;
        this.current = { data: data.length >= size ? data : new Int32Array(size), length: 0, start: next };
      } else {
        this.blocks.push(this.current);
        this.current = { data: new Int32Array(Math.max(this.blockInts, size)), length: 0, start: next };
      }
    }
    const at = this.current.length;
    this.current.length += size;
    return at;
  }

  /** The block the last `reserve` made room in. */
  get block(): Int32Array {
    return this.current.data;
  }

  /** The ints `[start, start + length)` of the stream: a view of a block when they are in one, else copied into `scratch`. */
  read(start: number, length: number, scratch: { ints: Int32Array }): Int32Array {
    const inCurrent = start - this.current.start;
    if (inCurrent >= 0) return this.current.data.subarray(inCurrent, inCurrent + length);
    if (this.fd === undefined) {
      const block = this.blocks.find((b) => start >= b.start && start + length <= b.start + b.length);
      if (block !== undefined) return block.data.subarray(start - block.start, start - block.start + length);
    }
    if (scratch.ints.length < length) scratch.ints = new Int32Array(Math.max(length, scratch.ints.length * 2));
    const out = scratch.ints;
    let copied = 0;
    if (this.fd !== undefined) {
      const fromFile = Math.min(length, this.flushed - start);
      readSync(this.fd, new Uint8Array(out.buffer, 0, fromFile * 4), 0, fromFile * 4, start * 4);
      copied = fromFile;
    } else {
      for (const block of this.blocks) {
        const from = Math.max(start + copied, block.start);
        const to = Math.min(start + length, block.start + block.length);
        if (from >= to) continue;
        out.set(block.data.subarray(from - block.start, to - block.start), from - start);
        copied = to - start;
      }
    }
    if (copied < length) out.set(this.current.data.subarray(0, length - copied), copied);
    return out.subarray(0, length);
  }

  close(): void {
    this.blocks.length = 0;
    this.current = { data: new Int32Array(0), length: 0, start: 0 };
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.file!, { force: true });
    }
  }
}
