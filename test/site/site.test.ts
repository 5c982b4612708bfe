/**
 * The site stage on its own: invented records → toSiteData → renderSite into a temp
 * folder, then the files are read back as a reader, a feed reader and an attacker
 * would see them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { ArticleRecord } from '../../src/record.ts';
import { formatDateLabel, toRfc3339 } from '../../src/site/dates.ts';
import { excerpt } from '../../src/site/excerpt.ts';
import { json } from '../../src/site/filters.ts';
import { renderSite } from '../../src/site/index.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { sourceSlug, uniqueSourceSlugs } from '../../src/site/source-slug.ts';
import type { SiteData, SiteOptions } from '../../src/site/types.ts';
import { absoluteUrl } from '../../src/site/urls.ts';
import { listFiles, readSiteFile, snapshotFolder, tempDir } from '../helpers/site-files.ts';

const EVIL = '<script>alert(1)</script> & <img src=x onerror=alert(1)>';
const EVIL_ATTR = '" onmouseover="alert(1)';

function record(fields: Partial<ArticleRecord> & Pick<ArticleRecord, 'slug' | 'title'>): ArticleRecord {
  return {
    file: `${fields.slug}.txt`,
    titleSource: 'text',
    language: 'en',
    byline: [],
    body: 'Text of the article.',
    captions: [],
    related: [],
    removed: [],
    topics: [],
    wordCount: 4,
    warnings: [],
    ...fields,
  };
}

const RECORDS: ArticleRecord[] = [
  record({
    slug: 'undated-one',
    title: 'An undated article',
    titleSource: 'derived',
    body: 'The first words of an undated article make its teaser.',
    wordCount: 10,
  }),
  record({
    slug: 'evil',
    title: `Headline ${EVIL}`,
    subtitle: `Standfirst ${EVIL} ${EVIL_ATTR}`,
    date: '2020-05-01',
    dateSource: 'text',
    source: `${EVIL} News`,
    section: `World ${EVIL}`,
    byline: [`Reporter ${EVIL}`],
    captions: [`Caption ${EVIL}`],
    related: [{ title: `Related ${EVIL}`, date: '2020-04-30', section: `Sec ${EVIL_ATTR}` }],
    viewedDate: '2024-11-14',
  }),
  record({
    slug: 'storm',
    title: 'N Koreans storm Spanish embassy',
    subtitle: 'Twenty-five asylum seekers force their way in',
    date: '2002-03-14T08:26Z',
    dateSource: 'text',
    source: 'BBC News',
    section: 'World: Asia-Pacific',
    byline: ['Rupert Wingfield-Hayes'],
    captions: ['The group pushes into the Spanish embassy'],
    removed: ['Home', 'News Front Page', 'Share <b>this</b>'],
  }),
];

const BODIES = new Map(RECORDS.map((r) => [r.slug, `<p>Text of ${r.slug}</p>`]));

function site(pathPrefix = '/'): SiteOptions {
  return { title: 'Test Archive', description: 'Invented articles.', siteUrl: 'http://example.org', pathPrefix };
}

async function renderTo(data: SiteData, name: string): Promise<string> {
  const parent = await tempDir(name);
  const out = path.join(parent, 'out');
  await renderSite(data, out);
  assert.deepEqual(readdirSync(parent), ['out'], 'nothing is written beside the output folder');
  return out;
}

/** Each start tag in `html` with its name and attribute names (values skipped, quotes respected). */
function tags(html: string): { name: string; attrs: Map<string, string>; raw: string }[] {
  const found: { name: string; attrs: Map<string, string>; raw: string }[] = [];
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  for (const m of html.matchAll(tag)) {
    const attrs = new Map<string, string>();
    for (const a of m[2]!.matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    found.push({ name: m[1]!.toLowerCase(), attrs, raw: m[0] });
  }
  return found;
}

/** A small XML well-formedness check: balanced tags, known entities, no stray `<` or `&`. */
function assertWellFormedXml(xml: string, file: string): void {
  assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n/, `${file}: XML declaration first`);
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    const [, closing, name, , selfClosing, text, stray] = m;
    if (stray) assert.fail(`${file}: a "<" that starts no tag at ${m.index}`);
    if (text !== undefined) {
      if (stack.length === 0) assert.match(text, /^\s*$/, `${file}: text outside the root element`);
      for (const amp of text.matchAll(/&[^;\s]*;?/g)) {
        assert.match(amp[0], /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/, `${file}: bad entity ${amp[0]}`);
      }
      assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, `${file}: control character`);
      continue;
    }
    if (closing) {
      assert.equal(stack.pop(), name, `${file}: </${name}> closes the wrong element`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) {
      roots++;
    }
  }
  assert.deepEqual(stack, [], `${file}: unclosed elements`);
  assert.equal(roots, 1, `${file}: one root element`);
}

