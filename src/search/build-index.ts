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
import { indexTokens } from './tokenize.ts';

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
  ordinals: number[][];
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

export function buildPostings(docs: IndexedDoc[]): BuiltIndex {
  const fieldCount = FIELDS.length;
  const ids = new Map<string, number>();
  const all: TermPostings[] = [];
  /** Documents with the term, counted once per field (lunr.idf counts that way). */
  const documentsWithTerm: number[] = [];
  /** Per document and field: `[term id, frequency, …]` in first-appearance order. */
  const frequencies: Int32Array[] = [];
  const fieldLengths = new Int32Array(docs.length * fieldCount);
  const lengthSums = new Array<number>(fieldCount).fill(0);
  // Scratch space, reset after each field: frequency and ordinals by term id.
  let counts = new Int32Array(1024);
  const ordinalsOf: number[][] = [];

  docs.forEach((doc, docId) => {
    doc.fields.forEach((text, field) => {
      const tokens = indexTokens(text);
      const touched: number[] = [];
      for (const token of tokens) {
        let id = ids.get(token.term);
        if (id === undefined) {
          id = all.length;
          ids.set(token.term, id);
          all.push({
            index: id,
            weights: Array.from({ length: fieldCount }, () => []),
            ordinals: Array.from({ length: fieldCount }, () => []),
          });
          documentsWithTerm.push(0);
          if (id >= counts.length) {
            const grown = new Int32Array(counts.length * 2);
            grown.set(counts);
            counts = grown;
          }
        }
        if (counts[id] === 0) {
          touched.push(id);
          documentsWithTerm[id]!++;
          ordinalsOf[id] = [];
        }
        counts[id]!++;
        if (!token.compound) ordinalsOf[id]!.push(token.ordinal);
      }
      const flat = new Int32Array(touched.length * 2);
      touched.forEach((id, i) => {
        flat[2 * i] = id;
        flat[2 * i + 1] = counts[id]!;
        counts[id] = 0;
        const list = ordinalsOf[id]!;
        // Ordinals are in token order, so each list is ascending.
        if (list.length > 0) {
          const target = all[id]!.ordinals[field]!;
          target.push(docId, list.length);
          for (const ordinal of list) target.push(ordinal);
        }
      });
      frequencies.push(flat);
      fieldLengths[docId * fieldCount + field] = tokens.length;
      lengthSums[field]! += tokens.length;
    });
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

/** lunr.idf: a variant of BM25's idf that never goes negative. */
function lunrIdf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}
