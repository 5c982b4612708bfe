/**
 * The index builder: article pages → postings with lunr's own BM25 weights.
 *
 * The browser answers queries with lunr (`lunr.Index#query`), but never loads one whole
 * lunr index: shards.ts splits these postings by term so a query fetches only the terms
 * it names. For the ranking to be exactly lunr's, every weight here is computed the way
 * `lunr.Builder` computes its field vectors (lunr 2.3.9, `createFieldVectors`), with the
 * same floating-point operations in the same order, from global statistics over the
 * whole archive. test/search/shards.test.ts checks weight for weight, and result for
 * result, against an index built by `lunr.Builder` itself (reference-index.ts).
 *
 * Scoring. lunr ranks a document by BM25 per field: a query word scores more the rarer
 * it is across the archive (idf) and the more often it occurs in the field, with
 * diminishing returns (k1 = 1.2) and normalised for the field's length (b = 0.75, so one
 * mention in a headline of 8 words weighs more than one in a body of 800). Each field's
 * weight is multiplied by its boost:
 *
 * - `title` × 10: the headline names what the article is about; an article with the
 *   word in its headline should come before one that mentions it in passing.
 * - `subtitle` × 3: the standfirst summarises the article; between headline and body.
 * - `body` × 1 and `source` × 1: plain evidence. `source` is indexed so that a search for
 *   a publisher ("Guardian") finds its articles.
 *
 * lunr keeps weights to three decimals (`Math.round(score * 1000) / 1000`); they are
 * stored here as those integers (weight × 1000), which is shorter and loses nothing.
 *
 * Building by hand rather than through `lunr.Builder` keeps a 10,000-article archive
 * within a few seconds and a few hundred MB: lunr's builder keeps a metadata object per
 * word, field and document, and a token set the browser never sees.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { ArticlePage } from '../site/types.ts';
import { toSearchDoc, type SearchDoc } from './document-store.ts';
import { htmlToPlainText } from './plain-text.ts';
import { scanWords, termOf } from './tokenize.ts';

/** Field boosts; see the scoring notes above. */
export const FIELD_BOOSTS = { title: 10, subtitle: 3, body: 1, source: 1 } as const;
export type SearchField = keyof typeof FIELD_BOOSTS;
export const FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

/** lunr.Builder's BM25 parameters (`_k1`, `_b`), which the ranking must match. */
const K1 = 1.2;
const B = 0.75;

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
  /** lunr's `_index`: the order in which the term first appeared. */
  index: number;
  /** Per field: `[doc, weight × 1000, doc, weight × 1000, …]`, doc numbers ascending. */
  weights: Int32Array[];
  /** Per field: `[doc, count, ordinal, ordinal, …, doc, count, …]` for phrases. */
  ordinals: Int32Array[];
}

export interface BuiltIndex {
  docs: IndexedDoc[];
  /** Every term, sorted by code unit (lunr's and the token set's order). */
  terms: string[];
  postings: Map<string, TermPostings>;
}

/**
 * The order documents are numbered and added in: newest first, undated last, then by
 * slug. lunr breaks ties in score by this order, so equal scores list newer articles
 * first; and each year is one run of numbers, which the year filter relies on.
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

export function indexedDocs(articles: ArticlePage[]): IndexedDoc[] {
  return [...articles].sort(compareArticles).map((article) => indexedDoc(article, article.bodyHtml));
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

/** Build the postings of `docs` in memory (the tests, the benchmark's reference check); the build streams through `PostingsBuilder`. */
export function buildPostings(docs: IndexedDoc[], options: PostingsOptions = {}): BuiltIndex {
  const builder = new PostingsBuilder(options);
  for (const doc of docs) builder.add(doc.fields);
  const postings = new Map(builder.postings());
  builder.close();
  return { docs, terms: builder.terms, postings };
}

export interface PostingsOptions {
  /** Ints per block of the record stream (tests make it tiny, to cross many blocks). */
  blockInts?: number;
  /** Ints of records whose postings are made at once (tests make it tiny, to make many ranges). */
  rangeInts?: number;
  /** A file to keep the record stream in instead of memory (the build's, inside its temporary folder). */
  spillFile?: string;
}

