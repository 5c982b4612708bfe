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
 * One file grows with the archive (about 12 kB an article), so the build writes it only up
 * to `LUNR_INDEX_MAX_ARTICLES` unless asked (`--lunr-index`, `--no-lunr-index`).
 */
import { lunrWeights, type TermPostings } from './build-index.ts';
import { SEARCH_FIELDS } from './profile.ts';

/** Up to this many articles the build writes the file by default: about 25 MB then. */
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

  // Each document's field vectors: [term index, weight] sorted by term index (lunr.Vector
  // keeps its elements so), gathered into one typed array per field of all documents.
  const vectorStart = new Int32Array(docCount * fieldCount + 1);
  for (const lists of postings) lists.forEach((list, field) => {
    for (let i = 0; i < list.length; i += 3) vectorStart[list[i]! * fieldCount + field + 1]!++;
  });
  for (let v = 0; v < docCount * fieldCount; v++) vectorStart[v + 1]! += vectorStart[v]!;
  const fill = vectorStart.slice(0, docCount * fieldCount);
  const vectorTerm = new Int32Array(vectorStart[docCount * fieldCount]!);
  const vectorWeight = new Float64Array(vectorStart[docCount * fieldCount]!);
  // A document's key in a posting, `"slug":{}`, once per document.
  const refs = slugs.map((slug) => `${JSON.stringify(slug)}:{}`);
  const numericRef = slugs.map((slug) => ARRAY_INDEX.test(slug));
  const fieldKeys = SEARCH_FIELDS.map((field) => JSON.stringify(field));
  const inverted: string[] = [];
  terms.forEach((term, t) => {
    const weights = lunrWeights({ postings: postings[t]! }, docCount, lengthSums);
    const fields: string[] = [];
    weights.forEach((list, field) => {
      const keys: string[] = [];
      const numeric: number[] = [];
      for (let i = list.length - 2; i >= 0; i -= 2) {
        const doc = list[i]!;
        const at = fill[doc * fieldCount + field]!++;
        vectorTerm[at] = termIndex[t]!;
        vectorWeight[at] = list[i + 1]!;
        if (numericRef[doc]) numeric.push(doc);
        else keys.push(refs[doc]!);
      }
      if (numeric.length > 0) keys.unshift(...numeric.sort((a, b) => Number(slugs[a]) - Number(slugs[b])).map((doc) => refs[doc]!));
      fields.push(`${fieldKeys[field]}:{${keys.join(',')}}`);
    });
    inverted.push(`[${JSON.stringify(term)},{"_index":${termIndex[t]},${fields.join(',')}}]`);
  });
  const fieldVectors: string[] = [];
  for (let doc = docCount - 1; doc >= 0; doc--) {
    for (let field = 0; field < fieldCount; field++) {
      const v = doc * fieldCount + field;
      const from = vectorStart[v]!;
      const to = vectorStart[v + 1]!;
      const byIndex = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => vectorTerm[a]! - vectorTerm[b]!);
      const elements = byIndex.map((k) => `${vectorTerm[k]},${vectorWeight[k]}`).join(',');
      fieldVectors.push(`[${JSON.stringify(`${SEARCH_FIELDS[field]}/${slugs[doc]}`)},[${elements}]]`);
    }
  }
  return `{"version":${JSON.stringify(LUNR_VERSION)},"fields":${JSON.stringify(SEARCH_FIELDS)},"fieldVectors":[${fieldVectors.join(',')}],"invertedIndex":[${inverted.join(',')}],"pipeline":["stemmer"]}`;
}
