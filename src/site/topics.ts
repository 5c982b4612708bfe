/**
 * Topic pages: the people, organisations and places the articles are about
 * (`record.topics`, src/extract/topics), grouped across the archive. Pure.
 *
 * One topic per folded name (the extractor's key: "Kim Jong-un" and "Kim Jong Un", "US"
 * and "United States" are one); its name is the form most articles use, its kind the kind
 * most articles give it. A topic gets a page (`/topics/<slug>/`) when enough articles are
 * about it: in a large archive a topic of one article is noise in the list and a page
 * that only repeats the article, so it needs `TOPIC_PAGE_MIN_ARTICLES`; an archive of
 * fewer than `SMALL_ARCHIVE_ARTICLES` articles gives every topic a page, since there most
 * topics have one article and browsing by them is the point.
 *
 * Orders: topics by article count, then name, then kind; a topic's articles in archive
 * order (newest first); its related topics by how many articles they share, then name.
 */
import { keyOf } from '../extract/topics/forms.ts';
import type { TopicKind } from '../record.ts';
import { memoized } from './memo.ts';
import { uniqueSourceSlugs } from './source-slug.ts';
import type { ArticlePage, TopicGroup, TopicLink } from './types.ts';

/** In a large archive a topic needs this many articles for a page of its own. */
export const TOPIC_PAGE_MIN_ARTICLES = 2;
/** Below this many articles, every topic gets a page (most have only one article). */
export const SMALL_ARCHIVE_ARTICLES = 100;
/** A topic page lists this many topics that appear with it: enough to move on, few enough to read. */
export const RELATED_TOPICS = 12;

export const TOPIC_KINDS: readonly TopicKind[] = ['person', 'organisation', 'place'];

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The topic groups of the archive (only those with a page), and each article's topic links, set on the pages. `articles` in archive order. */
export function topicGroups(articles: ArticlePage[]): TopicGroup[] {
  interface Draft {
    key: string;
    names: Map<string, number>;
    kinds: Map<TopicKind, number>;
    /** The articles about it, by their place in `articles`. */
    members: number[];
  }
  // Each topic's key, made once per name (an archive repeats its names many times).
  const keyOfName = new Map<string, string>();
  const topicKeys = articles.map((page) => page.topics.map((topic) => memoized(keyOfName, topic.name, () => keyOf(topic.name))));
  // An article is about a topic once: its first mention of the key counts.
  const mentions = topicKeys.map((keys) => {
    const first: number[] = [];
    for (let j = 0; j < keys.length; j++) if (keys[j] !== '' && keys.indexOf(keys[j]!) === j) first.push(j);
    return first;
  });
  const counts = new Map<string, number>();
  mentions.forEach((topics, i) => {
    for (const j of topics) {
      const key = topicKeys[i]![j]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  // The names, kinds and articles of the topics that get a page (most keys of a large archive have one article).
  const minimum = articles.length < SMALL_ARCHIVE_ARTICLES ? 1 : TOPIC_PAGE_MIN_ARTICLES;
  const drafts = new Map<string, Draft>();
  mentions.forEach((topics, i) => {
    for (const j of topics) {
      const key = topicKeys[i]![j]!;
      if (counts.get(key)! < minimum) continue;
      const topic = articles[i]!.topics[j]!;
      const draft = memoized(drafts, key, (): Draft => ({ key, names: new Map(), kinds: new Map(), members: [] }));
      draft.names.set(topic.name, (draft.names.get(topic.name) ?? 0) + 1);
      draft.kinds.set(topic.kind, (draft.kinds.get(topic.kind) ?? 0) + 1);
      draft.members.push(i);
    }
  });
  const kept = [...drafts.values()]
    .map((draft) => ({ draft, name: mostCommon(draft.names, (a, b) => collator.compare(a, b) || compareCodeUnits(a, b)), kind: mostCommon(draft.kinds, (a, b) => TOPIC_KINDS.indexOf(a) - TOPIC_KINDS.indexOf(b)) }))
    .sort((a, b) => b.draft.members.length - a.draft.members.length || collator.compare(a.name, b.name) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.draft.key, b.draft.key));
  // Slugs are given in name order, so a topic's slug does not move when counts change.
  const byName = [...kept].sort((a, b) => collator.compare(a.name, b.name) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.draft.key, b.draft.key));
  const slugs = new Map(uniqueSourceSlugs(byName.map((t) => t.name)).map((slug, i) => [byName[i]!.draft.key, slug]));
  const groups = new Map<string, TopicGroup>();
  for (const { draft, name, kind } of kept) {
    const slug = slugs.get(draft.key)!;
    groups.set(draft.key, { name, kind, slug, url: `/topics/${slug}/`, articles: draft.members.map((i) => articles[i]!), related: [] });
  }
  // Each article's topics with a page, as the groups' numbers.
  const number = new Map([...groups.keys()].map((key, n) => [key, n]));
  const numbersOf = mentions.map((topics, i) => topics.flatMap((j) => number.get(topicKeys[i]![j]!) ?? []));
  relateTopics([...groups.values()], kept.map(({ draft }) => draft.members), numbersOf);
  // Each article's topics as links (to the topic's page when it has one), in the article's
  // order; one link object per topic page, however many articles show it.
  const pageLinks = new Map<TopicGroup, TopicLink>();
  articles.forEach((page, i) => {
    page.topicLinks = page.topics.map((topic, j): TopicLink => {
      const group = groups.get(topicKeys[i]![j]!);
      return group === undefined ? { name: topic.name, kind: topic.kind } : memoized(pageLinks, group, () => ({ name: group.name, kind: group.kind, url: group.url }));
    });
  });
  return [...groups.values()];
}

/**
 * Each group's related topics: those that share articles with it, most shared first, then
 * by name and slug. `members`: each group's articles, `numbersOf`: each article's groups
 * (by place). Numbers, and the name order computed once, so that the counting and the
 * sorting (a million entries at 10,000 articles) compare numbers, not names.
 */
function relateTopics(groups: TopicGroup[], members: number[][], numbersOf: number[][]): void {
  const byName = groups.map((_, n) => n).sort((a, b) => collator.compare(groups[a]!.name, groups[b]!.name) || compareCodeUnits(groups[a]!.slug, groups[b]!.slug));
  const rank = new Int32Array(groups.length);
  byName.forEach((n, position) => (rank[n] = position));
  const shared = new Int32Array(groups.length);
  groups.forEach((group, n) => {
    const touched: number[] = [];
    for (const i of members[n]!) {
      for (const other of numbersOf[i]!) {
        if (other === n) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other]! += 1;
      }
    }
    touched.sort((a, b) => shared[b]! - shared[a]! || rank[a]! - rank[b]!);
    group.related = touched.slice(0, RELATED_TOPICS).map((other) => ({ name: groups[other]!.name, kind: groups[other]!.kind, url: groups[other]!.url, count: shared[other]! }));
    for (const other of touched) shared[other] = 0;
  });
}

/** The value counted most often; among equal counts, the first in `tieBreak` order. */
function mostCommon<T>(counts: Map<T, number>, tieBreak: (a: T, b: T) => number): T {
  let best: T | undefined;
  let most = 0;
  for (const [value, count] of counts) {
    if (best === undefined || count > most || (count === most && tieBreak(value, best) < 0)) {
      best = value;
      most = count;
    }
  }
  return best!;
}
