import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { languageOfTag } from '../../src/extract/language.ts';
import { findTopics, withFrontMatterTopics } from '../../src/extract/topics/index.ts';
import type { Topic } from '../../src/record.ts';
import { fixture, PROSE } from './helpers.ts';

/** Topics of an invented article: headline, then paragraphs. */
function topics(title: string, paragraphs: string[], extra: { language?: string; byline?: string[]; source?: string } = {}): Topic[] {
  const language = extra.language ?? 'en';
  return findTopics({ title, body: paragraphs.join('\n\n'), language, stopwords: languageOfTag(language).stopwords, byline: extra.byline, source: extra.source });
}
const names = (list: Topic[]) => list.map((t) => t.name);

describe('topics: forms of one name are one topic', () => {
  test('hyphenated and spaced romanisations ("Kim Jong-un" / "Kim Jong Un") and the surname alone', () => {
    const found = topics('Leader visits border town', [
      'Kim Jong-un toured a factory near the border on a cold morning, state media reported.',
      'Officials said Kim Jong Un spoke with workers for an hour about production targets.',
      'Later Kim inspected a new road, and the visit ended in the evening.',
    ]);
    assert.deepEqual(found.filter((t) => /kim/i.test(t.name)), [{ name: 'Kim Jong-un', kind: 'person' }]);
  });
  test('"N Korea", "the US", "U.S." and "Britain" are the full names', () => {
    const found = topics('N Korea talks stall', [
      'Talks between N Korea, the US and Britain ended without an agreement, a diplomat in Geneva said on the phone.',
      'The U.S. envoy met a delegation afterwards, and officials of North Korea left early.',
    ]);
    const list = names(found);
    assert.ok(list.includes('North Korea') && list.includes('United States') && list.includes('United Kingdom'), list.join(', '));
    assert.equal(list.filter((n) => /korea/i.test(n)).length, 1);
    assert.equal(list.filter((n) => /\bU\.?S\b|United States/.test(n)).length, 1);
  });
  test('a surname shared by two people becomes neither, and an acronym defined in parentheses is its name', () => {
    const found = topics('Two ministers resign', [
      'Anna Berg and Peter Berg left the government on the same day, the Harbour Safety Office (HSO) confirmed in a statement.',
      'Berg said the decision was personal. The HSO has opened a review of both departures.',
    ]);
    const list = names(found);
    assert.ok(list.includes('Anna Berg') && list.includes('Peter Berg') && !list.includes('Berg'), list.join(', '));
    assert.ok(list.includes('Harbour Safety Office') && !list.includes('HSO'), list.join(', '));
  });
  test('a title before a name is dropped and makes it a person; a demonym is a mention of its country', () => {
    const found = topics('Summit ends', [
      'Ruritanian President Maria Vellen met Norwegian officials in Oslo on the last day of the summit, her office said.',
    ]);
    assert.deepEqual(found.find((t) => t.name === 'Maria Vellen'), { name: 'Maria Vellen', kind: 'person' });
    assert.ok(names(found).includes('Norway') && !names(found).some((n) => /norwegian/i.test(n)), names(found).join(', '));
  });
});

describe('topics: salience', () => {
  test('a name in the lead is a topic; a name twice in a later paragraph is not, three times is', () => {
    const found = topics('Ferry service ends', [
      'The harbour council of Westhaven voted to close the terminal, officials said.',
      'Engineers from Kestrel Marine inspected the pier. Kestrel Marine found cracks in the concrete.',
      'A spokesperson for Dunmore Transport said Dunmore Transport would offer buses, and Dunmore Transport would pay for them.',
    ]);
    const list = names(found);
    assert.ok(list.includes('Westhaven') && list.includes('Dunmore Transport') && !list.includes('Kestrel Marine'), list.join(', '));
  });
});

