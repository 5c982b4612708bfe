/**
 * The sharded index in the browser (and in Node, for the tests): loads the chunks a
 * query needs and answers it with lunr itself.
 *
 * The client keeps one growing lunr index holding every term loaded so far: for each
 * term its postings (lunr's `invertedIndex`), and for each document field the weights of
 * those terms (lunr's `fieldVectors`, only the entries for loaded terms). Before lunr
 * runs a query, every term the query can reach is loaded:
 *
 * - a word: the chunk that holds it (its absence there means the archive lacks it);
 * - a prefix `embas*`: every chunk that can hold a term with that prefix;
 * - a fuzzy word `embasy~1`: the terms within the edit distance, found in the
 *   vocabulary files of the lengths they can have, and their chunks.
 *
 * Then lunr's own `Index#query` gives the same results, scores and order as over the
 * whole index: a query's score only reads the weights of the terms it reaches (lunr's
 * query vector has entries for those alone), the weights were computed at build time
 * from global statistics (build-index.ts), and lunr's term expansion finds the same
 * terms in a token set that holds at least all of them.
 */
import lunr from 'lunr';
import { chunkOf, chunksWithPrefix, paths, type Manifest, type PositionChunk, type TermChunk } from './shard-format.ts';

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
};

const PRESENCE: Record<Presence, lunr.Query.presence> = {
  required: lunr.Query.presence.REQUIRED,
  optional: lunr.Query.presence.OPTIONAL,
  prohibited: lunr.Query.presence.PROHIBITED,
};

export class ShardedIndex {
  readonly manifest: Manifest;
  private readonly fetchJson: Fetcher;
  private readonly chunks = new Map<number, Promise<void>>();
  private readonly positionChunks = new Map<number, Promise<PositionChunk>>();
  private readonly vocabularies = new Map<number, Promise<string[]>>();
  private readonly invertedIndex: Record<string, Record<string, unknown>> = Object.create(null);
  private readonly fieldVectors: Record<string, lunr.Vector> = Object.create(null);
  private readonly loadedTerms: string[] = [];
  private tokenSetStale = true;
  private readonly index: lunr.Index;

  constructor(manifest: Manifest, fetchJson: Fetcher) {
    this.manifest = manifest;
    this.fetchJson = fetchJson;
    this.index = new lunr.Index({
      invertedIndex: this.invertedIndex,
      fieldVectors: this.fieldVectors,
      tokenSet: TokenSet.fromArray([]),
      fields: manifest.fields,
      pipeline: new lunr.Pipeline(),
    } as unknown as ConstructorParameters<typeof lunr.Index>[0]);
  }

  static async open(fetchJson: Fetcher): Promise<ShardedIndex> {
    const manifest = (await fetchJson(paths.manifest)) as Manifest;
    if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.chunks)) throw new Error('search index: the manifest is not a search manifest');
    return new ShardedIndex(manifest, fetchJson);
  }

  /** True when the archive has the term (loads its chunk). */
  async has(term: string): Promise<boolean> {
    await this.loadChunks([chunkOf(this.manifest.chunks, term)]);
    return term in this.invertedIndex;
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

  /** Runs the clauses through lunr, after loading every chunk they can reach. */
  async search(clauses: Clause[]): Promise<Hit[]> {
    const needed = new Set<number>();
    for (const clause of clauses) {
      if (this.manifest.chunks.length === 0) break;
      if (clause.editDistance) {
        for (const term of await this.expand(clause.term, clause.editDistance)) needed.add(chunkOf(this.manifest.chunks, term));
      } else if (clause.prefix) {
        for (const chunk of chunksWithPrefix(this.manifest.chunks, clause.term)) needed.add(chunk);
      } else {
        needed.add(chunkOf(this.manifest.chunks, clause.term));
      }
    }
    await this.loadChunks([...needed]);
    if (this.tokenSetStale) {
      this.loadedTerms.sort();
      (this.index as unknown as { tokenSet: lunr.TokenSet }).tokenSet = TokenSet.fromArray(this.loadedTerms);
      this.tokenSetStale = false;
    }
    const results = this.index.query((query) => {
      for (const clause of clauses) {
        query.term(clause.term, {
          presence: PRESENCE[clause.presence],
          usePipeline: false,
          wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          ...(clause.editDistance ? { editDistance: clause.editDistance } : {}),
        });
      }
    });
    return results.map((result) => {
      const terms: Record<string, string[]> = {};
      for (const [term, fields] of Object.entries(result.matchData.metadata)) {
        for (const field of Object.keys(fields as object)) (terms[field] ??= []).push(term);
      }
      return { doc: Number(result.ref), score: result.score, terms };
    });
  }

  /**
   * For each term, per field, each document's word ordinals (for phrase checks). Only
   * the documents in `docs` are decoded.
   */
  async ordinals(terms: string[], docs: Set<number>): Promise<Map<string, Array<Map<number, number[]>>>> {
    const out = new Map<string, Array<Map<number, number[]>>>();
    const wanted = new Set(terms);
    const chunks = [...new Set(terms.map((term) => chunkOf(this.manifest.chunks, term)))];
    const loaded = await Promise.all(chunks.map((chunk) => this.positionChunk(chunk)));
    for (const chunk of loaded) {
      for (const [term, fields] of chunk) {
        if (!wanted.has(term)) continue;
        out.set(
          term,
          fields.map((flat) => {
            const byDoc = new Map<number, number[]>();
            let doc = 0;
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
            return byDoc;
          }),
        );
      }
    }
    return out;
  }

  private positionChunk(chunk: number): Promise<PositionChunk> {
    let promise = this.positionChunks.get(chunk);
    if (!promise) {
      promise = this.fetchJson(paths.positions(chunk)) as Promise<PositionChunk>;
      this.positionChunks.set(chunk, promise);
      promise.catch(() => this.positionChunks.delete(chunk));
    }
    return promise;
  }

  private async loadChunks(chunks: number[]): Promise<void> {
    await Promise.all(
      chunks.map((chunk) => {
        let promise = this.chunks.get(chunk);
        if (!promise) {
          promise = this.fetchJson(paths.terms(chunk)).then((data) => this.addChunk(data as TermChunk));
          this.chunks.set(chunk, promise);
          // A failed fetch is retried by the next query rather than remembered.
          promise.catch(() => this.chunks.delete(chunk));
        }
        return promise;
      }),
    );
  }

  private addChunk(chunk: TermChunk): void {
    const fields = this.manifest.fields;
    for (const [term, termIndex, perField] of chunk) {
      if (term in this.invertedIndex) continue;
      const posting: Record<string, unknown> = { _index: termIndex };
      fields.forEach((field, f) => {
        const docs: Record<string, object> = {};
        const flat = perField[f] ?? [];
        let doc = 0;
        for (let i = 0; i < flat.length; i += 2) {
          doc += flat[i]!;
          docs[doc] = {};
          const key = `${field}/${doc}`;
          const vector = (this.fieldVectors[key] ??= new lunr.Vector([]));
          vector.insert(termIndex, flat[i + 1]! / 1000);
        }
        posting[field] = docs;
      });
      this.invertedIndex[term] = posting;
      this.loadedTerms.push(term);
    }
    this.tokenSetStale = true;
  }
}
