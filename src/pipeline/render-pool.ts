/**
 * Article pages, and the pages of one year, month, source or topic each, across the
 * machine's cores: Eleventy runs in worker threads, each writing runs of pages into the
 * same temporary folder (every page is its own file, so they never write the same one),
 * while the main thread renders the pages about the archive as a whole. A few pages are
 * rendered in the main thread: starting a worker costs more.
 *
 * An article page shows its own record, its pager links, its "similar" list (already
 * resolved to links) and, in the footer, the site options and the article count; a
 * year, month, source or topic page its articles as teasers (a dozen fields of each,
 * `asTeaser`) and, for a year, whether there are undated articles. So a worker is sent
 * just the site options, the count and the undated articles' teasers, then runs of pages
 * with their pager links set here, or of groups with their teasers: its memory does not
 * grow with the archive.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { asTeaser, FRONT_FIELDS, renderSite, teaserGroups, teaserMaker, withPagerLinks, type GroupSelection, type PagedArticle } from '../site/index.ts';
import type { ArticlePage, PartsSource, SiteData, SiteOptions } from '../site/types.ts';
import type { Worker } from 'node:worker_threads';
import { bundledWorkers, startTsWorker } from './worker-thread.ts';

/** Article pages per Eleventy run at most: big enough that the start of a run is noise. */
export const ARTICLE_CHUNK = 250;
/**
 * And at most this much body HTML per run (a run holds its pages and their output in
 * memory): 250 typical pages are ~2 MB; a chunk of 2 MB articles would be 500 MB, so
 * such pages go a few at a time (a page bigger than this goes alone).
 */
export const CHUNK_BODY_CHARS = 8_000_000;
/**
 * Teasers per run of year, month, source or topic pages at most (with `ARTICLE_CHUNK`
 * pages): a teaser is ~1 kB of data and ~0.7 kB of HTML, so a run holds ~10 MB; a
 * 10,000-article archive's 4,000 topic pages list ~25 each.
 */
export const GROUP_CHUNK_TEASERS = 5000;
/** Heap of a render thread: Eleventy and one chunk of pages with their bodies (measured: ~60 MB used for 250 typical pages). */
const WORKER_HEAP_MB = 128;
/** Fewer pages than this are rendered in the main thread: a worker takes about a second to load Eleventy. */
export const MIN_PAGES_FOR_WORKERS = 1500;
/**
 * A rebuild with this many pages left for the render thread started ahead (the day's
 * articles' topic pages and the lists they enter: ~700 at 10,000 articles, 100 added)
 * takes a second thread beside it: it loads Eleventy (~0.6 s) while the first renders,
 * and the two then share the rest on the core the main thread leaves once the search
 * index is up to date. An edit's dozen pages stay in the one thread.
 */
export const HELPER_PAGES = 300;
/**
 * Runs posted to a thread ahead of its replies: the next run is there when one ends. A
 * rebuild's one thread (`beside`: fewer than MIN_PAGES_FOR_WORKERS pages) gets them all
 * at once, as the main thread, busy with the search index, answers a reply only between
 * two of its steps (at 10,000 articles, 100 added: the render thread waited 3.7 s for its
 * last run).
 */
const RUNS_IN_FLIGHT = 2;
/**
 * Runs a rebuild's pages are cut into when a second thread helps: that thread starts
 * loading Eleventy (~0.6 s) when the first already renders, and a thread takes the next
 * run when it ends one. In halves of halves (two runs each, posted ahead) the second
 * thread still rendered ~0.7 s after the first had finished (a day at 10,000 articles).
 */
const HELPED_RUNS = 8;

export function defaultRenderWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

export interface RenderPoolOptions {
  workers?: number;
  chunk?: number;
  minPagesForWorkers?: number;
  /** `HELPER_PAGES`. */
  helperPages?: number;
}

const partsInPage: PartsSource = async ({ bodyHtml, removed, captions, related }) => ({ bodyHtml, removed, captions, related });

/**
 * `pages` in order, cut into runs of at most `size` pages and (but for a page alone)
 * `maxChars` of body HTML; each page's body is fetched by `partsOf` as its run is made,
 * so only the runs on their way to a thread hold bodies. `take` gives the runs one by
 * one (also when called again before the last one is made), then `undefined`.
 */
