/**
 * Shard routing: a query gives the same results, scores and order whether it runs on
 * the sharded index (only the chunks it needs loaded) or on one whole lunr index built
 * by lunr.Builder over the same documents.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { buildPostings, FIELDS, indexedDocs, lunrWeights } from '../../src/search/build-index.ts';
import { lunrIndexJson } from '../../src/search/lunr-index.ts';
import { tempDir } from '../helpers/site-files.ts';
import { buildReferenceIndex, searchReference } from '../../src/search/reference-index.ts';
import { paths, type Manifest } from '../../src/search/shard-format.ts';
import { rankOrder, type Clause } from '../../src/search/sharded-index.ts';
import { generatedPages, openShards } from './corpus.ts';
import type { ShardOptions } from '../../src/search/shards.ts';

const docs = indexedDocs(generatedPages(240));
const built = buildPostings(docs);
const reference = buildReferenceIndex(docs);

/** Exact words, prefixes, fuzzy words, exclusions, AND and OR, hyphenated and Korean terms. */
const QUERIES: Array<{ name: string; clauses: Clause[] }> = [
  { name: 'one word', clauses: [{ term: 'embassi', presence: 'required' }] },
  { name: 'two words, AND', clauses: [{ term: 'harbour', presence: 'required' }, { term: 'treati', presence: 'required' }] },
  { name: 'three words, OR', clauses: ['storm', 'madrid', 'senat'].map((term) => ({ term, presence: 'optional' as const })) },
  { name: 'a common word', clauses: [{ term: 'govern', presence: 'required' }] },
  { name: 'exclusion', clauses: [{ term: 'embassi', presence: 'required' }, { term: 'seoul', presence: 'prohibited' }] },
  { name: 'prefix', clauses: [{ term: 'emb', presence: 'required', prefix: true }] },
  { name: 'short prefix', clauses: [{ term: 's', presence: 'required', prefix: true }] },
  { name: 'fuzzy', clauses: [{ term: 'embasi', presence: 'required', editDistance: 1 }] },
  { name: 'fuzzy, two edits', clauses: [{ term: 'parlament', presence: 'optional', editDistance: 2 }, { term: 'oslo', presence: 'optional' }] },
  { name: 'hyphenated name', clauses: [{ term: 'jong-un', presence: 'required' }] },
  { name: 'folded name', clauses: [{ term: 'pyongyang', presence: 'required' }] },
  { name: 'Korean prefix', clauses: [{ term: '평양', presence: 'required', prefix: true }] },
  { name: 'a word the archive lacks', clauses: [{ term: 'zeppelin', presence: 'required' }, { term: 'storm', presence: 'optional' }] },
  { name: 'a lacking word, optional', clauses: [{ term: 'zeppelin', presence: 'optional' }, { term: 'storm', presence: 'optional' }] },
  { name: 'the same term twice', clauses: [{ term: 'storm', presence: 'optional' }, { term: 'storm', presence: 'required' }, { term: 'sto', presence: 'optional', prefix: true }] },
  { name: 'only exclusions', clauses: [{ term: 'storm', presence: 'prohibited' }] },
];

