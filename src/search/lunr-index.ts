/**
 * `search/lunr-index.json`: the whole index as one standard serialized lunr 2.3.9 index,
 * for scripts and tools that speak lunr (`lunr.Index.load(JSON.parse(text))`). The
 * browser never loads it; the sharded files are what the search page uses.
 *
 * It is the JSON `lunr.Builder` itself would write for the same documents (the test
 * compares them byte for byte): documents keyed by slug, the same fields and boosts as
 * the shards, the same weights (bm25.ts), lunr's term numbers (in the order it meets the
 * terms, adding the documents newest first), no word positions. Its search pipeline is
 * lunr's default, the stemmer, so `index.search('embassies')` finds the archive's
 * `embassi`; the words were indexed by the site's own tokenizer (tokenize.ts: accents
 * folded, stop words dropped), which plain English queries meet half way.
 *
 * One file grows with the archive (about 30 kB an article), so the build writes it only up
 * to `LUNR_INDEX_MAX_ARTICLES` unless asked (`--lunr-index`, `--no-lunr-index`).
 */
import { lunrWeights, type TermPostings } from './build-index.ts';
import { SEARCH_FIELDS } from './profile.ts';

/** Up to this many articles the build writes the file by default: about 60 MB then. */
export const LUNR_INDEX_MAX_ARTICLES = 2000;
export const LUNR_INDEX_PATH = 'search/lunr-index.json';
/** lunr.version, which `lunr.Index.load` compares with its own. */
const LUNR_VERSION = '2.3.9';

/** lunr keeps object keys that look like array indexes ("2019") ahead of the others, in numeric order; so does JSON.stringify. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

export interface LunrIndexSource {
  /** Each document's slug, by document number. */
  slugs: readonly string[];
  /** Every term with its postings, in term order. */
  postings: Iterable<[string, Pick<TermPostings, 'first' | 'postings'>]>;
  lengthSums: readonly number[];
}

/** The serialized index, as `JSON.stringify(lunr.Index#toJSON())` gives it. */
export function lunrIndexJson(source: LunrIndexSource): string {
  return lunrIndexPieces(source).join('');
}

/** Pieces of the file the build writes one after another (`lunrIndexJson` joined): ~1 MB each. */
const PIECE_CHARS = 1 << 20;

/**
 * `lunrIndexJson` in pieces of about `PIECE_CHARS` characters, for a file written piece by
 * piece: at 2,000 articles the file is ~60 MB, which as one string was joined, then
 * copied into one buffer.
 */
export function lunrIndexPieces(source: LunrIndexSource): string[] {
  const { slugs, lengthSums } = source;
  const docCount = slugs.length;
  const fieldCount = SEARCH_FIELDS.length;
  const terms: string[] = [];
  const firsts: Array<[number, number, number]> = [];
  const postings: Int32Array[][] = [];
  for (const [term, posting] of source.postings) {
    terms.push(term);
    firsts.push(posting.first);
    postings.push(posting.postings.map((list) => Int32Array.from(list)));
  }
  // lunr numbers a term when it first meets it: documents newest (highest number) first, fields in order, terms in order.
  const order = terms.map((_, i) => i).sort((a, b) => firsts[b]![0] - firsts[a]![0] || firsts[a]![1] - firsts[b]![1] || firsts[a]![2] - firsts[b]![2]);
  const termIndex = new Int32Array(terms.length);
  order.forEach((term, index) => (termIndex[term] = index));

  const out = new PieceWriter();
  out.add(`{"version":${JSON.stringify(LUNR_VERSION)},"fields":${JSON.stringify(SEARCH_FIELDS)},"fieldVectors":[`);
  // A document's key in a posting, `"slug":{}`, once per document.
  const refs = slugs.map((slug) => `${JSON.stringify(slug)}:{}`);
  const numericRef = slugs.map((slug) => ARRAY_INDEX.test(slug));
  const fieldKeys = SEARCH_FIELDS.map((field) => JSON.stringify(field));
  // Each term's weights, by field: `[doc, weight, …]` (bm25.ts, lunr's).
  const weights = terms.map((_, t) => lunrWeights({ postings: postings[t]! }, docCount, lengthSums));

  // Each document's field vectors: [term index, weight] sorted by term index (lunr.Vector
  // keeps its elements so), gathered into one typed array per field of all documents,
  // filled term by term in index order, so each vector's elements come sorted.
  const vectorStart = new Int32Array(docCount * fieldCount + 1);
  for (const lists of postings) lists.forEach((list, field) => {
    for (let i = 0; i < list.length; i += 3) vectorStart[list[i]! * fieldCount + field + 1]!++;
  });
  for (let v = 0; v < docCount * fieldCount; v++) vectorStart[v + 1]! += vectorStart[v]!;
  const fill = vectorStart.slice(0, docCount * fieldCount);
  const vectorTerm = new Int32Array(vectorStart[docCount * fieldCount]!);
  const vectorWeight = new Float64Array(vectorStart[docCount * fieldCount]!);
  order.forEach((t, index) => {
    weights[t]!.forEach((list, field) => {
      for (let i = 0; i < list.length; i += 2) {
        const at = fill[list[i]! * fieldCount + field]!++;
        vectorTerm[at] = index;
        vectorWeight[at] = list[i + 1]!;
      }
    });
  });
  let firstVector = true;
  for (let doc = docCount - 1; doc >= 0; doc--) {
    for (let field = 0; field < fieldCount; field++) {
      const v = doc * fieldCount + field;
      let elements = '';
      for (let k = vectorStart[v]!; k < vectorStart[v + 1]!; k++) elements += `${k === vectorStart[v] ? '' : ','}${vectorTerm[k]},${vectorWeight[k]}`;
      out.add(`${firstVector ? '' : ','}[${JSON.stringify(`${SEARCH_FIELDS[field]}/${slugs[doc]}`)},[${elements}]]`);
      firstVector = false;
    }
  }
  out.add('],"invertedIndex":[');
  terms.forEach((term, t) => {
    const fields: string[] = [];
    weights[t]!.forEach((list, field) => {
      const keys: string[] = [];
      const numeric: number[] = [];
      for (let i = list.length - 2; i >= 0; i -= 2) {
        const doc = list[i]!;
        if (numericRef[doc]) numeric.push(doc);
        else keys.push(refs[doc]!);
      }
      if (numeric.length > 0) keys.unshift(...numeric.sort((a, b) => Number(slugs[a]) - Number(slugs[b])).map((doc) => refs[doc]!));
      fields.push(`${fieldKeys[field]}:{${keys.join(',')}}`);
    });
    out.add(`${t === 0 ? '' : ','}[${JSON.stringify(term)},{"_index":${termIndex[t]},${fields.join(',')}}]`);
  });
  out.add('],"pipeline":["stemmer"]}');
  return out.done();
}

/** Strings gathered into pieces of about `PIECE_CHARS` characters. */
class PieceWriter {
  private readonly pieces: string[] = [];
  private current: string[] = [];
  private chars = 0;

  add(text: string): void {
    this.current.push(text);
    this.chars += text.length;
    if (this.chars >= PIECE_CHARS) this.cut();
  }

  done(): string[] {
    this.cut();
    return this.pieces;
  }

  private cut(): void {
    if (this.current.length > 0) this.pieces.push(this.current.join(''));
    this.current = [];
    this.chars = 0;
  }
}