describe('toSiteData', () => {
  const data = toSiteData(RECORDS, BODIES, site());

  test('orders articles newest first, undated last, and labels dates without the local zone', () => {
    assert.deepEqual(
      data.articles.map((a) => [a.slug, a.dateLabel]),
      [
        ['evil', '1 May 2020'],
        ['storm', '14 March 2002, 08:26 GMT'],
        ['undated-one', 'Undated'],
      ],
    );
    assert.deepEqual(data.undated.map((a) => a.slug), ['undated-one']);
    assert.deepEqual(data.years.map((y) => [y.year, y.url, y.articles.length]), [
      ['2020', '/archive/2020/', 1],
      ['2002', '/archive/2002/', 1],
    ]);
    assert.equal(data.updated, '2020-05-01T00:00:00Z');
    const storm = data.articles[1]!;
    assert.equal(storm.url, '/articles/storm/');
    assert.equal(storm.sourceTextUrl, '/articles/storm/source.txt');
    assert.equal(storm.bodyHtml, '<p>Text of storm</p>');
    assert.equal(storm.dateTime, '2002-03-14T08:26:00Z');
    assert.equal(storm.sourceUrl, '/sources/bbc-news/');
  });

  test('the result does not depend on the order of the records', () => {
    assert.deepEqual(toSiteData([...RECORDS].reverse(), BODIES, site()), data);
  });

  test('groups sources in name order with safe, unique slugs', () => {
    assert.deepEqual(
      data.sources.map((s) => [s.name, s.slug, s.articles.length]),
      [
        [`${EVIL} News`, 'script-alert-1-script-and-img-src-x-onerror-alert-1-news', 1],
        ['BBC News', 'bbc-news', 1],
      ],
    );
    assert.equal(sourceSlug('Новая газета'), 'novaya-gazeta');
    assert.equal(sourceSlug('朝鲜日报'), '朝鲜日报');
    assert.match(sourceSlug('!!!'), /^source-[0-9a-f]{10}$/);
    assert.equal(sourceSlug('CON'), 'con-source');
    assert.deepEqual(uniqueSourceSlugs(['BBC News', 'BBC-News', 'bbc news']), ['bbc-news', 'bbc-news-2', 'bbc-news-3']);
  });

  test('undated articles sort by title, then slug', () => {
    const undated = toSiteData(
      [record({ slug: 'b', title: 'beta' }), record({ slug: 'a2', title: 'Alpha' }), record({ slug: 'a1', title: 'alpha' })],
      new Map(),
      site(),
    );
    assert.deepEqual(undated.articles.map((a) => a.slug), ['a1', 'a2', 'b']);
    assert.equal(undated.updated, '1970-01-01T00:00:00Z');
  });

  test('date labels, RFC 3339, excerpts, JSON and absolute URLs', () => {
    assert.equal(formatDateLabel('2019-03-27'), '27 March 2019');
    assert.equal(formatDateLabel('2019-03-27T08:26+02:00'), '27 March 2019, 08:26 UTC+02:00');
    assert.equal(formatDateLabel('2019-03-27T23:59:59-05:00'), '27 March 2019, 23:59 UTC-05:00');
    assert.equal(formatDateLabel('2019-03-27T08:26'), '27 March 2019, 08:26');
    assert.equal(toRfc3339('2019-03-27T08:26+02:00'), '2019-03-27T08:26:00+02:00');
    assert.equal(excerpt('## Heading\n\nSome *emphasis* and a [link](http://x).\n\n> A quote', 40), 'Some emphasis and a link. A quote');
    assert.equal(excerpt('one two three four', 2), 'one two…');
    assert.equal(json({ a: '</script><!--&' }), '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026"}');
    assert.deepEqual(JSON.parse(json({ a: '</script>\u2028' })), { a: '</script>\u2028' });
    assert.equal(absoluteUrl(site('/sub/'), '/articles/x/'), 'http://example.org/sub/articles/x/');
    assert.equal(absoluteUrl(site(), '/articles/ü/'), 'http://example.org/articles/%C3%BC/');
    // One site object asked many times (the sitemap): its base is made once, and every URL kept apart.
    const sub = { ...site('sub'), siteUrl: 'http://example.org//' };
    assert.deepEqual(['/', '//feed.xml', 'sitemap.xml', '/topics/x/'].map((url) => absoluteUrl(sub, url)), ['http://example.org/sub/', 'http://example.org/sub/feed.xml', 'http://example.org/sub/sitemap.xml', 'http://example.org/sub/topics/x/']);
  });
});

