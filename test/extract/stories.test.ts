/**
 * Story segmentation (src/extract/stories): invented pages of several stories printed one
 * after another, invented single articles that turn subject, and the real articles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Block } from '../../src/extract/markdown.ts';
import { markdownToText } from '../../src/extract/markdown.ts';
import { buildPages, LAYOUTS, type Article } from '../../scripts/lib/split-pages.ts';
import { featurePage, fitModel, weightsSource } from '../../scripts/lib/split-train.ts';
import { GAP_FEATURES, readPage, segmentFeatures } from '../../src/extract/stories/features.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractStories } from '../../src/extract/index.ts';
import { readStories } from '../../src/read/index.ts';
import { tempDir } from '../helpers/site-files.ts';
import { findStories } from '../../src/extract/stories/index.ts';
import { isNamedNewsLead, isNewsLead, leadShape } from '../../src/extract/stories/lead.ts';
import { describeStory } from '../../src/extract/stories/story.ts';
import { readTerms, stopwordsFor } from '../../src/extract/stories/terms.ts';
import { article } from './helpers.ts';

const paragraphs = (texts: readonly string[]): Block[] => texts.map((text) => ({ kind: 'paragraph', text }));

/** The blocks of a record's body, one paragraph block per Markdown paragraph. */
function bodyBlocks(name: string): Block[] {
  return paragraphs(article(name).body.split('\n\n').map(markdownToText));
}

const FERRY = [
  'The harbour council voted on Tuesday to close the old ferry terminal, ending a service that has run across the bay for more than ninety years.',
  'Engineers found last spring that the wooden pier could no longer carry the weight of modern vessels, and repairs would cost more than a new pier.',
  'Islanders who depend on the ferry for shopping, hospital visits and school said they had not been consulted before the council took its vote.',
  'A temporary landing stage will open next month while a new concrete pier is designed, the harbour master said, and crossings will run twice a day.',
  'The ferry company warned that fares may rise once the new pier opens, because the larger boats it plans to buy burn more fuel on every crossing.',
];
const BAKERY = [
  'A family bakery in the old market quarter has won the national prize for rye bread, beating more than four hundred bakers from every region.',
  'The judges praised the sour crust and the dense crumb of the loaf, which is baked overnight in a wood-fired oven built by the founder in 1952.',
  'Grandmother Ilse, who still kneads the dough by hand at four every morning, said the recipe had never been written down and never would be.',
  'Queues formed outside the shop before dawn on Saturday as customers from neighbouring towns came to taste the prize-winning rye for themselves.',
  'The prize brings a cash award and a year of free flour from the sponsoring mill, which the family plans to spend on a second, larger oven.',
];
const MATCH = [
  'Rovers came from two goals down to beat United three-two in a cup tie that will be remembered for a stoppage-time winner from a teenage striker.',
  'United led at half time after a header from their captain and a penalty awarded for handball, and their fans sang loudly behind the goal.',
  'The substitute goalkeeper made three fine saves after the break, keeping Rovers in the tie until the comeback began with a deflected shot.',
  'The seventeen-year-old striker, on his debut, curled the winner into the top corner in the ninety-third minute and was mobbed by his teammates.',
  'Rovers will play away at City in the quarter-final next month, and their manager said the squad now believed it could go all the way to the final.',
];

const STORM = [
  'A storm with winds of more than one hundred kilometres an hour swept across the coast on Sunday, bringing down trees and power lines.',
  'The storm reached the coast shortly after midnight, and by dawn more than forty thousand homes along the coast were without power.',
  'Fallen trees blocked the coast road in several places, and the railway line was closed after part of a cliff slid onto the track.',
  'Firefighters rescued a family whose car was trapped by floodwater on a lane near the harbour, the fire service said on Sunday.',
  'By Monday the clean-up was under way, with crews from three power companies working to restore the lines brought down by the storm.',
  'Volunteers cleared branches from the coast road and the beach, and the railway said the line would reopen once the cliff was made safe.',
  'Shops in the harbour town opened late on Monday as owners swept out water and mud left behind by the storm and the flooding.',
  'The council said it would ask the government for help with the cost of the clean-up, which it expects to run into millions.',
];