/**
 * The index builder, one document at a time; `postings()` then gives every term's
 * postings in term order, a range of terms at a time.
 *
 * Memory stays bounded by the archive's vocabulary, not its text. Each document's words
 * become records `[term id, field, document, count, n, ordinal × n]` appended to a
 * stream (in a file with `spillFile`); the global statistics lunr's weights need (how
 * many documents have each term, every field's length) are counted on the way. Then the
 * sorted terms are cut into ranges of at most `rangeInts` ints of records, and for each
 * range the stream is read once and the postings of its terms alone are made: a
 * 100,000-article archive never holds more than one range's postings (about 250 MB),
 * where holding all of them took about 40 kB an article.
 */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  /** Word as written → term id, or -1 for a word that is not indexed (stop word, no letters). */
  private readonly wordIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  /** Documents with the term, counted once per field (lunr.idf counts that way). */
  private readonly documentsWithTerm: number[] = [];
  /** Per term and field: documents with it, and ints of ordinals (`[doc, n, ordinal × n]` for each). */
  private readonly postingCounts: number[] = [];
  private readonly ordinalInts: number[] = [];
  /** Per term: ints of its records in the stream. */
  private readonly recordInts: number[] = [];
  /** Per document and field: its length in terms. */
  private readonly fieldLengths: number[] = [];
  private readonly lengthSums = new Array<number>(FIELDS.length).fill(0);
  private readonly stream: RecordStream;
  private readonly rangeInts: number;
  private docCount = 0;
  // Scratch space, reset after each field: frequency by term id; each (non-compound) token's term id and ordinal, in order.
  private counts = new Int32Array(1024);
  private sequenceIds = new Int32Array(4096);
  private sequenceOrdinals = new Int32Array(4096);
  private ordinalCounts = new Int32Array(1024);
  private placed = new Int32Array(1024);

  constructor(options: PostingsOptions = {}) {
    this.stream = new RecordStream(options.blockInts ?? STREAM_BLOCK_INTS, options.spillFile);
    this.rangeInts = options.rangeInts ?? RANGE_INTS;
  }

  /** Every term, sorted by code unit (lunr's and the token set's order). */
  get terms(): string[] {
    return this.sortedIds().map((id) => this.termNames[id]!);
  }

  /** Term ids in term order, sorted once for `terms` and `postings` (until a document adds terms). */
  private sorted: number[] = [];
  private sortedIds(): number[] {
    if (this.sorted.length !== this.termNames.length) {
      this.sorted = this.termNames.map((_, id) => id).sort((a, b) => (this.termNames[a]! < this.termNames[b]! ? -1 : 1));
    }
    return this.sorted;
  }

  private idOf(word: string): number {
    let id = this.wordIds.get(word);
    if (id !== undefined) return id;
    const term = termOf(word);
    if (term === '') id = -1;
    else {
      id = this.ids.get(term);
      if (id === undefined) {
        id = this.termNames.length;
        this.ids.set(term, id);
        this.termNames.push(term);
        this.documentsWithTerm.push(0);
        this.recordInts.push(0);
        for (let f = 0; f < FIELDS.length; f++) {
          this.postingCounts.push(0);
          this.ordinalInts.push(0);
        }
        if (id >= this.counts.length) {
          this.counts = grow(this.counts);
          this.ordinalCounts = new Int32Array(this.counts.length);
          this.placed = new Int32Array(this.counts.length);
        }
      }
    }
    this.wordIds.set(word, id);
    return id;
  }

  /** Adds the next document (numbered from 0): its fields' texts, in `FIELDS` order. */
  add(fields: string[]): void {
    const docId = this.docCount++;
    const fieldCount = FIELDS.length;
    for (let field = 0; field < fieldCount; field++) {
      const touched: number[] = [];
      let length = 0;
      let sequence = 0;
      scanWords(fields[field] ?? '', (word, _start, ordinal, compound) => {
        const id = this.idOf(word);
        if (id < 0) return;
        length++;
        if (this.counts[id] === 0) touched.push(id);
        this.counts[id]!++;
        if (compound) return;
        if (sequence === this.sequenceIds.length) {
          this.sequenceIds = grow(this.sequenceIds);
          this.sequenceOrdinals = grow(this.sequenceOrdinals);
        }
        this.sequenceIds[sequence] = id;
        this.sequenceOrdinals[sequence++] = ordinal;
      });
      const { counts, ordinalCounts, placed, sequenceIds, sequenceOrdinals } = this;
      // Group the ordinals by term (a counting sort; each group stays ascending).
      for (let i = 0; i < sequence; i++) ordinalCounts[sequenceIds[i]!]!++;
      let offset = 0;
      for (const id of touched) {
        placed[id] = offset;
        offset += ordinalCounts[id]!;
      }
      const grouped = new Int32Array(sequence);
      for (let i = 0; i < sequence; i++) grouped[placed[sequenceIds[i]!]!++] = sequenceOrdinals[i]!;
      // Appended to one stream in document order; grouped by term once all are read.
      let from = 0;
      for (const id of touched) {
        const n = ordinalCounts[id]!;
        const at = this.stream.reserve(5 + n);
        const block = this.stream.block;
        block[at] = id;
        block[at + 1] = field;
        block[at + 2] = docId;
        block[at + 3] = counts[id]!;
        block[at + 4] = n;
        for (let k = 0; k < n; k++) block[at + 5 + k] = grouped[from + k]!;
        from += n;
        counts[id] = 0;
        ordinalCounts[id] = 0;
        this.documentsWithTerm[id]!++;
        this.recordInts[id]! += 5 + n;
        this.postingCounts[id * fieldCount + field]!++;
        if (n > 0) this.ordinalInts[id * fieldCount + field]! += 2 + n;
      }
      this.fieldLengths.push(length);
      this.lengthSums[field]! += length;
    }
  }

  /**
   * Every term with its postings, in term order. The postings of one range of terms are
   * made at a time, and let go (by this generator) when the next range is made.
   */
  *postings(): Generator<[string, TermPostings]> {
    const fieldCount = FIELDS.length;
    const docCount = this.docCount;
    // lunr: averageFieldLength = total terms in the field / documents with the field (all of them).
    const averages = this.lengthSums.map((sum) => sum / docCount);
    const idfs = Float64Array.from(this.documentsWithTerm, (count) => lunrIdf(count, docCount));
    const fieldLengths = Int32Array.from(this.fieldLengths);
    const boosts = FIELDS.map((field) => FIELD_BOOSTS[field]);
    const order = this.sortedIds();
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));

    for (let lo = 0; lo < order.length; ) {
      // The next range: terms in order while their records fit in `rangeInts` (at least one term).
      let hi = lo;
      let ints = 0;
      while (hi < order.length && (hi === lo || ints + this.recordInts[order[hi]!]! <= this.rangeInts)) ints += this.recordInts[order[hi++]!]!;
      // Each term and field's weights and ordinals get their place in one array each.
      let weightTotal = 0;
      let ordinalTotal = 0;
      const weightCursor = new Int32Array((hi - lo) * fieldCount);
      const ordinalCursor = new Int32Array((hi - lo) * fieldCount);
      for (let r = lo; r < hi; r++) {
        for (let f = 0; f < fieldCount; f++) {
          const at = (r - lo) * fieldCount + f;
          weightCursor[at] = weightTotal;
          ordinalCursor[at] = ordinalTotal;
          weightTotal += 2 * this.postingCounts[order[r]! * fieldCount + f]!;
          ordinalTotal += this.ordinalInts[order[r]! * fieldCount + f]!;
        }
      }
      const weightData = new Int32Array(weightTotal);
      const ordinalData = new Int32Array(ordinalTotal);
      const range: TermPostings[] = [];
      for (let r = lo; r < hi; r++) {
        const id = order[r]!;
        const weights: Int32Array[] = [];
        const ordinals: Int32Array[] = [];
        for (let f = 0; f < fieldCount; f++) {
          const at = (r - lo) * fieldCount + f;
          weights.push(weightData.subarray(weightCursor[at]!, weightCursor[at]! + 2 * this.postingCounts[id * fieldCount + f]!));
          ordinals.push(ordinalData.subarray(ordinalCursor[at]!, ordinalCursor[at]! + this.ordinalInts[id * fieldCount + f]!));
        }
        range.push({ index: id, weights, ordinals });
      }
      this.stream.forEach((block, i) => {
        const id = block[i]!;
        const r = rank[id]!;
        if (r < lo || r >= hi) return;
        const field = block[i + 1]!;
        const docId = block[i + 2]!;
        const count = block[i + 3]!;
        const n = block[i + 4]!;
        const fieldLength = fieldLengths[docId * fieldCount + field]!;
        // Exactly lunr.Builder#createFieldVectors, operation for operation.
        let score = (idfs[id]! * ((K1 + 1) * count)) / (K1 * (1 - B + B * (fieldLength / averages[field]!)) + count);
        score *= boosts[field]!;
        score *= 1; // document boost
        const at = (r - lo) * fieldCount + field;
        const w = weightCursor[at]!;
        weightData[w] = docId;
        weightData[w + 1] = Math.round(score * 1000);
        weightCursor[at] = w + 2;
        if (n === 0) return;
        const to = ordinalCursor[at]!;
        ordinalData[to] = docId;
        ordinalData[to + 1] = n;
        for (let k = 0; k < n; k++) ordinalData[to + 2 + k] = block[i + 5 + k]!;
        ordinalCursor[at] = to + 2 + n;
      });
      for (let r = lo; r < hi; r++) yield [this.termNames[order[r]!]!, range[r - lo]!];
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
 * `[a, b, c, d, n, n ints]` records appended into blocks (never copied to grow), read
 * back in order as often as needed. With a file, each full block is written to it and
 * its memory reused: the stream then holds one block in memory, however long it is.
 */
class RecordStream {
  private readonly blocks: { data: Int32Array; length: number }[] = [];
  /** Lengths (in ints) of the blocks written to the file, in order. */
  private readonly written: number[] = [];
  private current: { data: Int32Array; length: number };
  private fd: number | undefined;

  constructor(
    private readonly blockInts: number,
    private readonly file?: string,
  ) {
    this.current = { data: new Int32Array(blockInts), length: 0 };
  }

  /** Room for `size` ints in one block (`block`, read after this call): where to write. Called once per record, so it allocates nothing. */
  reserve(size: number): number {
    if (this.current.length + size > this.current.data.length) {
      if (this.file !== undefined) {
        this.fd ??= openSync(this.file, 'w+');
        const { data, length } = this.current;
        writeSync(this.fd, new Uint8Array(data.buffer, data.byteOffset, length * 4));
        this.written.push(length);
        this.current = { data: data.length >= size ? data : new Int32Array(size), length: 0 };
      } else {
        this.blocks.push(this.current);
        this.current = { data: new Int32Array(Math.max(this.blockInts, size)), length: 0 };
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

  /** Visit each record's start, in order. */
  forEach(visit: (block: Int32Array, at: number) => void): void {
    const each = ({ data, length }: { data: Int32Array; length: number }) => {
      for (let i = 0; i < length; i += 5 + data[i + 4]!) visit(data, i);
    };
    if (this.fd !== undefined) {
      let buffer = new Int32Array(this.blockInts);
      let position = 0;
      for (const length of this.written) {
        if (buffer.length < length) buffer = new Int32Array(length);
        readSync(this.fd, new Uint8Array(buffer.buffer, 0, length * 4), 0, length * 4, position);
        position += length * 4;
        each({ data: buffer, length });
      }
    }
    for (const block of this.blocks) each(block);
    each(this.current);
  }

  close(): void {
    this.blocks.length = 0;
    this.current = { data: new Int32Array(0), length: 0 };
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.file!, { force: true });
    }
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** lunr.idf: a variant of BM25's idf that never goes negative. */
function lunrIdf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}
