import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyGoldDate, headerDates, printedDates, relativeDateLines } from '../../scripts/lib/date-audit.ts';
import { PROSE } from './helpers.ts';

const page = (...lines: string[]) => lines.join('\n');

describe('date audit (evaluation helper)', () => {
  test('a full date on a date line is printed', () => {
    const text = page('Harbour ferry to close after ninety years', 'Published: 3 May 2021', '', ...PROSE);
    const audit = classifyGoldDate(text, '2021-05-03');
    assert.equal(audit.cls, 'printed');
    assert.equal(audit.matches[0]?.onDateLine, true);
  });
  test('a month and day borrow a year printed nearby', () => {
    const text = page('Harbour ferry to close', 'May 3', '2021', ...PROSE);
    assert.equal(classifyGoldDate(text, '2021-05-03').cls, 'printed');
    assert.equal(printedDates(text).find((d) => d.day === '2021-05-03')?.yearNearby, true);
  });
  test('a day off with a time is a time-zone shift; the UTC day is kept', () => {
    const text = page('Harbour ferry to close', 'May 3, 2021 at 9:24 pm ET', ...PROSE);
    const audit = classifyGoldDate(text, '2021-05-04');
    assert.equal(audit.cls, 'printed ±1 day');
    assert.equal(audit.matches[0]?.utcDay, '2021-05-04');
  });
  test('a day off without a time is not in the text', () => {
    const audit = classifyGoldDate(page('Harbour ferry to close', 'By Ann Example - 2021-05-03', ...PROSE), '2021-05-04');
    assert.equal(audit.cls, 'not in text');
    assert.equal(audit.dayOffWithoutTime, true);
  });
  test('relative time stamps only', () => {
    const text = page('Harbour ferry to close', 'Published 2 days ago', ...PROSE);
    assert.equal(classifyGoldDate(text, '2021-05-04').cls, 'relative only');
  });
  test('"now", "today" and durations around an event are not relative dates', () => {
    assert.deepEqual(relativeDateLines(page('Play now', "Today's birthdays", 'Eat 60 minutes before your workout')), []);
    assert.deepEqual(relativeDateLines(page('Updated yesterday', 'Posted 3 hours ago')), [0, 1]);
  });
  test('relative dates are never read as printed dates', () => {
    assert.deepEqual(printedDates(page('Posted 3 days ago', 'yesterday at 10:00')), []);
  });
  test('header dates: top of the page or near the headline, not a footer', () => {
    const lines = ['Menu', 'Harbour ferry to close after ninety years', '4 May 2021', ...PROSE, ...PROSE, ...PROSE, 'Comment posted 9 May 2021'];
    const days = headerDates(page(...lines), ['Harbour ferry to close after ninety years']).map((d) => d.day);
    assert.deepEqual(days, ['2021-05-04']);
  });
});