describe('pages of several stories', () => {
  test('three stories on different subjects, one paragraph per line, split where each begins', () => {
    const blocks = paragraphs([...FERRY, ...BAKERY, ...MATCH]);
    assert.deepEqual(findStories({ blocks, language: 'en' }), [0, FERRY.length, FERRY.length + BAKERY.length]);
  });

  test('two stories: the split falls at the lead of the second', () => {
    const blocks = paragraphs([...MATCH, ...BAKERY]);
    assert.deepEqual(findStories({ blocks, language: 'en' }), [0, MATCH.length]);
  });

  test('a story found next to a photo caption starts at the caption; a caption alone starts nothing', () => {
    const blocks = paragraphs([...MATCH, ...BAKERY]);
    // The caption stood before the last paragraph of the match report, one block before the bakery story.
    assert.deepEqual(findStories({ blocks, language: 'en', captionsBefore: new Set([MATCH.length - 1]) }), [0, MATCH.length - 1]);
    assert.deepEqual(findStories({ blocks, language: 'en', captionsBefore: new Set([MATCH.length]) }), [0, MATCH.length]);
    assert.deepEqual(findStories({ blocks: paragraphs(STORM), language: 'en', captionsBefore: new Set([4]) }), [0]);
  });

  const DIGEST = [
    'Riverton city council has approved a plan to build two hundred homes on the site of the former bus depot near the river.',
    'The homes will be built over four years, and a quarter of them will be let at rents the council sets below the market.',
    'Neighbours had asked for a park on the site, but the council said the city needed housing more than it needed another lawn.',
    'Riverton council has appointed a new head of housing to oversee the building work on the depot site and two smaller schemes.',
    'She joins from a neighbouring city, where she ran a programme of repairs to older council flats for six years.',
    'Her first task will be to choose the builders, the council said, and she will report to the housing committee every month.',
    'Council tenants in Riverton have voted to form a union that will bargain with the city council over repairs and rents.',
    'More than a thousand tenants took part in the ballot, and nine in ten of them voted in favour of the new union.',
    'The union will meet the head of housing next month, and its first demand will be a timetable for the overdue repairs.',
    'A group of architects from the city has won a prize for the design of the council homes that will be built on the depot.',
    'The judges praised the shared gardens between the blocks and the wide stairways that are meant to be a place to meet.',
    'The architects said they had walked the site with neighbours every week while they drew the plans for the council.',
  ];

  test('a digest of stories on one subject splits at its news leads, the only evidence it has (their words never change)', () => {
    assert.deepEqual(findStories({ blocks: paragraphs(DIGEST), language: 'en' }), [0, 3, 6, 9]);
  });

  test('a digest needs its first block and three later ones to be news leads: with two later, the page stays whole', () => {
    // The third story's lead rewritten as background ("had voted"): not a news lead.
    const fewer = DIGEST.map((text, i) => (i === 6 ? text.replace('have voted', 'had voted') : text));
    assert.deepEqual(findStories({ blocks: paragraphs(fewer), language: 'en' }), [0]);
    // And the first block must be one: a page that opens with background is not a digest.
    const opened = DIGEST.map((text, i) => (i === 0 ? text.replace('has approved', 'approved') : text));
    assert.deepEqual(findStories({ blocks: paragraphs(opened), language: 'en' }), [0]);
  });
});

describe('single articles stay whole', () => {
  test('an article whose subject turns halfway (the council budget, then the mayor) is one story', () => {
    const article = [
      'The town council agreed its budget for next year on Thursday night after a long debate about the cost of repairing the roads.',
      'Councillors voted to raise the local tax by two per cent, the first rise in five years, to pay for resurfacing the main streets.',
      'The budget also sets aside money for the library, which had faced closure, and for a new footbridge over the railway line.',
      'Opposition councillors said the rise would hurt families already struggling with the cost of heating and food this winter.',
      'The debate turned to the mayor, who announced at the end of the meeting that she would not stand for election again in May.',
      'The mayor, who has led the council for twelve years, said the budget was the right moment to step aside for someone new.',
      'Her deputy is expected to stand for the post, and two opposition councillors said they were also thinking about standing.',
      'The mayor said she would spend her last months in office seeing the road repairs and the footbridge begun before the vote.',
    ];
    assert.deepEqual(findStories({ blocks: paragraphs(article), language: 'en' }), [0]);
  });

  test('a long report that moves from the storm to the clean-up is one story', () => {
    assert.deepEqual(findStories({ blocks: paragraphs(STORM), language: 'en' }), [0]);
  });

  test('a page too short to hold two stories is not looked at', () => {
    assert.deepEqual(findStories({ blocks: paragraphs(FERRY.slice(0, 4)), language: 'en' }), [0]);
  });
});

