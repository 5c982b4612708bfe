import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleRecord, Topic } from '../../src/record.ts';
import { jsonFeed } from '../../src/site/feeds.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { newsArticle } from '../../src/site/structured-data.ts';
import { SMALL_ARCHIVE_ARTICLES, TOPIC_PAGE_MIN_ARTICLES, type TopicMemory } from '../../src/site/topics.ts';
import { articleRecord } from '../search/articles.ts';

const SITE = { title: 'Archive', description: 'Test', siteUrl: 'https://example.org', pathPrefix: '/' };
const person = (name: string): Topic => ({ name, kind: 'person' });
const place = (name: string): Topic => ({ name, kind: 'place' });

function records(): ArticleRecord[] {
  return [
    articleRecord({ slug: 'a', title: 'Envoy meets Kim Jong-un', body: 'Text.', date: '2020-01-01', topics: [person('Kim Jong-un'), place('North Korea')] }),
    articleRecord({ slug: 'b', title: 'Talks in Pyongyang', body: 'Text.', date: '2021-01-01', topics: [person('Kim Jong Un'), place('N Korea'), place('Pyongyang')] }),
    articleRecord({ slug: 'c', title: 'Harbour news', body: 'Text.', date: '2019-01-01', topics: [place('North Korea'), place('Westhaven')] }),
  ];
}

describe('topic pages', () => {
  // Two articles write "Kim Jong-un" and "Kim Jong Un": one topic, named (on the tie) by the form first in name order.
  test('forms of one name are one topic; most covered first; articles newest first; related topics by shared articles', () => {
    const data = toSiteData(records(), new Map(), SITE);
    const topics = data.topics!;
    assert.deepEqual(topics.map((t) => [t.name, t.articles.length]), [['North Korea', 3], ['Kim Jong Un', 2], ['Pyongyang', 1], ['Westhaven', 1]]);
    const korea = topics[0]!;
    assert.equal(korea.url, '/topics/north-korea/');
    assert.deepEqual(korea.articles.map((a) => a.slug), ['b', 'a', 'c']);
    assert.deepEqual(korea.related.map((r) => [r.name, r.count]), [['Kim Jong Un', 2], ['Pyongyang', 1], ['Westhaven', 1]]);
    assert.deepEqual(data.topicKinds!.map((k) => [k.label, k.topics.map((t) => t.name)]), [['People', ['Kim Jong Un']], ['Organisations', []], ['Places', ['North Korea', 'Pyongyang', 'Westhaven']]]);
    // Each article links its topics to their pages, under the topic's one name.
    const b = data.articles.find((a) => a.slug === 'b')!;
    assert.deepEqual(b.topicLinks, [
      { name: 'Kim Jong Un', kind: 'person', url: '/topics/kim-jong-un/' },
      { name: 'North Korea', kind: 'place', url: '/topics/north-korea/' },
      { name: 'Pyongyang', kind: 'place', url: '/topics/pyongyang/' },
    ]);
  });

  test(`in an archive of ${SMALL_ARCHIVE_ARTICLES} articles or more, a topic needs ${TOPIC_PAGE_MIN_ARTICLES} articles for a page`, () => {
    const many = Array.from({ length: SMALL_ARCHIVE_ARTICLES }, (_, i) =>
      articleRecord({ slug: `n${i}`, title: `Article ${i}`, body: 'Text.', topics: i < 2 ? [place('Westhaven'), place(`Only ${i}`)] : [] }),
    );
    const data = toSiteData(many, new Map(), SITE);
    assert.deepEqual(data.topics!.map((t) => t.name), ['Westhaven']);
    assert.deepEqual(data.articles.find((a) => a.slug === 'n0')!.topicLinks, [{ name: 'Westhaven', kind: 'place', url: '/topics/westhaven/' }, { name: 'Only 0', kind: 'place' }]);
  });

  // A rebuild takes the previous build's groups when the articles name the same topics in the same order (src/site/topics.ts `TopicMemory`).
  test('the topic groups of the previous build are taken when the topics are the same, and made again when they are not', () => {
    // Enough articles that a topic of one article (Westhaven, Pyongyang) has no page.
    const archive = () => [...records(), ...Array.from({ length: SMALL_ARCHIVE_ARTICLES }, (_, i) => articleRecord({ slug: `n${i}`, title: `Article ${i}`, body: 'Text.' }))];
    const remembered = (list: ArticleRecord[], previous: TopicMemory | undefined, version = 'v1') => {
      let memory: TopicMemory | undefined;
      const data = toSiteData(list, new Map(), SITE, undefined, undefined, { version, previous, keep: (kept) => (memory = kept) });
      return { data, memory: memory! };
    };
    const first = remembered(archive(), undefined);
    // Through JSON, as the build state keeps it.
    const memory = JSON.parse(JSON.stringify(first.memory)) as TopicMemory;
    const again = remembered(archive(), memory);
    assert.deepEqual(again.data, toSiteData(archive(), new Map(), SITE));
    assert.equal(again.memory, memory);
    // A topic without a page is linked as the record names it, as when the groups are made.
    const c = again.data.articles.find((a) => a.slug === 'c')!;
    assert.deepEqual(c.topicLinks![0], { name: 'North Korea', kind: 'place', url: '/topics/north-korea/' });
    assert.equal(c.topicLinks![1], c.topics[1]);
    // A memory of other topics, of the same topics in another order, or of other code is not taken.
    const edited = archive();
    edited[2]!.topics = [place('Westhaven'), place('Pyongyang')];
    const stale = { ...memory, groups: memory.groups.map((group) => ({ ...group, name: `${group.name} (stale)` })) };
    assert.deepEqual(remembered(edited, stale).data, toSiteData(edited, new Map(), SITE));
    const reordered = archive();
    reordered[0]!.topics = [...reordered[0]!.topics].reverse();
    assert.deepEqual(remembered(reordered, stale).data, toSiteData(reordered, new Map(), SITE));
    assert.deepEqual(remembered(archive(), stale, 'v2').data, toSiteData(archive(), new Map(), SITE));
    // Nor one that does not fit the articles (a damaged state): a link short, an article that is not there.
    assert.deepEqual(remembered(archive(), { ...stale, links: stale.links.slice(1) }).data, toSiteData(archive(), new Map(), SITE));
    const beyond = { ...stale, groups: stale.groups.map((group, n) => (n === 0 ? { ...group, members: [...group.members, 10_000] } : group)) };
    assert.deepEqual(remembered(archive(), beyond).data, toSiteData(archive(), new Map(), SITE));
    assert.notDeepEqual(remembered(archive(), stale).data, toSiteData(archive(), new Map(), SITE));
  });

  test('JSON-LD: the topics the headline names are `about`, the rest `mentions`; JSON Feed tags carry them', () => {
    const data = toSiteData(records(), new Map(), SITE);
    const a = data.articles.find((p) => p.slug === 'a')!;
    const ld = newsArticle(a, SITE) as { about?: unknown; mentions?: unknown };
    assert.deepEqual(ld.about, [{ '@type': 'Person', name: 'Kim Jong Un', url: 'https://example.org/topics/kim-jong-un/' }]);
    assert.deepEqual(ld.mentions, [{ '@type': 'Place', name: 'North Korea' }]);
    const feed = jsonFeed(data) as { items: { id: string; tags?: string[] }[] };
    assert.deepEqual(feed.items.find((i) => i.id.endsWith('/articles/a/'))!.tags, ['Kim Jong-un', 'North Korea']);
  });
});
