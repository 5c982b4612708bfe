/**
 * The extractor's models on invented lines: the features each model sees, the decoding
 * of the body model's verdict into one article, and the choices of headline, date and
 * publisher. Every line here is invented, in the shape the feature exists for.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeArticle } from '../../src/extract/article-lines.ts';
import { brandOfLegalName, PageFacts } from '../../src/extract/header.ts';
import { locate } from '../../src/extract/index.ts';
import { bestChoice, choiceScore } from '../../src/extract/model/choice.ts';
import { DATE_FEATURES, dateCandidates } from '../../src/extract/model/date-features.ts';
import { LINE_FEATURES, lineFeatures } from '../../src/extract/model/line-features.ts';
import { SOURCE_FEATURES, sourceCandidates } from '../../src/extract/model/source-features.ts';
import { treeScore } from '../../src/extract/model/trees.ts';
import { segment } from '../../src/extract/segment.ts';
import { ARTICLE_LINE_BONUS, ARTICLE_MIN_LOG_ODDS } from '../../src/extract/settings.ts';
import { fixture, PROSE } from './helpers.ts';

/** The features of every line of an invented page, by feature name. */
function features(lines: string[]): Record<string, number>[] {
  const page = segment(lines.join('\n'));
  const { facts, region } = locate(page);
  const matrix = lineFeatures(facts, region);
  return page.map((_, i) => Object.fromEntries(LINE_FEATURES.map((name, k) => [name, matrix[i * LINE_FEATURES.length + k] as number])));
}

describe('the body model features', () => {
  const PAGE = ['Home', 'Sign in', 'Harbour ferry to close after ninety years', '4 May 2021', ...PROSE, 'Share this article', 'Leave a comment', 'I will miss the ferry more than anything.'];
  const rows = features(PAGE);
  test('one row of every feature per line', () => {
    assert.equal(rows.length, PAGE.length);
    for (const row of rows) assert.equal(Object.keys(row).length, LINE_FEATURES.length);
    for (const row of rows) for (const value of Object.values(row)) assert.ok(Number.isFinite(value));
  });
  test("a line's own shape: prose, stopwords, chrome, dates, comment markers", () => {
    const prose = rows[4] as Record<string, number>;
    assert.equal(prose.prose, 1);
    assert.equal(prose.terminal, 1);
    assert.ok((prose.stopwords as number) > 0.2);
    assert.equal(prose.inRegion, 1);
    assert.equal((rows[0] as Record<string, number>).chrome, 1);
    assert.equal((rows[3] as Record<string, number>).date, 1);
    assert.equal((rows[PAGE.length - 2] as Record<string, number>).end, 1);
    assert.equal((rows[PAGE.length - 1] as Record<string, number>).afterEnd, 1, 'a comment below the marker');
    assert.equal((rows[4] as Record<string, number>).afterEnd, 0);
  });
  test('neighbours and context: the line above a paragraph sees it; a menu item sits among short lines', () => {
    const dateLine = rows[3] as Record<string, number>;
    assert.equal(dateLine['prose@+1'], 1);
    assert.equal(dateLine['date@-1'], 0);
    assert.equal((rows[4] as Record<string, number>)['date@-1'], 1);
    assert.ok(((rows[6] as Record<string, number>).prose3 as number) > ((rows[0] as Record<string, number>).prose3 as number));
    assert.equal((rows[0] as Record<string, number>)['chars@-1'], 0, 'no line above the first');
  });
  test('a link box: the lines under its header until the next paragraph', () => {
    const boxed = features([...PROSE.slice(0, 2), 'Related articles', 'Island school opens a new library', ...PROSE.slice(2)]);
    assert.equal((boxed[2] as Record<string, number>).box, 1);
    assert.equal((boxed[3] as Record<string, number>).inBox, 1);
    assert.equal((boxed[4] as Record<string, number>).inBox, 0);
  });
});