describe('shard routing', () => {
  // Segments of 100 documents: the first holds 199 of the 240 (the 200th's day goes to the second), the second 41; of 60: the first all 240 but the last day's, the second that day's.
  for (const options of [{}, { chunkTargetBytes: 600 }, { segmentDocs: 100 }, { chunkTargetBytes: 600, segmentDocs: 100 }, { segmentDocs: 60 }] as ShardOptions[]) {
    test(`every query gives lunr's results, scores and order (chunks of ${options.chunkTargetBytes ?? 'default'} bytes, segments of ${options.segmentDocs ?? 'default'} documents)`, async () => {
      const { index, files } = await openShards(built, options);
      const manifest = JSON.parse(files.get(paths.manifest)!) as Manifest;
      const chunkCounts = manifest.segments.map((segment) => segment.chunks.length);
      if (options.chunkTargetBytes) assert.ok(chunkCounts.reduce((a, b) => a + b) > 50, `${chunkCounts} chunks`);
      const day = (doc: number) => built.docs[doc]!.doc.date?.slice(0, 10);
      if (options.segmentDocs === 100) {
        // The cut moves back from 200 to the first document of the 200th's day (the 200th alone: 199).
        assert.deepEqual(manifest.segments.map((segment) => segment.start), [0, 199]);
        assert.notEqual(day(198), day(199));
      }
      if (options.segmentDocs) assert.ok(chunkCounts[0]! > 0, 'the first segment has chunks');
      if (options.segmentDocs === 60) {
        const cut = manifest.segments[1]!.start;
        assert.ok(cut < 240 && cut > 200, `the cut ${cut}`);
        for (let doc = cut; doc < 240; doc++) assert.equal(day(doc), day(239), 'the second segment holds the last day');
        assert.notEqual(day(cut - 1), day(cut));
      }
      for (const { name, clauses } of QUERIES) {
        const sharded = (await index.search(clauses)).map((hit) => [docs[hit.doc]!.slug, hit.score]);
        const whole = searchReference(reference, clauses).map((result) => [result.ref, result.score]);
        assert.deepEqual(sharded, whole, name);
        if (name !== 'a word the archive lacks') assert.ok(whole.length > 0, `${name} finds something`);
      }
    });
  }

  test('a query fetches the manifest and only the chunks of its words, one in each segment', async () => {
    const { index, fetched, files } = await openShards(built, { chunkTargetBytes: 600, segmentDocs: 100 });
    const manifest = JSON.parse(files.get(paths.manifest)!) as Manifest;
    await index.search([{ term: 'embassi', presence: 'required' }, { term: 'harbour', presence: 'required' }]);
    const expected = manifest.segments.flatMap((segment, k) => ['embassi', 'harbour'].map((t) => paths.terms(segment.chunks[chunkFor(segment.chunks, t)]!, k)));
    assert.ok(expected.some((file) => file.startsWith('search/terms/')) && expected.some((file) => file.startsWith('search/recent/terms/')));
    assert.deepEqual(fetched.slice(1).sort(), [...new Set(expected)].sort());
    fetched.length = 0;
    await index.search([{ term: 'embassi', presence: 'required' }]);
    assert.deepEqual(fetched, [], 'loaded chunks are kept');
  });

  test('the matched terms are reported per field, as lunr reports them', async () => {
    const { index } = await openShards(built);
    const clauses: Clause[] = [{ term: 'emb', presence: 'required', prefix: true }];
    const [hit] = await index.search(clauses);
    const [result] = searchReference(reference, clauses);
    const lunrTerms: Record<string, string[]> = {};
    for (const [term, fields] of Object.entries(result!.matchData.metadata)) for (const field of Object.keys(fields)) (lunrTerms[field] ??= []).push(term);
    const sorted = (terms: Record<string, string[]>) => Object.fromEntries(Object.entries(terms).map(([field, list]) => [field, [...list].sort()]));
    assert.deepEqual(sorted(hit!.terms), sorted(lunrTerms));
  });

  test('search/lunr-index.json is byte for byte what lunr.Builder writes, numeric slugs and all', () => {
    // A slug that looks like an array index: lunr (and JSON.stringify) put such keys first.
    const numeric = indexedDocs([{ ...generatedPages(1, 99)[0]!, slug: '2019', date: '2001-01-01' }]);
    const withNumeric = [...numeric, ...docs];
    const index = buildPostings(withNumeric);
    const ours = lunrIndexJson({ slugs: withNumeric.map((d) => d.slug), postings: index.terms.map((term) => [term, index.postings.get(term)!]), lengthSums: index.lengthSums });
    const lunrs = JSON.stringify(buildReferenceIndex(withNumeric, { positions: false }).toJSON());
    assert.equal(ours.length, lunrs.length);
    assert.ok(ours === lunrs, 'the same JSON');
    assert.ok(lunr.Index.load(JSON.parse(ours)).search('embassy').length > 0, 'lunr loads it, and its stemmer meets the index');
  });

  test('each posting keeps what lunr\'s weight is made of: the weights are lunr.Builder\'s field vectors', () => {
    const json = reference.toJSON() as unknown as { fieldVectors: Array<[string, number[]]>; invertedIndex: Array<[string, { _index: number }]> };
    const slugs = new Map(docs.map((d, i) => [d.slug, i]));
    const termOfIndex = new Map(json.invertedIndex.map(([term, posting]) => [posting._index, term]));
    let compared = 0;
    for (const [fieldRef, elements] of json.fieldVectors) {
      const [field, slug] = [fieldRef.slice(0, fieldRef.indexOf('/')), fieldRef.slice(fieldRef.indexOf('/') + 1)];
      const f = FIELDS.indexOf(field as (typeof FIELDS)[number]);
      for (let i = 0; i < elements.length; i += 2) {
        const weights = lunrWeights(built.postings.get(termOfIndex.get(elements[i]!)!)!, docs.length, built.lengthSums)[f]!;
        const at = weights.findIndex((value, k) => k % 2 === 0 && value === slugs.get(slug));
        assert.equal(weights[at + 1], elements[i + 1], `${fieldRef} ${termOfIndex.get(elements[i]!)}`);
        compared++;
      }
    }
    assert.ok(compared > 10_000, `${compared} weights compared`);
  });
});

function chunkFor(chunks: string[], term: string): number {
  let chunk = 0;
  chunks.forEach((first, i) => {
    if (first <= term) chunk = i;
  });
  return chunk;
}

describe('rankOrder (the order of hits)', () => {
  const stableSort = (scores: number[]) => scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);

  test('is a stable sort by score, highest first, ties in the order met', () => {
    const cases = [
      [],
      [1],
      [0.5, 2, 0.5, 2, 0, 1e-300, 5e-324, 1e300, 3.25, 0],
      Array.from({ length: 3000 }, (_, i) => Math.round(Math.sin(i) * 1e4 + 1e4) / 1e3),
      Array.from({ length: 500 }, (_, i) => (i % 7) / 3),
    ];
    for (const scores of cases) assert.deepEqual([...rankOrder(Float64Array.from(scores), scores.length)], stableSort(scores));
  });

  test('only the first count scores are ranked', () => {
    assert.deepEqual([...rankOrder(Float64Array.from([1, 3, 2, 99]), 3)], [1, 2, 0]);
  });

  test('negative, -0 and NaN scores fall back to the comparison', () => {
    for (const scores of [[1, -1, 0, 2], [0, -0, 1, -0], [1, NaN, 2]]) {
      const expected = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
      assert.deepEqual([...rankOrder(Float64Array.from(scores), scores.length)], expected);
    }
  });
});

test('postings built through many small stream blocks are the same as through one', () => {
  // The record stream of the index builder grows by blocks; 16 ints a block forces
  // thousands of them, and records larger than a block.
  assert.deepEqual(buildPostings(docs, { blockInts: 16 }), built);
});

test('postings built a few terms at a time from a stream kept in a file are the same as all at once in memory', async () => {
  const dir = await tempDir('spill');
  const spillFile = path.join(dir, 'records');
  // 2,000 ints of records per range: hundreds of ranges, each reading the whole file again.
  assert.deepEqual(buildPostings(docs, { blockInts: 4096, rangeInts: 2000, spillFile }), built);
  assert.equal(existsSync(spillFile), false, 'the stream file is removed');
});
