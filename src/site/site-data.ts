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
import { compareCodeUnits } from './code-units.ts';
import { excerpt } from './excerpt.ts';
import { termProfile } from './similar-profile.ts';
import { findSimilarByProfile, similarReference, type SimilarMatch, type SimilarProfile } from './similar.ts';
import { uniqueSourceSlugs } from './source-slug.ts';
import { memoized } from './memo.ts';
import { holdsSourceText } from './source-text.ts';
import { timelineChart } from './timeline.ts';
import { rememberedTopicGroups, TOPIC_KINDS, topicGroups, topicInput, type TopicMemory } from './topics.ts';
import type { ArticlePage, GroupLink, MonthGroup, SimilarArticle, SiteData, SiteOptions, SourceGroup, StoryLink, TopicGroup, YearGroup } from './types.ts';

/** How many articles the home page and the feeds show: a few screens of headlines. */
export const LATEST_COUNT = 50;

export const UNDATED_LABEL = 'Undated';

/** Headings of the topics index, by kind. */
const KIND_LABELS = { person: 'People', organisation: 'Organisations', place: 'Places' } as const;

/** A fixed locale, so title and name order do not depend on the machine. */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** What the extract stage derives from an article's body (src/pipeline/extract-one.ts), by slug. */
export interface DerivedFromBody {
  excerpt: string;
  /** src/site/similar.ts `termProfile` (unused when the similar lists are given). */
  profile: string;
}

/**
 * `derived`: each article's excerpt and term profile, made with its record by the extract
 * stage; an article without is derived here from `record.body` (tests, `serve`'s preview).
 * `similar`: the "similar articles" lists by slug when the build has computed them
 * (src/site/similar.ts `findSimilarByIds`); else they are computed here from the profiles.
 * `topics`: the topic groups of the previous build (src/site/topics.ts `TopicMemory`),
 * taken when the articles name the same topics in the same order, and where to keep this
 * build's (a build with a state passes it).
 */
export function toSiteData(
  records: ArticleRecord[],
  bodyHtml: Map<string, string>,
  site: SiteOptions,
  derived = new Map<string, DerivedFromBody>(),
  similar?: Map<string, SimilarMatch[]>,
  topics?: TopicMemoryUse,
): SiteData {
  const sourceNames = [...new Set(records.flatMap((r) => (r.source === undefined ? [] : [r.source])))].sort(
    (a, b) => collator.compare(a, b) || compareCodeUnits(a, b),
  );
  const slugs = uniqueSourceSlugs(sourceNames);
  const sourceSlugByName = new Map(sourceNames.map((name, i) => [name, slugs[i]!]));

  const stems = new Map<string, string>();
  const derive = (record: ArticleRecord): DerivedFromBody =>
    derived.get(record.slug) ?? { excerpt: excerpt(record.body), profile: termProfile(record, stems) };
  const profiles: SimilarProfile[] = [];
  const siblings = storiesByFile(records);
  // An archive repeats its dates: each is parsed once.
  const dates = new Map<string, DateFacts>();
  const pages = records.map((record) => {
    const { excerpt: teaser, profile } = derive(record);
    if (similar === undefined) profiles.push({ slug: record.slug, profile, ...(record.parts === undefined ? {} : { group: record.file }) });
    return toArticlePage(record, bodyHtml.get(record.slug) ?? '', teaser, sourceSlugByName, siblings.get(record.file), dates);
  });
  const instantOf = (page: ArticlePage) => (page.date === undefined ? undefined : dateFacts(page.date, dates).instant);
  const dated = pages
    .flatMap((page) => {
      const instant = instantOf(page);
      return instant === undefined ? [] : [{ page, instant }];
    })
    .sort((a, b) => b.instant - a.instant || compareCodeUnits(a.page.slug, b.page.slug))
    .map(({ page }) => page);
  const undated = pages
    .filter((page) => instantOf(page) === undefined)
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
  const months = yearGroups.flatMap((y) => y.months);
  linkNeighbours(yearGroups, (y) => ({ url: y.url, label: y.year }));
  linkNeighbours(months, (m) => ({ url: m.url, label: m.label }));

  // Each source's articles, in archive order.
  const bySource = new Map<string, ArticlePage[]>(sourceNames.map((name) => [name, []]));
  for (const page of articles) if (page.source !== undefined) bySource.get(page.source)!.push(page);
  const sources: SourceGroup[] = sourceNames.map((name) => {
    const slug = sourceSlugByName.get(name)!;
    return { name, slug, url: `/sources/${slug}/`, articles: bySource.get(name)! };
  });

  // Similar articles, by slug; each link carries only what it shows.
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  // Computed here, the lists weigh words as the build's do (`similarReference`).
  const reference = similar === undefined ? similarReference(records) : [];
  // One link object per article, however many lists show it.
  const links = new Map<string, SimilarArticle>();
  for (const [slug, matches] of similar ?? findSimilarByProfile(profiles.map((p, i) => ({ ...p, reference: reference[i]! })))) {
    bySlug.get(slug)!.similar = matches.map((m) => memoized(links, m.slug, () => similarLink(bySlug.get(m.slug)!)));
  }

  const topicList = topics === undefined ? topicGroups(articles) : rememberTopics(articles, topics);
  const topicKinds = TOPIC_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], topics: topicList.filter((t) => t.kind === kind) }));

  return {
    site,
    articles,
    articleCount: articles.length,
    years: yearGroups,
    months,
    timeline: timelineChart(yearGroups, undated.length),
    sources,
    topics: topicList,
    topicKinds,
    undated,
    latest: articles.slice(0, LATEST_COUNT),
    updated: dated[0]?.dateTime ?? EPOCH_RFC3339,
  };
}

