/** "More like this" (src/site/similar.ts): TF-IDF over stemmed words, cosine, top three. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extract } from '../../src/extract/index.ts';
import { findSimilar, findSimilarByIds, findSimilarByProfile, idfOf, KEY_TERMS, MAX_POSTINGS, MIN_SIMILARITY, SIMILAR_COUNT, similarLists, TermVocabulary } from '../../src/site/similar.ts';
import { termProfile, terms } from '../../src/site/similar-profile.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';

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

  test('the stories of one page (a group) never list each other; other articles still list them', () => {
    const profiles = ARTICLES.map((a) => ({ slug: a.slug, profile: termProfile(a), ...(a.slug.startsWith('embassy') ? { group: 'brief.txt' } : {}) }));
    const similar = findSimilarByProfile(profiles);
    assert.deepEqual(similar.get('embassy-1'), []);
    assert.deepEqual(similar.get('embassy-2'), []);
    assert.deepEqual(similar.get('harvest')!.map((m) => m.slug), ['harvest-2']);
    const apart = findSimilarByProfile(profiles.map((p) => (p.slug === 'embassy-2' ? { ...p, group: 'other.txt' } : p)));
    assert.deepEqual(apart.get('embassy-1')!.map((m) => m.slug), ['embassy-2'], 'pages of two files are not siblings');
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

describe('findSimilarByIds (typed arrays)', () => {
  /** The definition, written plainly: tf-idf over each profile, the key terms, cosines through capped postings. */
  function reference(profiles: { slug: string; profile: string }[], count = SIMILAR_COUNT) {
    const parsed = profiles.map((p) => p.profile.split(' ').filter(Boolean).map((pair) => [pair.slice(0, pair.lastIndexOf(':')), Number(pair.slice(pair.lastIndexOf(':') + 1))] as [string, number]));
    const df = new Map<string, number>();
    for (const terms of parsed) for (const [term] of terms) df.set(term, (df.get(term) ?? 0) + 1);
    const n = profiles.length;
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const vectors = parsed.map((terms) => {
      const weighted = terms.map(([term, c]): [string, number] => [term, (1 + Math.log(c)) * (Math.round(Math.log(1 + n / df.get(term)!) * 100) / 100)]);
      const length = Math.sqrt(weighted.reduce((sum, [, w]) => sum + w * w, 0));
      if (length === 0) return [];
      return weighted.filter(([term]) => df.get(term)! > 1).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, KEY_TERMS).map(([t, w]): [string, number] => [t, w / length]);
    });
    const postings = new Map<string, [number, number][]>();
    vectors.forEach((vector, i) => vector.forEach(([term, w]) => postings.set(term, [...(postings.get(term) ?? []), [i, w]])));
    for (const [term, list] of postings) postings.set(term, list.sort((a, b) => b[1] - a[1] || cmp(profiles[a[0]]!.slug, profiles[b[0]]!.slug)).slice(0, MAX_POSTINGS));
    return new Map(profiles.map((p, i) => {
      const scores = new Map<number, number>();
      for (const [term, w] of vectors[i]!) for (const [j, other] of postings.get(term)!) if (j !== i) scores.set(j, (scores.get(j) ?? 0) + w * other);
      const best = [...scores].map(([j, s]) => ({ slug: profiles[j]!.slug, score: Math.round(s * 1e4) / 1e4 })).filter((m) => m.score >= MIN_SIMILARITY);
      return [p.slug, best.sort((a, b) => b.score - a.score || cmp(a.slug, b.slug)).slice(0, count)];
    }));
  }

  test('gives the lists of the plain definition, on generated articles (more than MAX_POSTINGS share the common words)', () => {
    const profiles = Array.from({ length: 450 }, (_, i) => {
      const record = extract(generateArticle(i, 11).text, { file: `a${i}.txt` });
      return { slug: `a${String(i).padStart(3, '0')}`, profile: termProfile(record) };
    });
    assert.deepEqual(findSimilarByProfile(profiles), reference(profiles));
  });
});

