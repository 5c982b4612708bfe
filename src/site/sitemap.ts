/**
 * The sitemap's `<url>` entries for a list of pages (templates/sitemap.xml.njk calls it as
 * the `sitemapUrls` filter): one line each, `<url><loc>` the page's absolute URL, and a
 * `<lastmod>` (its calendar day) for a dated article. A Nunjucks loop over the ~20,000
 * URLs of a 10,000-article archive (an `absoluteUrl` filter call and a frame each) took
 * ~0.3 s of every rebuild that adds an article; the same lines made here take a few
 * milliseconds. Every value is escaped by Nunjucks's own `escape` filter, which config.ts
 * passes in.
 */
import { isoDay } from './filters.ts';
import type { Escape } from './teasers.ts';
import type { SiteOptions } from './types.ts';
import { absoluteUrl } from './urls.ts';

/** What a sitemap entry reads of a page: its URL and, for an article, its date (a `<lastmod>` only when it has a date-time). */
interface SitemapPage {
  url: string;
  date?: string;
  dateTime?: string;
}

/** The `<url>` lines of `pages`, each after a newline and indented by two spaces (the template puts them after the line before: nothing at all for no pages). */
export function sitemapUrls(pages: readonly SitemapPage[], site: Pick<SiteOptions, 'siteUrl' | 'pathPrefix'>, escape: Escape): string {
  const text = (value: unknown) => String(escape(value));
  let xml = '';
  for (const page of pages) {
    xml += `\n  <url><loc>${text(absoluteUrl(site, page.url))}</loc>${page.dateTime ? `<lastmod>${text(isoDay(page.date!))}</lastmod>` : ''}</url>`;
  }
  return xml;
}
