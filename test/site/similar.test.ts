/** "More like this" (src/site/similar.ts): TF-IDF over stemmed words, cosine, top three. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSimilar, findSimilarByProfile, MAX_POSTINGS, SIMILAR_COUNT, termProfile, terms } from '../../src/site/similar.ts';

const article = (slug: string, title: string, body: string) => ({ slug, title, body });

const ARTICLES = [
  article('embassy-1', 'Asylum seekers storm embassy in Beijing', 'Twenty-five asylum seekers forced their way into the Spanish embassy in Beijing.'),
  article('embassy-2', 'Embassies tighten security after asylum dash', 'Guards at embassies in Beijing were doubled after the asylum seekers got in.'),
  article('harvest', 'Farmers expect record harvest', 'Farmers in the river valley expect a record harvest of rice and barley.'),
  article('harvest-2', 'Rice harvest begins early', 'The rice harvest began two weeks early in the valley, farmers said.'),
  article('lonely', 'Orchestra opens season', 'The orchestra opened its season with a symphony.'),
];

describe('findSimilar', () => {
  test('pairs the articles that share distinctive words, best first, and nothing for an article that shares none', () => {
    const similar = findSimilar(ARTICLES);
    assert.deepEqual(similar.get('embassy-1')!.map((m) => m.slug), ['embassy-2']);
    assert.deepEqual(similar.get('harvest')!.map((m) => m.slug), ['harvest-2']);
    assert.deepEqual(similar.get('lonely'), []);
    // Symmetric: the cosine of a pair is the same seen from either side.
    assert.equal(similar.get('embassy-1')![0]!.score, similar.get('embassy-2')![0]!.score);
    assert.ok(similar.get('embassy-1')![0]!.score > 0.1);
  });

  test('an article’s term profile: stemmed counts in first-use order, headline words three times; matching from profiles is findSimilar', () => {
    assert.equal(termProfile({ title: 'Embassy guards', body: 'The embassies doubled their guards. Guards!' }), 'embassi:4 guard:5 doubl:1');
    const profiles = ARTICLES.map((a) => ({ slug: a.slug, profile: termProfile(a) }));
    assert.deepEqual(findSimilarByProfile(profiles), findSimilar(ARTICLES));
  });

  test('stems and drops stop words the way the search index does', () => {
    assert.deepEqual(terms('The embassies and an Embassy’s guards'), ['embassi', 'embassi', 'guard']);
    assert.deepEqual(terms("Kim Jong-un's sister"), ['kim', 'jong-un', 'sister']);
  });

  test('lists at most three, ties broken by slug, the same whatever the input order', () => {
    const many = Array.from({ length: 6 }, (_, i) => article(`a${i}`, 'Harbour bridge reopens', 'The harbour bridge reopened.'));
    const similar = findSimilar(many);
    assert.deepEqual(similar.get('a0')!.map((m) => m.slug), ['a1', 'a2', 'a3']);
    assert.equal(SIMILAR_COUNT, 3);
    assert.deepEqual(findSimilar([...many].reverse()), similar);
  });

  test('a large archive (more articles than MAX_POSTINGS): still at most three each', () => {
    const n = MAX_POSTINGS * 3;
    const big = Array.from({ length: n }, (_, i) => article(`s${String(i).padStart(4, '0')}`, `Story ${i % 7}`, `common words everywhere ${i % 11} topic${i % 13}`));
    const similar = findSimilar(big);
    assert.equal(similar.size, n);
    for (const matches of similar.values()) assert.ok(matches.length <= SIMILAR_COUNT);
  });
});
