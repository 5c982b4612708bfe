/**
 * A rebuild takes the previous build's fingerprint for every page that shows no changed
 * article (src/pipeline/render-pages.ts `PreviousFingerprints`). Each case changes an
 * archive and checks that those fingerprints, with the ones hashed anew, are exactly the
 * fingerprints of hashing every page.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { random as seededRandom } from '../../scripts/generate-corpus.ts';
import { fingerprintPages, type Fingerprints, type PreviousFingerprints } from '../../src/pipeline/render-pages.ts';
import type { ArticleRecord, Topic } from '../../src/record.ts';
import type { SimilarMatch } from '../../src/site/similar.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import type { TopicMemory } from '../../src/site/topics.ts';
import type { SiteData } from '../../src/site/types.ts';
import { articleRecord } from '../search/articles.ts';

const SITE = { title: 'Archive', description: 'Test', siteUrl: 'https://example.org', pathPrefix: '/' };
const place = (name: string): Topic => ({ name, kind: 'place' });

/** Eight articles over two months and two sources, a page of two stories (g1, g2), topics with pages. */
function archive(): ArticleRecord[] {
  const story = (part: number, title: string, date: string) =>
    articleRecord({ slug: `g${part}`, file: 'g.txt', parts: 2, part, title, body: 'Text.', date, source: 'Gazette', topics: [place('Harbour')] });
  return [
    articleRecord({ slug: 'a', title: 'Ferry ends', body: 'Text.', date: '2024-01-03', source: 'Gazette', topics: [place('Harbour'), place('Westhaven')] }),
    articleRecord({ slug: 'b', title: 'Bridge opens', body: 'Text.', date: '2024-01-05', source: 'Herald', topics: [place('Westhaven')] }),
    articleRecord({ slug: 'c', title: 'Council meets', body: 'Text.', date: '2024-01-09', source: 'Herald', topics: [place('Harbour')] }),
    articleRecord({ slug: 'd', title: 'Flood warning', body: 'Text.', date: '2024-02-01', source: 'Gazette', topics: [place('Westhaven')] }),
    articleRecord({ slug: 'e', title: 'Market day', body: 'Text.', date: '2024-02-04', source: 'Herald' }),
    articleRecord({ slug: 'f', title: 'School prize', body: 'Text.', date: '2024-02-08', source: 'Gazette', topics: [place('Harbour')] }),
    // Not neighbours in the archive order (f is between them): each lists the other as a story of its page.
    story(1, 'Storm hits', '2024-02-06'),
    story(2, 'Roads closed', '2024-02-10'),
  ];
}

const SIMILAR: Record<string, string[]> = { a: ['c', 'f'], b: ['d'], c: ['a'], d: ['b', 'e'], e: ['d'], f: ['a', 'g1'], g1: ['f'], g2: [] };

interface Build {
  data: SiteData;
  keys: Map<string, string>;
  topics: TopicMemory;
  lists: Map<string, SimilarMatch[]>;
}

function build(records: ArticleRecord[], keyOf: (slug: string) => string, similar: Record<string, string[]>, topics?: TopicMemory): Build {
  const lists = new Map(Object.entries(similar).map(([slug, list]): [string, SimilarMatch[]] => [slug, list.map((other) => ({ slug: other, score: 0.5 }))]));
  let memory: TopicMemory | undefined;
  const data = toSiteData(records, new Map(), SITE, undefined, lists, { version: 'v1', previous: topics, keep: (kept) => (memory = kept) });
  return { data, keys: new Map(records.map((r) => [r.slug, keyOf(r.slug)])), topics: memory!, lists };
}

/** What the build state keeps of `before` and its fingerprints, as the next build reads it. */
function previousOf(before: Build, fingerprints: Fingerprints): PreviousFingerprints {
  const articles = new Map(before.data.articles.map((page) => [page.slug, { key: before.keys.get(page.slug)!, date: page.date, source: page.source, topics: page.topics.length, similar: before.lists.get(page.slug) ?? [] }]));
  return {
    basis: fingerprints.basis,
    pages: Object.fromEntries(fingerprints.pages),
    listing: Object.fromEntries([...fingerprints.listing].map(([unit, fingerprint]) => [unit, { fingerprint }])),
    articles: () => articles,
    topics: before.topics,
  };
}

