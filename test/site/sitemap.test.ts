/**
 * The sitemap's entries (src/site/sitemap.ts), which templates/sitemap.xml.njk writes for
 * its lists of pages: one `<url>` a page after a newline, its absolute URL (the path
 * prefix, non-ASCII percent-encoded) through the escape it is given, a `<lastmod>` only for
 * a dated article. (The whole sitemap is checked against its schema in the static tests,
 * and for injected URLs in the injection tests.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sitemapUrls } from '../../src/site/sitemap.ts';

/** Marks what went through the escape. */
const marked = (value: unknown) => `[${String(value)}]`;
const site = { siteUrl: 'https://example.org/', pathPrefix: '/news/' };

describe('sitemapUrls', () => {
  test('a line a page, each after a newline; the URL absolute and escaped; a lastmod (the calendar day) only with a date-time', () => {
    const xml = sitemapUrls(
      [
        { url: '/archive/2019/' },
        { url: '/articles/café-&-co/', date: '2019-03-27T10:00:00+01:00', dateTime: '2019-03-27T09:00:00Z' },
        { url: '/articles/undated/', date: '' },
      ],
      site,
      marked,
    );
    assert.equal(
      xml,
      [
        '',
        '  <url><loc>[https://example.org/news/archive/2019/]</loc></url>',
        '  <url><loc>[https://example.org/news/articles/caf%C3%A9-&-co/]</loc><lastmod>[2019-03-27]</lastmod></url>',
        '  <url><loc>[https://example.org/news/articles/undated/]</loc></url>',
      ].join('\n'),
    );
  });

  test('no pages, no text (the template puts the entries after the line before)', () => {
    assert.equal(sitemapUrls([], site, marked), '');
  });
});
