import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSearchIndex } from '../../src/search/build-index.ts';
import { parseQuery, type QueryPart } from '../../src/search/query.ts';
import { runSearch } from '../../src/search/search.ts';
import { foldWord, indexTokens, termOf } from '../../src/search/tokenize.ts';
import { ARTICLES } from './articles.ts';
import { openShards } from './corpus.ts';

const show = (part: QueryPart) =>
  part.kind === 'word' ? part.term : part.kind === 'prefix' ? `${part.prefix}*` : `"${part.words.map((w) => `${w.term}@${w.offset}`).join(' ')}"`;
const parsed = (input: string) => {
  const { include, exclude } = parseQuery(input);
  return [...include.map(show), ...exclude.map((p) => `-${show(p)}`)];
};

describe('tokenize', () => {
  test('accents fold, apostrophes inside words go, other scripts stay as written', () => {
    assert.equal(foldWord('Zürich'), 'Zurich');
    assert.equal(foldWord("P'yŏngyang"), 'Pyongyang');
    assert.equal(foldWord('Kraków,'), 'Krakow');
    assert.equal(foldWord('“São'), 'Sao');
    assert.equal(foldWord('평양에서'), '평양에서');
    assert.equal(foldWord('Москва'), 'Москва');
    assert.equal(termOf('embassies'), 'embassi');
    assert.equal(termOf('the'), '', 'stop word');
  });

  test('a hyphenated word is its parts and the whole; dashes and slashes only split', () => {
    const tokens = indexTokens('Kim Jong-un, war—peace and/or Okonjo-Iweala');
    assert.deepEqual(
      tokens.map((t) => `${t.term}@${t.ordinal}${t.compound ? '+' : ''}`),
      ['kim@0', 'jong-un@1+', 'jong@1', 'un@2', 'war@3', 'peac@4', 'okonjo-iweala@7+', 'okonjo@7', 'iweala@8'],
    );
    const jong = tokens.find((t) => t.compound)!;
    assert.deepEqual(jong.position, [4, 8], 'the whole word, its comma included, as lunr positions are (the highlight trims it)');
  });
});

describe('parseQuery', () => {
  test('words are folded and stemmed as the index is; stop words left out', () => {
    assert.deepEqual(parsed('the Embassies in Zürich'), ['embassi', 'zurich']);
  });

  test('phrases keep their order and the places of stop words', () => {
    assert.deepEqual(parsed('"bank of england" rates'), ['"bank@0 england@2"', 'rate']);
    assert.deepEqual(parsed('“spanish embassy”'), ['"spanish@0 embassi@1"'], 'curly quotes');
    assert.deepEqual(parsed('"embassy"'), ['embassi'], 'a one-word phrase is a word');
    assert.deepEqual(parsed('"north korea'), ['"north@0 korea@1"'], 'an unclosed quote runs to the end');
  });

  test('a leading minus excludes a word or a phrase; a hyphen inside a word does not', () => {
    assert.deepEqual(parsed('embassy -madrid -"north korea"'), ['embassi', '-madrid', '-"north@0 korea@1"']);
    assert.deepEqual(parsed('Jong-un'), ['jong-un']);
    assert.deepEqual(parsed('- embassy'), ['embassi'], 'a lone minus is nothing');
  });

  test('a trailing star is a prefix, folded but not stemmed; one letter is too short', () => {
    assert.deepEqual(parsed('embas* Zür*'), ['embas*', 'zur*']);
    assert.deepEqual(parsed('e*'), ['e']);
  });

  test('Korean words match as prefixes, so particles do not hide them', () => {
    assert.deepEqual(parsed('평양'), ['평양*']);
  });

  test('repeats count once; punctuation and nothing are nothing', () => {
    assert.deepEqual(parsed('embassy Embassy embassies'), ['embassi']);
    assert.deepEqual(parsed(''), []);
    assert.deepEqual(parsed('… “ ” -'), []);
  });
});

// Also with segments of 2 documents: a phrase's positions and a word's postings joined from both segments.
for (const segmentDocs of [undefined, 2]) describe(`runSearch${segmentDocs ? `, segments of ${segmentDocs} documents` : ''}`, async () => {
  const { index } = await openShards(buildSearchIndex(ARTICLES), segmentDocs ? { segmentDocs } : {});
  const slugs = buildSearchIndex(ARTICLES).docs.map((d) => d.slug);
  const run = async (input: string) => {
    const outcome = await runSearch(index, parseQuery(input));
    return { mode: outcome.mode, refs: outcome.hits.map((h) => slugs[h.doc]), corrections: outcome.corrections };
  };

  test('AND by default: every word must match, in any field; the headline ranks first', async () => {
    assert.deepEqual(await run('embassy madrid'), { mode: 'all', refs: ['dissidents-claim-madrid-raid'], corrections: [] });
    assert.deepEqual((await run('Spanish asylum')).refs, ['koreans-storm-spanish-embassy']);
    const embassy = (await run('embassy')).refs;
    assert.deepEqual(embassy.slice(0, 2).sort(), ['dissidents-claim-madrid-raid', 'koreans-storm-spanish-embassy']);
    assert.equal(embassy[2], 'arms-plot-foiled');
  });

  test('phrases must appear as written; excluded words and phrases remove results', async () => {
    assert.deepEqual((await run('"spanish embassy"')).refs, ['koreans-storm-spanish-embassy']);
    assert.deepEqual((await run('"embassy spanish"')).mode, 'any', 'the words exist, not in that order');
    assert.deepEqual((await run('embassy -madrid')).refs.includes('dissidents-claim-madrid-raid'), false);
    assert.deepEqual((await run('embassy -"spanish embassy"')).refs.includes('koreans-storm-spanish-embassy'), false);
    assert.deepEqual((await run('embassy -spanish')).refs.includes('koreans-storm-spanish-embassy'), false);
  });

  test('prefixes', async () => {
    assert.deepEqual((await run('liais*')).refs, ['liaison-office-destroyed']);
    assert.deepEqual((await run('embas*')).refs, (await run('embassy')).refs);
  });

  test('a misspelt word is corrected, and says to what', async () => {
    const outcome = await run('embasy madrid');
    assert.equal(outcome.mode, 'typo');
    assert.deepEqual(outcome.refs, ['dissidents-claim-madrid-raid']);
    assert.deepEqual(outcome.corrections, [{ from: 'embasy', to: 'embassi' }]);
  });

  test('a sentence finds the articles that share most of its words', async () => {
    const outcome = await run('what happened at the north korean embassy in madrid last spring');
    assert.equal(outcome.mode, 'any');
    assert.equal(outcome.refs[0], 'dissidents-claim-madrid-raid');
  });

  test('names as written: accents both ways, apostrophes, hyphens, Korean', async () => {
    for (const query of ['Pyongyang', "P'yŏngyang", 'pyŏngyang', 'Zurich', 'Zürich', 'Jong-un', 'Okonjo-Iweala', '평양', '평양에서']) {
      assert.deepEqual((await run(query)).refs, ['talks-in-pyongyang'], query);
    }
  });

  test('a word the archive lacks finds nothing; an exclusion alone is nothing to search for', async () => {
    assert.deepEqual(await run('zeppelin'), { mode: 'none', refs: [], corrections: [] });
    assert.equal((await run('-madrid')).mode, 'empty');
    assert.equal((await run('')).mode, 'empty');
  });
});