describe('topics: never junk', () => {
  test('weekdays, months, lone stopwords, chrome words, credits and sentence-initial words are not topics', () => {
    const found = topics('Council votes on Monday', [
      'On Monday the council of Westhaven voted again, and in March it will vote on the budget.',
      'Photo: Jane Example/Reuters',
      'Meanwhile residents waited. Privacy and Home were the words on the notice. However, nobody came.',
      'Monday was quiet. March was quieter. Subscribe to read more. The vote in Westhaven was close, Westhaven officials said.',
    ]);
    const list = names(found);
    assert.deepEqual(list, ['Westhaven']);
  });
  test('the author and a news agency cited as a source are not topics', () => {
    const found = topics('Storm hits Westhaven', ['Westhaven was hit by a storm on Sunday, Jane Example reports. Reuters and AP said roads were closed (AP).', 'AP reported that Reuters saw damage; AP later corrected it.'], { byline: ['Jane Example'] });
    assert.deepEqual(names(found), ['Westhaven']);
  });
  test('in German, where every noun is capitalised, a lone noun is not a name', () => {
    const found = topics('Neue Regeln für Krankenhäuser', ['Die Regierung in Berlin plant neue Regeln, sagte die Ministerin. Die Krankenhäuser sollen mehr Geld bekommen, und die Techniker Krankenkasse begrüßt die Pläne.'], { language: 'de' });
    const list = names(found);
    assert.ok(list.includes('Berlin') && list.includes('Techniker Krankenkasse'), list.join(', '));
    assert.ok(!list.includes('Regierung') && !list.includes('Regeln') && !list.includes('Geld'), list.join(', '));
  });
});

describe('topics: kinds', () => {
  test('places by the lexicon and prepositions, organisations by their last word, people by first names', () => {
    const found = topics('Visit to Kaliningrad', ['Sarah Lind of the Baltic Shipping Agency travelled to Madrid and then to Voskrava, where the Baltic Shipping Agency has an office.']);
    const kind = (name: string) => found.find((t) => t.name === name)?.kind;
    assert.equal(kind('Sarah Lind'), 'person');
    assert.equal(kind('Baltic Shipping Agency'), 'organisation');
    assert.equal(kind('Madrid'), 'place');
    assert.equal(kind('Voskrava'), 'place');
  });
});

describe('topics: front matter', () => {
  const PAGE = ['Harbour ferry to close after ninety years', '', '3 May 2021', '', 'The ferry to Westhaven will close, the council of Westhaven said.', '', ...PROSE].join('\n');
  test('`topics:` adds to the found topics, a bare name gets a guessed kind', () => {
    const record = fixture(`---\ntopics:\n  - { name: Ann Example, kind: person }\n  - Harbour Authority\n---\n${PAGE}`);
    assert.deepEqual(record.topics.slice(0, 2), [
      { name: 'Ann Example', kind: 'person' },
      { name: 'Harbour Authority', kind: 'organisation' },
    ]);
    assert.ok(record.topics.some((t) => t.name === 'Westhaven'));
  });
  test('`topics_only: true` replaces them', () => {
    const record = fixture(`---\ntopics: [Westhaven Ferry Company]\ntopics_only: true\n---\n${PAGE}`);
    assert.deepEqual(record.topics, [{ name: 'Westhaven Ferry Company', kind: 'organisation' }]);
    assert.deepEqual(fixture(`---\ntopics_only: true\n---\n${PAGE}`).topics, []);
  });
  test('a topic of the wrong shape is a warning naming the field', () => {
    const record = fixture(`---\ntopics: [{ name: X, kind: planet }]\n---\n${PAGE}`);
    assert.ok(record.warnings.some((w) => w.includes('topics')), record.warnings.join('; '));
  });
  test('front-matter and found forms of one name are one topic', () => {
    assert.deepEqual(withFrontMatterTopics([{ name: 'United States', kind: 'place' }], ['the US'], false), [{ name: 'the US', kind: 'place' }]);
  });
});