/** The topic groups a build remembers from one to the next (`toSiteData`'s `topics`). */
export interface TopicMemoryUse {
  /** The code's version (src/cache/code-version.ts): a memory made by other code is not used. */
  version: string;
  previous: TopicMemory | undefined;
  /** Called with this build's memory. */
  keep: (memory: TopicMemory) => void;
}

function rememberTopics(articles: ArticlePage[], use: TopicMemoryUse): TopicGroup[] {
  const { groups, memory } = rememberedTopicGroups(articles, topicInput(articles, use.version), use.previous);
  use.keep(memory);
  return groups;
}

/** The stories of each page of several (`parts`), in page order; a file of one story has none. */
function storiesByFile(records: readonly ArticleRecord[]): Map<string, ArticleRecord[]> {
  const byFile = new Map<string, ArticleRecord[]>();
  for (const record of records) if (record.parts !== undefined) byFile.set(record.file, [...(byFile.get(record.file) ?? []), record]);
  for (const stories of byFile.values()) stories.sort((a, b) => a.part! - b.part!);
  return byFile;
}

/** What the pages show of one date string, and its instant (undefined: not a valid date). */
interface DateFacts {
  instant: number | undefined;
  label: string;
  rfc3339: string | undefined;
}

function dateFacts(value: string, known: Map<string, DateFacts>): DateFacts {
  return memoized(known, value, () => ({ instant: toInstant(value), label: formatDateLabel(value), rfc3339: toRfc3339(value) }));
}

function toArticlePage(record: ArticleRecord, html: string, excerpt: string, sourceSlugs: Map<string, string>, siblings: ArticleRecord[] | undefined, dates: Map<string, DateFacts>): ArticlePage {
  const date = record.date === undefined ? undefined : dateFacts(record.date, dates);
  const valid = date?.instant !== undefined;
  const sourceSlug = record.source === undefined ? undefined : sourceSlugs.get(record.source);
  // The stories of one page share its source text, kept once, in the first story's folder.
  const sourceHolder = siblings?.find(holdsSourceText) ?? record;
  // Every page has every property, in one order (absent ones undefined): pages of one shape
  // are made ~3 times faster than by spreading records of many shapes, and read faster after.
  const page: { [K in keyof Required<ArticlePage>]: ArticlePage[K] | undefined } = {
    slug: record.slug,
    file: record.file,
    title: record.title,
    titleSource: record.titleSource,
    subtitle: record.subtitle,
    date: record.date,
    dateSource: record.dateSource,
    viewedDate: record.viewedDate,
    source: record.source,
    language: record.language,
    section: record.section,
    byline: record.byline,
    body: record.body,
    captions: record.captions,
    related: record.related,
    removed: record.removed,
    topics: record.topics,
    wordCount: record.wordCount,
    encoding: record.encoding,
    part: record.part,
    parts: record.parts,
    warnings: record.warnings,
    url: `/articles/${record.slug}/`,
    sourceTextUrl: `/articles/${sourceHolder.slug}/source.txt`,
    bodyHtml: html,
    dateLabel: valid ? date.label : UNDATED_LABEL,
    excerpt,
    year: valid ? record.date!.slice(0, 4) : undefined,
    month: valid ? record.date!.slice(5, 7) : undefined,
    monthUrl: valid ? `/archive/${record.date!.slice(0, 4)}/${record.date!.slice(5, 7)}/` : undefined,
    dateTime: valid ? date.rfc3339! : undefined,
    sourceSlug,
    sourceUrl: sourceSlug === undefined ? undefined : `/sources/${sourceSlug}/`,
    viewedDateLabel: record.viewedDate === undefined ? undefined : dateFacts(record.viewedDate, dates).label,
    stories: siblings?.map((story) => storyLink(story, story === record)),
    similar: [],
    topicLinks: undefined,
  };
  return page as ArticlePage;
}

function storyLink(record: ArticleRecord, current: boolean): StoryLink {
  return { title: record.title, language: record.language, url: `/articles/${record.slug}/`, part: record.part!, current };
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

/** Each group's `newer` and `older`: its neighbours in the list (newest first). */
function linkNeighbours<T extends { newer?: GroupLink; older?: GroupLink }>(groups: T[], link: (group: T) => GroupLink): void {
  groups.forEach((group, i) => {
    if (i > 0) group.newer = link(groups[i - 1]!);
    if (i + 1 < groups.length) group.older = link(groups[i + 1]!);
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