describe('decoding the log-odds into one article', () => {
  test('the best stretch, crossing a doubtful line; a firmly rejected line inside is left out', () => {
    const logOdds = Float64Array.from([-3, -2, 2, 3, -0.5, 2, -2, 2, -3, -3]);
    const { keep, span } = decodeArticle(logOdds);
    assert.deepEqual(span, { start: 2, end: 7 });
    assert.deepEqual([...keep], [0, 0, 1, 1, 1, 1, 0, 1, 0, 0]);
    assert.ok(-0.5 > ARTICLE_MIN_LOG_ODDS && -2 < ARTICLE_MIN_LOG_ODDS);
  });
  test('one sure line cannot carry the page: log-odds are clipped', () => {
    const { span } = decodeArticle(Float64Array.from([40, -5, -5, 1, 1, 1, 1, 1, 1, 1, 1]));
    assert.deepEqual(span, { start: 3, end: 10 });
  });
  test('a page the model doubts everywhere has no stretch (the extractor then falls back to the densest prose)', () => {
    const { span } = decodeArticle(Float64Array.from([-1 - ARTICLE_LINE_BONUS, -2, -3]));
    assert.ok(span.end < span.start);
  });
  test('trees: a split sends a row left when its feature is at most the threshold', () => {
    const model = { base: 0.5, trees: [[0, 2, 4, 8, -1, -1, 0, 0, -1, 1, 0, 0]] };
    assert.equal(treeScore(model, Float64Array.from([2, 0]), 0), -0.5);
    assert.equal(treeScore(model, Float64Array.from([9, 3]), 0), 1.5);
    assert.equal(treeScore(model, Float64Array.from([0, 0, 3, 0]), 2), 1.5, 'the row starts at the offset');
  });
});

describe('choices', () => {
  test('the best weighted sum wins; the first on a tie; none without candidates', () => {
    assert.equal(choiceScore([1, 2], [0.5, -1]), -1.5);
    assert.equal(bestChoice([[1, 0], [0, 1], [0, 1]], [1, 2]), 1);
    assert.equal(bestChoice([], [1]), -1);
  });
});

describe('date candidates', () => {
  const lines = ['Wednesday 5 May 2021', 'Harbour ferry to close after ninety years', 'Published 4 May 2021', ...PROSE, 'Leave a comment', 'Ann Example', '6 May 2021'];
  const page = segment(lines.join('\n'));
  const facts = new PageFacts(page);
  const candidates = dateCandidates({ facts, anchor: 1, region: { start: 3, end: 8 }, logOdds: new Float64Array(page.length) });
  const row = (index: number) => Object.fromEntries(DATE_FEATURES.map((name, k) => [name, candidates.find((c) => c.index === index)?.features[k]]));
  test('every date line is a candidate; a date inside a sentence is not', () => {
    assert.deepEqual(candidates.map((c) => c.index), [0, 2, 11]);
    const prose = segment(['Harbour ferry', 'The last crossing is planned for 9 June 2021, the operator said.'].join('\n'));
    assert.deepEqual(dateCandidates({ facts: new PageFacts(prose), anchor: 0, region: { start: 1, end: 1 }, logOdds: new Float64Array(2) }), []);
  });
  test('the header date: labelled, under the headline, above the body; the comment date: below the body, after the marker', () => {
    assert.equal(row(2).published, 1);
    assert.equal(row(2).header, 1);
    assert.equal(row(2).near, 0.5);
    assert.equal(row(0).top, 1);
    assert.equal(row(0).aboveHeadline, 1);
    assert.equal(row(11).belowBody, 1);
    assert.equal(row(11).afterEnd, 1);
    assert.equal(row(11).latest, 1);
    assert.equal(row(2).latest, 0);
  });
  test('the committed model dates the article by its header, not by the page or a comment', () => {
    const record = fixture(lines);
    assert.equal(record.date, '2021-05-04');
    assert.equal(record.viewedDate, '2021-05-05');
  });
});

