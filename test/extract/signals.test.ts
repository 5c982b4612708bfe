/**
 * Fixtures for the rules added for pages of any layout: glued dates, meta lines,
 * time stamps, credits in brackets, link boxes inside the article, comments after it,
 * and the headline model. Every line is invented, in the shape the rule handles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTimestamp, parseDateLine } from '../../src/extract/dates.ts';
import { isCredit, isLabelledCaption } from '../../src/extract/rules/captions.ts';
import { measure } from '../../src/extract/segment.ts';
import { fixture, PROSE } from './helpers.ts';

describe('dates in tight layouts', () => {
  test('a year glued to a time or a word is separated', () => {
    assert.equal(parseDateLine('PUBLISHED TUE, MAY 4 20217:05 AM EDT')?.iso, '2021-05-04T07:05-04:00');
    assert.equal(parseDateLine('08:15 18.05.2021Copy link')?.iso.slice(0, 10), '2021-05-18');
  });
  test('Indonesian month names', () => {
    assert.equal(parseDateLine('Posted on Agustus 4, 2021')?.iso, '2021-08-04');
  });
  test('a date opening or closing a short meta line, next to a name or a count', () => {
    assert.equal(parseDateLine('May 4, 2021 Ann Example', 0.5, 0)?.iso, '2021-05-04');
    assert.equal(parseDateLine('May 4, 2021/3 Comments/in Harbour News', 0.5, 0)?.iso, '2021-05-04');
    assert.equal(parseDateLine('May 4, 2021 Ann Example'), undefined);
    const record = fixture(['Harbour ferry to close after ninety years', 'May 4, 2021 Ann Example', ...PROSE]);
    assert.equal(record.date, '2021-05-04');
  });
  test('a long "Published … | Updated …" line', () => {
    assert.equal(parseDateLine('Published May 4, 2021 at 4:07 PM | Updated at 5:36 PM CDT on May 4, 2021')?.iso.slice(0, 10), '2021-05-04');
  });
  test('relative and weekday time stamps are not dates but are recognised', () => {
    for (const stamp of ['2 days ago at 08:12 am', 'Ann Example 3 hours ago', 'Monday 5:30PM']) {
      assert.ok(isTimestamp(stamp), stamp);
      assert.equal(parseDateLine(stamp), undefined);
    }
    assert.ok(!isTimestamp('The ferry left two days ago at dawn, the harbour master said in a statement.'));
  });
});

describe('labelled captions', () => {
  test('an all-capitals label and a colon', () => {
    assert.ok(isLabelledCaption(measure('THE LEADER: Kim Jong-un is hailed by the harbour crowd')));
    assert.ok(isLabelledCaption(measure('SPEECH: the mayor addresses the council')));
    assert.ok(!isLabelledCaption(measure('The leader: a portrait of the harbour master')));
  });
  test('a long run of capitals without a colon is read once, not in every way it could be split', () => {
    // A copied menu of glued capitals ("PLUMBINGSEPTIC TANK CLEANINGDRAIN…") made the label regex backtrack for ever.
    const menu = Array.from({ length: 40 }, (_, i) => `HARBOUR${i}FERRYTIMETABLE`).join(' ').replace(/\d+/g, '');
    assert.ok(!isLabelledCaption(measure(menu)));
    assert.ok(!isLabelledCaption(measure(`${'ABCDEFGHIJ'.repeat(60)} harbour`)));
  });
});

describe('captions and boxes inside the body', () => {
  test('a caption that ends with its credit in brackets', () => {
    assert.ok(isCredit(measure('The old pier at low tide (Image: Harbour Agency)')));
    assert.ok(isCredit(measure('Residents wait for the last crossing (Photo: Ann Example)')));
    assert.ok(!isCredit(measure('The pier (which was built in 1931) will close.')));
  });
  test('a caption that ends with its credit, unbracketed: "| Photo by Name", "Credit: Name"', () => {
    assert.ok(isCredit(measure('The ferry made 80 crossings this year, with 150 planned for 2026. | Photo by Ann Example')));
    assert.ok(isCredit(measure('The last ferry is over a century old just in time for the festival Credit: Harbour Post')));
    // The words in a sentence, or a credit of more than a name, are not a credit.
    assert.ok(!isCredit(measure('The photo by Ann shows the pier.')));
    assert.ok(!isCredit(measure('Harbour rules on who may take a photo by the pier')));
    assert.ok(!isCredit(measure('Ferry timetables | Photo by the harbour master and his many friends from the island')));
  });
  test('a "Related articles" box between paragraphs does not end the body', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      '4 May 2021',
      ...PROSE.slice(0, 3),
      'Related articles',
      'Bridge plan delayed again',
      'Island school to merge',
      ...PROSE.slice(3),
      'The operator said it would publish a timetable for the temporary service by the end of the month, after talks with the unions.',
      'Campaigners plan a public meeting in the village hall next week and have asked the regional government to step in before the vote.',
    ]);
    assert.ok(record.body.includes(PROSE[0] as string));
    assert.ok(record.body.includes(PROSE[5] as string));
    assert.ok(!record.body.includes('Bridge plan delayed again'));
  });
  test('comments after the article stay out, however long they are', () => {
    const comment = 'I have taken this ferry every week for twenty years and I think the council should have asked the people who depend on it before deciding anything at all.';
    const record = fixture([
      'Harbour ferry to close after ninety years',
      '4 May 2021',
      ...PROSE,
      '[ 48 comments ]',
      ...Array.from({ length: 12 }, (_, i) => [`Reader${i}`, `${i + 1} days ago at 08:12 am`, comment]).flat(),
    ]);
    assert.ok(record.body.includes(PROSE[5] as string));
    assert.ok(!record.body.includes('twenty years'));
  });
  test('teasers with their own dates below the article stay out', () => {
    const summary = 'The regional council has published a new plan for the coast road, which it says will be ready before the next winter storms arrive in the area.';
    const record = fixture([
      'Harbour ferry to close after ninety years',
      '4 May 2021',
      ...PROSE,
      ...Array.from({ length: 6 }, (_, i) => [`Coast road plan number ${i} published`, `Monday May ${i + 10}, 2021`, summary]).flat(),
    ]);
    assert.ok(record.body.includes(PROSE[5] as string));
    assert.ok(!record.body.includes('coast road'));
  });
});

describe('the headline model', () => {
  test('the headline above the byline wins over menu items and a teaser', () => {
    const record = fixture([
      'News',
      'Sport',
      'Work with us',
      'Weather warning for the coast tonight',
      'Sign up',
      'Harbour ferry to close after ninety years',
      'By Ann Example',
      '4 May 2021',
      ...PROSE,
    ]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
  });
  test('a long standfirst without a full stop does not beat the headline', () => {
    const dek = 'The council says engineers found the old pier can no longer carry modern vessels and that a temporary service will start next month';
    const record = fixture(['Harbour ferry to close after ninety years', dek, '4 May 2021', ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    assert.equal(record.subtitle, dek);
  });
  test('a standfirst that the first paragraph repeats is not the headline', () => {
    const dek = 'The council says engineers found the old pier can no longer carry modern vessels and that a temporary service will start next month';
    const record = fixture(['Harbour ferry to close after ninety years', dek, '4 May 2021', `${dek}, officials said on Tuesday.`, ...PROSE]);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
  });
});
