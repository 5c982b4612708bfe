/**
 * The Eleventy stage of a build, split so that only what changed is rendered.
 *
 * Every page is a function of a small part of the site data, and of the templates. That
 * part's hash is the page's fingerprint; a page whose fingerprint is the one the
 * previous build recorded is left as it is in the output, and the others are rendered:
 *
 * - an article page shows its own record, its pager links (its neighbours' URL, title,
 *   language and date), its "similar articles" list, its topic links (which topics have a
 *   page, and their names, depend on the whole archive), for a story of a page of several
 *   its siblings' titles and URLs and where the source text is, and the site options;
 * - a year, month, source or topic page shows its articles' teasers (each article's record
 *   without its body), its pager links and its heading (a year page also links to the
 *   undated articles when there are any);
 * - the pages about the archive as a whole (home, archive, undated, sources, search, 404,
 *   feeds, sitemap, robots.txt, _headers, topics: the "front") show the years, sources and
 *   topics with their counts, the undated articles' and the latest articles' teasers (the
 *   feeds their bodies and topic links too), every article's URL and date (the sitemap) and the site options;
 *   they are rendered together, whenever any of that changed;
 * - public/ (the stylesheets) is copied when the templates' code changed.
 *
 * Every fingerprint includes the code version of the templates, public/ and src/site.
 * Article pages are rendered in runs of at most `ARTICLE_CHUNK` pages and
 * `CHUNK_BODY_CHARS` of body HTML, in worker threads when there are many (render-pool.ts),
 * so Eleventy never holds more than one run in memory per thread; so are the year, month,
 * source and topic pages then, in runs of at most `GROUP_CHUNK_TEASERS` teasers.
 *
 * A rebuild need not hash every page again: when the code and the site options are the
 * previous build's, its articles are all there in its order (some may have been added
 * between them), the articles that changed kept their date and source, and the added ones
 * came from sources it had, a page none of whose inputs is a changed or added article
 * keeps the fingerprint the previous build recorded (`PreviousFingerprints`). An article
 * page's inputs are then its neighbours, its similar articles, its stories and its topic
 * links (compared with the previous build's topic groups when they were made again); a
 * source's or topic's pages are their group's articles (and a topic's related topics);
 * a year's or month's, their articles and, when articles were added, the calendar. An
 * edit's rebuild hashes a handful of pages instead of 10,000 (~0.3–0.6 s of its main
 * thread), a day of 100 added ~1,000 (~0.15 s less than all). The front pages keep theirs
 * after an edit, unless a changed article is among the latest, the undated or a year's
 * first: the rest of what they show (counts, URLs, dates) is the previous build's then
 * (hashing them, the sitemap's every URL and date, took ~25 ms of an edit).
 *
 * If a template starts showing more of the data, add it to the fingerprint below;
 * test/build/incremental.test.ts compares a rebuild with a clean build byte for byte to
 * catch exactly that.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { codeVersion, RENDER_CODE } from '../cache/code-version.ts';
import { hashText } from '../cache/hash.ts';
import { PUBLIC_DIR } from '../site/folders.ts';
import { renderSite, type ListingSelection } from '../site/index.ts';
import { pagesOfGroups } from '../site/listing-pages.ts';
import { memoized } from '../site/memo.ts';
import type { SimilarMatch, SimilarMemory } from '../site/similar.ts';
import type { TopicMemory } from '../site/topics.ts';
import type { ArticlePage, GroupLink, ListingPageInfo, MonthGroup, PartsSource, SiteData, SourceGroup, TopicGroup, YearGroup } from '../site/types.ts';
import type { BuildState } from './build-state.ts';
import { isWarm, renderArticlePages, renderFront, renderInThreads, settleAhead, takeFrontAhead, usesRenderWorkers } from './render-pool.ts';

/** The listing units that are not one year, month or source page. */
export const FRONT = 'front';
export const PUBLIC = 'public';

export interface Fingerprints {
  /** slug → fingerprint of the article page. */
  pages: Map<string, string>;
  /** Listing unit (`front`, `public`, or a year, month or source page's URL) → fingerprint. */
  listing: Map<string, string>;
  basis: FingerprintBasis;
}

/** What every fingerprint of a build rests on besides its page's own inputs (kept in the build state). */
export interface FingerprintBasis {
  /** The code version and the site options, as hashed into every fingerprint. */
  siteWide: string;
  /** Hash of the archive order (every article's URL): the pager links, and the order of every list of teasers. */
  order: string;
}