describe('renderSite', () => {
  let out: string;
  let files: string[];
  before(async () => {
    out = await renderTo(toSiteData(RECORDS, BODIES, site()), 'site');
    files = listFiles(out);
  });

  test('writes every page of the URL map', () => {
    for (const page of [
      'index.html',
      '404.html',
      'archive/index.html',
      'archive/2020/index.html',
      'archive/2002/index.html',
      'archive/undated/index.html',
      'sources/index.html',
      'sources/bbc-news/index.html',
      'sources/script-alert-1-script-and-img-src-x-onerror-alert-1-news/index.html',
      'articles/evil/index.html',
      'articles/storm/index.html',
      'articles/undated-one/index.html',
      'feed.xml',
      'feed.json',
      'sitemap.xml',
      'robots.txt',
      'css/style.css',
    ]) {
      assert.ok(files.includes(page), `${page} is missing`);
    }
  });

  test('the article page: one h1 with the headline escaped once, and every part of the record', () => {
    const html = readSiteFile(out, 'articles/evil/index.html');
    const h1s = html.match(/<h1[\s>][\s\S]*?<\/h1>/g) ?? [];
    assert.equal(h1s.length, 1);
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;';
    assert.ok(h1s[0]!.includes(`Headline ${escaped}`), h1s[0]);
    assert.ok(html.includes(`<title>Headline ${escaped} · Test Archive</title>`), 'the <title> is escaped once');
    assert.ok(!html.includes('&amp;lt;'), 'nothing is escaped twice');
    assert.ok(html.includes(`Standfirst ${escaped} &quot; onmouseover=&quot;alert(1)`));
    assert.ok(html.includes(`<time datetime="2020-05-01">1 May 2020</time>`));
    assert.ok(html.includes(`Reporter ${escaped}`), 'byline');
    assert.ok(html.includes(`World ${escaped}`), 'section');
    assert.ok(html.includes(`<figcaption>Caption ${escaped}</figcaption>`), 'captions');
    assert.ok(html.includes(`Related ${escaped}`), 'related links');
    assert.ok(html.includes('<time datetime="2020-04-30">30 April 2020</time>'), 'related link date');
    assert.ok(html.includes('<p>Text of evil</p>'), 'the body, unescaped');
    assert.ok(html.includes('href="/articles/evil/source.txt"'), 'the source text link');
    assert.ok(html.includes('href="/sources/script-alert-1-script-and-img-src-x-onerror-alert-1-news/"'), 'source link');
    assert.ok(html.includes('14 November 2024'), 'viewed date');
  });

  test('the undated, derived-title article says so', () => {
    const html = readSiteFile(out, 'articles/undated-one/index.html');
    assert.match(html, /no headline; this one was made from its first sentence/);
    assert.match(html, /Undated: no publication date was found/);
    const header = /<header class="article-header">[\s\S]*?<\/header>/.exec(html)![0];
    assert.doesNotMatch(header, /<time/);
    assert.match(html, /<dt>Date<\/dt>\s*<dd>none found<\/dd>/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    assert.equal(ld.datePublished, undefined, 'no datePublished when the date is unknown');
    assert.deepEqual(ld.publisher, { '@type': 'Organization', name: 'Test Archive', url: 'http://example.org/' }, 'no source: the archive publishes');
  });

  test('the home page lists articles newest first, then the undated, marked as such', () => {
    const html = readSiteFile(out, 'index.html');
    const order = ['href="/articles/evil/"', 'href="/articles/storm/"', 'href="/articles/undated-one/"'].map((s) => html.indexOf(s));
    assert.ok(order.every((i) => i >= 0), `every article is listed: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(html, /<span class="undated">Undated<\/span>/);
    assert.match(html, /<time datetime="2002-03-14T08:26Z">14 March 2002, 08:26 GMT<\/time>/);
    assert.match(html, /href="\/archive\/2020\/"/);
    assert.match(html, /href="\/archive\/undated\/"/);
  });

  test('every page has the chrome: lang, one h1, skip link, main, search form, nav, footer', () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readSiteFile(out, file);
      assert.match(html, /^<!doctype html>\n<html lang="en">/, file);
      assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1, `${file}: one h1`);
      assert.match(html, /<a class="skip-link" href="#main">/, file);
      assert.match(html, /<main id="main"/, file);
      // The header's form goes to /search/; the search page (headerSearch: false) has its
      // own, which submits to itself (no action attribute).
      assert.match(html, /<form [^>]*role="search"(?: action="\/search\/")? method="get"/, file);
      assert.match(html, /<input type="search" [^>]*name="q"/, file);
      assert.match(html, /<label for="[^"]+"[^>]*>Search the archive<\/label>/, file);
      assert.match(html, /<nav class="site-nav" aria-label="Main">/, file);
      assert.match(html, /<footer class="site-footer">/, file);
    }
  });

  test('no script but external modules, no inline styles, no event handlers, in any file', () => {
    for (const file of files) {
      const text = readFileSync(path.join(out, file), 'utf8');
      if (file.endsWith('.css')) continue;
      for (const tag of tags(text)) {
        for (const name of tag.attrs.keys()) {
          assert.ok(!name.startsWith('on'), `${file}: event handler attribute in ${tag.raw}`);
          assert.notEqual(name, 'style', `${file}: inline style in ${tag.raw}`);
        }
        assert.notEqual(tag.name, 'style', `${file}: <style> element`);
        assert.notEqual(tag.name, 'img', `${file}: an <img> from article text: ${tag.raw}`);
        if (tag.name === 'script' && tag.attrs.get('type') !== 'application/ld+json') {
          assert.equal(tag.attrs.get('type'), 'module', `${file}: ${tag.raw}`);
          assert.ok(tag.attrs.get('src'), `${file}: ${tag.raw} has a src`);
        }
      }
      // The only script element with content is JSON-LD: data, never run, and unable to
      // end its element early (no "<" in it at all).
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        if (m[1] === ' type="application/ld+json"') {
          assert.doesNotMatch(m[2]!, /</, `${file}: "<" in JSON-LD`);
          JSON.parse(m[2]!);
        } else {
          assert.equal(m[2], '', `${file}: inline script content`);
        }
      }
      assert.doesNotMatch(text, /<script>/i, `${file}: raw <script> from article text`);
      assert.doesNotMatch(text, /javascript:/i, file);
    }
  });

  test('feed.xml is well-formed Atom with absolute URLs, escaped text and the dates', () => {
    const xml = readSiteFile(out, 'feed.xml');
    assertWellFormedXml(xml, 'feed.xml');
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.match(xml, /<updated>2020-05-01T00:00:00Z<\/updated>/);
    assert.match(xml, /<link href="http:\/\/example\.org\/feed\.xml" rel="self"/);
    assert.equal((xml.match(/<entry>/g) ?? []).length, 3);
    assert.match(xml, /<id>http:\/\/example\.org\/articles\/evil\/<\/id>/);
    assert.match(xml, /<published>2002-03-14T08:26:00Z<\/published>/);
    assert.ok(xml.includes('<title>Headline &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</title>'));
    assert.ok(xml.includes('<content type="html">&lt;p&gt;Text of evil&lt;/p&gt;</content>'));
  });

  test('feed.json is JSON Feed 1.1 and round-trips the text', () => {
    const raw = readSiteFile(out, 'feed.json');
    assert.doesNotMatch(raw, /[<>]/, 'markup characters are \\u-escaped');
    const feed = JSON.parse(raw) as {
      version: string;
      feed_url: string;
      items: { id: string; url: string; title: string; summary?: string; date_published?: string; content_html: string }[];
    };
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, 'http://example.org/feed.json');
    assert.deepEqual(feed.items.map((i) => i.url), [
      'http://example.org/articles/evil/',
      'http://example.org/articles/storm/',
      'http://example.org/articles/undated-one/',
    ]);
    assert.equal(feed.items[0]!.title, `Headline ${EVIL}`);
    assert.equal(feed.items[0]!.content_html, '<p>Text of evil</p>');
    assert.equal(feed.items[1]!.date_published, '2002-03-14T08:26:00Z');
    assert.equal(feed.items[2]!.date_published, undefined);
  });

  test('sitemap.xml lists every page with absolute URLs; robots.txt points at it', () => {
    const xml = readSiteFile(out, 'sitemap.xml');
    assertWellFormedXml(xml, 'sitemap.xml');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const url of ['/', '/archive/', '/archive/2020/', '/archive/undated/', '/sources/bbc-news/', '/articles/storm/']) {
      assert.ok(locs.includes(`http://example.org${url}`), `${url} in the sitemap`);
    }
    assert.match(readSiteFile(out, 'robots.txt'), /^Sitemap: http:\/\/example\.org\/sitemap\.xml$/m);
  });

  test("the article JSON-LD: NewsArticle with the record's fields, markup escaped so it cannot end the script", () => {
    const html = readSiteFile(out, 'articles/evil/index.html');
    const raw = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!;
    assert.ok(raw.includes('\\u003c/script\\u003e'), "the headline's </script> is written as \\u003c/script\\u003e");
    assert.deepEqual(JSON.parse(raw), {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: `Headline ${EVIL}`,
      description: `Standfirst ${EVIL} ${EVIL_ATTR}`,
      url: 'http://example.org/articles/evil/',
      datePublished: '2020-05-01',
      author: [{ '@type': 'Person', name: `Reporter ${EVIL}` }],
      publisher: { '@type': 'Organization', name: `${EVIL} News` },
      articleSection: `World ${EVIL}`,
      wordCount: 4,
      inLanguage: 'en',
      isBasedOn: 'http://example.org/articles/evil/source.txt',
      isPartOf: { '@type': 'WebSite', name: 'Test Archive', url: 'http://example.org/' },
    });
  });

  test('Open Graph and Twitter meta, escaped; article:published_time only when dated', () => {
    const html = readSiteFile(out, 'articles/evil/index.html');
    assert.ok(html.includes('<meta property="og:title" content="Headline &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;">'));
    assert.ok(html.includes('<meta property="og:type" content="article">'));
    assert.ok(html.includes('<meta property="article:published_time" content="2020-05-01T00:00:00Z">'));
    assert.ok(html.includes('<meta name="twitter:card" content="summary">'));
    assert.doesNotMatch(readSiteFile(out, 'articles/undated-one/index.html'), /article:published_time/);
    assert.ok(readSiteFile(out, 'index.html').includes('<meta property="og:type" content="website">'));
  });

  test('the provenance section lists the removed lines, escaped, and links the source text', () => {
    const html = readSiteFile(out, 'articles/storm/index.html');
    const details = /<details class="extraction">[\s\S]*?<\/details>/.exec(html)![0];
    assert.match(details, /<summary>How this page was extracted<\/summary>/);
    assert.ok(details.includes('href="/articles/storm/source.txt"'));
    assert.deepEqual([...details.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]), ['Home', 'News Front Page', 'Share &lt;b&gt;this&lt;/b&gt;']);
  });

  test('archive by month: a page per month with articles, linked from its year and its articles', () => {
    assert.ok(files.includes('archive/2020/05/index.html'));
    assert.ok(files.includes('archive/2002/03/index.html'));
    assert.match(readSiteFile(out, 'archive/2002/index.html'), /<a href="\/archive\/2002\/03\/">March 2002<\/a>/);
    assert.match(readSiteFile(out, 'archive/2002/03/index.html'), /<h1>March 2002<\/h1>[\s\S]*href="\/articles\/storm\/"/);
    assert.match(readSiteFile(out, 'articles/storm/index.html'), /Filed under <a href="\/archive\/2002\/03\/">March 2002<\/a>/);
  });

  test('the home page timeline: one linked bar per year with articles, named for screen readers', () => {
    const html = readSiteFile(out, 'index.html');
    const links = [...html.matchAll(/<a href="([^"]+)" class="timeline-link[^"]*" aria-label="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(links, [
      ['/archive/2002/', '2002: 1 article'],
      ['/archive/2020/', '2020: 1 article'],
      ['/archive/undated/', 'Undated: 1 article'],
    ]);
    // 2003–2019 are empty columns: drawn, not linked, hidden from screen readers.
    assert.equal((html.match(/<g class="timeline-empty" aria-hidden="true">/g) ?? []).length, 17);
  });

  test('_headers carries the CSP; stylesheets are minified', () => {
    const headers = readSiteFile(out, '_headers');
    assert.match(headers, /^\/\*\n {2}Content-Security-Policy: default-src 'none'; script-src 'self'; /m);
    const css = readSiteFile(out, 'css/style.css');
    assert.doesNotMatch(css, /\/\*|\n {2}/, 'no comments or indentation');
    assert.match(css, /^:root\{color-scheme:light dark;/);
  });

  test('the article page with its stylesheet stays small', () => {
    const bytes = readFileSync(path.join(out, 'articles/storm/index.html')).length + readFileSync(path.join(out, 'css/style.css')).length;
    assert.ok(bytes < 30_000, `${bytes} bytes`);
  });

  test('two renders of the same data are byte-identical', async () => {
    const again = await renderTo(toSiteData([...RECORDS].reverse(), BODIES, site()), 'site-again');
    assert.deepEqual(snapshotFolder(again), snapshotFolder(out));
  });
});

