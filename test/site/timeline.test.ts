/** The home page's bar chart (src/site/timeline.ts): one column per year, gaps kept, bars to scale. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_COLUMN, timelineChart } from '../../src/site/timeline.ts';

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
