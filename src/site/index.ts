/**
 * The site stage: `SiteData` → HTML pages, feeds and the sitemap, written by Eleventy 3
 * through its programmatic API (https://www.11ty.dev/docs/programmatic/).
 *
 *   const data = toSiteData(records, bodyHtml, site);
 *   const { pages } = await renderSite(data, '/tmp/out');
 */
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { configure, TEMPLATES_DIR } from './config.ts';
import type { ArticlePage, SiteData } from './types.ts';

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
  /** Write the other pages (home, archive, sources, feeds, …) and copy public/; default true. */
  listings?: boolean;
}

/** A pager link to the article before or after, in archive order: just what the pager shows. */
export interface PagerLink {
  url: string;
  title: string;
  /** The article's language (BCP 47), so its title is marked when it differs from the page's. */
  language: string;
  dateTime?: string;
}

/** Render the pages into `outputDir` (which may exist); nothing is written anywhere else. */
export async function renderSite(data: SiteData, outputDir: string, options: RenderOptions = {}): Promise<{ pages: number }> {
  const listings = options.listings ?? true;
  const articlePages = options.pagedArticles ?? withPagerLinks(data.articles, options.articles ?? data.articles);
  assertSafeUrls(data, articlePages);
  if (!listings && articlePages.length === 0) return { pages: 0 };
  // Only the article template when the other pages are not wanted (its layouts still resolve).
  const input = listings ? TEMPLATES_DIR : path.join(TEMPLATES_DIR, 'article.njk');
  const eleventy = new Eleventy(input, path.resolve(outputDir), {
    quietMode: true,
    // No eleventy.config.js from whatever folder we are run in: configure() is the config.
    configPath: false,
    pathPrefix: data.site.pathPrefix,
    config: (config) => configure(config, data, { articlePages, copyPublic: listings }),
  });
  // Eleventy prints a summary line even in quiet mode; the build prints its own. Errors
  // are not lost: they are thrown, with Eleventy's underlying message, to the caller.
  eleventy.disableLogger();
  try {
    const [, templates] = await eleventy.write();
    return { pages: templates.filter((t) => t.outputPath !== false).length };
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
  const position = new Map(all.map((page, i) => [page.slug, i]));
  const link = (page: ArticlePage | undefined): PagerLink | undefined =>
    page === undefined ? undefined : { url: page.url, title: page.title, language: page.language, ...(page.dateTime !== undefined ? { dateTime: page.dateTime } : {}) };
  return pages.map((page) => {
    const i = position.get(page.slug);
    if (i === undefined) throw new Error(`article ${JSON.stringify(page.slug)} is not in the archive`);
    return { ...page, newer: link(all[i - 1]), older: link(all[i + 1]) };
  });
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
function assertSafeUrls(data: SiteData, articlePages: readonly ArticlePage[]): void {
  const seen = new Set<string>();
  for (const url of [...data.articles.map((a) => a.url), ...data.years.map((y) => y.url), ...data.sources.map((s) => s.url)]) {
    if (seen.has(url)) throw new Error(`two pages at the same URL: ${JSON.stringify(url)}`);
    seen.add(url);
    assertSafeUrl(url);
  }
  // The pages of this run: the same URLs when `data` holds the archive; a render worker's chunk is checked here.
  for (const page of articlePages) if (!seen.has(page.url)) assertSafeUrl(page.url);
}

function assertSafeUrl(url: string): void {
  if (!SAFE_PAGE_URL.test(url) || url.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`refusing to render a page at an unsafe URL: ${JSON.stringify(url)}`);
  }
}
