/**
 * What an article page tells search engines and link previews about itself, built
 * from data (never by concatenating strings):
 *
 * - `newsArticle`: schema.org NewsArticle as JSON-LD (https://schema.org/NewsArticle),
 *   printed by the `json` filter, which writes `<`, `>` and `&` as `\u` escapes so
 *   nothing in an article can close the `<script type="application/ld+json">` it sits in.
 *   JSON-LD is data: browsers never run it, so the CSP's `script-src 'self'` allows it.
 * - `socialMeta`: Open Graph (https://ogp.me/) and Twitter card properties, as
 *   name/content pairs for `<meta>` elements (escaped by the template like any text).
 */
import { pageLanguage } from './language.ts';
import type { ArticlePage, SiteOptions } from './types.ts';
import { absoluteUrl } from './urls.ts';

export function newsArticle(article: ArticlePage, site: SiteOptions): object {
  const url = absoluteUrl(site, article.url);
  const archive = { '@type': 'Organization', name: site.title, url: absoluteUrl(site, '/') };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    // The standfirst; not the excerpt, which the page's meta description already gives.
    ...(article.subtitle !== undefined ? { description: article.subtitle } : {}),
    url,
    // Only a date the page states (or the archivist gave): never the build time, never a guess.
    ...(article.dateTime !== undefined ? { datePublished: article.date } : {}),
    ...(article.byline.length > 0 ? { author: article.byline.map((name) => ({ '@type': 'Person', name })) } : {}),
    // The news organisation that published the story; when the page did not say, the
    // archive that publishes this copy.
    publisher: article.source !== undefined ? { '@type': 'Organization', name: article.source } : archive,
    ...(article.section !== undefined ? { articleSection: article.section } : {}),
    wordCount: article.wordCount,
    inLanguage: pageLanguage(article),
    isBasedOn: absoluteUrl(site, article.sourceTextUrl),
    isPartOf: { '@type': 'WebSite', name: site.title, url: absoluteUrl(site, '/') },
  };
}

export interface MetaProperty {
  /** `property` for Open Graph, `name` for Twitter. */
  attribute: 'property' | 'name';
  key: string;
  content: string;
}

/** Open Graph and Twitter card properties of a page; `article` adds the article:* ones. */
export function socialMeta(
  page: { url: string; title: string; description: string },
  site: SiteOptions,
  article?: ArticlePage,
): MetaProperty[] {
  const og = (key: string, content: string): MetaProperty => ({ attribute: 'property', key: `og:${key}`, content });
  const meta: MetaProperty[] = [
    og('type', article ? 'article' : 'website'),
    og('site_name', site.title),
    og('title', page.title),
    og('description', page.description),
    og('url', absoluteUrl(site, page.url)),
  ];
  if (article) {
    if (article.dateTime !== undefined) meta.push({ attribute: 'property', key: 'article:published_time', content: article.dateTime });
    if (article.section !== undefined) meta.push({ attribute: 'property', key: 'article:section', content: article.section });
    for (const name of article.byline) meta.push({ attribute: 'property', key: 'article:author', content: name });
  }
  // No image to show: the small card. Its title and description come from og:title and
  // og:description (https://developer.x.com/en/docs/x-for-websites/cards/guides/getting-started).
  meta.push({ attribute: 'name', key: 'twitter:card', content: 'summary' });
  return meta;
}
