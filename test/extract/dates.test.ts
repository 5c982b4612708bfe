import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDateLine, parseDatePrefix } from '../../src/extract/dates.ts';
import { fixture, PROSE } from './helpers.ts';

describe('parseDateLine', () => {
  for (const [line, iso] of [
    ['Thursday, 14 March, 2002, 08:26 GMT', '2002-03-14T08:26Z'],
    ['Published: 3 May 2021', '2021-05-03'],
    ['Nov. 19, 2019 8:03 am ET', '2019-11-19T08:03-05:00'],
    ['Wednesday, 27th March 2019', '2019-03-27'],
    ['Sunday , April 11 2021', '2021-04-11'],
    ['sexta-feira, 5 de março de 2010 às 20:13', '2010-03-05'],
    ['Veröffentlicht am 12. Januar 2018', '2018-01-12'],
  ]) {
    test(`${line} → ${iso}`, () => assert.equal(parseDateLine(line as string)?.iso, iso));
  }
  for (const line of ['2 hours ago', 'yesterday', 'Published:', '30 minutes before bed', 'from 12:00 on 9 June 2020 the line will be cut, the agency said in its report']) {
    test(`not a date line: ${line}`, () => assert.equal(parseDateLine(line), undefined));
  }
  test('"Updated" dates are marked', () => {
    assert.equal(parseDateLine('Updated: 4 May 2021')?.updated, true);
    assert.equal(parseDateLine('Posted: 4 May 2021')?.updated, false);
  });
  test('date prefix of a related-list line', () => {
    assert.deepEqual(parseDatePrefix('07 Feb 03 | Europe'), { iso: '2003-02-07', rest: ' | Europe' });
  });
});

describe('publication date on the page', () => {
  test('a date at the top followed by another near the headline is the viewed date', () => {
    const record = fixture(['Monday, 2nd June 2025', '', 'Harbour ferry to close after ninety years', '', 'Tuesday, 4th May 2021', '', ...PROSE]);
    assert.equal(record.viewedDate, '2025-06-02');
    assert.equal(record.date, '2021-05-04');
  });
  test('a single date at the top is the publication date', () => {
    const record = fixture(['Tuesday , May 4 2021', 'Harbour ferry to close after ninety years', '', ...PROSE]);
    assert.equal(record.date, '2021-05-04');
    assert.equal(record.viewedDate, undefined);
  });
  test('a date inside the prose is not the publication date', () => {
    const record = fixture(['Harbour ferry to close after ninety years', '', ...PROSE.slice(0, 3), 'The last crossing is planned for 9 June 2021, the operator said.', ...PROSE.slice(3)]);
    assert.equal(record.date, undefined);
    assert.ok(record.warnings.includes('no publication date found'));
  });
  test('an empty "Published:" label gives no date', () => {
    const record = fixture(['Harbour ferry to close after ninety years', '', 'Published:', '', ...PROSE]);
    assert.equal(record.date, undefined);
    assert.ok(record.removed.includes('Published:'));
  });
  test('only an "Updated" date: used, marked inferred, with a warning', () => {
    const record = fixture(['Harbour ferry to close after ninety years', 'Updated 4 May 2021', '', ...PROSE]);
    assert.equal(record.date, '2021-05-04');
    assert.equal(record.dateSource, 'inferred');
    assert.ok(record.warnings.some((w) => w.includes('"updated"')));
  });
  test('a published date wins over an updated one', () => {
    const record = fixture(['Harbour ferry to close after ninety years', 'Updated 5 May 2021', 'Published 4 May 2021', '', ...PROSE]);
    assert.equal(record.date, '2021-05-04');
    assert.equal(record.dateSource, 'text');
  });
});
