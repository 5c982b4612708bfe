import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import lunr from 'lunr';
import { buildSearchIndex } from '../../src/search/build-index.ts';
import { planQuery, runQuery } from '../../src/search/query.ts';
import { ARTICLES } from './articles.ts';

const queries = (input: string) => planQuery(input).attempts.map(({ query, mode }) => `${mode}: ${query}`);

describe('planQuery', () => {
  test('plain words are all required, with an any-word fallback', () => {
    assert.deepEqual(queries('north korea embassy'), ['all-words: +north +korea +embassy', 'any-word: north korea embassy']);
  });

  test('one word needs no fallback', () => {
    assert.deepEqual(queries('  embassy '), ['all-words: +embassy']);
  });

  test('hyphens split words as lunr does, and are not taken for syntax', () => {
    assert.deepEqual(queries('Kim Jong-un'), ['all-words: +Kim +Jong +un', 'any-word: Kim Jong un']);
  });

  test('punctuation around words is trimmed as lunr trims indexed words', () => {
    assert.deepEqual(queries('“embassy,” madrid.'), ['all-words: +embassy +madrid', 'any-word: embassy madrid']);
  });

  test('stop words are not required (they are not in the index)', () => {
    assert.deepEqual(queries('the embassy in Madrid'), ['all-words: +embassy +Madrid', 'any-word: the embassy in Madrid']);
    assert.deepEqual(queries('the'), ['any-word: the']);
  });

  test('repeated words count once', () => {
    assert.deepEqual(queries('embassy Embassy'), ['all-words: +embassy']);
  });

  test('lunr syntax is passed through as written', () => {
    for (const input of ['+embassy -madrid', 'title:embassy', 'emb*', 'embasy~1', 'embassy^5 raid', '-madrid']) {
      assert.deepEqual(queries(input), [`syntax: ${input}`]);
    }
  });

  test('nothing to search for', () => {
    assert.deepEqual(queries(''), []);
    assert.deepEqual(queries('   '), []);
    assert.deepEqual(queries('… “ ”'), []);
  });
});

describe('runQuery', () => {
  const index = lunr.Index.load(buildSearchIndex(ARTICLES).index);
  const run = (input: string) => {
    const outcome = runQuery(index, input);
    return { mode: outcome.mode, refs: outcome.results.map((r) => r.ref), error: outcome.error };
  };

  test('AND by default: every word must match, in any field', () => {
    assert.deepEqual(run('embassy madrid'), { mode: 'all-words', refs: ['dissidents-claim-madrid-raid'], error: undefined });
    // "spanish" is in the headline, "asylum" in the subtitle and body.
    assert.deepEqual(run('Spanish asylum').refs, ['koreans-storm-spanish-embassy']);
  });

  test('falls back to any word when no article has them all', () => {
    const outcome = run('madrid kaesong');
    assert.equal(outcome.mode, 'any-word');
    assert.deepEqual(outcome.refs.sort(), ['dissidents-claim-madrid-raid', 'liaison-office-destroyed']);
  });

  test('a word the archive does not have finds nothing', () => {
    assert.deepEqual(run('zeppelin'), { mode: 'all-words', refs: [], error: undefined });
  });

  test('stop words do not stop an AND query', () => {
    assert.deepEqual(run('the embassy in madrid').refs, ['dissidents-claim-madrid-raid']);
  });

  test('lunr syntax works: prohibited words, fields, wildcards', () => {
    assert.ok(!run('embassy -madrid').refs.includes('dissidents-claim-madrid-raid'));
    assert.deepEqual(run('source:guardian').refs, ['dissidents-claim-madrid-raid']);
    assert.deepEqual(run('liais*').refs, ['liaison-office-destroyed']);
  });

  test('a query lunr cannot parse gives no results and an error, never a throw', () => {
    for (const input of ['title:', 'nosuchfield:embassy', 'embassy~', '^', ':']) {
      const outcome = run(input);
      assert.deepEqual(outcome.refs, [], input);
      assert.equal(typeof outcome.error, 'string', input);
    }
  });

  test('an empty query finds nothing', () => {
    assert.deepEqual(run(''), { mode: 'empty', refs: [], error: undefined });
  });
});
