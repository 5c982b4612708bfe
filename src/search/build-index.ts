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
  /** What the result list shows. */
  doc: SearchDoc;
  /** The text of each field as indexed, in `FIELDS` order (for the reference index). */
  fields: string[];
}

export interface TermPostings {
  /** lunr's `_index`: the order in which the term first appeared. */
  index: number;
  /** Per field: `[doc, weight × 1000, doc, weight × 1000, …]`, doc numbers ascending. */
  weights: number[][];
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
  return [...articles].sort(compareArticles).map((article) => {
    const body = htmlToPlainText(article.bodyHtml);
    return {
      slug: article.slug,
      ...(article.date !== undefined ? { year: article.date.slice(0, 4) } : {}),
      ...(article.source !== undefined ? { source: article.source } : {}),
      doc: toSearchDoc(article, body),
      fields: [article.title, article.subtitle ?? '', body, article.source ?? ''],
    };
  });
}

export function buildSearchIndex(articles: ArticlePage[]): BuiltIndex {
  return buildPostings(indexedDocs(articles));
}

/** `blockInts`: the record stream's block size (tests make it tiny, to cross many blocks). */
export function buildPostings(docs: IndexedDoc[], blockInts = STREAM_BLOCK_INTS): BuiltIndex {
  const fieldCount = FIELDS.length;
  const ids = new Map<string, number>();
  const all: TermPostings[] = [];
  /** Documents with the term, counted once per field (lunr.idf counts that way). */
  const documentsWithTerm: number[] = [];
  /** Per document and field: `[term id, frequency, …]` in first-appearance order. */
  const frequencies: Int32Array[] = [];
  const fieldLengths = new Int32Array(docs.length * fieldCount);
  const lengthSums = new Array<number>(fieldCount).fill(0);
  // Scratch space, reset after each field: frequency by term id.
  let counts = new Int32Array(1024);

  /** Word as written → term id, or -1 for a word that is not indexed (stop word, no letters). */
  const wordIds = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = wordIds.get(word);
    if (id !== undefined) return id;
    const term = termOf(word);
    if (term === '') id = -1;
    else {
      id = ids.get(term);
      if (id === undefined) {
        id = all.length;
        ids.set(term, id);
        all.push({
          index: id,
          weights: Array.from({ length: fieldCount }, () => []),
          ordinals: [],
        });
        documentsWithTerm.push(0);
        if (id >= counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
    }
    wordIds.set(word, id);
    return id;
  };

  // Per field, scratch: the ordinal of each (non-compound) token and its term id, in order.
  let sequenceIds = new Int32Array(4096);
  let sequenceOrdinals = new Int32Array(4096);
  let ordinalCounts = new Int32Array(1024);
  let placed = new Int32Array(1024);

  /** `[term id, field, doc, count, ordinal × count]` records, in document order. */
  const stream = new RecordStream(blockInts);

  docs.forEach((doc, docId) => {
    doc.fields.forEach((text, field) => {
      const touched: number[] = [];
      let length = 0;
      let sequence = 0;
      scanWords(text, (word, _start, ordinal, compound) => {
        const id = idOf(word);
        if (id < 0) return;
        length++;
        if (counts[id] === 0) {
          touched.push(id);
          documentsWithTerm[id]!++;
        }
        counts[id]!++;
        if (compound) return;
        if (sequence === sequenceIds.length) {
          sequenceIds = grow(sequenceIds);
          sequenceOrdinals = grow(sequenceOrdinals);
        }
        sequenceIds[sequence] = id;
        sequenceOrdinals[sequence++] = ordinal;
      });
      if (ordinalCounts.length < counts.length) {
        ordinalCounts = new Int32Array(counts.length);
        placed = new Int32Array(counts.length);
      }
      // Group the ordinals by term (a counting sort; each group stays ascending).
      for (let i = 0; i < sequence; i++) ordinalCounts[sequenceIds[i]!]!++;
      const flat = new Int32Array(touched.length * 2);
      const starts = new Map<number, number>();
      let offset = 0;
      touched.forEach((id, i) => {
        flat[2 * i] = id;
        flat[2 * i + 1] = counts[id]!;
        counts[id] = 0;
        starts.set(id, offset);
        placed[id] = offset;
        offset += ordinalCounts[id]!;
      });
      const grouped = new Int32Array(sequence);
      for (let i = 0; i < sequence; i++) grouped[placed[sequenceIds[i]!]!++] = sequenceOrdinals[i]!;
      // Appended to one stream in document order; grouped by term once all are read.
      for (const id of touched) {
        const n = ordinalCounts[id]!;
        ordinalCounts[id] = 0;
        if (n === 0) continue;
        const at = stream.reserve(4 + n);
        const block = stream.block;
        block[at] = id;
        block[at + 1] = field;
        block[at + 2] = docId;
        block[at + 3] = n;
        block.set(grouped.subarray(starts.get(id)!, starts.get(id)! + n), at + 4);
      }
      frequencies.push(flat);
      fieldLengths[docId * fieldCount + field] = length;
      lengthSums[field]! += length;
    });
  });

  // Ordinals by term and field: sizes, offsets, then each record moved into place.
  const sizes = new Int32Array(all.length * fieldCount);
  stream.forEach(false, (block, i) => {
    sizes[block[i]! * fieldCount + block[i + 1]!]! += 2 + block[i + 3]!;
  });
  const cursor = new Int32Array(all.length * fieldCount);
  let total = 0;
  for (let k = 0; k < sizes.length; k++) {
    cursor[k] = total;
    total += sizes[k]!;
  }
  const ordinalData = new Int32Array(total);
  all.forEach((posting, id) => {
    for (let f = 0; f < fieldCount; f++) {
      const from = cursor[id * fieldCount + f]!;
      posting.ordinals.push(ordinalData.subarray(from, from + sizes[id * fieldCount + f]!));
    }
  });
  // Each block is let go once read: the stream and the ordinals are never both whole in memory.
  stream.forEach(true, (block, i) => {
    const n = block[i + 3]!;
    const at = block[i]! * fieldCount + block[i + 1]!;
    const to = cursor[at]!;
    ordinalData[to] = block[i + 2]!;
    ordinalData[to + 1] = n;
    ordinalData.set(block.subarray(i + 4, i + 4 + n), to + 2);
    cursor[at] = to + 2 + n;
  });

  // lunr: averageFieldLength = total terms in the field / documents with the field (all of them).
  const averages = lengthSums.map((sum) => sum / docs.length);
  const idfs = documentsWithTerm.map((count) => lunrIdf(count, docs.length));
  const boosts = FIELDS.map((field) => FIELD_BOOSTS[field]);
  for (let docId = 0; docId < docs.length; docId++) {
    for (let field = 0; field < fieldCount; field++) {
      const fieldLength = fieldLengths[docId * fieldCount + field]!;
      const flat = frequencies[docId * fieldCount + field]!;
      for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]!;
        const count = flat[i + 1]!;
        // Exactly lunr.Builder#createFieldVectors, operation for operation.
        let score = (idfs[id]! * ((K1 + 1) * count)) / (K1 * (1 - B + B * (fieldLength / averages[field]!)) + count);
        score *= boosts[field]!;
        score *= 1; // document boost
        all[id]!.weights[field]!.push(docId, Math.round(score * 1000));
      }
    }
  }

  const terms = [...ids.keys()].sort();
  const postings = new Map(terms.map((term) => [term, all[ids.get(term)!]!]));
  return { docs, terms, postings };
}