describe('publisher candidates', () => {
  const named = (lines: string[], keep = new Uint8Array(lines.length)) => {
    const page = segment(lines.join('\n'));
    const candidates = sourceCandidates({ facts: new PageFacts(page), keep });
    return { candidates, names: candidates.map((c) => c.name), feature: (name: string, feature: string) => candidates.find((c) => c.name === name)?.features[SOURCE_FEATURES.indexOf(feature as (typeof SOURCE_FEATURES)[number])] };
  };
  test('the copyright holder, without the year or "All Rights Reserved"', () => {
    const { names, feature } = named(['Harbour ferry to close', '© 2021 Harbour Post Media Ltd. All Rights Reserved.', 'Copyright 2020 - 2021 Island Times']);
    assert.ok(names.includes('Harbour Post Media'), names.join(' | '));
    assert.ok(names.includes('Island Times'), names.join(' | '));
    assert.equal(feature('Harbour Post Media', 'copyright'), Math.log1p(1));
  });
  test('a site\'s credits and a company form after the copyright sign are not names', () => {
    const { names } = named(['Harbour ferry to close', 'Copyright © 2002-2019 - Designed by Gray Digital Media - Powered by Clickability', 'Copyright (с) ООО «Харбор Пост», 2019.']);
    for (const credit of ['Designed', 'Powered', 'ООО']) assert.ok(!names.includes(credit), names.join(' | '));
  });
  test('a legal name given only as the copyright holder, whose initials the page also names, is the brand of those initials', () => {
    const page = ['HBN News', 'HBN Sport', 'HBN Weather', 'Harbour ferry to close', 'By Ann Example, HBN', ...PROSE, '© 2021 Harbour Broadcasting Network. All Rights Reserved.'];
    const { candidates } = named(page);
    const legal = candidates.find((c) => c.name === 'Harbour Broadcasting Network')!;
    assert.ok(legal, candidates.map((c) => c.name).join(' | '));
    assert.equal(brandOfLegalName(legal, candidates), 'HBN');
    // Not when the page gives the name elsewhere too, nor without the initials as a name of their own.
    const places = SOURCE_FEATURES.indexOf('places');
    assert.equal(brandOfLegalName({ ...legal, features: legal.features.map((v, i) => (i === places ? 0.5 : v)) }, candidates), undefined);
    assert.equal(brandOfLegalName(legal, candidates.filter((c) => c.name !== 'HBN')), undefined);
  });
  test('cues and staff lines: follow, subscribe, "a reporter for", "Staff"', () => {
    const { names } = named(['Follow Harbour Post on Facebook', 'Subscribe to The Island Times newsletter', 'Ann Example is a reporter for Coast News.', 'By Bo Sample, Gull Weekly Staff']);
    for (const name of ['Harbour Post', 'The Island Times', 'Coast News', 'Gull Weekly']) assert.ok(names.includes(name), `${name}: ${names.join(' | ')}`);
  });
  test('a site naming its own sections: the first word of several menu lines, and the names that hold it', () => {
    const { feature } = named(['HPT Sport', 'HPT Weather', 'HPT Travel', 'About HPT']);
    assert.equal(feature('HPT', 'prefix'), Math.log1p(3));
    assert.equal(feature('HPT', 'family'), Math.log1p(4), 'HPT Sport, HPT Weather, HPT Travel, About HPT');
  });
  test("the page's own section is never the publisher, however often its link lists name it", () => {
    const lines = ['You are in: World: Asia-Pacific', '14 Mar 02 | Asia-Pacific', '13 Feb 02 | Asia-Pacific', 'Links to more Asia-Pacific stories'];
    const page = segment(lines.join('\n'));
    const names = (section?: string) => sourceCandidates({ facts: new PageFacts(page), keep: new Uint8Array(page.length), section }).map((c) => c.name);
    assert.ok(names().includes('Asia-Pacific'));
    assert.ok(!names('World: Asia-Pacific').includes('Asia-Pacific'));
  });
  test('menu words, months and stopwords are never names; the last candidate is "no publisher named"', () => {
    const { candidates, names } = named(['Home', 'Privacy Policy', 'December', 'About Us', 'The']);
    assert.deepEqual(names, ['']);
    assert.equal(candidates.at(-1)?.features[SOURCE_FEATURES.indexOf('none')], 1);
  });
  test('the headline line\'s own " – Site" is the publisher when the model names none', () => {
    const record = fixture(['Harbour ferry to close after ninety years – HPT', '4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    assert.equal(record.source, 'HPT');
  });
  test('a three-word " – Suffix" is the headline\'s own unless the page names it elsewhere', () => {
    const kept = fixture(['Ferry timetables – Summer Sailing Guide', '4 May 2021', ...PROSE]);
    assert.equal(kept.title, 'Ferry timetables – Summer Sailing Guide');
    const cut = fixture(['Ferry timetables – Harbour Post Online', '4 May 2021', ...PROSE, '© 2021 Harbour Post Online']);
    assert.equal(cut.title, 'Ferry timetables');
  });
});
