import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildSearchIndex, FIELD_BOOSTS } from '../../src/search/build-index.ts';
import { EXCERPT_WORDS, firstWords, prefixAtWord, SNIPPET_SOURCE_CHARS } from '../../src/search/document-store.ts';
import { DocFacets } from '../../src/search/facets.ts';
import { writeSearchAssets } from '../../src/search/index.ts';
import { htmlToPlainText } from '../../src/search/plain-text.ts';
import { paths, type Manifest, type TermChunk } from '../../src/search/shard-format.ts';
import { shardFiles } from '../../src/search/shards.ts';
import type { SiteData } from '../../src/site/types.ts';
import { renderBody } from '../../src/render/markdown.ts';
import { tempDir } from '../helpers/site-files.ts';
import { ARTICLES, articlePage, articleRecord, XSS_TITLE } from './articles.ts';

function siteData(articles = ARTICLES): SiteData {
  return {
    site: { title: 'T', description: 'D', siteUrl: 'http://localhost', pathPrefix: '/' },
    articles,
    articleCount: articles.length,
    years: [],
    sources: [],
    undated: [],
    latest: articles.slice(0, 3),
    updated: '2021-04-11T00:00:00Z',
  } as SiteData;
}

describe('buildSearchIndex', () => {
  const built = buildSearchIndex(ARTICLES);

  test('documents are numbered oldest first, undated before them (the reverse of the archive order), so new articles take the next numbers', () => {
    assert.deepEqual(built.docs.map((d) => d.slug), [
      'liaison-office-destroyed',
      'koreans-storm-spanish-embassy',
      'talks-in-pyongyang',
      'dissidents-claim-madrid-raid',
      'markup-in-headline',
      'arms-plot-foiled',
    ]);
    assert.deepEqual(FIELD_BOOSTS, { title: 10, subtitle: 3, body: 1, source: 1 });
  });

  test('a document file holds what a result shows, the body as plain text', () => {
    const doc = built.docs.find((d) => d.slug === 'dissidents-claim-madrid-raid')!.doc;
    assert.deepEqual(doc, {
      title: 'Dissident group says it raided North Korean embassy',
      date: '2019-03-27',
      dateLabel: '27 March 2019',
      source: 'The Guardian',
      url: '/articles/dissidents-claim-madrid-raid/',
      text: 'A secretive group claimed responsibility for the raid on the embassy in Madrid. The intruders fled with computers and hard disks.',
    });
    const undated = built.docs.find((d) => d.slug === 'liaison-office-destroyed')!.doc;
    assert.equal(undated.dateLabel, 'Undated');
    assert.equal('date' in undated || 'source' in undated, false);
  });

  test('the body is indexed as plain text: no Markdown or HTML syntax; tables and subheadings are', () => {
    for (const junk of ['##', '**spanish', 'embassy**', '>', '|', '---', 'p', 'strong', 'td']) assert.ok(!built.postings.has(junk), `${junk} is indexed`);
    for (const word of ['tank', 'guard', 'czechia']) assert.ok(built.postings.has(word), `${word} is not indexed`);
  });

  test('a headline written as markup stays a plain string', () => {
    const doc = built.docs.find((d) => d.slug === 'markup-in-headline')!.doc;
    assert.equal(doc.title, XSS_TITLE);
    assert.equal(doc.source, '<b>Evil</b> Press');
    assert.match(doc.text, /Escaped <script> in the body/);
  });

  test('the snippet text is a prefix of the body, cut at a word', () => {
    const long = articlePage(articleRecord({ slug: 'long', title: 'Long', body: Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ') }));
    const { text } = buildSearchIndex([long]).docs[0]!.doc;
    assert.ok(text.startsWith('word0 word1 word2'));
    assert.ok(text.length <= SNIPPET_SOURCE_CHARS + 2 && text.endsWith(' …'));
    assert.equal(firstWords(text, EXCERPT_WORDS).split(' ').length, EXCERPT_WORDS + 1);
  });

  test('an empty archive gives an empty, valid manifest', () => {
    const files = shardFiles(buildSearchIndex([]));
    const manifest = JSON.parse(files.get(paths.manifest)!) as Manifest;
    assert.equal(manifest.docCount, 0);
    assert.deepEqual(manifest.segments, [{ start: 0, chunks: [] }, { start: 0, chunks: [] }]);
  });
});

describe('shard files', () => {
  const files = shardFiles(buildSearchIndex(ARTICLES), { chunkTargetBytes: 400 });
  const manifest = JSON.parse(files.get(paths.manifest)!) as Manifest;

  test('chunks hold sorted runs of terms, and the manifest names the first of each', () => {
    // Fewer articles than a segment's block: all are in the second segment, which starts at 0.
    assert.deepEqual(manifest.segments.map((segment) => [segment.start, segment.chunks.length > 3]), [[0, false], [0, true]]);
    const recent = manifest.segments[1]!.chunks;
    const chunks = recent.map((first) => JSON.parse(files.get(paths.terms(first, 1))!) as TermChunk);
    chunks.forEach((chunk, i) => assert.equal(chunk[0]![0], recent[i]));
    const terms = chunks.flat().map(([term]) => term);
    assert.deepEqual(terms, [...terms].sort());
    const vocabulary = Array.from({ length: manifest.maxTermLength }, (_, i) => JSON.parse(files.get(paths.vocabulary(i + 1))!) as string[]);
    assert.deepEqual(vocabulary.flat().sort(), terms);
    vocabulary.forEach((list, i) => assert.ok(list.every((term) => term.length === i + 1)));
  });

  test('years and sources per document, for the filters', () => {
    const facets = new DocFacets(manifest);
    assert.deepEqual(manifest.years, [['', 0, 1], ['2002', 1, 1], ['2018', 2, 1], ['2019', 3, 1], ['2020', 4, 1], ['2021', 5, 1]]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((d) => `${facets.year(d)}/${facets.source(d)}`), [
      'undated/', '2002/BBC News', '2018/Yonhap', '2019/The Guardian', '2020/<b>Evil</b> Press', '2021/NK News',
    ]);
    const counts = facets.count([5, 3, 1, 0], { year: '2019' });
    assert.deepEqual(counts.sources, [{ value: 'The Guardian', count: 1 }]);
    assert.deepEqual(counts.years.map((y) => `${y.value}:${y.count}`), ['2021:1', '2019:1', '2002:1', 'undated:1']);
    assert.equal(counts.yearTotal, 4);
  });
});

describe('plain text and excerpts', () => {
  test('the rendered body\'s words: blocks separated, alt text kept, references decoded', () => {
    assert.equal(
      htmlToPlainText(renderBody('Intro *with* `code` and [a link](https://x.test) AT&T.\n\n## Sub\n\n- one\n- two\n\n> quoted\\<b>\n\n![alt "text"](p.png)<br>end\n\n| a | b |\n|---|---|\n| c | d |')),
      'Intro with code and a link AT&T. Sub one two quoted<b> alt "text"end a b c d',
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
  test('writes the shards and the bundled client, byte for byte the same each time', async () => {
    const first = await tempDir('search-assets');
    const second = await tempDir('search-assets');
    const written = await writeSearchAssets(siteData(), first);
    await writeSearchAssets(siteData([...ARTICLES].reverse()), second);
    const list = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    const names = await list(first);
    assert.deepEqual(await list(second), names);
    assert.equal(written.files, names.length);
    const firstTerm = (JSON.parse(await readFile(path.join(first, 'search/manifest.json'), 'utf8')) as Manifest).segments[1]!.chunks[0]!;
    for (const name of ['search/manifest.json', paths.terms(firstTerm, 1), paths.positions(firstTerm, 1), 'search/vocabulary/5.json', 'search/docs/0.json', 'search/docs/5.json', 'assets/search.js']) {
      assert.ok(names.includes(name), `${name} is missing`);
    }
    let bytes = 0;
    for (const name of names) {
      const a = await readFile(path.join(first, name));
      bytes += a.byteLength;
      assert.deepEqual(await readFile(path.join(second, name)), a, `${name} differs`);
    }
    assert.equal(written.bytes, bytes);

    const js = (await readFile(path.join(first, 'assets/search.js'))).toString('utf8');
    assert.match(js, /import\.meta\.url/, 'the client finds the index relative to itself');
    assert.doesNotMatch(js, /sourceMappingURL/);
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, 'results are drawn without parsing HTML');
    assert.match(js, /lunr - http:\/\/lunrjs\.com/, 'lunr\'s licence is kept');
    await Promise.all([first, second].map((dir) => rm(dir, { recursive: true, force: true })));
  });
});
