/**
 * Absolute URLs for feeds, the sitemap and `<link rel="canonical">`.
 *
 * Pages link with site-relative URLs (`/articles/x/`) and Eleventy's HtmlBasePlugin adds
 * the path prefix to every one of them in HTML output. Feeds and the sitemap are not
 * HTML and need absolute URLs anyway, so they are built here: site URL + path prefix +
 * page URL, with non-ASCII characters percent-encoded (RFC 3986, as the sitemap
 * protocol requires).
 */
import type { SiteOptions } from './types.ts';

export function absoluteUrl(site: Pick<SiteOptions, 'siteUrl' | 'pathPrefix'>, url: string): string {
  const base = site.siteUrl.replace(/\/+$/, '');
  const prefix = site.pathPrefix.replace(/^\/*/, '/').replace(/\/*$/, '/');
  return encodeURI(`${base}${prefix}${url.replace(/^\/+/, '')}`);
}
