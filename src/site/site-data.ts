/**
 * Records → what the templates see (`SiteData`, handed to Eleventy as the global
 * `archive`). Pure: no I/O, no clock, no locale; the same records give the same data.
 *
 * Orders (each with a tie-break, so equal keys never depend on input order):
 * - articles: dated ones newest first (by instant, then slug); undated ones after them,
 *   by title, then slug;
 * - years and months: newest first;
 * - sources: by name, then slug; the articles inside each keep the archive order.
 */
import type { ArticleRecord } from '../record.ts';
import { EPOCH_RFC3339, formatDateLabel, MONTHS, toInstant, toRfc3339 } from './dates.ts';
import { excerpt } from './excerpt.ts';
import { findSimilarByProfile, termProfile, type SimilarProfile } from './similar.ts';
import { uniqueSourceSlugs } from './source-slug.ts';
import { timelineChart } from './timeline.ts';
import type { ArticlePage, MonthGroup, SimilarArticle, SiteData, SiteOptions, SourceGroup, YearGroup } from './types.ts';

/** How many articles the home page and the feeds show: a few screens of headlines. */
export const LATEST_COUNT = 50;

export const UNDATED_LABEL = 'Undated';

/** A fixed locale, so title and name order do not depend on the machine. */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** What the extract stage derives from an article's body (src/pipeline/extract-one.ts), by slug. */
export interface DerivedFromBody {
  excerpt: string;
  /**
   * src/site/similar.ts `termProfile`, or a function that reads it again: a large archive
   * does not keep every profile (~4 kB an article) in memory, and "similar articles"
   * read each twice.
   */
  profile: string | (() => string);
}

/**
 * `derived`: each article's excerpt and term profile, made with its record by the extract
 * stage; an article without is derived here from `record.body` (tests, `serve`'s preview).
 */
export function toSiteData(records: ArticleRecord[], bodyHtml: Map<string, string>, site: SiteOptions, derived = new Map<string, DerivedFromBody>()): SiteData {
  const sourceNames = [...new Set(records.flatMap((r) => (r.source === undefined ? [] : [r.source])))].sort(
    (a, b) => collator.compare(a, b) || compareCodeUnits(a, b),
  );
  const slugs = uniqueSourceSlugs(sourceNames);
  const sourceSlugByName = new Map(sourceNames.map((name, i) => [name, slugs[i]!]));

  const stems = new Map<string, string>();
  const derive = (record: ArticleRecord): DerivedFromBody =>
    derived.get(record.slug) ?? { excerpt: excerpt(record.body), profile: termProfile(record, stems) };
  const profiles: SimilarProfile[] = [];
  const pages = records.map((record) => {
    const { excerpt: teaser, profile } = derive(record);
    profiles.push(typeof profile === 'string' ? { slug: record.slug, profile } : { slug: record.slug, get profile() { return profile(); } });
    return toArticlePage(record, bodyHtml.get(record.slug) ?? '', teaser, sourceSlugByName);
  });
  const instants = new Map(pages.map((p) => [p.slug, p.date === undefined ? undefined : toInstant(p.date)]));
  const dated = pages
    .filter((p) => instants.get(p.slug) !== undefined)
    .sort((a, b) => instants.get(b.slug)! - instants.get(a.slug)! || compareCodeUnits(a.slug, b.slug));
  const undated = pages
    .filter((p) => instants.get(p.slug) === undefined)
    .sort((a, b) => collator.compare(a.title, b.title) || compareCodeUnits(a.slug, b.slug));
  const articles = [...dated, ...undated];

  const years = new Map<string, ArticlePage[]>();
  for (const page of dated) {
    const list = years.get(page.year!) ?? [];
    list.push(page);
    years.set(page.year!, list);
  }
  const yearGroups: YearGroup[] = [...years.keys()]
    .sort((a, b) => compareCodeUnits(b, a))
    .map((year) => ({ year, url: `/archive/${year}/`, articles: years.get(year)!, months: monthGroups(years.get(year)!) }));

  const sources: SourceGroup[] = sourceNames.map((name) => {
    const slug = sourceSlugByName.get(name)!;
    return { name, slug, url: `/sources/${slug}/`, articles: articles.filter((a) => a.source === name) };
  });

  // Similar articles, by slug; each link carries only what it shows.
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  for (const [slug, matches] of findSimilarByProfile(profiles)) {
    bySlug.get(slug)!.similar = matches.map((m) => similarLink(bySlug.get(m.slug)!));
  }

  return {
    site,
    articles,
    articleCount: articles.length,
    years: yearGroups,
    months: yearGroups.flatMap((y) => y.months),
    timeline: timelineChart(yearGroups, undated.length),
    sources,
    undated,
    latest: articles.slice(0, LATEST_COUNT),
    updated: dated[0]?.dateTime ?? EPOCH_RFC3339,
  };
}

function toArticlePage(record: ArticleRecord, html: string, excerpt: string, sourceSlugs: Map<string, string>): ArticlePage {
  const url = `/articles/${record.slug}/`;
  const valid = record.date !== undefined && toInstant(record.date) !== undefined;
  const sourceSlug = record.source === undefined ? undefined : sourceSlugs.get(record.source);
  return {
    ...record,
    url,
    sourceTextUrl: `${url}source.txt`,
    bodyHtml: html,
    dateLabel: valid ? formatDateLabel(record.date!) : UNDATED_LABEL,
    excerpt,
    ...(valid
      ? {
          year: record.date!.slice(0, 4),
          month: record.date!.slice(5, 7),
          monthUrl: `/archive/${record.date!.slice(0, 4)}/${record.date!.slice(5, 7)}/`,
          dateTime: toRfc3339(record.date!)!,
        }
      : {}),
    ...(sourceSlug !== undefined ? { sourceSlug, sourceUrl: `/sources/${sourceSlug}/` } : {}),
    ...(record.viewedDate !== undefined ? { viewedDateLabel: formatDateLabel(record.viewedDate) } : {}),
    similar: [],
  };
}

/** A year's articles (newest first) grouped by month, newest month first. */
function monthGroups(articles: ArticlePage[]): MonthGroup[] {
  const months = new Map<string, ArticlePage[]>();
  for (const page of articles) {
    const list = months.get(page.month!) ?? [];
    list.push(page);
    months.set(page.month!, list);
  }
  return [...months.keys()]
    .sort((a, b) => compareCodeUnits(b, a))
    .map((month) => {
      const first = months.get(month)![0]!;
      return {
        year: first.year!,
        month,
        name: MONTHS[Number(month) - 1]!,
        label: `${MONTHS[Number(month) - 1]} ${first.year}`,
        url: first.monthUrl!,
        articles: months.get(month)!,
      };
    });
}

function similarLink(page: ArticlePage): SimilarArticle {
  return {
    title: page.title,
    language: page.language,
    url: page.url,
    dateLabel: page.dateLabel,
    ...(page.dateTime !== undefined ? { date: page.date! } : {}),
    ...(page.source !== undefined ? { source: page.source } : {}),
  };
}

/** Plain code-unit order: the last tie-break, identical on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