/** The previous build's fingerprints and what they were made of (`previousFingerprints`). */
export interface PreviousFingerprints {
  basis: FingerprintBasis | undefined;
  pages: Record<string, string>;
  listing: Record<string, { fingerprint: string }>;
  /**
   * slug → that build's record key, date, source, number of topics and "similar articles"
   * list (the list object itself: src/site/similar.ts keeps an unchanged list as that
   * object); made on first use, as only a build whose basis is that build's reads it.
   */
  articles: () => ReadonlyMap<string, PreviousArticle>;
  /** That build's topic groups (src/site/topics.ts `TopicMemory`): a build that took them as they were has this very object; one that made its own compares them. */
  topics: TopicMemory | undefined;
}

/** What `PreviousFingerprints` keeps of an article of the previous build. */
export interface PreviousArticle {
  key: string;
  date: string | undefined;
  source: string | undefined;
  /** How many topics its record named (its mentions in `TopicMemory.links`). */
  topics: number;
  similar: readonly SimilarMatch[];
}

/** The previous build's fingerprints, from its state and "similar articles" lists. */
export function previousFingerprints(state: BuildState, similar: SimilarMemory): PreviousFingerprints {
  let articles: ReturnType<PreviousFingerprints['articles']> | undefined;
  const made = () =>
    new Map(state.articles.map(({ key, record }, i) => [state.slugs[i]!, { key, date: record.date, source: record.source, topics: record.topics.length, similar: similar.lists[i] ?? NO_MATCHES }]));
  return { basis: state.fingerprintBasis, pages: state.pages, listing: state.listing, articles: () => (articles ??= made()), topics: state.topics };
}

const NO_MATCHES: readonly SimilarMatch[] = [];

/**
 * `keys`: slug → record key (which covers the record, its body, body HTML and excerpt).
 * An article's page data (`toArticlePage`, src/site/site-data.ts) is made of its record,
 * its slug and its source's slug alone, so those three stand for the article wherever a
 * page shows it as a teaser, without hashing its data. `similar`: the "similar articles"
 * lists the pages of `data` show (slug → list), which a rebuild compares with the
 * previous build's to know the pages whose list moved; required with `previous`. `topics`:
 * this build's topic groups (src/site/topics.ts `TopicMemory`), which a rebuild takes as
 * the previous build's when they are that very object and compares with them otherwise;
 * without them, a rebuild whose previous build had topic groups hashes every page.
 */