export function chunkReader(pages: ArticlePage[], size: number, maxChars: number, partsOf: PartsSource = partsInPage): { take(): Promise<ArticlePage[] | undefined> } {
  let next = 0;
  let carried: ArticlePage | undefined;
  const make = async (): Promise<ArticlePage[] | undefined> => {
    const chunk: ArticlePage[] = [];
    let chars = 0;
    for (;;) {
      let page = carried;
      carried = undefined;
      if (page === undefined) {
        if (next >= pages.length) break;
        const bare = pages[next++]!;
        page = { ...bare, ...(await partsOf(bare)) };
      }
      if (chunk.length === size || (chunk.length > 0 && chars + page.bodyHtml.length > maxChars)) {
        carried = page;
        break;
      }
      chunk.push(page);
      chars += page.bodyHtml.length;
    }
    return chunk.length > 0 ? chunk : undefined;
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    take: () => {
      const made = queue.then(make);
      queue = made.catch(() => {});
      return made;
    },
  };
}

/**
 * `groups` cut into runs of at most `size` pages and (but for a page alone) `maxTeasers`
 * teasers, in order: years, months, sources, topics.
 */
export function groupRuns(groups: GroupSelection, size: number, maxTeasers: number): GroupSelection[] {
  const runs: GroupSelection[] = [];
  let run: { years: GroupSelection['years'][number][]; months: GroupSelection['months'][number][]; sources: GroupSelection['sources'][number][]; topics: GroupSelection['topics'][number][] } | undefined;
  let pages = 0;
  let teasers = 0;
  const add = <K extends keyof GroupSelection>(kind: K, group: GroupSelection[K][number]) => {
    if (run === undefined || pages === size || (pages > 0 && teasers + group.articles.length > maxTeasers)) {
      runs.push((run = { years: [], months: [], sources: [], topics: [] }));
      pages = 0;
      teasers = 0;
    }
    (run[kind] as GroupSelection[K][number][]).push(group);
    pages += 1;
    teasers += group.articles.length;
  };
  for (const kind of ['years', 'months', 'sources', 'topics'] as const) for (const group of groups[kind]) add(kind, group);
  return runs;
}

/** The number of pages in `groups`. */
export function groupPageCount(groups: GroupSelection): number {
  return groups.years.length + groups.months.length + groups.sources.length + groups.topics.length;
}

/** Whether `renderInThreads` renders this many pages in worker threads (else `renderArticlePages` renders them in the calling thread). */
export function usesRenderWorkers(pages: number, options: RenderPoolOptions = {}): boolean {
  const chunks = Math.ceil(pages / (options.chunk ?? ARTICLE_CHUNK));
  return pages >= (options.minPagesForWorkers ?? MIN_PAGES_FOR_WORKERS) && Math.min(options.workers ?? defaultRenderWorkers(), chunks) > 1;
}

/** Render `pages` (article pages of `data`) into `outputDir` in the calling thread, a run at a time; resolves to the number of pages written. */
export async function renderArticlePages(data: SiteData, outputDir: string, pages: ArticlePage[], options: { chunk?: number; partsOf?: PartsSource } = {}): Promise<number> {
  const chunks = chunkReader(pages, options.chunk ?? ARTICLE_CHUNK, CHUNK_BODY_CHARS, options.partsOf);
  let written = 0;
  for (let chunk = await chunks.take(); chunk !== undefined; chunk = await chunks.take()) {
    written += (await renderSite(data, outputDir, { articles: chunk, listings: false })).pages;
  }
  return written;
}

/** A run for a render thread: article pages with their pager links, listing groups with their teasers, or both. */
export interface RenderRun {
  pages?: PagedArticle[];
  groups?: GroupSelection;
  /** The pages about the archive as a whole, from this data (`renderFront`), and which of them. */
  front?: SiteData;
  listings?: { front: boolean; public: boolean };
}

/** What a render thread is sent of the archive: the site options, the count and the undated articles' teasers (a year page links to the undated articles when there are any: the one thing of the archive a group page shows beyond its own). */
function threadSite(data: SiteData): SiteData {
  return { site: data.site, articleCount: data.articleCount, articles: [], years: [], sources: [], undated: data.undated.map((page) => asTeaser(page) as ArticlePage), latest: [], updated: data.updated };
}

/** What each render thread was last sent of the archive (`postSite`). */
const sentSite = new WeakMap<Worker, { data: SiteData; outputDir: string; flat: string | undefined; spares: SpareFiles | undefined }>();

/** Spare files for the render threads to write their staged pages over (spare-files.ts): their paths, and how many the threads have taken (shared). */
export interface SpareFiles {
  paths: string[];
  taken: Int32Array;
}

/** The spare files of this rebuild (`spareFilesIn`). */
let spareFiles: SpareFiles | undefined;

