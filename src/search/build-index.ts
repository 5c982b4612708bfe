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
  const postings = new Map<string, TermPostings>();
  /** Per document and field: the term frequencies, in first-appearance order. */
  const frequencies: Array<Array<Map<TermPostings, number>>> = [];
  const fieldLengths: number[][] = [];
  const lengthSums = new Array<number>(fieldCount).fill(0);
  /** Documents with the term, counted once per field (lunr.idf counts that way). */
  const documentsWithTerm = new Map<TermPostings, number>();

  docs.forEach((doc, docId) => {
    const perField: Array<Map<TermPostings, number>> = [];
    const lengths: number[] = [];
    doc.fields.forEach((text, field) => {
      const tokens = indexTokens(text);
      const tf = new Map<TermPostings, number>();
      for (const token of tokens) {
        let posting = postings.get(token.term);
        if (!posting) {
          posting = {
            index: postings.size,
            weights: Array.from({ length: fieldCount }, () => []),
            ordinals: Array.from({ length: fieldCount }, () => []),
          };
          postings.set(token.term, posting);
        }
        const seen = tf.get(posting);
        tf.set(posting, (seen ?? 0) + 1);
        if (seen === undefined) documentsWithTerm.set(posting, (documentsWithTerm.get(posting) ?? 0) + 1);
      }
      // Ordinals, grouped per term: the tokens are in order, so each list is ascending.
      const byTerm = new Map<TermPostings, number[]>();
      for (const token of tokens) {
        if (token.compound) continue;
        const posting = postings.get(token.term)!;
        let list = byTerm.get(posting);
        if (!list) byTerm.set(posting, (list = []));
        list.push(token.ordinal);
      }
      for (const [posting, list] of byTerm) posting.ordinals[field]!.push(docId, list.length, ...list);
      perField.push(tf);
      lengths.push(tokens.length);
      lengthSums[field]! += tokens.length;
    });
    frequencies.push(perField);
    fieldLengths.push(lengths);
  });

  // lunr: averageFieldLength = total terms in the field / documents with the field (all of them).
  const averages = lengthSums.map((sum) => sum / docs.length);
  const idfs = new Map<TermPostings, number>();
  const boosts = FIELDS.map((field) => FIELD_BOOSTS[field]);
  frequencies.forEach((perField, docId) => {
    perField.forEach((tf, field) => {
      const fieldLength = fieldLengths[docId]![field]!;
      for (const [posting, count] of tf) {
        let idf = idfs.get(posting);
        if (idf === undefined) idfs.set(posting, (idf = lunrIdf(documentsWithTerm.get(posting)!, docs.length)));
        // Exactly lunr.Builder#createFieldVectors, operation for operation.
        let score = (idf * ((K1 + 1) * count)) / (K1 * (1 - B + B * (fieldLength / averages[field]!)) + count);
        score *= boosts[field]!;
        score *= 1; // document boost
        posting.weights[field]!.push(docId, Math.round(score * 1000));
      }
    });
  });

  const terms = [...postings.keys()].sort();
  return { docs, terms, postings };
}

/** lunr.idf: a variant of BM25's idf that never goes negative. */
function lunrIdf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}
