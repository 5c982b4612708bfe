/**
 * Template filters. Each returns plain text, which Nunjucks then escapes (autoescape
 * is on), except `json`, whose output config.ts marks safe because it is already a
 * complete, escaped serialization.
 * Docs: https://www.11ty.dev/docs/filters/
 */
import { formatDateLabel, MONTHS } from './dates.ts';
import { jsonFeed } from './feeds.ts';
import { pageLanguage } from './language.ts';
import { pagesOfGroups } from './listing-pages.ts';
import { newsArticle, socialMeta } from './structured-data.ts';
import type { ArticlePage, SiteOptions, SourceGroup, TopicGroup } from './types.ts';
import { absoluteUrl } from './urls.ts';

/** A common estimate of adult silent-reading speed for news prose, in words per minute. */
export const WORDS_PER_MINUTE = 230;

/**
 * JSON.stringify, with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes: still the
 * same JSON, but safe to place in HTML text or a `<script type="application/json">`
 * (no `</script>` or `<!--` can appear), and valid JavaScript too.
 */
export function json(value: unknown, indent?: number): string {
  return (JSON.stringify(value ?? null, null, indent) ?? 'null').replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Remove what XML 1.0 forbids in text (control characters other than tab, LF, CR;
 * U+FFFE/U+FFFF; lone surrogates), which would make a feed unparseable. Escaping of
 * `<`, `&` and quotes is left to autoescape.
 */
export function xmlText(value: unknown): string {
  return String(value ?? '').replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

/** `2019-03-27` from any ISO 8601 date or date-time: the calendar day as written. */
export function isoDay(value: string): string {
  return String(value).slice(0, 10);
}

/** Search results and link previews show about this many characters of a description. */
export const META_DESCRIPTION_CHARS = 160;

/** `text` cut at a word boundary to at most `max` characters, with `…` when cut. */
export function clip(text: unknown, max = META_DESCRIPTION_CHARS): string {
  const value = String(text ?? '').replace(/\s+/g, ' ').trim();
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** `3 min read`; never less than one minute. */
export function readingTime(words: number): string {
  return `${Math.max(1, Math.round(words / WORDS_PER_MINUTE))} min read`;
}

/** `2019-03` from an ISO date: the month, for `<time datetime>`. */
export function isoMonth(value: string): string {
  return String(value).slice(0, 7);
}

/** `March 2019` from `2019-03`. */
export function monthLabel(value: string): string {
  const [year, month] = String(value).split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** `1 article`, `3 articles`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A topic kind as the site names it: `People`, `Organisations`, `Places`, or with `count` 1 `person`, `organisation`, `place`. */
export function topicKindLabel(kind: string, count?: number): string {
  if (count === 1) return kind;
  return kind === 'person' ? 'People' : kind === 'organisation' ? 'Organisations' : kind === 'place' ? 'Places' : kind;
}

/**
 * The filters config.ts registers, by template name. Each depends on its arguments only:
 * Eleventy keeps compiled layouts in a cache shared by every Eleventy instance in the
 * process, so a filter closing over one build's options would leak into the next build
 * (a second renderSite with another path prefix). Templates pass the site explicitly:
 * `{{ page.url | absoluteUrl(archive.site) }}`.
 */
export const filters = {
  absoluteUrl: (url: string, site: SiteOptions) => absoluteUrl(site, url),
  clip: (text: unknown, max?: number) => clip(text, max),
  dateLabel: (iso: string) => formatDateLabel(iso),
  isoDay,
  isoMonth,
  jsonFeed,
  monthLabel,
  newsArticle: (article: ArticlePage, site: SiteOptions) => newsArticle(article, site),
  pageLanguage: (article?: ArticlePage) => pageLanguage(article),
  /** A source's or topic's pages (src/site/listing-pages.ts), for the sitemap. */
  listingPages: (groups: readonly (SourceGroup | TopicGroup)[] | undefined) => pagesOfGroups(groups ?? []),
  plural,
  readingTime,
  topicKindLabel,
  socialMeta: (page: { url: string; title: string; description: string }, site: SiteOptions, article?: ArticlePage) =>
    socialMeta(page, site, article),
  xmlText,
};