describe('the real articles', () => {
  test('004: the five stories, each starting at its own lead (a digest: its stories share one subject)', () => {
    const blocks = bodyBlocks('004_1140f96b4ba25ec5.txt');
    const leads = [
      'North Korea has blown up a joint liaison office with South Korea near the border town of Kaesong.',
      'North Korea has announced it will cut off all official communication channels with South Korea, including a hotline between the two nations’ leaders.',
      'South Korea has decided to quadruple the reward it pays defectors from North Korea who share information to $860,000.',
      'A group of 13 North Korean restaurant workers who defected from China to South Korea earlier this year have been released.',
      'South Korea is holding a rare hearing into the detention of 12 North Koreans who defected to the South.',
    ];
    const starts = findStories({ blocks, language: 'en' });
    assert.deepEqual(
      starts.map((start) => (blocks[start] as { text: string }).text),
      leads,
    );
  });

  for (const name of ['000_3ed96e27612ac9d2.txt', '001_0b73c70220026486.txt', '002_9d754d1cf6b2f4b1.txt', '003_6b8b1bf036f0e2c5.txt']) {
    test(`${name.slice(0, 3)} stays whole`, () => {
      assert.deepEqual(findStories({ blocks: bodyBlocks(name), language: 'en' }), [0]);
    });
  }
});

describe('terms', () => {
  test('short Latin words are not terms ("new", "two", "say" recur in every story); a three-letter word of another script is', () => {
    const vocabulary = new Map<string, number>();
    readTerms('The new ferry and two old boats say the harbour is ready. Дом у моря.', stopwordsFor('en'), vocabulary);
    assert.deepEqual([...vocabulary.keys()], ['ferry', 'boats', 'harbou', 'ready', 'дом', 'моря']);
  });
});

describe('news leads', () => {
  const newsLead = (text: string, language: string) => {
    const block: Block = { kind: 'paragraph', text };
    const terms = readTerms(text, new Set());
    return isNewsLead(block, leadShape(block, terms, new Set()), terms, language);
  };
  const lead = (text: string) => newsLead(text, 'en');
  const namedLead = (text: string) => {
    const block: Block = { kind: 'paragraph', text };
    const terms = readTerms(text, new Set());
    // A name is a word the block itself writes capitalised inside a sentence.
    return isNamedNewsLead(block, leadShape(block, terms, new Set()), terms, 'en', (word) => terms.names.has(word.toLowerCase()));
  };
  test('a named subject and an event in the present perfect or progressive', () => {
    assert.equal(lead('The Harbour Board has announced that the old ferry terminal will close at the end of the summer season.'), false);
    assert.equal(lead('Harbour Board officials have announced that the old ferry terminal will close at the end of the summer season.'), true);
    assert.equal(lead('A group of thirty fishermen from the island have been rescued after their boat lost power in the storm.'), true);
    assert.equal(lead('Northport council is holding an inquiry into the collapse of the pier that injured two people last winter.'), true);
  });
  test("a digest's leads name their subject, in their first sentence; common nouns make a feature's general statement", () => {
    const cases: [string, boolean][] = [
      ['Harbour Board officials have announced that the old ferry terminal will close at the end of the summer season.', true],
      ['A group of thirty fishermen from the island have been rescued after their boat lost power in the storm.', true],
      ['Northport council is holding an inquiry into the collapse of the pier that injured two people in Northport last winter.', true],
      // "Northport" is a name only where the page also writes it inside a sentence.
      ['Northport council is holding an inquiry into the collapse of the pier that injured two people last winter.', false],
      ['Studies have suggested that walking by the sea every day may lower the blood pressure of older people.', false],
      ['Large harbour towns have invested heavily in new ferry terminals over the last ten years, the report says.', false],
      ['Avoid the harbour road on Sundays. Northport Harbour Board officials have closed it to traffic for the summer.', false],
      ['Among the questions the Harbour Board is examining is whether the ferry company misled its passengers about safety.', false],
      ['Northport Radio reported on Friday that the Harbour Board is facing questions over the safety of the old pier.', false],
      ['- Ask the Harbour Board whether the ferry timetable is changing before you are booking a crossing this summer.', false],
    ];
    for (const [text, expected] of cases) assert.equal(namedLead(text), expected, text);
    assert.equal(lead('Studies have suggested that walking by the sea every day may lower the blood pressure of older people.'), true, 'the model\'s feature is looser');
  });
  test('not background, not a pronoun, not negated, not short', () => {
    assert.equal(lead('Tensions between the two harbour towns have been growing for years, fed by arguments over fishing rights.'), false);
    assert.equal(lead('It has announced that the old ferry terminal will close at the end of the summer season next year.'), false);
    assert.equal(lead('Harbour Board officials have not announced when the old ferry terminal will close, or what will replace it.'), false);
    assert.equal(lead('Northport has decided.'), false);
  });
  test('English only: another language has no news-lead shape', () => {
    assert.equal(newsLead('Harbour Board officials have announced that the old ferry terminal will close this summer.', 'de'), false);
  });
  test('the model sees a news lead as a feature of the gap before it, and of no other gap', () => {
    const lead = 'Harbour Board officials have announced that the old ferry terminal will close at the end of the summer season.';
    const blocks = paragraphs([...FERRY, lead, ...STORM.slice(1, 4)]);
    const column = GAP_FEATURES.indexOf('newsLead');
    const flagged = (language: string) =>
      segmentFeatures(readPage(blocks, stopwordsFor(language), language), 0, blocks.length, 3)
        .filter((row) => row.features[column] === 1)
        .map((row) => row.gap);
    assert.deepEqual(flagged('en'), [FERRY.length]);
    assert.deepEqual(flagged('de'), []);
  });
});

