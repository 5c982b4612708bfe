/**
 * lunr's BM25 weights (lunr 2.3.9, `lunr.Builder#createFieldVectors` and `lunr.idf`),
 * operation for operation, so the result is lunr's to the last bit. Pure; shared by the
 * browser client, which computes each weight when it loads a term (the index files keep
 * term frequencies and field lengths, which do not move when another article arrives),
 * and by the build, which writes the standard lunr index.
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
 */

/** Field boosts, in `SEARCH_FIELDS` order (profile.ts); see the scoring notes above. */
export const FIELD_BOOSTS = { title: 10, subtitle: 3, body: 1, source: 1 } as const;
export const BOOSTS: readonly number[] = Object.values(FIELD_BOOSTS);

/** lunr.Builder's BM25 parameters (`_k1`, `_b`), which the ranking must match. */
const K1 = 1.2;
const B = 0.75;

/** lunr.idf: a variant of BM25's idf that never goes negative; `documentsWithTerm` counts a document once per field it has the term in, as lunr does. */
export function lunrIdf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

/**
 * A term's weight in one document's field, as lunr stores it (rounded to three
 * decimals). `averageLength` is the field's total length over the document count, as
 * `lunr.Builder#calculateAverageFieldLengths` divides it.
 */
export function lunrWeight(idf: number, tf: number, fieldLength: number, averageLength: number, boost: number): number {
  let score = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (fieldLength / averageLength)) + tf);
  score *= boost;
  score *= 1; // document boost
  return Math.round(score * 1000) / 1000;
}