export function fingerprintPages(
  data: SiteData,
  keys: Map<string, string>,
  previous?: PreviousFingerprints,
  similar?: ReadonlyMap<string, readonly SimilarMatch[]>,
  topics?: TopicMemory,
): Fingerprints {
  if (previous !== undefined && similar === undefined) throw new Error('fingerprintPages: the previous fingerprints need this build\'s "similar articles" lists');
  const version = codeVersion(RENDER_CODE);
  // The code and the site options, as one short hash in every fingerprint.
  const siteWide = sha1(`${version}\0${JSON.stringify(data.site)}`);
  const basis = { siteWide, order: sha1(data.articles.map((page) => page.url).join('\n')) };
  // The articles changed since the previous build, when its fingerprints hold for the pages that show none of them.
  const changed = previous === undefined ? undefined : changedSince(data, keys, basis, previous, topics);
  const showsChange = (articles: readonly ArticlePage[]) => {
    for (const page of articles) if (changed!.pages.has(page)) return true;
    return false;
  };
  /** Whether the page of `data.articles[i]` shows a changed article, or other "similar articles" than the previous build's. */
  const pageShowsChange = (page: ArticlePage, i: number): boolean => {
    const { pages: changedPages, urls, slugs } = changed!;
    if (changedPages.has(page) || (i > 0 && changedPages.has(data.articles[i - 1]!)) || (i + 1 < data.articles.length && changedPages.has(data.articles[i + 1]!))) return true;
    for (const story of page.stories ?? []) if (urls.has(story.url)) return true;
    if (changed!.topics?.movedLinks.has(page)) return true;
    // The list is the previous one (most often that very object: no strings compared), and none of its articles changed.
    const now = similar!.get(page.slug) ?? NO_MATCHES;
    const before = previous!.articles().get(page.slug)!.similar;
    if (now !== before && (now.length !== before.length || now.some((match, k) => match.slug !== before[k]!.slug))) return true;
    for (const match of now) if (slugs.has(match.slug)) return true;
    return false;
  };
  // Each article's teaser, and each link object's JSON (site-data.ts shares one object per
  // linked article or topic page among the pages that show it), made once.
  const teasers = new Map<ArticlePage, string>();
  const teaser = (page: ArticlePage) => memoized(teasers, page, () => `${keys.get(page.slug) ?? ''}/${page.slug}/${page.sourceSlug ?? ''}`);
  const linkJson = new Map<object, string>();
  const jsonList = (links: readonly object[] | undefined) => `[${(links ?? []).map((link) => memoized(linkJson, link, () => JSON.stringify(link))).join(',')}]`;
  // A topic link or related topic as the page shows it: its address, kind and name (last: a name is one line).
  const topicList = (links: readonly { name: string; kind: string; url?: string; count?: number }[] | undefined) => (links ?? []).map((link) => `${link.url ?? ''} ${link.count ?? ''} ${link.kind} ${link.name}`).join('\n');
  const pagerLink = (page: ArticlePage | undefined) => (page === undefined ? '' : `${page.url} ${page.dateTime ?? ''} ${page.language} ${page.title}`);
  const pages = new Map<string, string>();
  data.articles.forEach((page, i) => {
    const before = changed === undefined ? undefined : previous!.pages[page.slug];
    if (before !== undefined && !pageShowsChange(page, i)) {
      pages.set(page.slug, before);
      return;
    }
    // A story's page also links its siblings ("From the same page") and the source text in the first one's folder.
    const stories = `${page.sourceTextUrl}\0${page.stories === undefined ? '' : JSON.stringify(page.stories)}`;
    pages.set(page.slug, sha1(`${siteWide}\0${teaser(page)}\0${jsonList(page.similar)}\0${topicList(page.topicLinks)}\0${stories}\0${pagerLink(data.articles[i - 1])}\0${pagerLink(data.articles[i + 1])}`));
  });

  // A group page: its heading, pager links and (per month, for a year) its articles as teasers.
  const listing = new Map<string, string>();
  const undated = data.undated.length > 0;
  const teaserList = (articles: ArticlePage[]) => articles.map(teaser).join(' ');
  const links = (group: { newer?: GroupLink; older?: GroupLink }) => JSON.stringify([group.newer ?? null, group.older ?? null]);
  // A year or month page that shows no changed article keeps its fingerprint (its articles
  // are the same: each changed one kept its date, source and topics), unless articles were
  // added in a new year or month (the pager links moved) or undated (a year page links them).
  const calendarMoved = changed?.added === true && (data.undated.some((page) => changed.pages.has(page)) || [...data.years, ...(data.months ?? [])].some((unit) => previous!.listing[unit.url] === undefined));
  const group = (unit: string, articles: readonly ArticlePage[], fingerprint: () => string) => {
    const before = changed === undefined || calendarMoved ? undefined : previous!.listing[unit]?.fingerprint;
    listing.set(unit, before !== undefined && !showsChange(articles) ? before : fingerprint());
  };
  for (const year of data.years) {
    group(year.url, year.articles, () => {
      const months = year.months.map((m) => `${m.month} ${m.name} ${m.label} ${m.url} ${teaserList(m.articles)}`).join('\n');
      return sha1(`${siteWide}\0${undated}\0${year.year}\0${links(year)}\0${months}`);
    });
  }
  for (const month of data.months ?? []) {
    group(month.url, month.articles, () => sha1(`${siteWide}\0${month.year} ${month.month} ${month.name} ${month.label}\0${links(month)}\0${teaserList(month.articles)}`));
  }
  // A source's or topic's pages keep their fingerprints when none of its articles changed
  // (so none came or left, and its pages are the same) and, for a topic, its page and related topics are the previous build's.
  const keptGroups = new Set<string>();
  if (changed !== undefined) {
    for (const source of data.sources) if (!showsChange(source.articles)) keptGroups.add(source.url);
    for (const topic of data.topics ?? []) if ((changed.topics === undefined || changed.topics.kept.has(topic)) && !showsChange(topic.articles)) keptGroups.add(topic.url);
  }
  const groupPage = (page: { url: string; page: ListingPageInfo }, fingerprint: () => string) => {
    const before = keptGroups.has(page.page.groupUrl) ? previous!.listing[page.url]?.fingerprint : undefined;
    listing.set(page.url, before ?? fingerprint());
  };
  // A source's or topic's page (src/site/listing-pages.ts): its count, related topics and link to the older pages on the first page only.
  const place = (page: ListingPageInfo) => JSON.stringify([page.count ?? null, page.number ?? null, page.newer ?? null, page.older ?? null]);
  for (const source of pagesOfGroups(data.sources)) groupPage(source, () => sha1(`${siteWide}\0${source.name}\0${source.slug}\0${place(source.page)}\0${teaserList(source.articles)}`));
  for (const topic of pagesOfGroups(data.topics ?? [])) {
    groupPage(topic, () => {
      const related = topic.page.number === undefined ? topicList(topic.related) : '';
      return sha1(`${siteWide}\0${topic.name}\0${topic.kind}\0${topic.slug}\0${place(topic.page)}\0${teaserList(topic.articles)}\0${related}`);
    });
  }
  // The pages about the archive as a whole show of its articles as such only the latest, the
  // undated and each year's first (its title); the rest they show through counts, URLs and
  // dates, which a rebuild that takes fingerprints (`changed`) has as the previous build had,
  // unless articles were added or the topic groups made again.
  const shownOnFront = [...data.latest, ...data.undated, ...data.years.flatMap((y) => y.articles.slice(0, 1))];
  const frontFingerprint = () => {
    const front = {
      years: data.years.map((y) => [y.year, y.url, y.articles.length, y.articles[0]?.title ?? '', y.months.map((m) => [m.name, m.url])]),
      undated: teaserList(data.undated),
      sources: data.sources.map((s) => [s.name, s.url, s.articles.length]),
      topics: (data.topics ?? []).map((t) => [t.name, t.kind, t.url, t.articles.length]),
      latestTopics: data.latest.map((page) => page.topicLinks ?? []),
      unsourced: data.articles.filter((page) => page.source === undefined).length,
      latest: teaserList(data.latest),
      sitemap: data.articles.map((page) => `${page.url} ${page.date ?? ''} ${page.dateTime ?? ''}`).join('\n'),
      updated: data.updated,
    };
    return sha1(`${siteWide}\0${JSON.stringify(front)}`);
  };
  if (changed !== undefined && (changed.added || changed.topics !== undefined)) listing.set(FRONT, frontFingerprint());
  else group(FRONT, shownOnFront, frontFingerprint);
  listing.set(PUBLIC, sha1(version));
  return { pages, listing, basis };
}

