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
import { createHash } from 'node:crypto';
import { keyOf } from '../extract/topics/forms.ts';
import type { TopicKind } from '../record.ts';
import { compareCodeUnits } from './code-units.ts';
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

/**
 * The topic groups as a build keeps them for the next (build-state.ts): they are a
 * function of the articles' topics in archive order alone, so a build whose articles
 * name the same topics in the same order (an edit of a body, most rebuilds) takes them
 * from here instead of grouping ~75,000 mentions again (~0.4 s of a rebuild at 10,000
 * articles). Articles are named by their place in the archive order.
 */
export interface TopicMemory {
  /** `topicInput` of the articles the groups were made of. */
  input: string;
  /** The groups in page order (most articles first); `related` as [group place, shared articles] pairs. */
  groups: { name: string; kind: TopicKind; slug: string; members: number[]; related: number[] }[];
  /** Each article's topics in order, one after another: the place of the topic's group, or -1 for a topic without a page. */
  links: number[];
}

/**
 * What the groups are made of, as one hash: each article's topics (name and kind) in
 * archive order, and `version` (the code that groups them: a memory made by other code
 * is not used).
 */
export function topicInput(articles: readonly { topics: readonly { name: string; kind: TopicKind }[] }[], version: string): string {
  const hash = createHash('sha1').update(version).update('\0');
  // In slices of a few hundred articles: one string of the whole archive's names would be megabytes.
  for (let start = 0; start < articles.length; start += INPUT_SLICE) {
    let text = '';
    for (const page of articles.slice(start, start + INPUT_SLICE)) {
      for (const topic of page.topics) text += `${topic.name}\u0001${topic.kind}\u0002`;
      text += '\u0003';
    }
    hash.update(text);
  }
  return hash.digest('hex');
}

/** Articles per piece of `topicInput`'s hashed text. */
const INPUT_SLICE = 512;

/**
 * `topicGroups`, or the groups of `memory` when it was made of the same `input`
 * (`topicInput`); either way with the memory of the groups returned, for the next build.
 */
export function rememberedTopicGroups(articles: ArticlePage[], input: string, memory: TopicMemory | undefined): { groups: TopicGroup[]; memory: TopicMemory } {
  const used = memory !== undefined && memory.input === input && fits(memory, articles) ? memory : groupTopics(articles, input);
  return { groups: groupsOf(articles, used), memory: used };
}

/** Whether `memory` has a link for every topic of `articles` and names only articles there are (a memory is read from a file). */
function fits(memory: TopicMemory, articles: readonly ArticlePage[]): boolean {
  let mentions = 0;
  for (const page of articles) mentions += page.topics.length;
  return memory.links.length === mentions && memory.links.every((n) => n >= -1 && n < memory.groups.length) && memory.groups.every((group) => group.members.every((i) => i >= 0 && i < articles.length) && group.related.every((n, k) => k % 2 === 1 || (n >= 0 && n < memory.groups.length)));
}

/** The topic groups of the archive (only those with a page), and each article's topic links, set on the pages. `articles` in archive order. */
export function topicGroups(articles: ArticlePage[]): TopicGroup[] {
  return groupsOf(articles, groupTopics(articles, ''));
}

/** The groups as pages show them, and each article's topic links (set on the pages), from what `groupTopics` made. */
function groupsOf(articles: ArticlePage[], memory: TopicMemory): TopicGroup[] {
  const groups: TopicGroup[] = memory.groups.map(({ name, kind, slug, members }) => ({ name, kind, slug, url: `/topics/${slug}/`, articles: members.map((i) => articles[i]!), related: [] }));
  memory.groups.forEach(({ related }, n) => {
    const list: TopicGroup['related'] = [];
    for (let k = 0; k < related.length; k += 2) {
      const other = groups[related[k]!]!;
      list.push({ name: other.name, kind: other.kind, url: other.url, count: related[k + 1]! });
    }
    groups[n]!.related = list;
  });
  // Each article's topics as links (to the topic's page when it has one), in the article's
  // order; one link object per topic page, however many articles show it, and a topic
  // without a page linked as the record names it (the record's own { name, kind }).
  const pageLinks = groups.map((group): TopicLink => ({ name: group.name, kind: group.kind, url: group.url }));
  let at = 0;
  for (const page of articles) {
    page.topicLinks = page.topics.map((topic) => {
      const n = memory.links[at++]!;
      return n === -1 ? topic : pageLinks[n]!;
    });
  }
  return groups;
}