describe('fitting', () => {
  const SCHOOL = [
    'A village school that was due to close in the summer will stay open after parents raised enough money to hire a second teacher.',
    'The county had planned to send the thirty pupils to a town school an hour away by bus, saying the village could not afford two classes.',
    'Parents held bake sales, a sponsored walk and a concert in the church hall, and a local builder gave the school a new roof for free.',
    'The head teacher said the pupils had written letters to the county council every week, asking it to let their school stay open.',
    'The county said it would review the school again in three years, and the parents said they would keep raising money until then.',
  ];
  const invented: Article[] = [FERRY, BAKERY, MATCH, STORM, SCHOOL].map((body, i) => ({ id: `invented/${i}`, body: body.join('\n\n'), language: 'en' }));
  test('the same pages give the same weights file, byte for byte', () => {
    const pages = () =>
      LAYOUTS.flatMap((layout) => {
        const { joined, single } = buildPages(invented, layout, 12, 5);
        return [...joined.map((p) => featurePage(p, false)), ...single.map((p) => featurePage(p, true))];
      });
    const source = weightsSource(fitModel(pages()));
    assert.equal(weightsSource(fitModel(pages())), source);
    assert.match(source, /^\/\*\* Written by `npm run train:split/);
    assert.equal(source.match(/^ {4}-?\d/gm)?.length, 2 * GAP_FEATURES.length + 1);
  });
});

describe('one record per story', () => {
  const page = ['Home', 'News', 'Sport', 'Harbour news in brief', '14 March 2021', ...FERRY, ...BAKERY, ...MATCH, 'Share this page', '© 2021 Harbour Post'].join('\n');
  test('each story gets its place, its headline from its lead, its own slug and body; the page is shared', () => {
    const records = extractStories(page, { file: 'brief.txt' });
    assert.deepEqual(
      records.map((r) => [r.part, r.parts, r.titleSource, r.title.slice(0, 40), r.body.split('\n\n').length]),
      [
        [1, 3, 'derived', 'The harbour council voted on Tuesday to ', FERRY.length],
        [2, 3, 'derived', 'A family bakery in the old market quarte', BAKERY.length],
        [3, 3, 'derived', 'Rovers came from two goals down to beat ', MATCH.length],
      ],
    );
    assert.equal(new Set(records.map((r) => r.slug)).size, 3);
    for (const r of records) {
      assert.equal(r.file, 'brief.txt');
      assert.equal(r.date, '2021-03-14');
      assert.ok(r.wordCount > 60 && r.wordCount < 150, String(r.wordCount));
    }
  });
  test('read from a file (the extract command): one record per story, each with the encoding', async () => {
    const file = path.join(await tempDir('stories'), 'brief.txt');
    await writeFile(file, page);
    const records = await readStories('brief.txt', file);
    assert.deepEqual(records.map((r) => [r.part, r.parts, r.encoding]), [[1, 3, 'utf-8'], [2, 3, 'utf-8'], [3, 3, 'utf-8']]);
  });
  test('front matter split: false (or a title of its own) keeps the page whole', () => {
    for (const field of ['split: false', 'title: Harbour news in brief']) {
      const records = extractStories(`---\n${field}\n---\n${page}`, { file: 'brief.txt' });
      assert.equal(records.length, 1);
      assert.equal(records[0]?.part, undefined);
      assert.equal(records[0]?.body.split('\n\n').length, FERRY.length + BAKERY.length + MATCH.length);
    }
  });
});

describe('one story described', () => {
  test('headline from the lead sentence (cut at a word, as deriveTitle does); the date of a date line in the story', () => {
    assert.deepEqual(describeStory(paragraphs(['Published 14 March 2002', ...BAKERY])), {
      title: 'A family bakery in the old market quarter has won the national prize for rye bread, beating more than four…',
      date: '2002-03-14',
    });
  });
  test('a dateline opening the lead gives the date and is not part of the headline', () => {
    assert.deepEqual(describeStory(paragraphs(['14 March 2002 – A family bakery in the old market quarter has won the national prize for rye bread.', ...BAKERY.slice(1)])), {
      title: 'A family bakery in the old market quarter has won the national prize for rye bread',
      date: '2002-03-14',
    });
  });
  test('no date stated: none', () => {
    assert.deepEqual(describeStory(paragraphs(FERRY)), {
      title: 'The harbour council voted on Tuesday to close the old ferry terminal, ending a service that has run across…',
      date: undefined,
    });
  });
});