/** Ints per block of the record stream: 4 MB, so a 10,000-article archive's ~110 MB of records never needs a copy to grow. */
const STREAM_BLOCK_INTS = 1 << 20;

/** `[a, b, c, n, n ints]` records appended into blocks (never copied to grow), read back in order. */
class RecordStream {
  private readonly blocks: { data: Int32Array; length: number }[] = [];
  private current: { data: Int32Array; length: number };

  constructor(private readonly blockInts: number) {
    this.current = { data: new Int32Array(blockInts), length: 0 };
  }

  /** Room for `size` ints in one block (`block`, read after this call): where to write. Called once per record, so it allocates nothing. */
  reserve(size: number): number {
    if (this.current.length + size > this.current.data.length) {
      this.blocks.push(this.current);
      this.current = { data: new Int32Array(Math.max(this.blockInts, size)), length: 0 };
    }
    const at = this.current.length;
    this.current.length += size;
    return at;
  }

  /** The block the last `reserve` made room in. */
  get block(): Int32Array {
    return this.current.data;
  }

  /** Visit each record's start, in order; `release` lets each block go once read (the stream is then empty). */
  forEach(release: boolean, visit: (block: Int32Array, at: number) => void): void {
    const all = [...this.blocks, this.current];
    if (release) {
      this.blocks.length = 0;
      this.current = { data: new Int32Array(0), length: 0 };
    }
    for (let b = 0; b < all.length; b++) {
      const { data, length } = all[b]!;
      for (let i = 0; i < length; i += 4 + data[i + 3]!) visit(data, i);
      if (release) all[b] = { data: new Int32Array(0), length: 0 };
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