describe('similarLists after an edit', () => {
  test('gives exactly the lists of a computation from scratch, edit after edit', () => {
    const vocabulary = new TermVocabulary();
    const articles = Array.from({ length: 320 }, (_, i) => {
      const record = extract(generateArticle(i, 13).text, { file: `a${i}.txt` });
      return { slug: `a${String(i).padStart(3, '0')}`, terms: vocabulary.profileIds(termProfile(record)) };
    });
    let memory = similarLists(articles, vocabulary).memory;
    const computed: number[] = [];
    let random = 12345;
    const next = (limit: number) => (random = (random * 1103515245 + 12345) % 2 ** 31) % limit;
    for (let round = 0; round < 12; round++) {
      // Edit an article: counts changed and words no other article has (a sentence added); every third
      // round also a word dropped and one that others have (the document frequencies of common words move).
      const i = next(articles.length);
      const pairs = Array.from(articles[i]!.terms);
      const edited: number[] = [];
      const widely = round % 3 === 2;
      for (let k = 0; k < pairs.length; k += 2) {
        if (widely && next(10) === 0) continue;
        edited.push(pairs[k]!, next(8) === 0 ? pairs[k + 1]! + 1 + next(3) : pairs[k + 1]!);
      }
      edited.push(vocabulary.idOf(`fresh${round}`), 1 + next(4));
      if (widely) {
        const borrowed = articles[next(articles.length)]!.terms;
        if (!edited.includes(borrowed[0]!)) edited.push(borrowed[0]!, 2);
      }
      articles[i] = { slug: articles[i]!.slug, terms: Int32Array.from(edited) };
      const incremental = similarLists(articles, vocabulary, memory);
      assert.deepEqual(incremental.lists, findSimilarByIds(articles, vocabulary), `round ${round}`);
      // The key terms too, ties of weight in code-unit order as a computation from scratch breaks them.
      const scratch = similarLists(articles, vocabulary).memory;
      assert.deepEqual([incremental.memory.keyTerms, incremental.memory.keyWeights, incremental.memory.keyCount], [scratch.keyTerms, scratch.keyWeights, scratch.keyCount], `round ${round}: key terms`);
      // The document frequencies brought up to date by the edit are those counted afresh.
      assert.deepEqual(incremental.memory.frequencies, scratch.frequencies, `round ${round}: document frequencies`);
      if (!widely) computed.push(incremental.computed);
      memory = incremental.memory;
    }
    assert.ok(Math.max(...computed) < articles.length / 2, `lists computed again after an edit of counts and new words: ${computed.join(', ')} of ${articles.length}`);
  });

  test('an edit that gives one more article a word hundreds use: its rounded idf stays, so the lists of the articles using it are kept, and all are exactly a computation from scratch', () => {
    const vocabulary = new TermVocabulary();
    const id = (word: string) => vocabulary.idOf(word);
    // 600 of 1,000 articles use "common"; each has a topic shared by 20 and a theme shared by ~140.
    const articles = Array.from({ length: 1000 }, (_, i) => ({
      slug: `a${String(i).padStart(4, '0')}`,
      terms: Int32Array.from([...(i < 600 ? [id('common'), 1] : []), id(`topic${i % 50}`), 2, id(`theme${i % 7}`), 1]),
    }));
    const memory = similarLists(articles, vocabulary).memory;
    articles[700] = { slug: articles[700]!.slug, terms: Int32Array.from([...articles[700]!.terms, id('common'), 1]) };
    // ln(1 + 1000/600) = 0.9808 and ln(1 + 1000/601) = 0.9802: 0.98 both, rounded.
    assert.equal(idfOf(600, 1000), idfOf(601, 1000));
    const incremental = similarLists(articles, vocabulary, memory);
    assert.deepEqual(incremental.lists, findSimilarByIds(articles, vocabulary));
    // The exact idf moved the vectors of all 600 (over FULL_SHARE: every list computed again).
    assert.ok(incremental.computed < 20, `lists computed again: ${incremental.computed} of ${articles.length}`);
  });

  test('an edit that moves an article into and out of a common word\'s first MAX_POSTINGS: the other lists brought up to date exactly', () => {
    const vocabulary = new TermVocabulary();
    const n = MAX_POSTINGS * 2 + 50;
    let random = 4242;
    const next = (limit: number) => (random = (random * 1103515245 + 12345) % 2 ** 31) % limit;
    // Every article has the word "harbour" (a key term of all: its postings are cut at
    // MAX_POSTINGS) and eight of sixty others.
    const profile = (i: number) => [`harbour:${1 + (i % 5)}`, ...new Set(Array.from({ length: 8 }, () => `word${next(60)}`))].map((term, k) => (k === 0 ? term : `${term}:${1 + next(4)}`)).join(' ');
    let articles = Array.from({ length: n }, (_, i) => ({ slug: `a${String(i).padStart(3, '0')}`, terms: vocabulary.profileIds(profile(i)) }));
    let memory = similarLists(articles, vocabulary).memory;
    const common = vocabulary.idOf('harbour');
    const merged: number[] = [];
    for (let round = 0; round < 8; round++) {
      // Said many times (into the word's first postings), then once (out of them).
      const i = (round * 97) % n;
      const pairs = Array.from(articles[i]!.terms);
      pairs[pairs.indexOf(common) + 1] = round % 2 === 0 ? 40 : 1;
      articles = articles.map((a, k) => (k === i ? { slug: a.slug, terms: Int32Array.from(pairs) } : a));
      const incremental = similarLists(articles, vocabulary, memory);
      assert.deepEqual(incremental.lists, findSimilarByIds(articles, vocabulary), `round ${round}`);
      merged.push(n - incremental.computed);
      memory = incremental.memory;
    }
    assert.ok(merged.every((kept) => kept > n / 2), `lists kept or brought up to date without a full computation: ${merged.join(', ')} of ${n}`);
  });

  test('pages split into stories, merged and regrouped (each story\'s group is its file): exactly a computation from scratch', () => {
    const vocabulary = new TermVocabulary();
    const articles: { slug: string; terms: Int32Array; group?: string }[] = Array.from({ length: 200 }, (_, i) => {
      const record = extract(generateArticle(i, 19).text, { file: `a${i}.txt` });
      return { slug: `a${String(i).padStart(3, '0')}`, terms: vocabulary.profileIds(termProfile(record)) };
    });
    let memory = similarLists(articles, vocabulary).memory;
    // Each article's three best matches before any group: making them its siblings must take them off its list.
    const best = memory.lists.map((list) => list.map((m) => m.slug));
    // Pages of two stories that are each other's best match, as the stories of a page on one subject would be.
    const pairs = new Map<string, string>();
    memory.slugs.forEach((slug, i) => {
      const other = best[i]![0];
      if (other !== undefined && !pairs.has(slug) && !pairs.has(other)) pairs.set(slug, `p${i}`).set(other, `p${i}`);
    });
    const steps: [string, (slug: string) => string | undefined][] = [
      ['articles paired with their best match (pages of two stories)', (slug) => pairs.get(slug)],
      ['groups of three', (slug) => `f${Math.floor(Number(slug.slice(1)) / 3)}`],
      ['one article moved to another group, the rest as before', (slug) => (slug === 'a010' ? 'f0' : `f${Math.floor(Number(slug.slice(1)) / 3)}`)],
      ['no groups again', () => undefined],
    ];
    for (const [name, groupOf] of steps) {
      articles.forEach((article, i) => {
        const group = groupOf(article.slug);
        articles[i] = { slug: article.slug, terms: article.terms, ...(group === undefined ? {} : { group }) };
      });
      const incremental = similarLists(articles, vocabulary, memory);
      assert.deepEqual(incremental.lists, findSimilarByIds(articles, vocabulary), name);
      for (const article of articles) {
        for (const match of incremental.lists.get(article.slug)!) assert.ok(article.group === undefined || groupOf(match.slug) !== article.group, `${name}: ${article.slug} lists its sibling ${match.slug}`);
      }
      if (name.startsWith('articles paired')) assert.ok(pairs.size > 50, `${pairs.size} articles paired: their lists lost a match`);
      memory = incremental.memory;
    }
    assert.deepEqual(memory.lists.map((list) => list.map((m) => m.slug)), best, 'without groups, the lists of the start');
  });

  test('articles added outside the reference set (the newest month), and removed: exactly a computation from scratch, and few other lists change', () => {
    const vocabulary = new TermVocabulary();
    const make = (i: number, reference: boolean) => {
      const record = extract(generateArticle(i, 17).text, { file: `a${i}.txt` });
      return { slug: `s${String(i).padStart(4, '0')}`, terms: vocabulary.profileIds(termProfile(record)), reference };
    };
    let articles = Array.from({ length: 300 }, (_, i) => make(i, true));
    let memory = similarLists(articles, vocabulary).memory;
    for (let day = 0; day < 4; day++) {
      // The day's articles, in the newest month: out of the reference set, so the others' weights stay.
      const before = new Map(memory.slugs.map((slug, i) => [slug, memory.lists[i]!.map((m) => m.slug).join(' ')]));
      articles = [...articles, ...Array.from({ length: 10 }, (_, k) => make(1000 + day * 10 + k, false))];
      const after = similarLists(articles, vocabulary, memory);
      assert.deepEqual(after.lists, findSimilarByIds(articles, vocabulary), `day ${day}`);
      const changed = [...before].filter(([slug, list]) => after.lists.get(slug)!.map((m) => m.slug).join(' ') !== list).length;
      assert.ok(changed < before.size / 3, `day ${day}: ${changed} of ${before.size} lists changed`);
      // The frequencies kept and brought up to date (the vocabulary grew by the day's new words) are those counted afresh.
      assert.deepEqual(after.memory.frequencies, similarLists(articles, vocabulary).memory.frequencies, `day ${day}: document frequencies`);
      memory = after.memory;
    }
    // One of the day's articles removed, then a reference article removed (N changes: all again).
    for (const gone of [articles.length - 3, 5]) {
      articles = articles.filter((_, i) => i !== gone);
      const after = similarLists(articles, vocabulary, memory);
      assert.deepEqual(after.lists, findSimilarByIds(articles, vocabulary), `removed ${gone}`);
      assert.deepEqual(after.memory.frequencies, similarLists(articles, vocabulary).memory.frequencies, `removed ${gone}: document frequencies`);
      memory = after.memory;
    }
  });
});
