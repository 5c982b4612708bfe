/**
 * One whole, unsharded lunr index over the same documents, built by `lunr.Builder`
 * itself with the same tokenizer, pipeline, fields, boosts and document order (newest
 * first: `docs` are given in document number order, oldest first, and added backwards).
 * Not shipped: the tests and the benchmark compare the sharded index and
 * search/lunr-index.json against it, result for result, to prove the ranking is lunr's.
 */
import lunr from 'lunr';
import { FIELD_BOOSTS } from './bm25.ts';
import { FIELDS, type IndexedDoc } from './build-index.ts';
import type { Clause } from './sharded-index.ts';
import { lunrPipelineFunction, lunrTokenizer } from './tokenize.ts';

/** `positions: false` leaves lunr's position metadata out (a 10,000-article index then fits in memory); scores are the same. */
export function buildReferenceIndex(docs: IndexedDoc[], options: { positions?: boolean } = {}): lunr.Index {
  return lunr(function () {
    this.tokenizer = lunrTokenizer as unknown as typeof lunr.tokenizer;
    this.pipeline.reset();
    this.pipeline.add(lunrPipelineFunction as lunr.PipelineFunction);
    // lunr's default search pipeline (the stemmer) stays: searchReference does not use it, and the serialized index names it (lunr-index.ts).
    if (options.positions !== false) this.metadataWhitelist = ['position'];
    this.ref('slug');
    for (const field of FIELDS) this.field(field, { boost: FIELD_BOOSTS[field] });
    for (const doc of [...docs].reverse()) {
      const record: Record<string, string> = { slug: doc.slug };
      FIELDS.forEach((field, i) => (record[field] = doc.fields[i]!));
      this.add(record);
    }
  });
}

/** The clauses as one lunr query on the reference index. */
export function searchReference(index: lunr.Index, clauses: Clause[]): lunr.Index.Result[] {
  const presence = { required: lunr.Query.presence.REQUIRED, optional: lunr.Query.presence.OPTIONAL, prohibited: lunr.Query.presence.PROHIBITED };
  return index.query((query) => {
    for (const clause of clauses) {
      query.term(clause.term, {
        presence: presence[clause.presence],
        usePipeline: false,
        wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        ...(clause.editDistance ? { editDistance: clause.editDistance } : {}),
      });
    }
  });
}
