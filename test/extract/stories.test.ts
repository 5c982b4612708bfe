/**
 * Story segmentation (src/extract/stories): invented pages of several stories printed one
 * after another, invented single articles that turn subject, and the real articles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Block } from '../../src/extract/markdown.ts';
import { markdownToText } from '../../src/extract/markdown.ts';
import { findStories } from '../../src/extract/stories/index.ts';
import { isNewsLead, leadShape } from '../../src/extract/stories/lead.ts';
import { describeStory } from '../../src/extract/stories/story.ts';
import { readTerms } from '../../src/extract/stories/terms.ts';
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
    const blocks = paragraphs([...MATCH, ...FERRY]);
    assert.deepEqual(findStories({ blocks, language: 'en' }), [0, MATCH.length]);
  });

  test('a story found next to a photo caption starts at the caption; a caption alone starts nothing', () => {
    const blocks = paragraphs([...MATCH, ...FERRY]);
    // The caption stood before the last paragraph of the match report, one block before the ferry story.
    assert.deepEqual(findStories({ blocks, language: 'en', captionsBefore: new Set([MATCH.length - 1]) }), [0, MATCH.length - 1]);
    assert.deepEqual(findStories({ blocks, language: 'en', captionsBefore: new Set([MATCH.length]) }), [0, MATCH.length]);
    assert.deepEqual(findStories({ blocks: paragraphs(STORM), language: 'en', captionsBefore: new Set([4]) }), [0]);
  });

  test('a digest of stories on one subject splits at the news leads, which is the only evidence it has', () => {
    const digest = [
      'Riverton city council has approved a plan to build two hundred homes on the site of the former bus depot near the river.',
      'The homes will be built over four years, and a quarter of them will be let at rents the council sets below the market.',
      'Neighbours had asked for a park on the site, but the council said the city needed housing more than it needed another lawn.',
      'Riverton council has appointed a new head of housing to oversee the building work on the depot site and two smaller schemes.',
      'She joins from a neighbouring city, where she ran a programme of repairs to older council flats for six years.',
      'Her first task will be to choose the builders, the council said, and she will report to the housing committee every month.',
      'Tenants of council flats have voted to form a union that will bargain with the city council over repairs and rents.',
      'More than a thousand tenants took part in the ballot, and nine in ten of them voted in favour of the new union.',
      'The union will meet the head of housing next month, and its first demand will be a timetable for the overdue repairs.',
      'A group of architects from the city has won a prize for the design of the council homes that will be built on the depot.',
      'The judges praised the shared gardens between the blocks and the wide stairways that are meant to be a place to meet.',
      'The architects said they had walked the site with neighbours every week while they drew the plans for the council.',
    ];
    assert.deepEqual(findStories({ blocks: paragraphs(digest), language: 'en' }), [0, 3, 6, 9]);
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
  test('004: the five stories, each starting at its own lead', () => {
    const blocks = bodyBlocks('004_1140f96b4ba25ec5.txt');
    const starts = findStories({ blocks, language: 'en' });
    const leads = starts.map((i) => (blocks[i] as { text: string }).text);
    assert.deepEqual(leads, [
      'North Korea has blown up a joint liaison office with South Korea near the border town of Kaesong.',
      'North Korea has announced it will cut off all official communication channels with South Korea, including a hotline between the two nations’ leaders.',
      'South Korea has decided to quadruple the reward it pays defectors from North Korea who share information to $860,000.',
      'A group of 13 North Korean restaurant workers who defected from China to South Korea earlier this year have been released.',
      'South Korea is holding a rare hearing into the detention of 12 North Koreans who defected to the South.',
    ]);
  });

  for (const name of ['000_3ed96e27612ac9d2.txt', '001_0b73c70220026486.txt', '002_9d754d1cf6b2f4b1.txt', '003_6b8b1bf036f0e2c5.txt']) {
    test(`${name.slice(0, 3)} stays whole`, () => {
      assert.deepEqual(findStories({ blocks: bodyBlocks(name), language: 'en' }), [0]);
    });
  }
});

describe('news leads', () => {
  const newsLead = (text: string, language: string) => {
    const block: Block = { kind: 'paragraph', text };
    const terms = readTerms(text, new Set());
    return isNewsLead(block, leadShape(block, terms, new Set()), terms, language);
  };
  const lead = (text: string) => newsLead(text, 'en');
  test('a named subject and an event in the present perfect or progressive', () => {
    assert.equal(lead('The Harbour Board has announced that the old ferry terminal will close at the end of the summer season.'), false);
    assert.equal(lead('Harbour Board officials have announced that the old ferry terminal will close at the end of the summer season.'), true);
    assert.equal(lead('A group of thirty fishermen from the island have been rescued after their boat lost power in the storm.'), true);
    assert.equal(lead('Northport council is holding an inquiry into the collapse of the pier that injured two people last winter.'), true);
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
