/**
 * The sharded index in the browser (and in Node, for the tests): loads the chunks a
 * query needs and answers it exactly as lunr would over the whole index.
 *
 * Before a query runs, every term it can reach is loaded, from each segment of the index
 * (shard-format.ts):
 *
 * - a word: the chunk that holds it (its absence there means the segment lacks it);
 * - a prefix `embas*`: every chunk that can hold a term with that prefix;
 * - a fuzzy word `embasy~1`: the terms within the edit distance, found in the
 *   vocabulary files of the lengths they can have, and their chunks.
 *
 * A term's postings are the segments' joined (each segment numbers its documents from 0;
 * its first document's number is added), and its weights are computed once every segment's
 * chunk that can hold it is loaded: the document count in lunr's idf is the sum.
 *
 * Terms are expanded by lunr's own `TokenSet` (over the loaded terms, which include
 * every term the query can reach), and documents are scored by `lunr.Index#query`'s
 * algorithm (lunr 2.3.9), transcribed here onto typed arrays: for each field, the dot
 * product of the query vector (each reached term's clause boost) with the document's
 * field vector (lunr's BM25 weights, computed from each posting's term frequency and
 * field length as a term's chunk is loaded, bm25.ts), divided by the query vector's
 * length; fields summed; required and prohibited clauses as lunr applies them; ties in
 * lunr's order (lunr meets documents newest first, the highest numbers first here). Every
 * sum is taken in lunr's order (its terms numbered where it first meets them,
 * build-index.ts), so the scores are lunr's to the last bit. lunr's own `query` allocates a match object per word, field and
 * document: at 10,000 articles, where a common word is in a third of them, that takes
 * 50–100 ms a query; this takes about one. test/search/shards.test.ts compares both,
 * result for result, against an index built by `lunr.Builder`.
 */
import lunr from 'lunr';
import { FIELD_BOOSTS, lunrIdf, lunrWeight } from './bm25.ts';
import { BODY_FIELD, chunkOf, decodeNumbers, chunksWithPrefix, paths, type Manifest, type PositionChunk, type TermChunk } from './shard-format.ts';

export type Fetcher = (path: string) => Promise<unknown>;

export type Presence = 'required' | 'optional' | 'prohibited';

export interface Clause {
  /** A term as indexed (tokenize.ts `termOf`), or a prefix (`prefixOf`) when `prefix`. */
  term: string;
  presence: Presence;
  prefix?: boolean;
  /** Edit distance for typo tolerance (lunr's `~n`). */
  editDistance?: number;
}

export interface Hit {
  doc: number;
  score: number;
  /** The index terms that matched, per field (lunr's matchData, positions left to the client). */
  terms: Record<string, string[]>;
}

/** lunr's TokenSet builders, which @types/lunr leaves out. */
const TokenSet = lunr.TokenSet as unknown as {
  fromArray(terms: string[]): lunr.TokenSet;
  fromFuzzyString(term: string, editDistance: number): lunr.TokenSet;
  fromString(term: string): lunr.TokenSet;
};


interface LoadedTerm {
  /** Where lunr first meets the term, which orders its term numbers: the newest document with it, the field there, the place in the field. */
  newest: number;
  field: number;
  seq: number;
  /** Per field: documents (ascending) and their weights. */
  docs: Int32Array[];
  weights: Float64Array[];
}

/** lunr's term order (its `_index`): the term it met first, in the newest document first. */
function lunrTermOrder(a: LoadedTerm, b: LoadedTerm): number {
  return b.newest - a.newest || a.field - b.field || a.seq - b.seq;
}

