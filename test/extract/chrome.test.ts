import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isChrome, isBoxMarker, isEndMarker, parseBreadcrumb, parseMasthead, parseYouAreHere } from '../../src/extract/rules/chrome.ts';
import { measure } from '../../src/extract/segment.ts';
import { fixture, PROSE } from './helpers.ts';

describe('chrome lines', () => {
  for (const line of ['Share this article', 'Sign in', 'Subscribe', 'Advertisement', 'Leave a Reply', 'Teilen', 'Partager', 'Compartilhar', 'Baca juga', 'Поделиться', 'Most Popular']) {
    test(`chrome: ${line}`, () => assert.ok(isChrome(measure(line))));
  }
  test('a cookie banner of any length', () => {
    assert.ok(isChrome(measure('This site uses cookies to give you a better experience. By continuing to browse the website you agree to our use of cookies and our privacy policy, which you may review at any time.')));
  });
  test('a masthead with its menu, copied as one line, is chrome (it is no headline)', () => {
    assert.ok(isChrome(measure('Harbour Post  Home  World  Politics  Business  Culture  Sport  Subscribe  Sign in')));
  });
  test('prose that mentions one such word is not chrome', () => {
    assert.ok(!isChrome(measure('The company said its website had been offline for two days after the attack on its servers.')));
    assert.ok(!isChrome(measure('Share prices fell sharply on Monday after the bank warned that profits would be lower than expected.')));
  });
  test('end markers', () => {
    assert.ok(isEndMarker(measure('Leave a Comment')));
    assert.ok(isEndMarker(measure('Comments (12)')));
    assert.ok(isEndMarker(measure('[ 12 comments ]')));
    assert.ok(isEndMarker(measure('Top Rated Comments')));
    // A link box may sit between paragraphs: it is a box marker, not the end of the article.
    assert.ok(!isEndMarker(measure('Related articles')));
    assert.ok(isBoxMarker(measure('Related articles')));
    assert.ok(isBoxMarker(measure("DON'T MISS")));
    assert.ok(!isEndMarker(measure('Comments from the minister angered the union')));
  });
  test('breadcrumbs', () => {
    assert.deepEqual(parseBreadcrumb(measure('Home / Business / Transport / Harbour ferry to close')), { trail: ['Business', 'Transport'], last: 'Harbour ferry to close' });
    assert.deepEqual(parseBreadcrumb(measure('Startseite » Politik » Fähre')), { trail: ['Politik'], last: 'Fähre' });
    assert.equal(parseBreadcrumb(measure('Profit / loss for the year')), undefined);
  });
  test('"You are here" trails and mastheads', () => {
    assert.equal(parseYouAreHere(measure('You are here: Business: Transport')), 'Business: Transport');
    assert.equal(parseMasthead(measure('HARBOUR NEWS Business Sport Weather')), 'Harbour News');
    assert.equal(parseMasthead(measure('Harbour news today')), undefined);
  });
});

describe('the main region', () => {
  const MENU = ['Home', 'News', 'Sport', 'Weather', 'Business news', 'Travel and leisure', 'Sign in', 'Subscribe'];
  const FOOTER = ['Related articles', 'Ferry fares to rise next year', 'New bridge plans unveiled', 'About us', 'Contact', 'Privacy Policy', '© 2021 Harbour Post. All rights reserved.'];
  test('menus above and footers below are removed, in order', () => {
    const record = fixture([...MENU, 'Harbour ferry to close after ninety years', ...PROSE, ...FOOTER]);
    assert.equal(record.body, PROSE.join('\n\n'));
    assert.deepEqual(record.removed, [...MENU, ...FOOTER.filter((l) => !l.startsWith('Ferry') && !l.startsWith('New bridge') && l !== 'Related articles')]);
    assert.deepEqual(record.related.map((r) => r.title), ['Ferry fares to rise next year', 'New bridge plans unveiled']);
  });
  test('a newsletter box between paragraphs is dropped, the text on both sides kept', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      '',
      ...PROSE.slice(0, 3),
      'Sign up for our newsletter to get the latest news in your inbox every morning.',
      'Subscribe',
      ...PROSE.slice(3),
    ]);
    assert.equal(record.body, PROSE.join('\n\n'));
  });
  test('a teaser list (headline glued to its summary) is not the body', () => {
    const teasers = [
      'Council Votes To Close Ferry At The End Of The MonthThe council voted on Tuesday to close the ferry terminal after ninety years.',
      'Mayor Says Town Will Apply For Funding From The StateThe mayor said the town would apply for funding for a new pier.',
    ];
    const record = fixture([...teasers, 'Latest', 'Harbour ferry to close after ninety years', ...PROSE]);
    for (const teaser of teasers) assert.ok(!record.body.includes(teaser));
  });
});