/** From now on, the render threads write the pages they stage over these files (spare-files.ts), each taken once; none with `undefined`. */
export function spareFilesIn(paths: string[] | undefined): void {
  spareFiles = paths === undefined || paths.length === 0 ? undefined : { paths, taken: new Int32Array(new SharedArrayBuffer(4)) };
}

/** Where the render threads stage a rebuild's article, year, month, source and topic pages side by side (`stageFlatIn`), if they do. */
let flatFolder: string | undefined;

/**
 * From now on, the render threads write the article, year, month, source and topic pages
 * of the runs posted to them side by side into `folder` (src/pipeline/commit.ts
 * `stageFlat`: a rebuild's staging folder), not at their paths in the output folder; or,
 * with `undefined`, at their paths again.
 */
export function stageFlatIn(folder: string | undefined): void {
  flatFolder = folder;
}

/** Send `thread` the archive (`threadSite`), the output folder and `flatFolder`, unless it has them already (the runs posted ahead and `renderInThreads` each need them). */
function postSite(thread: Worker, data: SiteData, outputDir: string): void {
  const sent = sentSite.get(thread);
  if (sent?.data === data && sent.outputDir === outputDir && sent.flat === flatFolder && sent.spares === spareFiles) return;
  sentSite.set(thread, { data, outputDir, flat: flatFolder, spares: spareFiles });
  thread.postMessage({ kind: 'site', data: threadSite(data), outputDir, flat: flatFolder, spares: spareFiles });
}

/** A render thread started ahead of need (`warmUp`). */
let warm: Worker | undefined;

/** The ids of the runs posted to the thread started ahead before `renderInThreads` takes it (its own runs count from 0). */
const AHEAD_RUN = -1;
const FRONT_RUN = -2;
/** A thread's answer to a run. */
interface RunReply {
  id: number;
  pages?: number;
  files?: string[];
  error?: string;
}
/** The new articles' run (`renderAhead`): its pages' slugs, and their count once written. */
let ahead: { slugs: ReadonlySet<string>; done: Promise<number> } | undefined;
/** The front pages' run `renderAhead` posted with it: the files written. */
let frontAhead: Promise<{ pages: number; files: string[] }> | undefined;
/** Every run posted to the thread started ahead before `renderInThreads` takes it, which waits for them all. */
let outside: Promise<unknown>[] = [];

/** Post a run to the thread started ahead; resolves to its reply. */
function postToWarm(thread: Worker, id: number, run: object): Promise<RunReply> {
  thread.ref();
  const reply = new Promise<RunReply>((resolve, reject) => {
    const answer = (message: RunReply) => {
      if (message.id !== id) return;
      thread.off('message', answer);
      if (message.error !== undefined) reject(new Error(`site: ${message.error}`));
      else resolve(message);
    };
    thread.on('message', answer);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`a render worker stopped (exit code ${code})`)));
  });
  // Not awaited when the build stops before its render (the error thrown is that one).
  reply.catch(() => {});
  outside.push(reply);
  thread.postMessage({ kind: 'run', id, ...run });
  return reply;
}

/**
 * Post `pages` (article pages of `data` that a rebuild renders whatever the fingerprints
 * say: the new articles') to the render thread started ahead, as one run, now, and the
 * pages about the archive as a whole after them (a new article changes its count and the
 * sitemap): the thread writes them while the main thread takes the fingerprints of the
 * rest (at 10,000 articles, 100 added: ~0.5–0.7 s it would otherwise wait). The thread
 * stays for `renderInThreads`, which leaves those pages out, waits for both runs and
 * counts the pages; `takeFrontAhead` gives the front pages' files. Returns whether the
 * runs went (a thread was warm).
 */
export async function renderAhead(data: SiteData, outputDir: string, pages: ArticlePage[], partsOf: PartsSource = partsInPage): Promise<boolean> {
  const thread = warm;
  if (thread === undefined || ahead !== undefined || pages.length === 0) return false;
  const [withParts, latest] = await Promise.all([
    Promise.all(pages.map(async (page) => ({ ...page, ...(await partsOf(page)) }))),
    Promise.all(data.latest.map(async (page) => ({ ...page, ...(await partsOf(page)) }))),
  ]);
  if (warm !== thread) return false;
  postSite(thread, data, outputDir);
  const done = postToWarm(thread, AHEAD_RUN, { pages: withPagerLinks(data.articles, withParts) }).then((reply) => reply.pages!);
  ahead = { slugs: new Set(pages.map((page) => page.slug)), done };
  frontAhead = renderFront(data, outputDir, { front: true, public: false }, latest);
  return true;
}

