/** The home page's bar chart (src/site/timeline.ts): one column per year, gaps kept, bars to scale. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LABEL_ROOM, MIN_COLUMN, timelineChart } from '../../src/site/timeline.ts';

const year = (y: string, count: number) => ({ year: y, url: `/archive/${y}/`, articles: Array.from({ length: count }) as never[] });

test('every year from the oldest to the newest gets a column; only years with articles link', () => {
  const chart = timelineChart([year('2021', 4), year('2019', 2), year('2002', 1)], 2);
  assert.equal(chart.columns.length, 20 + 1);
  assert.deepEqual(
    chart.columns.filter((c) => c.url).map((c) => [c.label, c.count, c.url, c.name]),
    [
      ['2002', 1, '/archive/2002/', '2002: 1 article'],
      ['2019', 2, '/archive/2019/', '2019: 2 articles'],
      ['2021', 4, '/archive/2021/', '2021: 4 articles'],
      ['Undated', 2, '/archive/undated/', 'Undated: 2 articles'],
    ],
  );
  const by = (label: string) => chart.columns.find((c) => c.label === label)!;
  // Heights to scale: the busiest year is the full plot height, the others in proportion.
  assert.equal(by('2019').barHeight * 2, by('2021').barHeight);
  assert.equal(by('2021').barY + by('2021').barHeight, chart.baseline);
  assert.equal(by('2010').barHeight, 0);
  // Labels: every year with articles, and an empty decade year between unlabelled neighbours.
  assert.deepEqual(chart.columns.filter((c) => c.showLabel).map((c) => c.label), ['2002', '2010', '2019', '2021', 'Undated']);
  assert.ok(chart.columns.every((c) => c.width >= MIN_COLUMN), 'every link is at least a 32 px target');
  assert.equal(chart.range, '2002–2021');
  assert.equal(chart.summary, '7 articles in 3 of the 20 years from 2002 to 2021, and 2 articles without a date.');
});

test('one year, no undated; and an empty archive', () => {
  const one = timelineChart([year('2019', 1)], 0);
  assert.deepEqual(one.columns.map((c) => c.label), ['2019']);
  assert.equal(one.summary, '1 article in 2019.');
  const none = timelineChart([], 0);
  assert.deepEqual(none.columns, []);
  assert.equal(none.width, 0);
});

test(`a dense archive: year labels at least ${LABEL_ROOM} px apart, kept from the newest, every bar still named`, () => {
  const years = Array.from({ length: 32 }, (_, i) => year(String(1995 + i), 10 + i));
  const chart = timelineChart(years, 3);
  const labelled = chart.columns.filter((c) => c.showLabel);
  assert.equal(labelled.at(-1)!.label, 'Undated');
  assert.equal(labelled.at(-2)!.label, '2026', 'the newest year keeps its label');
  assert.deepEqual(labelled.slice(0, 3).map((c) => c.label), ['1996', '1998', '2000']);
  for (let i = 1; i < labelled.length; i++) assert.ok(labelled[i]!.cx - labelled[i - 1]!.cx >= LABEL_ROOM, `${labelled[i - 1]!.label} and ${labelled[i]!.label}`);
  assert.ok(chart.columns.filter((c) => c.url).every((c) => /^\d{4}: \d+ articles$|^Undated: /.test(c.name)), 'every bar is named for its year');
});
