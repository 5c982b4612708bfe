import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveTitle, stripSiteSuffix } from '../../src/extract/rules/title.ts';
import { makeSlug } from '../../src/extract/slug.ts';
import { SLUG_PATTERN } from '../../src/record.ts';
import { fixture, PROSE } from './helpers.ts';

describe('headline', () => {
  test('the line above the byline and date, after the menus', () => {
    const record = fixture(['Home', 'Local news', 'Sign in', 'Harbour ferry to close after ninety years', 'By Ann Example and Bo Sample', '4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    assert.equal(record.titleSource, 'text');
    assert.deepEqual(record.byline, ['Ann Example', 'Bo Sample']);
    assert.equal(record.date, '2021-05-04');
  });
  test('a bare author name next to the date is not the headline', () => {
    const record = fixture(['Subscribe', 'Harbour ferry to close after ninety years', 'Ann Example', 'Tuesday 4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
  });
  test('a repeated line (page title and headline) wins over a nearer one', () => {
    const record = fixture(['Harbour ferry to close after ninety years', 'Menu', 'Weather warning for the coast', 'Harbour ferry to close after ninety years', 'Photo: Ann Example', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
  });
  test('the standfirst under the headline is the subtitle, not body', () => {
    const standfirst = 'Islanders say they were not consulted about the decision, which ends a service that began in 1931.';
    const record = fixture(['Harbour ferry to close after ninety years', standfirst, '', '4 May 2021', '', ...PROSE]);
    assert.equal(record.subtitle, standfirst);
    assert.ok(!record.body.includes('Islanders say'));
  });
  test('an all-capitals kicker is not the headline; a one-word label above it is the section', () => {
    const record = fixture(['TRANSPORT', 'Harbour ferry to close after ninety years', '4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    const labelled = fixture(['Subscribe', 'Transport', 'Harbour ferry to close after ninety years', '4 May 2021', ...PROSE]);
    assert.equal(labelled.section, 'Transport');
  });
  test('a reading time, a relative date and a line with a web address are never the headline', () => {
    for (const line of ['6 min read', '5 Minute Read', '2 days ago', 'an hour ago', 'Visit: https://harbour.example/ferry']) {
      const record = fixture(['Home', 'Writing', line, ...PROSE]);
      assert.equal(record.titleSource, 'derived', line);
    }
    // Beside a headline, the headline still wins.
    const record = fixture(['Harbour ferry to close after ninety years', '2 days ago', '6 min read', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
  });
  test('no headline: derived from the lead sentence, with a warning', () => {
    const record = fixture(PROSE);
    assert.equal(record.titleSource, 'derived');
    assert.equal(record.title, 'The harbour council voted on Tuesday to close the old ferry terminal, ending a service that has run for more…');
    assert.ok(record.warnings.includes('no headline found; derived one from the lead sentence'));
  });
  test('no headline printed, but the breadcrumb names the story: its last crumb is the headline, the crumbs before it the section', () => {
    const standfirst = 'Islanders say they were not consulted about the decision, which ends a service that began in 1931.';
    const record = fixture(['Harbour Post  Home  World  Business  Sport  Subscribe  Sign in', 'Home / Transport / Harbour ferry to close after ninety years', standfirst, 'By Ann Example', '4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    assert.equal(record.titleSource, 'text');
    assert.equal(record.section, 'Transport');
    assert.equal(record.subtitle, standfirst);
    assert.equal(record.date, '2021-05-04');
  });
  test('a breadcrumb whose story the page also prints as its headline changes nothing; a short last crumb is a section', () => {
    const printed = fixture(['Home / Transport / Harbour ferry to close after ninety years', 'Harbour ferry to close after ninety years', 'By Ann Example', '4 May 2021', ...PROSE]);
    assert.equal(printed.title, 'Harbour ferry to close after ninety years');
    assert.equal(printed.section, 'Transport');
    const sections = fixture(['Home / Transport / Local ferries', 'Harbour ferry to close after ninety years', '4 May 2021', ...PROSE]);
    assert.equal(sections.title, 'Harbour ferry to close after ninety years');
    assert.equal(sections.section, 'Transport / Local ferries');
  });
  test('a label after the bar ("| Opinion", "– Analysis") is the headline\'s own, not a site', () => {
    assert.deepEqual(stripSiteSuffix('Keep the harbour ferry running | Opinion'), { title: 'Keep the harbour ferry running | Opinion' });
    assert.deepEqual(stripSiteSuffix('Why the harbour ferry lost money – Analysis'), { title: 'Why the harbour ferry lost money – Analysis' });
    assert.deepEqual(stripSiteSuffix('Keep the harbour ferry running | Opinion | Harbour Post'), { title: 'Keep the harbour ferry running | Opinion', site: 'Harbour Post' });
  });
  test('a site suffix is cut and becomes the source', () => {
    assert.deepEqual(stripSiteSuffix('Harbour ferry to close – Harbour Post'), { title: 'Harbour ferry to close', site: 'Harbour Post' });
    assert.deepEqual(stripSiteSuffix('Plague in the city – ‘It is coming’'), { title: 'Plague in the city – ‘It is coming’' });
    assert.equal(deriveTitle('Short lead. Second sentence.'), 'Short lead');
  });
});

describe('slug', () => {
  test('a Hangul or Han headline keeps its letters, digits and all (slugify would keep only the digits)', () => {
    assert.equal(makeSlug('항구 여객선, 90년 만에 운항 중단', 'x.txt'), '항구-여객선-90년-만에-운항-중단');
    assert.equal(makeSlug('Ferry 90', 'x.txt'), 'ferry-90');
  });
  test('transliterated, cut at a word boundary, never empty', () => {
    assert.equal(makeSlug('Ferry to close: “Über” 90 years', 'a.txt'), 'ferry-to-close-ueber-90-years');
    assert.equal(makeSlug('Мастера вкуса', 'a.txt'), 'mastera-vkusa');
    const long = makeSlug('word '.repeat(40), 'a.txt');
    assert.ok(long.length <= 80 && !long.endsWith('-'));
    assert.equal(makeSlug('!!!', '001_abc.txt'), '001-abc');
    assert.equal(makeSlug('!!!', '...'), 'article');
    for (const slug of [long, makeSlug('商品の改造', 'x.txt')]) assert.match(slug, SLUG_PATTERN);
  });
});
