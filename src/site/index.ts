/**
 * The site stage: `SiteData` → HTML pages, feeds and the sitemap, written by Eleventy 3
 * through its programmatic API (https://www.11ty.dev/docs/programmatic/).
 *
 *   const data = toSiteData(records, bodyHtml, site);
 *   const { pages } = await renderSite(data, '/tmp/out');
 */
import './eleventy-env.ts';
import path from 'node:path';
import { ARTICLE_TEMPLATE, TEMPLATES_DIR } from './folders.ts';
import { pagesOfGroups } from './listing-pages.ts';
import { memoized } from './memo.ts';
import type { ArticlePage, ListingPage, MonthGroup, SiteData, SourceGroup, TopicGroup, YearGroup } from './types.ts';

export { toSiteData } from './site-data.ts';
export type { ArticlePage, SiteData, SiteOptions } from './types.ts';

/** A site-relative page URL that can only name a folder below the output folder. */
const SAFE_PAGE_URL = /^\/(?:[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._-]*\/)*$/u;

/** Which pages to write; by default, all of them. The build renders a site in several runs (src/pipeline/render-pages.ts). */
export interface RenderOptions {
  /** The article pages to write (each with the same bytes whatever else is written); default every article. */
  articles?: readonly ArticlePage[];
  /**
   * Instead of `articles`: pages that already carry their pager links (`withPagerLinks`),
   * so `data` need not hold the whole archive — a render worker gets only the site options
   * and the article count.
   */
  pagedArticles?: readonly PagedArticle[];
  /** Write the other pages (home, archive, sources, feeds, …) and copy public/ (default), none of them, or those named. */
  listings?: boolean | ListingSelection;
  /** Return the pages' HTML (`contents`, in the order of `files`) instead of writing them: not with public/ (whose files are copied). */
  inMemory?: boolean;
}

/** The listing pages: of one year or month each, and the pages of sources and topics (src/site/listing-pages.ts: a group's first page, or a numbered one). */
export interface GroupSelection {
  years: readonly YearGroup[];
  months: readonly MonthGroup[];
  sources: readonly ListingPage<SourceGroup>[];
  topics: readonly ListingPage<TopicGroup>[];
}

/** Which of the pages other than the articles' to write (the build rewrites only those whose data changed). */
export interface ListingSelection extends GroupSelection {
  /** The pages about the archive as a whole: home, archive, undated, sources, search, 404, feeds, sitemap, robots.txt, _headers. */
  front: boolean;
  /** Copy public/ (the stylesheets, minified). */
  public: boolean;
}

/** A pager link to the article before or after, in archive order: just what the pager shows. */
export interface PagerLink {
  url: string;
  title: string;
  /** The article's language (BCP 47), so its title is marked when it differs from the page's. */
  language: string;
  dateTime?: string;
}

let renderer: Promise<[typeof import('@11ty/eleventy'), typeof import('./config.ts')]> | undefined;

/**
 * Eleventy and its configuration, loaded (~0.3 s) when a page is first rendered, or
 * ahead of it by calling this: a rebuild whose pages render in a thread of their own
 * (src/pipeline/render-pool.ts) never loads them in the main thread.
 */
export function loadRenderer(): Promise<[typeof import('@11ty/eleventy'), typeof import('./config.ts')]> {
  return (renderer ??= Promise.all([import('@11ty/eleventy'), import('./config.ts')]));
}