/**
 * The fingerprints of `change` applied to the archive, taken from the previous build where
 * they hold and hashed anew elsewhere; and the pages and listing units whose fingerprint
 * was taken (the previous build's are marked, to tell them from equal ones hashed anew).
 */
function rebuilt(change: (records: ArticleRecord[]) => void, similar = SIMILAR, changedKeys = ['b'], make = archive, firstSimilar = SIMILAR) {
  const first = build(make(), (slug) => `key-${slug}`, firstSimilar);
  const records = make();
  change(records);
  const second = build(records, (slug) => (changedKeys.includes(slug) ? `new-${slug}` : `key-${slug}`), similar, first.topics);
  const previous = previousOf(first, fingerprintPages(first.data, first.keys));
  const marked: PreviousFingerprints = {
    ...previous,
    pages: Object.fromEntries(Object.entries(previous.pages).map(([slug, fingerprint]) => [slug, `was:${fingerprint}`])),
    listing: Object.fromEntries(Object.entries(previous.listing).map(([unit, { fingerprint }]) => [unit, { fingerprint: `was:${fingerprint}` }])),
  };
  const taken = fingerprintPages(second.data, second.keys, marked, second.lists, second.topics);
  const hashed = fingerprintPages(second.data, second.keys);
  const unmarked = (map: Map<string, string>) => new Map([...map].map(([k, v]) => [k, v.replace(/^was:/, '')]));
  const wasTaken = (map: Map<string, string>) => [...map].filter(([, v]) => v.startsWith('was:')).map(([k]) => k).sort();
  return { taken: { pages: unmarked(taken.pages), listing: unmarked(taken.listing), basis: taken.basis }, hashed, kept: wasTaken(taken.pages), keptListing: wasTaken(taken.listing) };
}

const same = (a: Fingerprints, b: Fingerprints) => {
  assert.deepEqual(a.pages, b.pages);
  assert.deepEqual(a.listing, b.listing);
  assert.deepEqual(a.basis, b.basis);
};

const edit = (slug: string, fields: Partial<ArticleRecord>) => (records: ArticleRecord[]) => Object.assign(records.find((r) => r.slug === slug)!, fields);

