import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import lunr from 'lunr';
import { buildSearchIndex, FIELD_BOOSTS, serializeSearchIndex } from '../../src/search/build-index.ts';
import { EXCERPT_WORDS, firstWords, prefixAtWord, SNIPPET_SOURCE_CHARS } from '../../src/search/document-store.ts';
import { writeSearchAssets } from '../../src/search/index.ts';
import { markdownToPlainText } from '../../src/search/plain-text.ts';
import type { SiteData } from '../../src/site/types.ts';
import { tempDir } from '../helpers/site-files.ts';
import { ARTICLES, articlePage, articleRecord, XSS_TITLE } from './articles.ts';

interface IndexJson {
  fields: string[];
  fieldVectors: Array<[string, number[]]>;
  invertedIndex: Array<[string, Record<string, unknown>]>;
  pipeline: string[];
}

function siteData(articles = ARTICLES): SiteData {
  return {
    site: { title: 'T', description: 'D', siteUrl: 'http://localhost', pathPrefix: '/' },
    articles,
    years: [],
    sources: [],
    undated: [],
    latest: articles.slice(0, 3),
    updated: '2021-04-11T00:00:00Z',
  };
}

type Positions = Record<string, Record<string, { position: Array<[number, number]> }>>;

describe('buildSearchIndex', () => {
  const { index, docs } = buildSearchIndex(ARTICLES);
  const loaded = lunr.Index.load(index);
  const refs = (query: string) => loaded.search(query).map((r) => r.ref);

  test('indexes title, subtitle, body and source, with the slug as ref and the stemmer for queries', () => {
    const json = index as IndexJson;
    assert.deepEqual(json.fields, ['title', 'subtitle', 'body', 'source']);
    assert.deepEqual(json.pipeline, ['stemmer']);
    const fieldRefs = json.fieldVectors.map(([ref]) => ref);
    assert.ok(fieldRefs.includes('title/koreans-storm-spanish-embassy'));
    assert.ok(fieldRefs.includes('source/arms-plot-foiled'));
    assert.deepEqual(FIELD_BOOSTS, { title: 10, subtitle: 3, body: 1, source: 1 });
  });

  test('the document store has one entry per slug, in slug order', () => {
    assert.deepEqual(Object.keys(docs), ARTICLES.map((a) => a.slug).sort());
    assert.deepEqual(docs['dissidents-claim-madrid-raid'], {
      title: 'Dissident group says it raided North Korean embassy',
      date: '2019-03-27',
      dateLabel: '27 March 2019',
      source: 'The Guardian',
      url: '/articles/dissidents-claim-madrid-raid/',
      excerpt: 'A secretive group claimed responsibility for the raid on the embassy in Madrid. The intruders fled with computers and hard disks.',
    });
    assert.deepEqual(docs['liaison-office-destroyed']?.dateLabel, 'Undated');
    assert.equal('date' in docs['liaison-office-destroyed']!, false);
    assert.equal('source' in docs['liaison-office-destroyed']!, false);
  });

  test('queries find the right articles; a headline match ranks first', () => {
    assert.deepEqual(refs('madrid'), ['dissidents-claim-madrid-raid']);
    const embassy = refs('embassy');
    assert.deepEqual(embassy.slice(0, 2).sort(), ['dissidents-claim-madrid-raid', 'koreans-storm-spanish-embassy']);
    assert.equal(embassy[2], 'arms-plot-foiled', 'a body-only mention ranks after the headlines');
    assert.deepEqual(refs('embassies'), embassy, 'the stemmer matches plural forms');
    assert.deepEqual(refs('asylum'), ['koreans-storm-spanish-embassy'], 'the subtitle and body are indexed');
    assert.deepEqual(refs('guardian'), ['dissidents-claim-madrid-raid'], 'the source is indexed');
    assert.deepEqual(refs('title:madrid'), [], 'madrid is in the body only');
  });

  test('the body is indexed as plain text: no Markdown syntax', () => {
    const terms = (index as IndexJson).invertedIndex.map(([term]) => term);
    for (const junk of ['##', '**spanish', 'embassy**', '>', '|', '---']) assert.ok(!terms.includes(junk), `${junk} is indexed`);
    assert.deepEqual(refs('tanks'), ['arms-plot-foiled'], 'table cells are indexed');
    assert.deepEqual(refs('guards'), ['koreans-storm-spanish-embassy'], 'subheadings are indexed');
  });

  test('positions are kept and point at the words in the stored text', () => {
    const [hit] = loaded.search('asylum');
    const doc = docs[hit!.ref]!;
    const positions = (hit!.matchData.metadata as Positions)['asylum']!['body']!.position;
    const text = doc.text ?? doc.excerpt;
    assert.deepEqual(positions.map(([at, length]) => text.slice(at, at + length)), ['asylum.']);
    const [titleHit] = loaded.search('spanish');
    const titlePositions = (titleHit!.matchData.metadata as Positions)['spanish']!['title']!.position;
    assert.deepEqual(titlePositions.map(([at, length]) => docs[titleHit!.ref]!.title.slice(at, at + length)), ['Spanish']);
  });

  test('a headline written as markup stays a plain string in the store', () => {
    assert.equal(docs['markup-in-headline']?.title, XSS_TITLE);
    assert.equal(docs['markup-in-headline']?.source, '<b>Evil</b> Press');
    assert.match(docs['markup-in-headline']!.excerpt, /Escaped <script> in the body/);
  });

  test('the same articles in any order give the same bytes', () => {
    const once = serializeSearchIndex(buildSearchIndex(ARTICLES));
    const again = serializeSearchIndex(buildSearchIndex([...ARTICLES].reverse()));
    assert.equal(again, once);
  });

  test('an empty archive gives a loadable empty index', () => {
    const empty = buildSearchIndex([]);
    assert.deepEqual(empty.docs, {});
    assert.deepEqual(lunr.Index.load(empty.index).search('embassy'), []);
  });

  test('the excerpt is about 30 words; the snippet text is a longer prefix of the body', () => {
    const long = articlePage(articleRecord({ slug: 'long', title: 'Long', body: Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ') }));
    const doc = buildSearchIndex([long]).docs['long']!;
    assert.equal(doc.excerpt.split(' ').length, EXCERPT_WORDS + 1);
    assert.ok(doc.excerpt.endsWith(' …'));
    assert.ok(doc.text!.startsWith(doc.excerpt.slice(0, -2)));
    assert.ok(doc.text!.length <= SNIPPET_SOURCE_CHARS + 2 && doc.text!.endsWith(' …'));
  });
});

describe('plain text and excerpts', () => {
  test('Markdown syntax is dropped, words kept, blocks separated', () => {
    assert.equal(
      markdownToPlainText('Intro *with* `code` and [a link](https://x.test).\n\n## Sub\n\n- one\n- two\n\n> quoted\\<b>\n\n![alt text](p.png)<br>end'),
      'Intro with code and a link. Sub one two quoted<b> alt textend',
    );
  });

  test('firstWords and prefixAtWord cut at word ends and say so', () => {
    assert.equal(firstWords('a b c d', 2), 'a b …');
    assert.equal(firstWords('a b', 2), 'a b');
    assert.equal(prefixAtWord('alpha beta gamma', 12), 'alpha beta …');
    assert.equal(prefixAtWord('alpha', 12), 'alpha');
  });
});

describe('writeSearchAssets', () => {
  test('writes index.json and the bundled client, byte for byte the same each time', async () => {
    const first = await tempDir('search-assets');
    const second = await tempDir('search-assets');
    const { bytes } = await writeSearchAssets(siteData(), first);
    await writeSearchAssets(siteData([...ARTICLES].reverse()), second);
    const files = ['search/index.json', 'assets/search.js'];
    const [json, script] = await Promise.all(files.map((f) => readFile(path.join(first, f))));
    for (const file of files) {
      assert.deepEqual(await readFile(path.join(second, file)), await readFile(path.join(first, file)), `${file} differs`);
    }
    assert.equal(bytes, json!.byteLength + script!.byteLength);

    const parsed = JSON.parse(json!.toString('utf8')) as { index: object; docs: Record<string, unknown> };
    assert.deepEqual(Object.keys(parsed), ['index', 'docs']);
    assert.deepEqual(lunr.Index.load(parsed.index).search('madrid').map((r) => r.ref), ['dissidents-claim-madrid-raid']);

    const js = script!.toString('utf8');
    assert.match(js, /import\.meta\.url/, 'the client finds the index relative to itself');
    assert.doesNotMatch(js, /sourceMappingURL/);
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, 'results are drawn without parsing HTML');
    await Promise.all([first, second].map((dir) => rm(dir, { recursive: true, force: true })));
    const lines = js.split('\n');
    assert.ok(lines.length < 100 && Math.max(...lines.map((l) => l.length)) > 20_000, 'minified');
    assert.match(js, /lunr - http:\/\/lunrjs\.com/, 'lunr\'s licence is kept');
  });
});