/** Render the pages into `outputDir` (which may exist); nothing is written anywhere else. */
export async function renderSite(data: SiteData, outputDir: string, options: RenderOptions = {}): Promise<{ pages: number; files: string[]; contents?: string[] }> {
  const listings = options.listings ?? true;
  const selection: ListingSelection =
    listings === true
      ? { front: true, years: data.years, months: data.months ?? [], sources: pagesOfGroups(data.sources), topics: pagesOfGroups(data.topics ?? []), public: true }
      : listings === false
        ? { front: false, years: [], months: [], sources: [], topics: [], public: false }
        : listings;
  const articlePages = options.pagedArticles ?? withPagerLinks(data.articles, options.articles ?? data.articles);
  const anyListing = selection.front || selection.public || selection.years.length + selection.months.length + selection.sources.length + selection.topics.length > 0;
  if (!anyListing && articlePages.length === 0) return { pages: 0, files: [] };
  assertSafeUrls(data, [...articlePages, ...selection.years, ...selection.months, ...selection.sources, ...selection.topics]);
  // Only the article template when the other pages are not wanted (its layouts still resolve).
  const input = anyListing ? TEMPLATES_DIR : path.join(TEMPLATES_DIR, ARTICLE_TEMPLATE);
  const [{ default: Eleventy }, { configure }] = await loadRenderer();
  const eleventy = new Eleventy(input, path.resolve(outputDir), {
    quietMode: true,
    // No eleventy.config.js from whatever folder we are run in: configure() is the config.
    configPath: false,
    pathPrefix: data.site.pathPrefix,
    config: (config) =>
      configure(config, data, {
        articlePages,
        copyPublic: selection.public,
        front: selection.front,
        years: selection.years,
        months: selection.months,
        sources: selection.sources,
        topics: selection.topics,
      }),
  });
  // Eleventy prints a summary line even in quiet mode; the build prints its own. Errors
  // are not lost: they are thrown, with Eleventy's underlying message, to the caller.
  eleventy.disableLogger();
  const root = path.resolve(outputDir);
  // The pages with an output (not `permalink: false`), as paths relative to the output folder.
  const filesOf = <T extends { outputPath: string | false }>(templates: T[]) => {
    const pages = templates.filter((t): t is T & { outputPath: string } => t.outputPath !== false);
    return { pages, files: pages.map((t) => path.relative(root, path.resolve(t.outputPath)).split(path.sep).join('/')) };
  };
  try {
    if (options.inMemory === true) {
      if (selection.public) throw new Error('public/ is copied, not rendered: it cannot be kept in memory');
      const { pages, files } = filesOf(await eleventy.toJSON());
      return { pages: pages.length, files, contents: pages.map((t) => t.content) };
    }
    const [, templates] = await eleventy.write();
    const { pages, files } = filesOf(templates);
    return { pages: pages.length, files };
  } catch (error) {
    throw new Error(`site: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Each page to write, with `newer` and `older`: its neighbours in `all` (the archive order).
 * Set here rather than taken from Eleventy's pagination, so a page has the same pager
 * whether it is rendered with every other article or alone.
 */
export type PagedArticle = ArticlePage & { newer?: PagerLink; older?: PagerLink };

export function withPagerLinks(all: readonly ArticlePage[], pages: readonly ArticlePage[]): PagedArticle[] {
  if (pages.length === 0) return [];
  const position = new Map(all.map((page, i) => [page.slug, i]));
  const link = (page: ArticlePage | undefined): PagerLink | undefined =>
    page === undefined ? undefined : { url: page.url, title: page.title, language: page.language, ...(page.dateTime !== undefined ? { dateTime: page.dateTime } : {}) };
  return pages.map((page) => {
    const i = position.get(page.slug);
    if (i === undefined) throw new Error(`article ${JSON.stringify(page.slug)} is not in the archive`);
    return { ...page, newer: link(all[i - 1]), older: link(all[i + 1]) };
  });
}

/**
 * What a listing page shows of an article (templates/_includes/macros/articles.njk
 * `articleList`): a year, month, source or topic page uses nothing else of its articles
 * but their number. Render threads are sent these instead of whole pages (cloning each
 * article's record, topics and all, into a thread cost more than rendering it).
 */
export const TEASER_FIELDS = ['slug', 'url', 'title', 'language', 'date', 'dateTime', 'dateLabel', 'source', 'sourceUrl', 'wordCount', 'subtitle', 'excerpt'] as const;
export type Teaser = Pick<ArticlePage, (typeof TEASER_FIELDS)[number]>;

export function asTeaser(page: ArticlePage, fields: readonly (keyof ArticlePage)[] = TEASER_FIELDS): Teaser {
  const teaser: Record<string, unknown> = {};
  for (const field of fields) if (page[field] !== undefined) teaser[field] = page[field];
  return teaser as unknown as Teaser;
}

/**
 * What the pages about the archive as a whole show of an article that is not among the
 * latest or the undated (which they show as teasers): its address and date (the sitemap),
 * its headline (a year's first, on the archive page) and whether it has a source (the
 * sources page counts those without). A render thread is sent these for the whole archive.
 */
export const FRONT_FIELDS = ['url', 'title', 'date', 'dateTime', 'source'] as const;

/** Lists of articles as teasers (`asTeaser`, of `fields`), one object per article however many lists hold it (a message to a thread then carries it once); typed as pages, which the templates read them as. */
export function teaserMaker(fields: readonly (keyof ArticlePage)[] = TEASER_FIELDS): (articles: readonly ArticlePage[]) => ArticlePage[] {
  const made = new Map<ArticlePage, ArticlePage>();
  return (articles) => articles.map((page) => memoized(made, page, () => asTeaser(page, fields) as ArticlePage));
}

/**
 * `groups` with every article a teaser (`asTeaser`), one object per article, however many
 * groups list it; typed as pages, which the listing templates read them as.
 */
export function teaserGroups(groups: GroupSelection): GroupSelection {
  const teasers = teaserMaker();
  const month = (group: MonthGroup): MonthGroup => ({ ...group, articles: teasers(group.articles) });
  return {
    years: groups.years.map((group) => ({ ...group, articles: teasers(group.articles), months: group.months.map(month) })),
    months: groups.months.map(month),
    sources: groups.sources.map((group) => ({ ...group, articles: teasers(group.articles) })),
    topics: groups.topics.map((group) => ({ ...group, articles: teasers(group.articles) })),
  };
}

/** Eleventy wraps the template error (`originalError`); the innermost message names the problem. */
function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 5; ) {
    messages.push(e.message.split('\n').map((line) => line.trim()).filter(Boolean).join(' '));
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  return [...new Set(messages)].join(': ');
}

/** Permalinks come from data; refuse any that could climb out of the output folder, or collide. */
function assertSafeUrls(data: SiteData, pages: readonly { url: string }[]): void {
  const seen = new Set<string>();
  for (const url of [...data.articles.map((a) => a.url), ...data.years.map((y) => y.url), ...data.sources.map((s) => s.url), ...(data.topics ?? []).map((t) => t.url)]) {
    if (seen.has(url)) throw new Error(`two pages at the same URL: ${JSON.stringify(url)}`);
    seen.add(url);
    assertSafeUrl(url);
  }
  // The pages of this run: the same URLs when `data` holds the archive; a render worker's run is checked here.
  for (const page of pages) if (!seen.has(page.url)) assertSafeUrl(page.url);
}

function assertSafeUrl(url: string): void {
  if (!SAFE_PAGE_URL.test(url) || url.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`refusing to render a page at an unsafe URL: ${JSON.stringify(url)}`);
  }
}