/** What changed since the previous build, when its fingerprints hold for every page that shows none of it (`changedSince`). */
interface Changes {
  /** The articles added, and those whose record key is not the previous build's. */
  pages: Set<ArticlePage>;
  /** Their URLs and slugs. */
  urls: Set<string>;
  slugs: Set<string>;
  /** Whether articles were added. */
  added: boolean;
  /** When this build made its topic groups again: what of them is the previous build's. */
  topics: TopicChanges | undefined;
}

/**
 * The articles added or changed since the previous build, when the previous build's
 * fingerprints hold for every page that shows none of them; undefined when they may not:
 * another code version or site options, an article removed or moved in the archive order,
 * a changed article with another date or source (its month, year or source page changed),
 * or an added article with a new source (the source slugs are made from all their names).
 * With the articles the previous build had in the same order, the pages added articles
 * come between are the pages next to them; a topic group or topic link is compared with
 * that build's (`topicChanges`).
 */
function changedSince(data: SiteData, keys: Map<string, string>, basis: FingerprintBasis, previous: PreviousFingerprints, current: TopicMemory | undefined): Changes | undefined {
  if (previous.basis?.siteWide !== basis.siteWide) return undefined;
  const before = previous.articles();
  const pages = new Set<ArticlePage>();
  let added = 0;
  for (const page of data.articles) {
    const was = before.get(page.slug);
    if (was === undefined) added++;
    else if (keys.get(page.slug) === was.key) continue;
    else if (was.date !== page.date || was.source !== page.source) return undefined;
    pages.add(page);
  }
  // The previous build's articles, none removed, in that build's order.
  const order = added === 0 ? basis.order : sha1(data.articles.flatMap((page) => (before.has(page.slug) ? [page.url] : [])).join('\n'));
  if (order !== previous.basis.order) return undefined;
  if (added > 0 && !sameSourceNames(data, before)) return undefined;
  let topics: TopicChanges | undefined;
  if (current !== previous.topics) {
    topics = previous.topics === undefined || current === undefined ? undefined : topicChanges(data, before, previous.topics, current);
    if (topics === undefined) return undefined;
  }
  return { pages, urls: new Set([...pages].map((page) => page.url)), slugs: new Set([...pages].map((page) => page.slug)), added: added > 0, topics };
}

