/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a plain object; the
 * `json` filter serializes it. Built from data, never by concatenating strings.
 * The Atom feed is a template (templates/feed.xml.njk) because Nunjucks escapes XML
 * text correctly on its own.
 */
import { pageLanguage, SITE_LANGUAGE } from './language.ts';
import type { SiteData } from './types.ts';
import { absoluteUrl } from './urls.ts';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export function jsonFeed(data: SiteData): object {
  const { site } = data;
  return {
    version: JSON_FEED_VERSION,
    title: site.title,
    description: site.description,
    home_page_url: absoluteUrl(site, '/'),
    feed_url: absoluteUrl(site, '/feed.json'),
    language: SITE_LANGUAGE,
    items: data.latest.map((article) => ({
      id: absoluteUrl(site, article.url),
      url: absoluteUrl(site, article.url),
      title: article.title,
      ...(pageLanguage(article) !== SITE_LANGUAGE ? { language: pageLanguage(article) } : {}),
      ...(article.subtitle !== undefined ? { summary: article.subtitle } : article.excerpt ? { summary: article.excerpt } : {}),
      content_html: article.bodyHtml,
      ...(article.dateTime !== undefined ? { date_published: article.dateTime } : {}),
      ...(article.byline.length > 0 ? { authors: article.byline.map((name) => ({ name })) } : {}),
      ...(article.section !== undefined || article.source !== undefined
        ? { tags: [article.source, article.section].filter((t): t is string => t !== undefined) }
        : {}),
    })),
  };
}
