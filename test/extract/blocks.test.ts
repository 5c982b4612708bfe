import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture, PROSE } from './helpers.ts';

const HEAD = ['Harbour ferry to close after ninety years', '', '4 May 2021', ''];
/** Paragraphs separated by blank lines, as most pages copy. */
const spaced = (lines: string[]) => lines.flatMap((line) => [line, '']);

describe('body blocks', () => {
  test('short lines between paragraphs are subheadings', () => {
    const record = fixture([...HEAD, ...spaced([PROSE[0]!, PROSE[1]!, 'What happens next', PROSE[2]!, 'A long wait?', PROSE[3]!])]);
    assert.ok(record.body.includes(`\n\n## What happens next\n\n${PROSE[2]}`));
    assert.ok(record.body.includes('\n\n## A long wait?\n\n'));
  });
  test('a line glued on top of a paragraph is a caption', () => {
    const record = fixture([...HEAD, ...spaced([PROSE[0]!, PROSE[1]!]), 'Passengers wait for the last ferry at the old pier', PROSE[2]!, '', PROSE[3]!]);
    assert.deepEqual(record.captions, ['Passengers wait for the last ferry at the old pier']);
    assert.ok(!record.body.includes('Passengers wait'));
  });
  test('labelled captions and credits are captions', () => {
    const record = fixture([...HEAD, ...spaced([PROSE[0]!, 'LAST TRIP: The ferry leaves the harbour for the final time on Sunday.', PROSE[1]!, 'Photo AFP', PROSE[2]!, 'The old pier at dawn. Ann Example / Reuters file', PROSE[3]!])]);
    assert.deepEqual(record.captions, ['LAST TRIP: The ferry leaves the harbour for the final time on Sunday.', 'Photo AFP', 'The old pier at dawn. Ann Example / Reuters file']);
    assert.equal(record.body, PROSE.slice(0, 4).join('\n\n'));
  });
  test('a set-apart sentence with a short attribution is a pull quote', () => {
    const record = fixture([...HEAD, ...spaced(PROSE.slice(0, 2)), 'We will not give up our ferry without a fight', '', 'Island residents', PROSE[2]!, '', PROSE[3]!]);
    assert.ok(record.body.includes('\n\n> We will not give up our ferry without a fight\n>\n> — Island residents\n\n'));
  });
  test('a heading with label–figure rows and a source is a fact box', () => {
    const record = fixture([...HEAD, ...spaced(PROSE.slice(0, 2)), 'Passengers per year', '2019 - 41,000', '2020 - 12,500', '2021 - 9,800', 'Source: Harbour council', PROSE[2]!, '', PROSE[3]!]);
    assert.ok(record.body.includes('\n\n**Passengers per year**\n\n- 2019 - 41,000\n- 2020 - 12,500\n- 2021 - 9,800\n\n*Source: Harbour council*\n\n'));
  });
  test('tab-separated rows are a table', () => {
    const record = fixture([...HEAD, ...spaced(PROSE.slice(0, 2)), 'Pos.\tBoat\tTrips', '1\tIsland Star\t402', '2\tSea Lark\t388', '', ...spaced(PROSE.slice(2))]);
    assert.ok(record.body.includes('| Pos. | Boat | Trips |\n| --- | --- | --- |\n| 1 | Island Star | 402 |\n| 2 | Sea Lark | 388 |'));
  });
  test('bulleted lines are a list; dash-quoted speech is not', () => {
    const record = fixture([...HEAD, ...spaced(PROSE.slice(0, 2)), '• a new pier by 2025', '• a temporary boat from June', '', '– We will fight this decision in every court we can, says the island spokesperson.', '', ...spaced(PROSE.slice(2))]);
    assert.ok(record.body.includes('\n\n- a new pier by 2025\n- a temporary boat from June\n\n'));
    assert.ok(record.body.includes('\n\n– We will fight this decision'));
  });
  test('body text is escaped', () => {
    const record = fixture([...HEAD, ...spaced([PROSE[0]!, '# 1 on the list of complaints was the price of the tickets, the survey found.', '<b>Residents</b> said the *new* timetable was [unworkable] for families with children.', ...PROSE.slice(1)])]);
    assert.ok(record.body.includes('\\# 1 on the list'));
    assert.ok(record.body.includes('\\<b\\>Residents\\</b\\> said the \\*new\\* timetable was \\[unworkable\\]'));
  });
  test('wordCount counts the body words', () => {
    const record = fixture([...HEAD, 'The ferry ran for the last time on Sunday.', 'It was full of islanders and of visitors.']);
    assert.equal(record.wordCount, 17);
  });
});

describe('related lists', () => {
  test('"See also" items with "date | section" lines', () => {
    const record = fixture([...HEAD, ...PROSE, 'See also:', '', '03 May 21 | Transport', 'Ferry fares to rise', '28 Apr 21 | Islands', 'Islanders protest at council', 'Internet links:', 'Harbour council']);
    assert.deepEqual(record.related, [
      { title: 'Ferry fares to rise', date: '2021-05-03', section: 'Transport' },
      { title: 'Islanders protest at council', date: '2021-04-28', section: 'Islands' },
    ]);
    assert.ok(record.removed.includes('Internet links:'));
  });
});