/**
 * Whether the archive's sources are the previous build's (the articles added came from
 * those sources), and so their slugs: with none of that build's articles gone or moved to
 * another source, each source of this build must have one of them.
 */
function sameSourceNames(data: SiteData, before: ReadonlyMap<string, PreviousArticle>): boolean {
  return data.sources.every((source) => source.articles.some((page) => before.has(page.slug)));
}

/** Topic groups made again, against the previous build's (`topicChanges`). */
interface TopicChanges {
  /** The groups whose name, kind, slug, article count and related topics are the previous build's. */
  kept: Set<TopicGroup>;
  /** The previous build's articles whose topic links are not that build's. */
  movedLinks: Set<ArticlePage>;
}

/**
 * This build's topic groups and links (`current`, src/site/topics.ts `TopicMemory`: groups
 * and mentions as numbers, the mentions in archive order) against the previous build's
 * (`memory`), its articles being in that build's order with added ones between them.
 * Compared as numbers: a group of this build stands for the previous group of the same
 * slug, name and kind. Undefined when the memories do not fit the articles (one is read
 * from a file).
 */
function topicChanges(data: SiteData, before: ReadonlyMap<string, PreviousArticle>, memory: TopicMemory, current: TopicMemory): TopicChanges | undefined {
  const bySlug = new Map(memory.groups.map((group, n) => [group.slug, n]));
  /** Each group of this build → the previous build's that shows as it does (-2: none). */
  const sameAs = current.groups.map(({ slug, name, kind }) => {
    const n = bySlug.get(slug);
    return n !== undefined && memory.groups[n]!.name === name && memory.groups[n]!.kind === kind ? n : -2;
  });
  // Each article's mentions: in the previous build's order, theirs start where the articles before them end.
  const movedLinks = new Set<ArticlePage>();
  let at = 0;
  let now = 0;
  for (const page of data.articles) {
    const count = page.topics.length;
    const was = before.get(page.slug);
    if (was !== undefined) {
      if (at + was.topics > memory.links.length) return undefined;
      let moved = was.topics !== count;
      for (let j = 0; !moved && j < count; j++) {
        const n = current.links[now + j]!;
        moved = n === -1 ? memory.links[at + j] !== -1 : sameAs[n] !== memory.links[at + j];
      }
      if (moved) movedLinks.add(page);
      at += was.topics;
    }
    now += count;
  }
  if (at !== memory.links.length || now !== current.links.length || (data.topics ?? []).length !== current.groups.length) return undefined;
  // A group whose page shows as the previous one's: the same count, and related topics that show as theirs did, with the same counts.
  const kept = new Set<TopicGroup>();
  current.groups.forEach(({ members, related }, c) => {
    const was = memory.groups[sameAs[c]!];
    if (was === undefined || was.members.length !== members.length || was.related.length !== related.length) return;
    for (let k = 0; k < related.length; k += 2) if (sameAs[related[k]!] !== was.related[k] || related[k + 1] !== was.related[k + 1]) return;
    kept.add(data.topics![c]!);
  });
  return { kept, movedLinks };
}

export interface RenderPlan {
  /** The article pages to render, in archive order. */
  articles: ArticlePage[];
  /** The listing units to render (`front`, `public`, group URLs). */
  listing: Set<string>;
}

/** What to render: the pages whose fingerprint is not `previous`'s (everything without one). */
export function planRender(
  data: SiteData,
  fingerprints: Fingerprints,
  previous: { pages: Record<string, string>; listing: Record<string, { fingerprint: string }> } | undefined,
): RenderPlan {
  return {
    articles: data.articles.filter((page) => previous?.pages[page.slug] !== fingerprints.pages.get(page.slug)),
    listing: new Set([...fingerprints.listing].filter(([unit, fingerprint]) => previous?.listing[unit]?.fingerprint !== fingerprint).map(([unit]) => unit)),
  };
}

export interface RenderResult {
  /** Article pages rendered. */
  rendered: number;
  /** The files each rendered listing unit wrote, relative to the site. */
  listingFiles: Map<string, string[]>;
  /** The render threads that wrote pages (0: all in the calling thread). */
  threads: number;
}