export class ShardedIndex {
  readonly manifest: Manifest;
  private readonly fetchJson: Fetcher;
  /** Chunks fetched or being fetched, as `segment:chunk`. */
  private readonly chunks = new Map<string, Promise<void>>();
  /** Per segment, the chunks loaded. */
  private readonly loaded: Set<number>[];
  private readonly positionChunks = new Map<string, Promise<PositionChunk>>();
  private readonly vocabularies = new Map<number, Promise<string[]>>();
  /** Terms whose postings are complete (every segment's chunk that can hold them is loaded), with their weights. */
  private readonly terms = new Map<string, LoadedTerm>();
  /** Terms met in a loaded chunk whose other segments' chunks are not all loaded yet: their entries by segment. */
  private readonly partial = new Map<string, Array<TermChunk[number] | undefined>>();
  private tokenSet: lunr.TokenSet = TokenSet.fromArray([]);
  private tokenSetStale = false;

  constructor(manifest: Manifest, fetchJson: Fetcher) {
    this.manifest = manifest;
    this.fetchJson = fetchJson;
    this.loaded = manifest.segments.map(() => new Set<number>());
  }

  static async open(fetchJson: Fetcher): Promise<ShardedIndex> {
    const manifest = (await fetchJson(paths.manifest)) as Manifest;
    if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.segments)) throw new Error('search index: the manifest is not a search manifest');
    return new ShardedIndex(manifest, fetchJson);
  }

  /** True when the archive has the term (loads its chunks). */
  async has(term: string): Promise<boolean> {
    await this.loadChunks(this.manifest.segments.map((segment) => (segment.chunks.length === 0 ? [] : [chunkOf(segment.chunks, term)])));
    return this.terms.has(term);
  }

  /** Terms within `distance` edits of `term`, from the vocabulary files of the lengths that can be. */
  async expand(term: string, distance: number): Promise<string[]> {
    const lengths: number[] = [];
    for (let length = Math.max(1, term.length - distance); length <= Math.min(this.manifest.maxTermLength, term.length + distance); length++) lengths.push(length);
    const lists = await Promise.all(lengths.map((length) => this.vocabularyOf(length)));
    const vocabulary = TokenSet.fromArray(lists.flat().sort());
    return vocabulary.intersect(TokenSet.fromFuzzyString(term, distance)).toArray();
  }

  private vocabularyOf(length: number): Promise<string[]> {
    let promise = this.vocabularies.get(length);
    if (!promise) {
      promise = this.fetchJson(paths.vocabulary(length)) as Promise<string[]>;
      this.vocabularies.set(length, promise);
      promise.catch(() => this.vocabularies.delete(length));
    }
    return promise;
  }

  /** Runs the clauses as lunr would on the whole index, after loading every chunk they can reach. */
  async search(clauses: Clause[]): Promise<Hit[]> {
    const segments = this.manifest.segments;
    const needed = segments.map(() => new Set<number>());
    for (const clause of clauses) {
      const expanded = clause.editDistance ? await this.expand(clause.term, clause.editDistance) : undefined;
      segments.forEach(({ chunks }, k) => {
        if (chunks.length === 0) return;
        if (expanded !== undefined) for (const term of expanded) needed[k]!.add(chunkOf(chunks, term));
        else if (clause.prefix) for (const chunk of chunksWithPrefix(chunks, clause.term)) needed[k]!.add(chunk);
        else needed[k]!.add(chunkOf(chunks, clause.term));
      });
    }
    await this.loadChunks(needed.map((chunks) => [...chunks]));
    if (this.tokenSetStale) {
      this.tokenSet = TokenSet.fromArray([...this.terms.keys()].sort());
      this.tokenSetStale = false;
    }
    return this.score(clauses);
  }

  /** lunr.Index#query (lunr 2.3.9), step for step; comments name lunr's variables. */
  private score(clauses: Clause[]): Hit[] {
    const n = this.manifest.docCount;
    const fieldCount = this.manifest.fields.length;
    // lunr: a query with only prohibited clauses matches every document, with score 0.
    if (clauses.length > 0 && clauses.every((c) => c.presence === 'prohibited')) {
      const prohibited = new Uint8Array(n);
      for (const clause of clauses) {
        for (const term of this.expandClause(clause)) for (const docs of this.terms.get(term)!.docs) for (const d of docs) prohibited[d] = 1;
      }
      const hits: Hit[] = [];
      // Every document, in the order lunr keeps them (newest first).
      for (let d = n - 1; d >= 0; d--) if (!prohibited[d]) hits.push({ doc: d, score: 0, terms: {} });
      return hits;
    }

    const queryVectors = Array.from({ length: fieldCount }, () => new Map<LoadedTerm, number>());
    /** matchingFields' keys in insertion order, as `field * n + doc`. */
    const matchingFieldRefs: number[] = [];
    const { seenFieldRef, requiredCount, clauseMark, prohibited, dotArrays, hitAt, hitDocs, hitScores } = this.scratchArrays(n, fieldCount);
    const termFieldCache = new Set<string>();
    let requiredClauses = 0;
    const reached: string[][] = [];

    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!;
      const expandedTerms = this.expandClause(clause);
      reached.push(clause.presence === 'prohibited' ? [] : expandedTerms);
      if (expandedTerms.length === 0 && clause.presence === 'required') return []; // requiredMatches = empty
      if (clause.presence === 'required') requiredClauses++;
      for (const expandedTerm of expandedTerms) {
        const posting = this.terms.get(expandedTerm)!;
        for (let f = 0; f < fieldCount; f++) {
          const docs = posting.docs[f]!;
          if (clause.presence === 'required') {
            for (const d of docs) {
              if (clauseMark[d] !== c + 1) {
                clauseMark[d] = c + 1;
                requiredCount[d]!++;
              }
            }
          }
          if (clause.presence === 'prohibited') {
            for (const d of docs) prohibited[d] = 1;
            continue;
          }
          const vector = queryVectors[f]!;
          const boost = 1; // lunr's default clause boost; this client never sets another
          const existing = vector.get(posting);
          vector.set(posting, existing === undefined ? boost : existing + boost);
          const termField = `${expandedTerm}/${f}`;
          if (termFieldCache.has(termField)) continue;
          // In the order lunr meets the documents: newest, so highest number, first.
          for (let i = docs.length - 1; i >= 0; i--) {
            const d = docs[i]!;
            const ref = f * n + d;
            if (!seenFieldRef[ref]) {
              seenFieldRef[ref] = 1;
              matchingFieldRefs.push(ref);
            }
          }
          termFieldCache.add(termField);
        }
      }
    }

    // Each field's dot products, summed in ascending term index as lunr.Vector#dot does,
    // and the query vector's magnitude (lunr.Vector#magnitude, same order).
    const dots: Float64Array[] = [];
    const magnitudes: number[] = [];
    for (let f = 0; f < fieldCount; f++) {
      const entries = [...queryVectors[f]!].sort((a, b) => lunrTermOrder(a[0], b[0]));
      let sumOfSquares = 0;
      for (const [, value] of entries) sumOfSquares += value * value;
      magnitudes.push(Math.sqrt(sumOfSquares));
      const dot = dotArrays[f]!;
      for (const [posting, value] of entries) {
        const docs = posting.docs[f]!;
        const weights = posting.weights[f]!;
        for (let i = 0; i < docs.length; i++) dot[docs[i]!]! += value * weights[i]!;
      }
      dots.push(dot);
    }

    // Each matching document's score, fields summed in lunr's order; the documents in
    // the order lunr first meets them, which is the order of equal scores after its sort.
    const matched: MatchSource = { loaded: this.terms, fields: this.manifest.fields, reached };
    let count = 0;
    for (const ref of matchingFieldRefs) {
      const d = ref % n;
      const f = (ref - d) / n;
      if (requiredClauses > 0 && requiredCount[d] !== requiredClauses) continue;
      if (prohibited[d]) continue;
      const score = dots[f]![d]! / magnitudes[f]! || 0; // lunr.Vector#similarity
      const at = hitAt[d]!;
      if (at > 0) hitScores[at - 1] = hitScores[at - 1]! + score;
      else {
        hitDocs[count] = d;
        hitScores[count] = score;
        hitAt[d] = ++count;
      }
    }
    // lunr: results.sort((a, b) => b.score - a.score), a stable sort.
    const order = rankOrder(hitScores, count);
    const hits: Hit[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const k = order[i]!;
      hits[i] = new LazyHit(matched, hitDocs[k]!, hitScores[k]!);
    }
    return hits;
  }

  private scratch: { n: number; fieldCount: number; arrays: Int32Array[]; bytes: Uint8Array[]; dots: Float64Array[]; hitDocs: Int32Array; hitScores: Float64Array } | undefined;

  /**
   * The per-document arrays `score` works in, zeroed. Kept from one query to the next
   * (score runs synchronously, so never twice at once): allocating them afresh, about
   * 600 kB at 10,000 articles, made the garbage collector the slowest step of a query.
   */
  private scratchArrays(n: number, fieldCount: number) {
    let s = this.scratch;
    if (!s || s.n !== n || s.fieldCount !== fieldCount) {
      s = this.scratch = {
        n,
        fieldCount,
        arrays: [new Int32Array(n), new Int32Array(n), new Int32Array(n)],
        bytes: [new Uint8Array(n * fieldCount), new Uint8Array(n)],
        dots: Array.from({ length: fieldCount }, () => new Float64Array(n)),
        // Written before read, up to the number of hits: not zeroed.
        hitDocs: new Int32Array(n),
        hitScores: new Float64Array(n),
      };
    } else {
      for (const a of s.arrays) a.fill(0);
      for (const a of s.bytes) a.fill(0);
      for (const a of s.dots) a.fill(0);
    }
    const [requiredCount, clauseMark, hitAt] = s.arrays as [Int32Array, Int32Array, Int32Array];
    const [seenFieldRef, prohibited] = s.bytes as [Uint8Array, Uint8Array];
    return { seenFieldRef, requiredCount, clauseMark, prohibited, dotArrays: s.dots, hitAt, hitDocs: s.hitDocs, hitScores: s.hitScores };
  }

  /** lunr: `this.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()`. */
  private expandClause(clause: Clause): string[] {
    const term = clause.prefix && !clause.term.endsWith('*') ? `${clause.term}*` : clause.term;
    const set = clause.editDistance ? TokenSet.fromFuzzyString(term, clause.editDistance) : TokenSet.fromString(term);
    return this.tokenSet.intersect(set).toArray();
  }

  /**
   * For each term, per field, each document's word ordinals (for phrase checks). Only
   * the documents in `docs` are decoded.
   */
  async ordinals(terms: string[], docs: Set<number>): Promise<Map<string, Array<Map<number, number[]>>>> {
    const out = new Map<string, Array<Map<number, number[]>>>();
    const wanted = new Set(terms);
    const wantedChunks = this.manifest.segments.flatMap(({ start, chunks }, segment) => (chunks.length === 0 ? [] : [...new Set(terms.map((term) => chunkOf(chunks, term)))].map((chunk) => ({ start, segment, chunk }))));
    const loaded = await Promise.all(wantedChunks.map(async (wanted) => ({ start: wanted.start, data: await this.positionChunk(wanted.segment, wanted.chunk) })));
    for (const { start, data } of loaded) {
      for (const [term, fields] of data) {
        if (!wanted.has(term)) continue;
        const byField = out.get(term) ?? fields.map(() => new Map<number, number[]>());
        out.set(term, byField);
        fields.forEach((flat, f) => {
          const byDoc = byField[f]!;
          let doc = start;
          for (let i = 0; i < flat.length; ) {
            doc += flat[i]!;
            const count = flat[i + 1]!;
            if (docs.has(doc)) {
              const list: number[] = [];
              let ordinal = 0;
              for (let k = 0; k < count; k++) list.push((ordinal += flat[i + 2 + k]!));
              byDoc.set(doc, list);
            }
            i += 2 + count;
          }
        });
      }
    }
    return out;
  }

  private positionChunk(segment: number, chunk: number): Promise<PositionChunk> {
    const key = `${segment}:${chunk}`;
    let promise = this.positionChunks.get(key);
    if (!promise) {
      promise = this.fetchJson(paths.positions(this.manifest.segments[segment]!.chunks[chunk]!, segment)) as Promise<PositionChunk>;
      this.positionChunks.set(key, promise);
      promise.catch(() => this.positionChunks.delete(key));
    }
    return promise;
  }

  /** Loads the chunks (per segment, by number) and makes the terms they complete. */
  private async loadChunks(chunks: number[][]): Promise<void> {
    await Promise.all(
      chunks.flatMap((list, segment) =>
        list.map((chunk) => {
          const key = `${segment}:${chunk}`;
          let promise = this.chunks.get(key);
          if (!promise) {
            promise = this.fetchJson(paths.terms(this.manifest.segments[segment]!.chunks[chunk]!, segment)).then((data) => this.addChunk(segment, chunk, data as TermChunk));
            this.chunks.set(key, promise);
            // A failed fetch is retried by the next query rather than remembered.
            promise.catch(() => this.chunks.delete(key));
          }
          return promise;
        }),
      ),
    );
    this.completeTerms();
  }

  /** Each document's body length (the manifest's), decoded when a chunk first needs it. */
  private bodyLengths: Int32Array | undefined;

  /** A chunk's entries, kept by term until `completeTerms`. */
  private addChunk(segment: number, chunk: number, data: TermChunk): void {
    this.loaded[segment]!.add(chunk);
    for (const entry of data) {
      const term = entry[0];
      if (this.terms.has(term)) continue;
      let parts = this.partial.get(term);
      if (parts === undefined) this.partial.set(term, (parts = this.manifest.segments.map(() => undefined)));
      parts[segment] = entry;
    }
  }

  /** Each term whose every segment's chunk is now loaded gets its weights (once per load, not per chunk: a prefix loads many). */
  private completeTerms(): void {
    const segments = this.manifest.segments;
    for (const [term, parts] of this.partial) {
      if (!segments.every(({ chunks }, k) => chunks.length === 0 || this.loaded[k]!.has(chunkOf(chunks, term)))) continue;
      this.partial.delete(term);
      this.terms.set(term, this.loadedTerm(parts));
    }
    this.tokenSetStale = true;
  }

  /** A term's postings from each segment's entry (undefined where it lacks the term), with lunr's weights. */
  private loadedTerm(parts: Array<TermChunk[number] | undefined>): LoadedTerm {
    const { fields, docCount, lengthSums, segments } = this.manifest;
    const bodyLengths = (this.bodyLengths ??= decodeNumbers(this.manifest.bodyLengths, this.manifest.bodyLengthWidth));
    const size = (f: number) => (f === BODY_FIELD ? 2 : 3);
    // lunr.idf counts a document once per field it has the term in.
    let documentsWithTerm = 0;
    for (const part of parts) part?.[3].forEach((flat, f) => (documentsWithTerm += flat.length / size(f)));
    const idf = lunrIdf(documentsWithTerm, docCount);
    const docs: Int32Array[] = [];
    const weights: Float64Array[] = [];
    let newest = -1;
    let field = 0;
    let seq = 0;
    for (let f = 0; f < fields.length; f++) {
      const average = lengthSums[f]! / docCount;
      const boost = FIELD_BOOSTS[fields[f] as keyof typeof FIELD_BOOSTS] ?? 1;
      // The body's postings are [doc delta, tf], its lengths the manifest's; the others' [doc delta, tf, length].
      const step = size(f);
      let count = 0;
      for (const part of parts) count += (part?.[3][f]?.length ?? 0) / step;
      const d = new Int32Array(count);
      const w = new Float64Array(count);
      let k = 0;
      parts.forEach((part, segment) => {
        const flat = part?.[3][f] ?? [];
        let doc = segments[segment]!.start;
        for (let i = 0; i < flat.length; i += step, k++) {
          doc += flat[i]!;
          d[k] = doc;
          w[k] = lunrWeight(idf, flat[i + 1]!, step === 2 ? bodyLengths[doc]! : flat[i + 2]!, average, boost);
        }
      });
      if (d.length > 0) newest = Math.max(newest, d[d.length - 1]!);
      docs.push(d);
      weights.push(w);
    }
    // Where lunr first meets the term: in the last segment that has it (its newest document).
    for (const part of parts) if (part !== undefined) [, field, seq] = part;
    return { newest, field, seq, docs, weights };
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The first `count` indices of `scores` ordered by score, highest first, equal scores in
 * index order: what a stable `sort((a, b) => b - a)` gives, as lunr sorts its results.
 * Scores are never negative (BM25 weights and clause boosts are positive), and the bits
 * of a non-negative double, read as an unsigned integer, sort as the number does; a
 * least-significant-digit radix sort on them, a byte at a time, is stable and about twice
 * as fast as comparing thousands of hits. Anything else (a negative, -0 or NaN score, or
 * a big-endian machine) falls back to the comparison.
 */
export function rankOrder(scores: Float64Array, count: number): Int32Array {
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  if (count < 2) return order;
  let sortable = LITTLE_ENDIAN;
  for (let i = 0; i < count && sortable; i++) {
    const score = scores[i]!;
    if (!(score >= 0) || (score === 0 && 1 / score < 0)) sortable = false;
  }
  if (!sortable) return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  // Each score's 64 bits as two 32-bit words (low, high), inverted: ascending is then by score, descending.
  const words = new Uint32Array(scores.buffer, scores.byteOffset, count * 2);
  const keys = new Uint32Array(count * 2);
  for (let i = 0; i < count * 2; i++) keys[i] = ~words[i]! >>> 0;
  let spare = new Int32Array(count);
  const buckets = new Int32Array(256);
  // A byte at a time from the least significant: the low word's four, then the high word's.
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 0 : 1;
    const shift = (pass % 4) * 8;
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[(keys[i * 2 + word]! >>> shift) & 255]!++;
    if (buckets[(keys[word]! >>> shift) & 255] === count) continue; // the same byte in every key
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const size = buckets[b]!;
      buckets[b] = sum;
      sum += size;
    }
    for (let i = 0; i < count; i++) {
      const k = order[i]!;
      spare[buckets[(keys[k * 2 + word]! >>> shift) & 255]!++] = k;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** Binary search in an ascending list. */
function includes(list: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** What a query's hits need to work out their matched terms: shared by all of them. */
interface MatchSource {
  loaded: ReadonlyMap<string, LoadedTerm>;
  fields: string[];
  /** Per clause, the index terms it reached (none for a prohibited one). */
  reached: string[][];
}

/**
 * A hit whose matched terms per field (lunr's matchData) are worked out when first read:
 * a common word matches thousands of documents and only the ten drawn are read. A class
 * rather than an object with a getter, so a hit costs one small object, not a closure
 * too; its fields are `declare`d and assigned, not class fields, which the bundle's
 * target turns into an `Object.defineProperty` call each (a fifth of a warm query).
 */
class LazyHit implements Hit {
  declare readonly doc: number;
  declare score: number;
  private declare readonly source: MatchSource;
  private declare matched: Record<string, string[]> | undefined;

  constructor(source: MatchSource, doc: number, score: number) {
    this.source = source;
    this.doc = doc;
    this.score = score;
    this.matched = undefined;
  }

  get terms(): Record<string, string[]> {
    if (this.matched) return this.matched;
    const terms: Record<string, string[]> = {};
    const { loaded, fields, reached } = this.source;
    for (const list of reached) {
      for (const term of list) {
        const posting = loaded.get(term)!;
        posting.docs.forEach((docs, f) => {
          if (!includes(docs, this.doc)) return;
          const found = (terms[fields[f]!] ??= []);
          if (!found.includes(term)) found.push(term);
        });
      }
    }
    return (this.matched = terms);
  }
}