/** Wait for the runs `renderAhead` posted, where no `renderInThreads` takes the thread: the slugs of the article pages they wrote. */
export async function settleAhead(): Promise<ReadonlySet<string>> {
  const runs = outside;
  const early = ahead;
  outside = [];
  ahead = undefined;
  await Promise.all(runs);
  return early?.slugs ?? new Set();
}

/** The front pages' run `renderAhead` posted, if any (then forgotten): its files, once written. */
export function takeFrontAhead(): Promise<{ pages: number; files: string[] }> | undefined {
  const run = frontAhead;
  frontAhead = undefined;
  return run;
}

/**
 * The pages about the archive as a whole (`listings`: the front pages and/or public/), in
 * the render thread started ahead, when there is one: the main thread then need not load
 * Eleventy (~0.6 s of a rebuild's) beside the search update. `data`'s articles go as
 * teasers (`frontData`); `latest` are the latest articles with their bodies (the feeds).
 * Undefined without a thread; else the files written, once written.
 */
export function renderFront(data: SiteData, outputDir: string, listings: { front: boolean; public: boolean }, latest: ArticlePage[]): Promise<{ pages: number; files: string[] }> | undefined {
  const thread = warm;
  if (thread === undefined) return undefined;
  postSite(thread, data, outputDir);
  return postToWarm(thread, FRONT_RUN, { front: frontData(data, latest), listings }).then((reply) => ({ pages: reply.pages!, files: reply.files! }));
}

/**
 * What the pages about the archive as a whole show of `data`: every article as what those
 * pages read of it (`FRONT_FIELDS`: the sitemap's URL and date, the counts, a year's first
 * title), one object per article however many lists hold it (a message sends it once);
 * the undated as teasers (their page lists them), and the latest with their bodies.
 */
export function frontData(data: SiteData, latest: ArticlePage[]): SiteData {
  const teasers = teaserMaker(FRONT_FIELDS);
  const months = (data.months ?? []).map((month) => ({ ...month, articles: teasers(month.articles) }));
  const monthOf = new Map((data.months ?? []).map((month, i) => [month, months[i]!]));
  // A topic's related topics are on its own page only.
  const topics = (data.topics ?? []).map((topic) => ({ ...topic, articles: teasers(topic.articles), related: [] }));
  const topicOf = new Map((data.topics ?? []).map((topic, i) => [topic, topics[i]!]));
  return {
    ...data,
    articles: teasers(data.articles),
    years: data.years.map((year) => ({ ...year, articles: teasers(year.articles), months: year.months.map((month) => monthOf.get(month) ?? { ...month, articles: teasers(month.articles) }) })),
    months,
    sources: data.sources.map((source) => ({ ...source, articles: teasers(source.articles) })),
    topics,
    ...(data.topicKinds !== undefined ? { topicKinds: data.topicKinds.map((kind) => ({ ...kind, topics: kind.topics.map((topic) => topicOf.get(topic)!) })) } : {}),
    undated: teaserMaker()(data.undated),
    latest,
  };
}

/**
 * Start one render thread now, for a rebuild: Eleventy (~0.3 s) loads on another core
 * while the main thread makes the site data, and the changed pages then render there
 * while the main thread brings the search index up to date (render-pages.ts). Used by the
 * next `renderInThreads`, or let go by `coolDown`. Only from the bundle (`bundledWorkers`):
 * a worker under tsx loads for seconds.
 */
export function warmUp(site: SiteOptions): void {
  if (warm !== undefined || !bundledWorkers()) return;
  warm = startTsWorker(new URL('./render-worker.ts', import.meta.url), WORKER_HEAP_MB);
  // A page for practice while it waits (render-worker.ts `renderPractice`).
  warm.postMessage({ kind: 'warm', site });
  // It must not keep the process alive should no render come.
  warm.unref();
}

/** Whether a render thread was started ahead (`warmUp`) and not used yet. */
export function isWarm(): boolean {
  return warm !== undefined;
}

export async function coolDown(): Promise<void> {
  const worker = warm;
  warm = undefined;
  ahead = undefined;
  frontAhead = undefined;
  outside = [];
  // The build's staging folder goes with it, and its spare files.
  flatFolder = undefined;
  spareFiles = undefined;
  await stop(worker);
}

/** Where a render thread renders its practice page (render-worker.ts `renderPractice`): below the system's temporary folder, named after the process and the thread. */
export function practiceFolder(threadId: number): string {
  return path.join(os.tmpdir(), `news-archive-practice-${process.pid}-${threadId}`);
}