describe('fingerprints taken from the previous build', () => {
  test('a body edited: only the pages that show the article are hashed again, and every fingerprint is the hashed one', () => {
    const { taken, hashed, kept, keptListing } = rebuilt(edit('b', { body: 'Other text.' }));
    same(taken, hashed);
    // b's own page, its neighbours' (a, c: their pagers) and d's (b is among its similar articles) are hashed again.
    assert.deepEqual(kept, ['e', 'f', 'g1', 'g2']);
    // b's month, year, source and topic pages too, and the pages about the archive as a whole always.
    assert.deepEqual(keptListing, ['/archive/2024/02/', '/sources/gazette/', '/topics/harbour/']);
  });

  test('a body edited of an article the front pages do not show as such (not among the latest, not undated, not its year\'s first): they keep their fingerprint, as hashing every page gives', () => {
    // Sixty articles after the eight: b is no longer among the latest 50 (LATEST_COUNT), nor 2024's first.
    const longer = () => [...archive(), ...Array.from({ length: 60 }, (_, i) => articleRecord({ slug: `m${i}`, title: `Later ${i}`, body: 'Text.', date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, source: 'Herald' }))];
    const { taken, hashed, keptListing } = rebuilt(edit('b', { body: 'Other text.' }), SIMILAR, ['b'], longer);
    same(taken, hashed);
    assert.ok(keptListing.includes('front'), 'the front pages are not hashed again');
    // The newest article edited: it is on the front pages, which are hashed again.
    const newest = rebuilt(edit('m27', { body: 'Other text.' }), SIMILAR, ['m27'], longer);
    same(newest.taken, newest.hashed);
    assert.ok(!newest.keptListing.includes('front'));
  });

  test('a headline edited: its neighbours\' pagers and the pages listing it as similar change, as hashing every page finds', () => {
    const { taken, hashed } = rebuilt(edit('b', { title: 'Bridge opens at last' }));
    same(taken, hashed);
    const first = build(archive(), (slug) => `key-${slug}`, SIMILAR);
    const before = fingerprintPages(first.data, first.keys);
    for (const slug of ['a', 'b', 'c', 'd']) assert.notEqual(taken.pages.get(slug), before.pages.get(slug), slug);
    for (const slug of ['e', 'f', 'g1', 'g2']) assert.equal(taken.pages.get(slug), before.pages.get(slug), slug);
    for (const unit of ['/archive/2024/01/', '/archive/2024/', '/sources/herald/', '/topics/westhaven/']) assert.notEqual(taken.listing.get(unit), before.listing.get(unit), unit);
  });

  test('a story\'s headline edited: the other story of its page lists it', () => {
    const { taken, hashed, kept } = rebuilt(edit('g2', { title: 'All roads closed' }), SIMILAR, ['g2']);
    same(taken, hashed);
    assert.ok(!kept.includes('g1'));
  });

  test('another "similar articles" list, of an unchanged article: that page is hashed again', () => {
    for (const list of [['a'], ['d', 'a'], []]) {
      const { taken, hashed, kept } = rebuilt(() => {}, { ...SIMILAR, e: list }, []);
      same(taken, hashed);
      assert.deepEqual(kept, ['a', 'b', 'c', 'd', 'f', 'g1', 'g2']);
    }
  });

  test('a previous build of another code version, site options or archive order: every page is hashed anew', () => {
    const first = build(archive(), (slug) => `key-${slug}`, SIMILAR);
    const fingerprints = fingerprintPages(first.data, first.keys);
    for (const basis of [{ ...fingerprints.basis, siteWide: 'other' }, { ...fingerprints.basis, order: 'other' }]) {
      const previous = { ...previousOf(first, fingerprints), basis, pages: { a: 'was:a' }, listing: { '/archive/2024/': { fingerprint: 'was:2024' } } };
      const taken = fingerprintPages(first.data, first.keys, previous, first.lists, first.topics);
      assert.deepEqual(taken.pages, fingerprints.pages);
      assert.deepEqual(taken.listing, fingerprints.listing);
    }
  });

  test('a changed article with another topic: the pages whose topic links or topic groups moved are hashed again, as hashing every page finds', () => {
    const { taken, hashed, kept, keptListing } = rebuilt(edit('b', { topics: [place('Harbour')] }));
    same(taken, hashed);
    assert.deepEqual(kept, ['e', 'f', 'g1', 'g2']);
    assert.deepEqual(keptListing, ['/archive/2024/02/', '/sources/gazette/']);
  });

  test('a changed article with another date or source, or an article removed: every page is hashed anew', () => {
    const { g2: _removed, ...withoutG2 } = SIMILAR;
    const changes: [(records: ArticleRecord[]) => void, Record<string, string[]>][] = [
      [edit('b', { date: '2024-02-02' }), SIMILAR],
      [edit('b', { date: '2024-01-06' }), SIMILAR],
      [edit('b', { source: 'Gazette' }), SIMILAR],
      [(records) => void records.pop(), withoutG2],
    ];
    for (const [change, similar] of changes) {
      const { taken, hashed, kept, keptListing } = rebuilt(change, similar);
      same(taken, hashed);
      assert.deepEqual([kept, keptListing], [[], []]);
    }
  });
});

