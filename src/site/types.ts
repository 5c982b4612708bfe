/**
 * What the templates see: the records, plus what the build derived for display.
 * Built by `toSiteData` (src/site/site-data.ts) and handed to Eleventy as the global
 * data object `archive`.
 */
import type { ArticleRecord, TopicKind } from '../record.ts';
import type { TimelineChart } from './timeline.ts';

export interface SiteOptions {
  /** Site title shown in the header and feeds. */
  title: string;
  /** One-line description for feeds and the home page. */
  description: string;
  /** Absolute URL of the published site (no trailing slash), for feeds and sitemap. */
  siteUrl: string;
  /** URL prefix the site lives under, `/` or `/sub/` (leading and trailing slash). */
  pathPrefix: string;
}

export interface ArticlePage extends ArticleRecord {
  /** Site-relative URL without the path prefix: `/articles/<slug>/`. */
  url: string;
  /** Site-relative URL of the unchanged input file: `/articles/<slug>/source.txt` (the first story's slug, for every story of a page of several). */
  sourceTextUrl: string;
  /** The body rendered by unified and sanitized; the only HTML templates print unescaped. */
  bodyHtml: string;
  /** Four-digit year of `date`, when dated. */
  year?: string;
  /** Human date such as `27 March 2019` (with `, 08:26 GMT` when a time is known), or `Undated`. */
  dateLabel: string;
  /** Slug of the source page, when the article has a source. */
  sourceSlug?: string;
  /** Site-relative URL of the source page, when the article has a source: `/sources/<source-slug>/`. */
  sourceUrl?: string;
  /** RFC 3339 date-time of `date` for feeds (`2019-03-27T00:00:00Z`), when dated. */
  dateTime?: string;
  /** `dateLabel` of `viewedDate`, when the page records when it was viewed. */
  viewedDateLabel?: string;
  /** Plain text: the first words of the body, for lists and feed summaries. */
  excerpt: string;
  /** Two-digit month of `date`, and its archive page (`/archive/2019/03/`), when dated. */
  month?: string;
  monthUrl?: string;
  /**
   * The most similar other articles, best first (src/site/similar.ts), computed at build
   * time. toSiteData always sets it (and `months`, `timeline` below); they are optional
   * only so that hand-made pages in tests stay valid.
   */
  similar?: SimilarArticle[];
  /** The article's topics, each with its topic page when it has one (src/site/topics.ts); set by toSiteData. */
  topicLinks?: TopicLink[];
  /** A story of a page that held several: every story of that page in page order, this one `current` ("From the same page"). */
  stories?: StoryLink[];
}

/** One story of a page of several, as its siblings link it. */
export interface StoryLink {
  title: string;
  /** The story's language (BCP 47). */
  language: string;
  url: string;
  /** Its place on the page, from 1. */
  part: number;
  /** The story of the page that shows the list: named, not linked. */
  current: boolean;
}

/** A topic as an article shows it: its name and kind, and its page when it has one. */
export interface TopicLink {
  name: string;
  kind: TopicKind;
  /** `/topics/<slug>/`; none when the topic has too few articles for a page. */
  url?: string;
}

/** A topic with a page: its articles newest first and the topics that appear with it most. */
export interface TopicGroup {
  name: string;
  kind: TopicKind;
  slug: string;
  url: string;
  articles: ArticlePage[];
  related: (TopicLink & { url: string; count: number })[];
}

/** One page of a source's or topic's articles (src/site/listing-pages.ts): the group with the page's URL and articles, and where it sits. */
export type ListingPage<G extends SourceGroup | TopicGroup> = G & { page: ListingPageInfo };

/** Where one page of a source's or topic's articles sits among the group's pages (src/site/listing-pages.ts). */
export interface ListingPageInfo {
  /** The group's own URL: its first page. */
  groupUrl: string;
  /** The group's article count: on its first page only (a numbered page does not change with it). */
  count?: number;
  /** A numbered page's number, 1 the oldest; none on the group's first page. */
  number?: number;
  newer?: GroupLink;
  older?: GroupLink;
}

/** The topics of one kind, for the topics index. */
export interface TopicKindGroup {
  kind: TopicKind;
  /** `People`, `Organisations`, `Places`. */
  label: string;
  /** Most covered first. */
  topics: TopicGroup[];
}

/**
 * A page's rendered body. The build may keep bodies out of the pages (in the record
 * cache, on disk) and fetch each when a stage needs it; by default it is `page.bodyHtml`.
 */
export type BodySource = (page: ArticlePage) => Promise<string>;

/** The parts of an article page the build may keep out of memory: what only the article's own page shows (its body, captions, "see also" links, the lines left out as page chrome). */
export type PageParts = Pick<ArticlePage, 'bodyHtml' | 'removed' | 'captions' | 'related'>;
export type PartsSource = (page: ArticlePage) => Promise<PageParts>;

/** Just what a "similar articles" link shows; not the whole page, so pages do not nest. */
export interface SimilarArticle {
  title: string;
  /** The article's language (BCP 47). */
  language: string;
  url: string;
  dateLabel: string;
  /** The record's date, for `<time datetime>`, when dated. */
  date?: string;
  source?: string;
}

/** A pager link to the neighbouring year or month page: just what the pager shows. */
export interface GroupLink {
  url: string;
  /** `2019`, or `March 2019`. */
  label: string;
}

export interface MonthGroup {
  year: string;
  /** `03`. */
  month: string;
  /** `March`. */
  name: string;
  /** `March 2019`. */
  label: string;
  /** `/archive/2019/03/`. */
  url: string;
  articles: ArticlePage[];
  /** The next newer and older months with articles (set with the pager, so a month page renders the same alone). */
  newer?: GroupLink;
  older?: GroupLink;
}

export interface YearGroup {
  year: string;
  url: string;
  articles: ArticlePage[];
  /** The year's months that have articles, newest first. */
  months: MonthGroup[];
  /** The next newer and older years with articles. */
  newer?: GroupLink;
  older?: GroupLink;
}

export interface SourceGroup {
  name: string;
  slug: string;
  url: string;
  articles: ArticlePage[];
}

export interface SiteData {
  site: SiteOptions;
  /** Newest first; undated articles after all dated ones, in title order. */
  articles: ArticlePage[];
  /** `articles.length`. */
  articleCount: number;
  /** Newest year first. */
  years: YearGroup[];
  /** Every month with articles, newest first (the month pages). */
  months?: MonthGroup[];
  /** The home page's bar chart of articles per year. */
  timeline?: TimelineChart;
  /** In name order. */
  sources: SourceGroup[];
  /** Topics with a page, most covered first (src/site/topics.ts); optional only for hand-made data in tests. */
  topics?: TopicGroup[];
  /** The same topics by kind: people, organisations, places. */
  topicKinds?: TopicKindGroup[];
  undated: ArticlePage[];
  /** The newest articles (the head of `articles`), for the home page and the feeds. */
  latest: ArticlePage[];
  /** RFC 3339: the newest article's date, or the epoch when nothing is dated (never the build time). */
  updated: string;
}
