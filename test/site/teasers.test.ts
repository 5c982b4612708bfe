/**
 * The teaser list (src/site/teasers.ts), which year, month, source, topic and front pages
 * show: every value through the escape it is given, the headline level, the language,
 * undated articles, the source left out on its own page, the excerpt when there is no
 * standfirst. (Whole pages are checked in site.test.ts and the injection tests.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { teaserList } from '../../src/site/teasers.ts';

const dated = {
  url: '/articles/a/',
  title: 'Talks <b>resume</b>',
  language: 'fr',
  date: '2019-03-27',
  dateTime: '2019-03-27T00:00:00Z',
  dateLabel: '27 March 2019',
  source: 'Le Monde & Co',
  sourceUrl: '/sources/le-monde-and-co/',
  wordCount: 700,
  subtitle: 'A standfirst',
  excerpt: 'An excerpt',
};
const undated = { url: '/articles/b/', title: 'Undated one', language: 'en', dateLabel: 'Undated', wordCount: 10, excerpt: 'Its first words' };
/** Marks what went through the escape. */
const marked = (value: unknown) => `[${String(value)}]`;

describe('teaserList', () => {
  test('every value goes through the escape; the headline at the level asked; another language marked', () => {
    const html = teaserList([dated], 3, true, marked);
    assert.equal(
      html,
      [
        '<ol class="teasers">',
        '  <li class="teaser">',
        '    <h3 class="teaser-title"><a href="[/articles/a/]" lang="[fr]">[Talks <b>resume</b>]</a></h3>',
        '    <p class="teaser-meta">',
        '      <time datetime="[2019-03-27]">[27 March 2019]</time>',
        '      <span class="sep" aria-hidden="true">·</span> <a class="teaser-source" href="[/sources/le-monde-and-co/]">[Le Monde & Co]</a>',
        '      <span class="sep" aria-hidden="true">·</span> <span class="reading-time">[3 min read]</span>',
        '    </p>',
        '    <p class="teaser-summary" lang="[fr]">[A standfirst]</p>',
        '  </li>',
        '</ol>',
        '',
      ].join('\n'),
    );
  });

  test('an undated article, in the site\'s language, without a standfirst; the source left out on its own page', () => {
    const html = teaserList([undated, dated], 2, false, marked);
    assert.match(html, /<li class="teaser teaser-undated">\n {4}<h2 class="teaser-title"><a href="\[\/articles\/b\/\]">\[Undated one\]<\/a><\/h2>/);
    assert.match(html, /<span class="undated">\[Undated\]<\/span>/);
    assert.match(html, /<p class="teaser-summary">\[Its first words\]<\/p>/);
    assert.doesNotMatch(html, /teaser-source/);
    assert.equal(html.match(/<li /g)!.length, 2);
  });

  test('no articles: an empty list', () => {
    assert.equal(teaserList([], 2, true, marked), '<ol class="teasers">\n</ol>\n');
  });
});
