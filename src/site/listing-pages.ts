/**
 * A source's or a topic's articles as pages a reader can scan, numbered from the oldest.
 *
 * The group's own URL (`/sources/<slug>/`) shows its newest articles: all of them up to
 * `2 × LISTING_PAGE_SIZE − 1`; beyond that the older ones go to pages of exactly
 * `LISTING_PAGE_SIZE` at `<url>page/<n>/`, page 1 holding the oldest. A page's articles
 * are fixed by their place counted from the oldest article, so the day's new articles
 * change the first page alone (and, once every `LISTING_PAGE_SIZE` of them, add a
 * numbered page): a rebuild does not rewrite every page of a large source, as pages
 * numbered from the newest would. Pure.
 */
import type { ArticlePage, GroupLink, ListingPage, ListingPageInfo, SourceGroup, TopicGroup } from './types.ts';

/** Articles on a numbered page, and the fewest on a group's first page once it has numbered pages: a page a reader scans in a minute (~30 kB of HTML). */
export const LISTING_PAGE_SIZE = 50;

/** How many numbered (older) pages a group of `count` articles has. */
export function olderPageCount(count: number): number {
  return count < 2 * LISTING_PAGE_SIZE ? 0 : Math.floor(count / LISTING_PAGE_SIZE) - 1;
}

/** The URL of numbered page `number` of the group at `url`. */
export function olderPageUrl(url: string, number: number): string {
  return `${url}page/${number}/`;
}

/**
 * The pages of `group` (articles newest first), the group's own first: each a copy of the
 * group with its URL, its articles and `page` (`ListingPageInfo`). The copies share the
 * group's other fields.
 */
export function listingPages<G extends SourceGroup | TopicGroup>(group: G): ListingPage<G>[] {
  // TypeScript cannot tell that a copy of G with `page` set is a ListingPage<G> (G might declare a `page` of its own; the groups do not).
  const pageOf = (url: string, articles: ArticlePage[], page: ListingPageInfo) => ({ ...group, url, articles, page }) as unknown as ListingPage<G>;
  const count = group.articles.length;
  const older = olderPageCount(count);
  const link = (number: number): GroupLink => (number > older ? { url: group.url, label: 'Newest' } : { url: olderPageUrl(group.url, number), label: `Page ${number}` });
  const first: ListingPageInfo = { groupUrl: group.url, count, ...(older > 0 ? { older: link(older) } : {}) };
  const pages = [pageOf(group.url, group.articles.slice(0, count - older * LISTING_PAGE_SIZE), first)];
  for (let number = older; number >= 1; number--) {
    const end = count - (number - 1) * LISTING_PAGE_SIZE;
    const page: ListingPageInfo = { groupUrl: group.url, number, newer: link(number + 1), ...(number > 1 ? { older: link(number - 1) } : {}) };
    pages.push(pageOf(olderPageUrl(group.url, number), group.articles.slice(end - LISTING_PAGE_SIZE, end), page));
  }
  return pages;
}

const made = new WeakMap<readonly object[], object[]>();

/** Every page of `groups`, in order (`listingPages`); made once per array of groups. */
export function pagesOfGroups<G extends SourceGroup | TopicGroup>(groups: readonly G[]): ListingPage<G>[] {
  let pages = made.get(groups) as ListingPage<G>[] | undefined;
  if (pages === undefined) made.set(groups, (pages = groups.flatMap((group) => listingPages(group))));
  return pages;
}