/**
 * Where `renderPages` renders `plan`: many pages in worker threads (`threads`); a few in
 * the render thread a rebuild started ahead (`beside`: the calling thread can do other
 * work meanwhile, and those pages, the pages about the archive as a whole and the new
 * articles' go there too), or else in the calling thread (`here`).
 */
export function renderMode(plan: RenderPlan): 'threads' | 'beside' | 'here' {
  const pages = plan.articles.length + [...plan.listing].filter((unit) => unit !== FRONT && unit !== PUBLIC).length;
  return usesRenderWorkers(pages) ? 'threads' : isWarm() && pages > 0 ? 'beside' : 'here';
}

/** Render the pages of `plan` into `dir` (a new site, or the staging folder of a rebuild). */
export async function renderPages(data: SiteData, dir: string, plan: RenderPlan, partsOf?: PartsSource): Promise<RenderResult> {
  const only = <T extends { url: string }>(groups: readonly T[] | undefined) => (groups ?? []).filter((g) => plan.listing.has(g.url));
  const selection: ListingSelection = {
    front: plan.listing.has(FRONT),
    public: plan.listing.has(PUBLIC),
    years: only<YearGroup>(data.years),
    months: only<MonthGroup>(data.months),
    sources: only(pagesOfGroups(data.sources)),
    topics: only(pagesOfGroups(data.topics ?? [])),
  };
  // Of the listings, only the feeds show bodies: those of the latest articles.
  const latestOf = async (listings: { front: boolean }) => (partsOf === undefined || !listings.front ? data.latest : await Promise.all(data.latest.map(async (page) => ({ ...page, ...(await partsOf(page)) }))));
  const listingsRun = async (listings: ListingSelection) => renderSite({ ...data, latest: await latestOf(listings) }, dir, { articles: [], listings });
  const { front, public: copyPublic, ...groups } = selection;
  const parts = partsOf === undefined ? {} : { partsOf };
  let here: { files: string[] };
  let threads = 0;
  let ahead: { files: string[] } | undefined;
  const mode = renderMode(plan);
  // The pages about the archive as a whole, when a rebuild posted them with its new articles' (render-pool.ts `renderAhead`).
  const frontAhead = takeFrontAhead();
  const frontNow = front && frontAhead === undefined;
  if (mode !== 'here') {
    // The article pages and the year, month, source and topic pages in worker threads, a
    // run at a time. The pages about the archive as a whole: for a rebuild's few pages, in
    // the render thread started ahead too (posted before the other runs take it), so that
    // this thread brings the search index up to date without loading Eleventy; else here.
    const frontOnly = { front: frontNow, public: copyPublic, years: [], months: [], sources: [], topics: [] };
    const latest = mode === 'beside' && (frontNow || copyPublic) ? await latestOf({ front: frontNow }) : undefined;
    const inThread = latest === undefined ? undefined : renderFront(data, dir, { front: frontNow, public: copyPublic }, latest);
    let inThreads: { threads: number };
    [here, inThreads, ahead] = await Promise.all([inThread ?? listingsRun(frontOnly), renderInThreads(data, dir, plan.articles, groups, parts), frontAhead]);
    threads = inThreads.threads;
  } else {
    // One after the other (one Eleventy at a time per thread): every listing page in one run, then the article pages.
    ahead = await frontAhead;
    const written = await settleAhead();
    here = await listingsRun({ ...selection, front: frontNow });
    await renderArticlePages(data, dir, plan.articles.filter((page) => !written.has(page.slug)), parts);
  }
  // Front pages written ahead that the plan does not list are the previous build's, byte for byte (their fingerprint is).
  const listings = { files: [...here.files, ...(front ? (ahead?.files ?? []) : [])] };

  const listingFiles = new Map<string, string[]>();
  const groupFile = (url: string) => `${url.slice(1)}index.html`;
  const grouped = new Set<string>();
  for (const group of [...selection.years, ...selection.months, ...selection.sources, ...selection.topics]) {
    listingFiles.set(group.url, [groupFile(group.url)]);
    grouped.add(groupFile(group.url));
  }
  if (selection.front) listingFiles.set(FRONT, listings.files.filter((file) => !grouped.has(file)).sort());
  if (selection.public) listingFiles.set(PUBLIC, publicFiles());
  return { rendered: plan.articles.length, listingFiles, threads };
}

/** The files public/ puts into the site. */
function publicFiles(): string[] {
  return readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(PUBLIC_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const sha1 = (text: string) => hashText('sha1', text);
