/**
 * Fitting the extractor's models (scripts/lib): the trees and the conditional logit learn
 * what they are shown, and fitting the same pages twice writes the same weights file,
 * byte for byte. The pages are invented; the development sets are never part of a test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fitChoice } from '../../scripts/lib/choice.ts';
import { bodyScore, lineCoverage, type GoldPage } from '../../scripts/lib/dataset.ts';
import { fitExtractor, preparePage, weightsSource } from '../../scripts/lib/fit-extractor.ts';
import { trainGbdt } from '../../scripts/lib/gbdt.ts';
import { extract, markdownToText } from '../../src/extract/index.ts';
import { bestChoice } from '../../src/extract/model/choice.ts';
import { treeScore } from '../../src/extract/model/trees.ts';
import { PROSE } from './helpers.ts';

const MORE_PROSE = [
  'The museum on the hill will open its new wing in the spring, after four years of building work and two delays.',
  'Curators said the rooms would show the harbour as it was a century ago, with boats, nets and the old customs house.',
  'Schools from the island will visit free of charge during the first month, the director told the council on Monday.',
  'A café on the top floor will look out over the bay, and the garden will be open to the public every evening.',
];

const MENUS = [['Home', 'News', 'Sport', 'Sign in'], ['Menu', 'Search', 'Weather', 'Travel', 'Subscribe'], ['Skip to content', 'Latest'], []];
const FOOTERS = [['Share this article', 'Related articles', 'Ferry fares to rise'], ['Leave a comment', 'Privacy Policy'], ['Newsletter', 'Sign up for our newsletter to get the news in your inbox.'], []];

/** An invented labelled page: menus, a headline, a date, paragraphs, then a footer; pages differ in their chrome and text. */
function page(n: number): GoldPage {
  const paragraphs = [...PROSE, ...MORE_PROSE].filter((_, i) => (i + n) % 3 !== 0);
  const headline = `Island news number ${n} for the harbour readers`;
  const day = `2021-05-${String(1 + (n % 28)).padStart(2, '0')}`;
  const text = [...(MENUS[n % 4] as string[]), headline, `${1 + (n % 28)} May 2021`, ...paragraphs, ...(FOOTERS[(n >> 2) % 4] as string[]), '© 2021 Harbour Post'].join('\n');
  return { id: `invented/page-${n}`, set: 'invented', text, gold: { titles: [headline], date: day, site: 'Harbour Post', body: paragraphs.join('\n\n') } };
}

describe('fitting', () => {
  test('labels: a line is article when the gold body covers its words, read across line ends', () => {
    const coverage = lineCoverage(['Menu', 'Ferry news', PROSE[0] as string, 'Share'], `Ferry news\n\n${PROSE[0]}`);
    assert.deepEqual([...coverage].map((c) => c >= 0.5), [false, true, true, false]);
  });
  test('trees learn a rule that takes two splits (both features high), beside a noise feature', () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = i % 2;
      const b = Math.floor(i / 2) % 2;
      rows.push([a, b, (i % 7) / 7]);
      labels.push(a & b);
    }
    const model = trainGbdt(Float64Array.from(rows.flat()), 3, Uint8Array.from(labels), new Float64Array(rows.length).fill(1), {
      rounds: 30, depth: 2, learningRate: 0.3, lambda: 1, minChildWeight: 0.1, maxBins: 8,
    });
    for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) {
      assert.equal(treeScore(model, Float64Array.from([a, b, 0.5]), 0) > 0, (a & b) === 1, `${a} and ${b}`);
    }
  });
  test('the conditional logit learns which candidate is right', () => {
    // The right candidate has the larger first feature; the second feature is noise.
    const pages = Array.from({ length: 30 }, (_, p) => ({
      candidates: [[0.2, (p % 3) / 3], [0.9, ((p + 1) % 3) / 3], [0.4, 0.5]],
      gold: [1],
    }));
    const weights = fitChoice(pages, 2, { iterations: 500, learningRate: 0.5, l2: 0.01 });
    assert.ok((weights[0] as number) > 0);
    assert.equal(bestChoice([[0.1, 0], [0.8, 0], [0.3, 1]], weights), 1);
  });
  test('the same pages give the same weights file, byte for byte, and the models find the article', () => {
    const pages = Array.from({ length: 32 }, (_, n) => page(n));
    const first = fitExtractor(pages.map(preparePage));
    const second = fitExtractor(pages.map(preparePage));
    const source = weightsSource(first, ['invented (32 pages)']);
    assert.equal(weightsSource(second, ['invented (32 pages)']), source);
    assert.match(source, /^\/\*\*\n \* Written by `npm run train:extract/);
    const unseen = page(41);
    const record = extract(unseen.text, { file: 'unseen.txt', model: first });
    assert.ok(bodyScore(unseen.gold.body, markdownToText(record.body)).f1 > 0.9, record.body);
    assert.equal(record.title, unseen.gold.titles[0]);
    assert.equal(record.date, unseen.gold.date);
  });
});