describe('renderSite with a path prefix', () => {
  let out: string;
  before(async () => {
    out = await renderTo(toSiteData(RECORDS, BODIES, site('/sub/')), 'site-prefix');
  });

  test('every internal href, src and action starts with the prefix', () => {
    let checked = 0;
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      for (const tag of tags(readSiteFile(out, file))) {
        for (const attr of ['href', 'src', 'action']) {
          const url = tag.attrs.get(attr);
          if (url === undefined || /^(?:[a-z]+:|#)/i.test(url) || !url.startsWith('/')) continue;
          assert.ok(url.startsWith('/sub/'), `${file}: ${tag.raw}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} URLs checked`);
  });

  test('feeds, sitemap and canonical links use the site URL and the prefix', () => {
    assert.match(readSiteFile(out, 'feed.xml'), /<link href="http:\/\/example\.org\/sub\/articles\/evil\/"/);
    assert.match(readSiteFile(out, 'feed.json'), /"url": "http:\/\/example\.org\/sub\/articles\/storm\/"/);
    assert.match(readSiteFile(out, 'sitemap.xml'), /<loc>http:\/\/example\.org\/sub\/archive\/2002\/<\/loc>/);
    assert.match(readSiteFile(out, 'robots.txt'), /Sitemap: http:\/\/example\.org\/sub\/sitemap\.xml/);
    assert.match(readSiteFile(out, 'articles/storm/index.html'), /<link rel="canonical" href="http:\/\/example\.org\/sub\/articles\/storm\/">/);
  });
});

describe('an empty archive', () => {
  test('still renders the home page, feeds and sitemap', async () => {
    const out = await renderTo(toSiteData([], new Map(), site()), 'site-empty');
    const files = listFiles(out);
    for (const page of ['index.html', 'archive/index.html', 'sources/index.html', 'feed.xml', 'feed.json', 'sitemap.xml']) {
      assert.ok(files.includes(page), page);
    }
    assertWellFormedXml(readSiteFile(out, 'feed.xml'), 'feed.xml');
    assert.match(readSiteFile(out, 'feed.xml'), /<updated>1970-01-01T00:00:00Z<\/updated>/);
    assert.deepEqual((JSON.parse(readSiteFile(out, 'feed.json')) as { items: unknown[] }).items, []);
    assert.match(readSiteFile(out, 'index.html'), /The archive is empty/);
  });
});
