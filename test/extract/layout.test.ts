/**
 * Fixtures for the region and speed rules: glued teaser cards, embedded-post attributions,
 * link boxes inside the article, article lines that close it after the densest span, the
 * cheap test before chrono, and the hand-written word scanner. Every line is invented.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isEmbedAttribution, mayHoldDate, parseDateLine, readDateLine } from '../../src/extract/dates.ts';
import { isContentShaped, parallelRun } from '../../src/extract/region.ts';
import { isGalleryCaption } from '../../src/extract/rules/captions.ts';
import { isChrome, isEndMarker, isGluedTeaser } from '../../src/extract/rules/chrome.ts';
import { countWords, measure, scanWords } from '../../src/extract/segment.ts';
import { fixture, paragraphs, PROSE } from './helpers.ts';

describe('glued teaser cards', () => {
  test('a headline run into its summary through a capitalised function word', () => {
    assert.ok(isGluedTeaser(measure('Harbour Ferry Service Ends After Ninety YearsThe council voted on Tuesday to close the old terminal.')));
    assert.ok(isGluedTeaser(measure('Island School Opens New LibraryA crowd of parents came to see the first books arrive on the shelves.')));
    assert.ok(isGluedTeaser(measure('Fähre stellt den Betrieb einDie Stadt hat am Dienstag beschlossen, das alte Terminal zu schließen.')));
  });
  test('brand names, camel case and bracketed datelines are not glue', () => {
    assert.ok(!isGluedTeaser(measure('The mayor met McAllister and the iPhone maker’s staff at the HarbourView hotel on Tuesday.')));
    assert.ok(!isGluedTeaser(measure('Port Ellen (Island News)A ferry that has run for ninety years will stop next month, the council said.')));
    assert.ok(!isGluedTeaser(measure(PROSE[0] as string)));
  });
  test('a run of teaser cards above the article does not become its body', () => {
    const teasers = [
      'Storm Closes Coastal Road For Third DayThe road along the bay was shut again after waves carried stones onto it.',
      'Library Extends Its Opening HoursIn a bid to attract students, the library will stay open until ten in the evening.',
      'Farmers Market Moves To The SquareA new site was chosen after traders complained about the lack of parking spaces.',
      'Museum Wins Regional AwardThe small museum of fishing history was praised for its work with local schools and families.',
    ];
    const record = fixture(['Menu', 'News', ...teasers, 'Harbour ferry to close after ninety years', 'May 4, 2021', ...PROSE]);
    const body = paragraphs(record);
    assert.ok(body[0]?.startsWith('The harbour council voted'), body[0]);
    assert.ok(!record.body.includes('Storm Closes'));
    assert.ok(!record.body.includes('Museum Wins'));
  });
});

describe('embedded posts', () => {
  test('the attribution line of an embedded post', () => {
    assert.ok(isEmbedAttribution('— Harbour Council (@harbourcouncil) May 4, 2021'));
    assert.ok(isEmbedAttribution('- Ann Example (@ann_example) 4 May 2021'));
    assert.ok(!isEmbedAttribution('May 4, 2021'));
    assert.ok(!isEmbedAttribution('— Ann Example, harbour master'));
  });
  test('it dates the post, not the article, and does not cut the body', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      ...PROSE.slice(0, 3),
      'The last crossing is on Friday, say goodbye to the old boat.',
      '— Harbour Council (@harbourcouncil) May 1, 2021',
      ...PROSE.slice(3),
    ]);
    assert.equal(record.date, '2021-05-04');
    assert.ok(record.body.includes('(@harbourcouncil)'));
    assert.ok(paragraphs(record).at(-1)?.startsWith('Local businesses fear'));
  });
});

describe('link boxes inside the article', () => {
  test('the headlines after a box header are dropped, and the article on both sides stays one body', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      ...PROSE.slice(0, 2),
      'Related articles',
      'Island school opens a new library for its pupils',
      'Storm closes the coastal road for a third day',
      'Farmers market moves to the square in the summer',
      ...PROSE.slice(2),
    ]);
    assert.ok(!record.body.includes('Island school'));
    assert.ok(!record.body.includes('Farmers market'));
    assert.ok(paragraphs(record)[0]?.startsWith('The harbour council voted'));
    assert.ok(paragraphs(record).at(-1)?.startsWith('Local businesses fear'));
  });
});

describe('article lines after the densest span', () => {
  test('content-shaped lines: prose, or long sentence-case lines with stopwords', () => {
    assert.ok(isContentShaped(measure('Free bus tickets for all residents of the island while the ferry is out of service')));
    assert.ok(!isContentShaped(measure('Share this article')));
    assert.ok(!isContentShaped(measure('Island School Opens A New Library For The Pupils Of The Town')));
    assert.ok(!isContentShaped(measure('TO READ THE WHOLE STORY OF THE FERRY SUBSCRIBE TODAY')));
  });
  test('a page of a headline, a date and one sentence keeps its sentence', () => {
    // Too little around each line for the model: the densest run of prose is the article.
    const record = fixture(['Ferry notice for the island', '', '10 May 2009', '', 'The ferry 9 will not sail on Tuesday because of the storm, the harbour office said.']);
    assert.equal(record.body, 'The ferry 9 will not sail on Tuesday because of the storm, the harbour office said.');
    assert.equal(record.title, 'Ferry notice for the island');
    assert.equal(record.date, '2009-05-10');
  });
  test('the share buttons after the article are not kept', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      ...PROSE,
      'Share this article',
      'Facebook',
      'Twitter',
    ]);
    assert.ok(paragraphs(record).at(-1)?.startsWith('Local businesses fear'));
    assert.ok(!record.body.includes('Facebook'));
  });
});

describe('inline links and comment headers', () => {
  test('"Related: <headline>" on one line is a link, not text', () => {
    assert.ok(isChrome(measure('Related: Island school opens a new library for its pupils after a long campaign by parents')));
    assert.ok(isChrome(measure('READ MORE: Storm closes the coastal road for a third day')));
    assert.ok(!isChrome(measure('Related talks between the council and the ferry company ended on Tuesday without an agreement.')));
  });
  test('a short line led by a link arrow ("» Column of the week") is a link', () => {
    assert.ok(isChrome(measure('» Column of the week')));
    assert.ok(isChrome(measure('› Ferry timetable for the summer')));
    assert.ok(!isChrome(measure('Ferry timetable for the summer')));
  });
  test('"12 thoughts on “Headline”" opens the comments', () => {
    assert.ok(isEndMarker(measure('12 thoughts on “Harbour ferry to close after ninety years: what the island will lose”')));
    assert.ok(isEndMarker(measure('3 responses to "Harbour ferry to close"')));
    assert.ok(!isEndMarker(measure('12 thoughts on the future of the harbour, from the people who work there')));
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      ...PROSE,
      '2 thoughts on “Harbour ferry to close after ninety years”',
      'Ann Example',
      'I have taken this ferry every week for thirty years and I cannot believe the council would do this to the island.',
      'Another Reader',
      'The pier has been falling apart for a decade, and everybody who lives here knew that this day would come sooner or later.',
    ]);
    assert.ok(paragraphs(record).at(-1)?.startsWith('Local businesses fear'));
  });
});

describe('photo galleries', () => {
  test('captions led by a gallery counter are captions, and do not pull the body up to them', () => {
    assert.ok(isGalleryCaption(measure('1of3A ferry waits at the old pier on Tuesday, May 4, 2021, in Port Ellen. (Photo: Ann Example)')));
    assert.ok(isGalleryCaption(measure('2 of 3 Passengers leave the ferry after the last crossing of the season.')));
    assert.ok(!isGalleryCaption(measure('1 of 3 passengers said they would stop visiting the island.')));
    assert.ok(!isGalleryCaption(measure('5 of 3 Nonsense counter before a capital.')));
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      '1of3A ferry waits at the old pier on Tuesday, May 4, 2021, in Port Ellen, as the last passengers of the day come aboard.',
      '2of3Passengers leave the ferry after the last crossing of the season, carrying bags of shopping from the mainland.',
      '3of3The harbour master checks the ropes of the old ferry before it leaves the island for the last time this year.',
      'Most Popular',
      'Island school opens a new library',
      ...PROSE,
    ]);
    assert.ok(paragraphs(record)[0]?.startsWith('The harbour council voted'), paragraphs(record)[0]);
  });
});

describe('unbulleted lists', () => {
  test('lines with one punctuation skeleton are a list', () => {
    const lines = ['Port Ellen (north pier): 14 sailings a week', 'Kilmory (old jetty): 6 sailings a week', 'Ardnave (slipway): 2 sailings a week'];
    assert.equal(parallelRun(lines.map((line) => measure(line)), 0), 3);
    assert.equal(parallelRun(['Home', 'News', 'Sport'].map((line) => measure(line)), 0), 0);
    assert.equal(parallelRun(['img_1_en', 'img_2_en', 'img_3_en'].map((line) => measure(line)), 0), 0);
    const record = fixture(['Harbour ferry to close after ninety years', 'May 4, 2021', ...PROSE.slice(0, 3), 'The crossings until May:', ...lines, ...PROSE.slice(3), 'Share this article', 'Facebook']);
    assert.ok(record.body.includes('- Port Ellen (north pier): 14 sailings a week\n- Kilmory (old jetty): 6 sailings a week\n- Ardnave (slipway): 2 sailings a week'), record.body);
    assert.ok(!record.body.includes('Facebook'));
  });
});

describe('repeated lines', () => {
  test('an unpunctuated line found three times is alt text, not body; repeated questions stay', () => {
    const alt = 'Harbour Times photo series the old ferry at the pier in spring';
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'May 4, 2021',
      PROSE[0] as string,
      alt,
      'What will you miss most about the ferry?',
      PROSE[1] as string,
      alt,
      'What will you miss most about the ferry?',
      PROSE[2] as string,
      alt,
      'What will you miss most about the ferry?',
      ...PROSE.slice(3),
    ]);
    assert.ok(!record.body.includes('photo series'));
    assert.equal(record.body.split('What will you miss most').length - 1, 3);
  });
});

describe('date lines in sentence shape', () => {
  test('a "Published: …" line with a full stop ends the body like any date line', () => {
    const record = fixture([
      'Harbour ferry to close after ninety years',
      'By Ann Example',
      ...PROSE,
      'Published: Tuesday, May 4th, 2021 at 10:08 a.m.',
      'Phone interview with the harbour master of the island, who asked us to print his name.',
    ]);
    assert.ok(paragraphs(record).at(-1)?.startsWith('Local businesses fear'));
    assert.ok(!record.body.includes('Phone interview'));
  });
});

describe('speed rules keep their answers', () => {
  test('only lines with a month word or a numeric date reach chrono', () => {
    for (const line of ['4 May 2021', '04.05.21', '2021-05-04', 'Publié le 4 mai 2021', '4 мая 2021 года', '2021年5月4日', 'Diterbitkan 4 Agustus 2021']) {
      assert.ok(mayHoldDate(line), line);
    }
    for (const line of ['© 2021 Harbour Times', 'Score: 3-1', 'Page 2 of 12', 'Tickets from 25 euros']) assert.ok(!mayHoldDate(line), line);
    assert.equal(parseDateLine('© 2021 Harbour Times'), undefined);
  });
  test('a date line read twice gives the same answer', () => {
    const first = readDateLine('Published: 4 May 2021 at 10:30 GMT');
    assert.deepEqual(readDateLine('Published: 4 May 2021 at 10:30 GMT'), first);
    assert.equal(first?.date.iso, '2021-05-04T10:30Z');
  });
  test('the word scanner finds the tokens of the Unicode word pattern', () => {
    const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
    const tokens = (text: string) => {
      const found: string[] = [];
      scanWords(text, (start, end) => found.push(text.slice(start, end)));
      return found;
    };
    assert.deepEqual(tokens("Don't stop — l’été 2021, 東京 𝐀b x'1"), ["Don't", 'stop', 'l’été', '2021', '東京', '𝐀b', 'x', '1']);
    const units = fc.constantFrom('a', 'Z', '7', "'", '’', ' ', 'é', 'ß', '中', '٣', '-', '\u0301', '𝐀', '\ud835', '\udc00');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(tokens(text), text.match(WORD) ?? []);
      }),
      { numRuns: 3000 },
    );
    assert.equal(countWords('Harbour 서울 ferry'), 4);
  });
});