describe('fingerprints taken from the previous build when articles were added', () => {
  const add = (...records: ArticleRecord[]) => (all: ArticleRecord[]) => void all.push(...records);
  const h = (fields: Partial<ArticleRecord>) => articleRecord({ slug: 'h', title: 'Tide tables', body: 'Text.', date: '2024-02-20', source: 'Herald', topics: [place('Westhaven')], ...fields });

  test('the newest article added: its neighbour\'s page, the pages listing it and its groups are hashed again, as hashing every page finds', () => {
    const { taken, hashed, kept, keptListing } = rebuilt(add(h({})), { ...SIMILAR, h: ['b'], b: ['d', 'h'] }, []);
    same(taken, hashed);
    // h's own page, g2's (the newest before it: its pager) and b's (its similar articles) are hashed again.
    assert.deepEqual(kept, ['a', 'c', 'd', 'e', 'f', 'g1']);
    // The month, source and topic without h keep theirs; h's year, month, source and topic and the front are hashed again.
    assert.deepEqual(keptListing, ['/archive/2024/01/', '/sources/gazette/', '/topics/harbour/']);
  });

  test('an article added between others, or undated, or with topics of its own, or beside an edit: as hashing every page finds', () => {
    const cases: [Partial<ArticleRecord>, string[]][] = [
      [{ date: '2024-01-07' }, []],
      // A new month and a new year: the pager links of their neighbours move.
      [{ date: '2024-03-01' }, []],
      [{ date: '2025-01-01' }, []],
      // The year pages link the undated articles once there are any.
      [{ date: undefined }, []],
      [{ topics: [place('Eastport'), place('Harbour')] }, []],
      [{ topics: [] }, ['b']],
    ];
    for (const [fields, edited] of cases) {
      const { taken, hashed, kept } = rebuilt((all) => {
        if (edited.length > 0) edit('b', { body: 'Other text.' })(all);
        all.push(h(fields));
      }, { ...SIMILAR, h: [] }, edited);
      same(taken, hashed);
      assert.ok(kept.length > 0, JSON.stringify(fields));
    }
  });

  test('an article added with a source the archive had not: every page is hashed anew (the source slugs are made from all the names)', () => {
    const { taken, hashed, kept, keptListing } = rebuilt(add(h({ source: 'Courier' })), { ...SIMILAR, h: [] }, []);
    same(taken, hashed);
    assert.deepEqual([kept, keptListing], [[], []]);
  });

  test('an added topic that takes another\'s slug (Cafe before Café): the pages linking either are hashed again', () => {
    const withCafe = () => archive().map((r) => (r.slug === 'c' || r.slug === 'e' ? { ...r, topics: [...r.topics, place('Café')] } : r));
    const { taken, hashed, kept, keptListing } = rebuilt(add(h({ topics: [place('Cafe')] })), { ...SIMILAR, h: [] }, [], withCafe);
    same(taken, hashed);
    assert.ok(!kept.includes('c') && !kept.includes('e'), 'c and e link Café, now at /topics/cafe-2/');
    assert.ok(!keptListing.includes('/topics/cafe/'));
  });

  test('random archives and random days (added, older, undated, edited, multi-story, new topics with pages): every fingerprint taken is the hashed one', () => {
    let keptInAll = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      // 120 articles: topics of one article have no page (TOPIC_PAGE_MIN_ARTICLES) until a second comes.
      const topicNames = Array.from({ length: 60 }, (_, i) => `Place ${i}`).concat(['Café', 'Cafe', 'Cafe\u0301']);
      const record = (slug: string, extra: Partial<ArticleRecord> = {}) =>
        articleRecord({
          slug,
          title: `Title ${slug}`,
          body: 'Text.',
          ...(random() < 0.06 ? {} : { date: `${pick(['2023', '2024'])}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` }),
          ...(random() < 0.05 ? {} : { source: pick(['Gazette', 'Herald', 'Courier']) }),
          topics: [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(topicNames)))].map((name) => ({ name, kind: pick(['place', 'person'] as const) })),
          ...extra,
        });
      const base = Array.from({ length: 120 }, (_, i) => record(`a${i}`));
      const similarOf = (slugs: string[]) => Object.fromEntries(slugs.map((slug) => [slug, Array.from({ length: Math.floor(random() * 3) }, () => pick(slugs)).filter((other) => other !== slug)]));
      const firstSimilar = similarOf(base.map((r) => r.slug));
      const fresh = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, k) => record(`n${k}`, random() < 0.3 ? {} : { date: '2025-01-01' }));
      if (random() < 0.3) fresh.push(record('p1', { file: 'p.txt', parts: 2, part: 1 }), record('p2', { file: 'p.txt', parts: 2, part: 2 }));
      const edited = random() < 0.3 ? [pick(base).slug] : [];
      const all = [...base, ...fresh].map((r) => r.slug);
      // Some lists move: an added article enters them.
      const secondSimilar = { ...firstSimilar, ...similarOf(fresh.map((r) => r.slug)) };
      for (let k = 0; k < 5; k++) secondSimilar[pick(base).slug] = [pick(all), pick(all)];
      const { taken, hashed, kept } = rebuilt(
        (records) => {
          for (const slug of edited) edit(slug, { body: 'Other text.' })(records);
          records.push(...fresh);
        },
        secondSimilar,
        edited,
        () => structuredClone(base),
        firstSimilar,
      );
      same(taken, hashed);
      keptInAll += kept.length;
    }
    assert.ok(keptInAll > 40 * 60, `most pages keep their fingerprint (${keptInAll})`);
  });
});
