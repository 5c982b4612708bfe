/**
 * A source's or topic's articles in pages numbered from the oldest (src/site/listing-pages.ts):
 * which articles each page holds, its links, that the day's new articles change the first
 * page alone, and the pages as a reader gets them.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { renderSite } from '../../src/site/index.ts';
import { LISTING_PAGE_SIZE, listingPages, olderPageCount } from '../../src/site/listing-pages.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import type { ArticlePage, SourceGroup } from '../../src/site/types.ts';
import { listFiles, readSiteFile, tempDir } from '../helpers/site-files.ts';
import { articleRecord } from '../search/articles.ts';

const SIZE = LISTING_PAGE_SIZE;

/** A source of `count` articles, newest first: `a<count-1>` … `a0` (a0 the oldest). */
function source(count: number): SourceGroup {
  const articles = Array.from({ length: count }, (_, i) => ({ slug: `a${count - 1 - i}` }) as ArticlePage);
  return { name: 'Harbour Times', slug: 'harbour-times', url: '/sources/harbour-times/', articles };
}

const slugs = (page: SourceGroup) => page.articles.map((a) => a.slug);

describe('listing pages', () => {
  test(`up to ${2 * SIZE - 1} articles: one page with them all and the count`, () => {
    for (const count of [0, 1, SIZE, 2 * SIZE - 1]) {
      const pages = listingPages(source(count));
      assert.equal(pages.length, 1);
      assert.equal(pages[0]!.url, '/sources/harbour-times/');
      assert.equal(pages[0]!.articles.length, count);
      assert.deepEqual(pages[0]!.page, { groupUrl: '/sources/harbour-times/', count });
    }
  });

  test(`from ${2 * SIZE}: numbered pages of ${SIZE} from the oldest, the rest (${SIZE} to ${2 * SIZE - 1}) on the first page`, () => {
    const count = 3 * SIZE + 7;
    assert.equal(olderPageCount(count), 2);
    const [first, two, one, ...more] = listingPages(source(count));
    assert.deepEqual(more, []);
    assert.equal(first!.articles.length, SIZE + 7);
    assert.equal(first!.articles[0]!.slug, `a${count - 1}`, 'the newest first');
    assert.deepEqual(first!.page, { groupUrl: '/sources/harbour-times/', count, older: { url: '/sources/harbour-times/page/2/', label: 'Page 2' } });
    assert.equal(two!.url, '/sources/harbour-times/page/2/');
    assert.deepEqual(slugs(two!), Array.from({ length: SIZE }, (_, i) => `a${2 * SIZE - 1 - i}`));
    assert.deepEqual(two!.page, { groupUrl: '/sources/harbour-times/', number: 2, newer: { url: '/sources/harbour-times/', label: 'Newest' }, older: { url: '/sources/harbour-times/page/1/', label: 'Page 1' } });
    assert.equal(one!.url, '/sources/harbour-times/page/1/');
    assert.deepEqual(slugs(one!), Array.from({ length: SIZE }, (_, i) => `a${SIZE - 1 - i}`), 'page 1 holds the oldest');
    assert.deepEqual(one!.page, { groupUrl: '/sources/harbour-times/', number: 1, newer: { url: '/sources/harbour-times/page/2/', label: 'Page 2' } });
  });

  // What the numbering is for: a rebuild after a day's articles rewrites one page of a large source, not all of them.
  test('newer articles change the first page alone, and add a numbered page once the first holds enough', () => {
    const before = listingPages(source(4 * SIZE + 3));
    for (const added of [1, SIZE - 4]) {
      const after = listingPages(source(4 * SIZE + 3 + added));
      assert.equal(after.length, before.length);
      assert.deepEqual(after.slice(1), before.slice(1), `${added} more: the numbered pages are as they were`);
      assert.notDeepEqual(after[0], before[0]);
    }
    const grown = listingPages(source(5 * SIZE));
    assert.equal(grown.length, before.length + 1);
    assert.deepEqual(grown.slice(3), before.slice(2), 'the old numbered pages but the newest are as they were');
    assert.equal(grown[0]!.articles.length, SIZE);
  });
});

describe('a source with numbered pages, rendered', () => {
  test('each page lists its articles with links to the newer and older pages; the count and related topics on the first only', async () => {
    const count = 2 * SIZE + 5;
    const records = Array.from({ length: count }, (_, i) =>
      articleRecord({ slug: `story-${String(i).padStart(3, '0')}`, title: `Story ${i}`, body: 'Text.', source: 'Harbour Times', date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), topics: [{ name: 'Westhaven', kind: 'place' }, { name: 'Eastport', kind: 'place' }] }),
    );
    const data = toSiteData(records, new Map(), { title: 'Test', description: 'Test.', siteUrl: 'http://example.org', pathPrefix: '/' });
    const out = path.join(await tempDir('listing-pages'), 'out');
    await renderSite(data, out);
    const files = listFiles(out);
    for (const group of ['sources/harbour-times/', 'topics/westhaven/']) {
      assert.ok(files.includes(`${group}page/1/index.html`), `${group} has a numbered page`);
      assert.ok(!files.includes(`${group}page/2/index.html`));
      const first = readSiteFile(out, `${group}index.html`);
      const older = readSiteFile(out, `${group}page/1/index.html`);
      assert.equal(first.match(/class="teaser"/g)?.length, SIZE + 5);
      assert.equal(older.match(/class="teaser"/g)?.length, SIZE);
      assert.match(first, new RegExp(`${count} articles; the newest ${SIZE + 5} here`));
      assert.match(first, new RegExp(`<a class="pager-next" href="/${group}page/1/" rel="next">`));
      assert.match(older, /Older articles, page 1: 1 January 2020 to 19 February 2020\./);
      assert.match(older, new RegExp(`<a class="pager-prev" href="/${group}" rel="prev"><span class="pager-label">Newer</span> <span class="pager-title">Newest</span>`));
      assert.doesNotMatch(older, /pager-next/);
      assert.doesNotMatch(older, new RegExp(`${count} articles`), 'a numbered page does not change with the count');
      // Every article is on exactly one page.
      const listed = [...first.matchAll(/teaser-title"><a href="\/articles\/([^/]+)\//g), ...older.matchAll(/teaser-title"><a href="\/articles\/([^/]+)\//g)].map((m) => m[1]);
      assert.equal(new Set(listed).size, count);
    }
    assert.match(readSiteFile(out, 'topics/westhaven/index.html'), /Often with Westhaven/);
    assert.doesNotMatch(readSiteFile(out, 'topics/westhaven/page/1/index.html'), /Often with/);
    assert.match(readSiteFile(out, 'topics/westhaven/page/1/index.html'), /<title>Westhaven, page 1/);
    assert.match(readSiteFile(out, 'sitemap.xml'), /<loc>http:\/\/example.org\/sources\/harbour-times\/page\/1\/<\/loc>/);
  });
});
