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
    articles: ArticlePage[];
  }
  const drafts = new Map<string, Draft>();
  const keysOf = new Map<ArticlePage, string[]>();
  for (const page of articles) {
    const keys: string[] = [];
    for (const topic of page.topics) {
      const key = keyOf(topic.name);
      if (key === '' || keys.includes(key)) continue;
      keys.push(key);
      let draft = drafts.get(key);
      if (draft === undefined) drafts.set(key, (draft = { key, names: new Map(), kinds: new Map(), articles: [] }));
      draft.names.set(topic.name, (draft.names.get(topic.name) ?? 0) + 1);
      draft.kinds.set(topic.kind, (draft.kinds.get(topic.kind) ?? 0) + 1);
      draft.articles.push(page);
    }
    keysOf.set(page, keys);
  }
  const minimum = articles.length < SMALL_ARCHIVE_ARTICLES ? 1 : TOPIC_PAGE_MIN_ARTICLES;
  const kept = [...drafts.values()]
    .filter((draft) => draft.articles.length >= minimum)
    .map((draft) => ({ draft, name: mostCommon(draft.names, (a, b) => collator.compare(a, b) || compareCodeUnits(a, b)), kind: mostCommon(draft.kinds, (a, b) => TOPIC_KINDS.indexOf(a) - TOPIC_KINDS.indexOf(b)) }))
    .sort((a, b) => b.draft.articles.length - a.draft.articles.length || collator.compare(a.name, b.name) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.draft.key, b.draft.key));
  // Slugs are given in name order, so a topic's slug does not move when counts change.
  const byName = [...kept].sort((a, b) => collator.compare(a.name, b.name) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.draft.key, b.draft.key));
  const slugs = new Map(uniqueSourceSlugs(byName.map((t) => t.name)).map((slug, i) => [byName[i]!.draft.key, slug]));
  const groups = new Map<string, TopicGroup>();
  for (const { draft, name, kind } of kept) {
    const slug = slugs.get(draft.key)!;
    groups.set(draft.key, { name, kind, slug, url: `/topics/${slug}/`, articles: draft.articles, related: [] });
  }
  // Related topics: those that share articles with it, most shared first.
  for (const [key, group] of groups) {
    const shared = new Map<string, number>();
    for (const page of group.articles) for (const other of keysOf.get(page) ?? []) if (other !== key && groups.has(other)) shared.set(other, (shared.get(other) ?? 0) + 1);
    group.related = [...shared]
      .map(([other, count]) => ({ group: groups.get(other)!, count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.group.name, b.group.name) || compareCodeUnits(a.group.slug, b.group.slug))
      .slice(0, RELATED_TOPICS)
      .map(({ group: other, count }) => ({ name: other.name, kind: other.kind, url: other.url, count }));
  }
  // Each article's topics as links (to the topic's page when it has one), in the article's order.
  for (const page of articles) {
    page.topicLinks = page.topics.map((topic): TopicLink => {
      const group = groups.get(keyOf(topic.name));
      return group === undefined ? { name: topic.name, kind: topic.kind } : { name: group.name, kind: group.kind, url: group.url };
    });
  }
  return [...groups.values()];
}

function mostCommon<T>(counts: Map<T, number>, tieBreak: (a: T, b: T) => number): T {
  return [...counts].sort((a, b) => b[1] - a[1] || tieBreak(a[0], b[0]))[0]![0];
}
