/**
 * The five real articles: headline, dates, first and last body paragraph, no page
 * chrome in the body, and a snapshot of the key fields.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, paragraphs } from './helpers.ts';

function keyFields(record: ReturnType<typeof article>) {
  const { title, titleSource, subtitle, date, dateSource, viewedDate, source, section, byline, slug } = record;
  return { title, titleSource, subtitle, date, dateSource, viewedDate, source, section, byline, slug };
}

function assertNoChrome(body: string, chrome: string[]): void {
  for (const text of chrome) assert.ok(!body.includes(text), `body must not contain ${JSON.stringify(text)}`);
}

describe('000: headline under the page date, standfirst, article date', () => {
  const record = article('000_3ed96e27612ac9d2.txt');
  test('key fields', () => {
    assert.deepEqual(keyFields(record), {
      title: 'Cheollima Civil Defence group says it raided North Korean embassy',
      titleSource: 'text',
      subtitle:
        'A secretive dissident group seeking to overthrow the regime in North Korea has claimed responsibility for last month’s raid on the country’s embassy in Madrid',
      date: '2019-03-27',
      dateSource: 'text',
      viewedDate: '2024-11-14',
      source: undefined,
      section: undefined,
      byline: [],
      slug: 'cheollima-civil-defence-group-says-it-raided-north-korean-embassy',
    });
    assert.deepEqual(record.warnings, []);
  });
  test('body: the standfirst is not repeated; first and last paragraphs', () => {
    const body = paragraphs(record);
    assert.ok(body[0]?.startsWith('A secretive dissident group'));
    assert.ok(body[0]?.includes(', as a court in Spain prepared'));
    assert.ok(body.at(-1)?.endsWith('which also uses the name Free Joseon.'));
    assert.equal(body.length, 13);
    assertNoChrome(record.body, ['Thursday, 14th November 2024', 'Wednesday, 27th March 2019']);
  });
  test('the two dates are removed lines', () => {
    assert.deepEqual(record.removed, ['Thursday, 14th November 2024', 'Wednesday, 27th March 2019']);
  });
});

describe('001: breadcrumb and "Breaking News" are chrome', () => {
  const record = article('001_0b73c70220026486.txt');
  test('key fields', () => {
    assert.deepEqual(keyFields(record), {
      title: 'Czech gov’t foiled Korean arms smuggling plot, intelligence service says',
      titleSource: 'text',
      subtitle: undefined,
      date: '2021-04-11',
      dateSource: 'text',
      viewedDate: undefined,
      source: undefined,
      section: 'International Customs / Korea',
      byline: [],
      slug: 'czech-govt-foiled-korean-arms-smuggling-plot-intelligence-service-says',
    });
  });
  test('body', () => {
    const body = paragraphs(record);
    assert.ok(body[0]?.startsWith('The Czech intelligence services foiled a North Korean attempt'));
    assert.ok(body.at(-1)?.endsWith('a mid-report released by the PoE last September read.'));
    assertNoChrome(record.body, ['Breaking News', 'Home /', 'Sunday , April 11 2021']);
    assert.deepEqual(record.removed, [
      'Sunday , April 11 2021',
      'Breaking News',
      'Home / International Customs / Korea / Czech gov’t foiled Korean arms smuggling plot, intelligence service says',
    ]);
  });
});

describe('002: undated, subheadings, captions, comment form', () => {
  const record = article('002_9d754d1cf6b2f4b1.txt');
  test('key fields', () => {
    assert.deepEqual(keyFields(record), {
      title: 'North Korean defector says he produced drugs for the regime',
      titleSource: 'text',
      subtitle: 'In an interview with the BBC, the former North Korea top opens up about the governance set in the old country.',
      date: undefined,
      dateSource: undefined,
      viewedDate: undefined,
      source: 'VG',
      section: 'World',
      byline: [],
      slug: 'north-korean-defector-says-he-produced-drugs-for-the-regime',
    });
    assert.deepEqual(record.warnings, ['no publication date found']);
  });
  test('subheadings and captions', () => {
    const headings = record.body.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, ['## Hunting for defectors', '## Dopsalg', '## Illegal arms sales', '## Explains the escape']);
    assert.ok(record.captions.some((c) => c.startsWith('THE LEADER: Kim Jong-un is hailed')));
    assert.ok(record.captions.some((c) => c.startsWith('SPEECH: dictator Kim Jong-un')));
  });
  test('body', () => {
    const body = paragraphs(record);
    assert.ok(body[0]?.startsWith('After spending 30 years climbing the elite'));
    assert.ok(body.at(-1)?.startsWith('The BBC has contacted the North Korean embassy in London'));
    assert.ok(body.includes('– In North Korea, terrorism is a political tool that protects the dignity of Kim Jong-il and Kim Jong-un. It should show the successor’s loyalty to the leader, says Kuk-song.'));
    assertNoChrome(record.body, ['Leave a Comment', 'Akismet', 'Home »', 'Published:', 'THE LEADER', 'SPEECH:']);
    for (const line of ['Leave a Comment', 'Published:', 'This site uses Akismet to reduce spam. Learn how your comment data is processed.']) {
      assert.ok(record.removed.includes(line), line);
    }
  });
});

describe('003: BBC page with menus, captions, fact box, pull quote, see-also list', () => {
  const record = article('003_6b8b1bf036f0e2c5.txt');
  test('key fields', () => {
    assert.deepEqual(keyFields(record), {
      title: 'N Koreans storm Spanish embassy',
      titleSource: 'text',
      subtitle: undefined,
      date: '2002-03-14T08:26Z',
      dateSource: 'text',
      viewedDate: undefined,
      source: 'BBC',
      section: 'World: Asia-Pacific',
      byline: [],
      slug: 'n-koreans-storm-spanish-embassy',
    });
  });
  test('captions', () => {
    assert.deepEqual(record.captions, [
      'The group celebrates as they manage to get into the Spanish compound',
      'Celebrations as they make it into the compound',
      'The group pushes into the Spanish embassy',
      'They took the chance to surprise guards',
    ]);
  });
  test('related links with date and section', () => {
    assert.equal(record.related.length, 8);
    assert.deepEqual(record.related[0], { title: "In pictures: Koreans' embassy dash", date: '2002-03-14', section: 'Asia-Pacific' });
    assert.deepEqual(record.related.at(-1), { title: 'N Koreans reach southern refuge', date: '2001-06-30', section: 'Asia-Pacific' });
  });
  test('pull quote, fact box (a list inside the body) and subheadings', () => {
    assert.ok(record.body.includes("> We appeal to you on our knees and with tears\n>\n> — Asylum seekers' statement"));
    assert.ok(record.body.includes('\n\n**Defection rates**\n\n- 2001 - 583\n- 2000 - 312\n- 1999 - 148\n\n*Source: NIS*\n\n'));
    assert.ok(record.body.includes('\n\n## Tight security\n\n'));
    assert.ok(record.body.includes('\n\n## Refugees or economic migrants?\n\n'));
  });
  test('body without chrome', () => {
    const body = paragraphs(record);
    assert.ok(body[0]?.startsWith('Twenty-five North Koreans have forced their way into the Spanish embassy'));
    assert.ok(body.at(-1)?.startsWith('Correspondents say the current situation could pose problems'));
    assertNoChrome(record.body, [
      'You are in', 'Front Page', 'Middle East', 'Commonwealth Games', 'BBC Sport', 'BBC Weather', 'See also', 'Internet links',
      'not responsible', 'E-mail this story', 'carefully planned', 'In pictures', 'The group celebrates', 'They took the chance',
    ]);
  });
});

describe('004: no headline, no date, cookie wall', () => {
  const record = article('004_1140f96b4ba25ec5.txt');
  test('key fields', () => {
    assert.deepEqual(keyFields(record), {
      title: 'North Korea has blown up a joint liaison office with South Korea near the border town of Kaesong',
      titleSource: 'derived',
      subtitle: undefined,
      date: undefined,
      dateSource: undefined,
      viewedDate: undefined,
      source: undefined,
      section: undefined,
      byline: [],
      slug: 'north-korea-has-blown-up-a-joint-liaison-office-with-south-korea-near-the-border',
    });
    assert.deepEqual(record.warnings, ['no headline found; derived one from the lead sentence', 'no publication date found']);
  });
  test('body keeps every story, drops the privacy text; the credit is a caption', () => {
    const body = paragraphs(record);
    assert.equal(body[0], 'North Korea has blown up a joint liaison office with South Korea near the border town of Kaesong.');
    assert.ok(body.at(-1)?.startsWith('These waitresses had visas to be in China'));
    assert.deepEqual(record.captions, ['Photo Reuters']);
    assertNoChrome(record.body, ['cookies', 'GDPR', 'Privacy Overview', 'Photo Reuters']);
    assert.equal(record.removed.length, 6);
    assert.ok(record.removed[0]?.startsWith('This website has updated its privacy policy'));
  });
});