/** The grouping itself, as numbers (`TopicMemory`): which topics get a page, their names, kinds, slugs, articles and related topics, and each mention's group. */
function groupTopics(articles: readonly ArticlePage[], input: string): TopicMemory {
  // Each topic's key as a number, made once per name (an archive repeats its names many
  // times); the counting below is over numbers, not names.
  const keys: string[] = [];
  const keyNumbers = new Map<string, number>();
  const numberOfName = new Map<string, number>();
  const keyNumberOf = (name: string) => {
    let number = numberOfName.get(name);
    if (number === undefined) {
      const key = keyOf(name);
      number = key === '' ? -1 : memoized(keyNumbers, key, () => keys.push(key) - 1);
      numberOfName.set(name, number);
    }
    return number;
  };
  const topicKeys = articles.map((page) => page.topics.map((topic) => keyNumberOf(topic.name)));
  // An article is about a topic once: its first mention of the key counts.
  const mentions = topicKeys.map((keys) => {
    const first: number[] = [];
    for (let j = 0; j < keys.length; j++) if (keys[j] !== -1 && keys.indexOf(keys[j]!) === j) first.push(j);
    return first;
  });
  const counts = new Int32Array(keys.length);
  mentions.forEach((topics, i) => {
    for (const j of topics) counts[topicKeys[i]![j]!]!++;
  });
  // The names, kinds and articles of the topics that get a page (most keys of a large
  // archive have one article). Most topics go by one name: a count of names is kept only
  // for those written two ways.
  const minimum = articles.length < SMALL_ARCHIVE_ARTICLES ? 1 : TOPIC_PAGE_MIN_ARTICLES;
  const firstName: string[] = [];
  const names = new Map<number, Map<string, number>>();
  const kinds = new Int32Array(keys.length * TOPIC_KINDS.length);
  const members: number[][] = [];
  mentions.forEach((topics, i) => {
    for (const j of topics) {
      const key = topicKeys[i]![j]!;
      if (counts[key]! < minimum) continue;
      const topic = articles[i]!.topics[j]!;
      if (members[key] === undefined) {
        members[key] = [];
        firstName[key] = topic.name;
      } else if (topic.name !== firstName[key] || names.has(key)) {
        const counted = memoized(names, key, () => new Map([[firstName[key]!, members[key]!.length]]));
        counted.set(topic.name, (counted.get(topic.name) ?? 0) + 1);
      }
      kinds[key * TOPIC_KINDS.length + TOPIC_KINDS.indexOf(topic.kind)]!++;
      members[key]!.push(i);
    }
  });
  const byName = (a: { name: string; key: string }, b: { name: string; key: string }) => collator.compare(a.name, b.name) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.key, b.key);
  const drafts = members.flatMap((articlesOf, key) => {
    if (articlesOf === undefined) return [];
    const counted = names.get(key);
    const name = counted === undefined ? firstName[key]! : mostCommon(counted, (a, b) => collator.compare(a, b) || compareCodeUnits(a, b));
    let kind = 0;
    for (let k = 1; k < TOPIC_KINDS.length; k++) if (kinds[key * TOPIC_KINDS.length + k]! > kinds[key * TOPIC_KINDS.length + kind]!) kind = k;
    return [{ key: keys[key]!, number: key, name, kind: TOPIC_KINDS[kind]!, members: articlesOf }];
  });
  // Slugs are given in name order, so a topic's slug does not move when counts change.
  const inNameOrder = drafts.sort(byName);
  const slugs = uniqueSourceSlugs(inNameOrder.map((t) => t.name));
  const nameRank = new Map(inNameOrder.map((draft, rank) => [draft, rank]));
  const kept = [...inNameOrder].sort((a, b) => b.members.length - a.members.length || nameRank.get(a)! - nameRank.get(b)!);
  const groups = kept.map((draft) => ({ name: draft.name, kind: draft.kind, slug: slugs[nameRank.get(draft)!]!, members: draft.members, related: [] as number[] }));
  // Each mention's group, by place (-1: no page); and each article's groups.
  const place = new Int32Array(keys.length).fill(-1);
  kept.forEach((draft, n) => (place[draft.number] = n));
  const links: number[] = [];
  for (const keysOf of topicKeys) for (const key of keysOf) links.push(key === -1 ? -1 : place[key]!);
  const numbersOf = mentions.map((topics, i) =>
    topics.flatMap((j) => {
      const n = place[topicKeys[i]![j]!]!;
      return n === -1 ? [] : [n];
    }),
  );
  relateTopics(groups, numbersOf);
  return { input, groups, links };
}

/**
 * Each group's related topics: those that share articles with it, most shared first, then
 * by name and slug, as [place, shared articles] pairs. `numbersOf`: each article's groups
 * (by place). Numbers, and the name order computed once, so that the counting and the
 * choice of the first RELATED_TOPICS (a million entries at 10,000 articles) compare
 * numbers, not names.
 */
function relateTopics(groups: TopicMemory['groups'], numbersOf: number[][]): void {
  const byName = groups.map((_, n) => n).sort((a, b) => collator.compare(groups[a]!.name, groups[b]!.name) || compareCodeUnits(groups[a]!.slug, groups[b]!.slug));
  const rank = new Int32Array(groups.length);
  byName.forEach((n, position) => (rank[n] = position));
  const shared = new Int32Array(groups.length);
  const touched: number[] = [];
  const first: number[] = [];
  const ahead = (a: number, b: number) => shared[a]! > shared[b]! || (shared[a] === shared[b] && rank[a]! < rank[b]!);
  groups.forEach((group, n) => {
    touched.length = 0;
    for (const i of group.members) {
      for (const other of numbersOf[i]!) {
        if (other === n) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other]! += 1;
      }
    }
    // The first RELATED_TOPICS, kept in order as they come (most groups touch a few dozen).
    first.length = 0;
    for (const other of touched) {
      if (first.length === RELATED_TOPICS && !ahead(other, first[RELATED_TOPICS - 1]!)) continue;
      let at = first.length === RELATED_TOPICS ? RELATED_TOPICS - 1 : first.length;
      while (at > 0 && ahead(other, first[at - 1]!)) {
        first[at] = first[at - 1]!;
        at--;
      }
      first[at] = other;
    }
    group.related = first.flatMap((other) => [other, shared[other]!]);
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
