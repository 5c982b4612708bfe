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
  return encodeURI(`${siteBase(site)}${url.charCodeAt(0) === SLASH ? url.replace(/^\/+/, '') : url}`);
}

const SLASH = 0x2f;
/** Site URL + path prefix, made once per site options object (the sitemap asks for one per page). */
const bases = new WeakMap<object, string>();

function siteBase(site: Pick<SiteOptions, 'siteUrl' | 'pathPrefix'>): string {
  let base = bases.get(site);
  if (base === undefined) bases.set(site, (base = `${site.siteUrl.replace(/\/+$/, '')}${site.pathPrefix.replace(/^\/*/, '/').replace(/\/*$/, '/')}`));
  return base;
}