/** Stop a render thread, and remove its practice folder should it have been stopped in the middle of that page. */
async function stop(worker: Worker | undefined): Promise<void> {
  if (worker === undefined) return;
  const { threadId } = worker;
  await worker.terminate();
  await rm(practiceFolder(threadId), { recursive: true, force: true });
}

/**
 * Render `pages` (article pages of `data`) and the pages of `groups` into `outputDir` in
 * worker threads: in the one started ahead (`warmUp`) and, for many pages, a second one
 * (`HELPER_PAGES`), or in as many as `usesRenderWorkers` gives; resolves to the number
 * of pages written and of threads that wrote them.
 */
export async function renderInThreads(
  data: SiteData,
  outputDir: string,
  pages: ArticlePage[],
  groups: GroupSelection,
  options: RenderPoolOptions & { partsOf?: PartsSource } = {},
): Promise<{ pages: number; threads: number }> {
  // The runs posted to the thread started ahead (`renderAhead`, `renderFront`): `early`'s pages are written there already.
  const early = ahead;
  const before = outside;
  ahead = undefined;
  outside = [];
  if (early !== undefined) pages = pages.filter((page) => !early.slugs.has(page.slug));
  const started = warm;
  warm = undefined;
  started?.ref();
  /** The pages these runs write (those posted ahead are written already). */
  const left = pages.length + groupPageCount(groups);
  const beside = started !== undefined && !usesRenderWorkers(left + (early?.slugs.size ?? 0), options);
  // A rebuild's many pages (the day's articles' topics and lists) in two threads, in runs of an eighth each.
  const helped = beside && left >= (options.helperPages ?? HELPER_PAGES) && (options.workers ?? defaultRenderWorkers()) > 1;
  const size = options.chunk ?? (helped ? Math.ceil(left / HELPED_RUNS) : ARTICLE_CHUNK);
  const chunks = chunkReader(pages, size, CHUNK_BODY_CHARS, options.partsOf);
  const listings = groupRuns(groups, size, GROUP_CHUNK_TEASERS);
  const runs = Math.ceil(pages.length / size) + listings.length;
  const count = helped ? 2 : beside ? 1 : Math.max(1, Math.min(options.workers ?? defaultRenderWorkers(), runs));
  const next = async (): Promise<RenderRun | undefined> => {
    const chunk = await chunks.take();
    // A run of article pages takes a run of listing pages along when both fit in one (one Eleventy run instead of two).
    const along = chunk !== undefined && listings[0] !== undefined && chunk.length + groupPageCount(listings[0]) <= size ? listings.shift() : undefined;
    if (chunk !== undefined) return { pages: withPagerLinks(data.articles, chunk), ...(along !== undefined ? { groups: teaserGroups(along) } : {}) };
    const run = listings.shift();
    return run === undefined ? undefined : { groups: teaserGroups(run) };
  };

  let id = 0;
  let written = 0;
  const threads = [...(started !== undefined ? [started] : []), ...Array.from({ length: count - (started !== undefined ? 1 : 0) }, () => startTsWorker(new URL('./render-worker.ts', import.meta.url), WORKER_HEAP_MB))];
  try {
    await Promise.all([
      early?.done.then((count) => void (written += count)),
      ...before,
      ...threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            postSite(thread, data, outputDir);
            let posted = 0;
            let ended = false;
            const send = async () => {
              const run = ended ? undefined : await next();
              if (run === undefined) {
                ended = true;
                if (posted === 0) resolve();
                return;
              }
              posted++;
              thread.postMessage({ kind: 'run', id: id++, ...run });
            };
            thread.on('message', (reply: { id: number; pages?: number; error?: string }) => {
              // A run posted before (`renderAhead`, `renderFront`) is answered to its own listener.
              if (reply.id < 0) return;
              if (reply.error !== undefined) return reject(new Error(`site: ${reply.error}`));
              written += reply.pages!;
              posted--;
              send().catch(reject);
            });
            thread.once('error', reject);
            thread.once('exit', (code) => reject(new Error(`a render worker stopped (exit code ${code})`)));
            const postAhead = async () => {
              for (let k = 0; k < (beside && !helped ? Infinity : RUNS_IN_FLIGHT) && !ended; k++) await send();
            };
            postAhead().catch(reject);
          }),
      ),
    ]);
  } finally {
    await Promise.all(threads.map(stop));
  }
  return { pages: written, threads: threads.length };
}
