/**
 * The pipeline: read → extract → render → Eleventy → search index → swap.
 *
 * Everything is written into a temporary folder beside the output folder; the output
 * folder is replaced only once the new site is complete, so a failed or interrupted
 * build leaves the previous site exactly as it was.
 *
 * What makes a large archive fast (src/cache, src/pipeline):
 * - read: every file is hashed; a record whose key (bytes + path + extractor code) is in
 *   the record cache is not extracted again (src/cache/record-cache.ts);
 * - extract: the others are extracted, and their bodies rendered, in worker threads;
 * - Eleventy: pages whose inputs are unchanged since the previous output are left as
 *   they are (src/pipeline/render-pages.ts), the rest rendered in chunks in worker
 *   threads; then the search files, likewise reused when no article changed
 *   (src/pipeline/search-stage.ts). A rebuild of a few pages renders them in a thread
 *   started ahead while this one brings the search index up to date.
 * A rebuild writes exactly the bytes a clean build writes (test/build/incremental.test.ts).
 */
import { rmSync } from 'node:fs';
import { collectGarbage } from './collect-garbage.ts';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { BUILD_CODE, codeVersion, SIMILAR_CODE } from './cache/code-version.ts';
import { DEFAULT_CACHE_DIR, DEFAULT_CACHE_MAX_BYTES, DiskRecordCache, getStory, NO_CACHE, parseStoryKey, recordKey, storyKey, type Extracted, type RecordCache } from './cache/record-cache.ts';
import { pruneUnused, touchUsedList, writeUsedList } from './cache/usage.ts';
import { pruneInThread } from './cache/prune-in-thread.ts';
import { StatCache } from './cache/stat-cache.ts';
import { forgetState, prefetchState, readHead, readState, spareFolder, stateLineOf, writeState, type BuildState } from './pipeline/build-state.ts';
import { bodyFromCache, extractAhead, heavyParts, loadArticles, recordFromCache, scanInput, storyNumber, type CollectedArticle, type Scan, type ScannedFile } from './pipeline/collect.ts';
import { commitInPlace, flatStagingPath, oldFolder, stagedPath } from './pipeline/commit.ts';
import { keepSpares, listSpares } from './pipeline/spare-files.ts';
import type { LastBuild, PreviewResult } from './pipeline/preview.ts';
import { readArticleBytes, type ReadProblem } from './read/bytes.ts';
import type { ArticleRecord } from './record.ts';
import { similarLists, similarReference, TermVocabulary, type SimilarMatch, type SimilarMemory } from './site/similar.ts';
import type { TopicMemory } from './site/topics.ts';
import type { PartsSource, SiteOptions } from './site/types.ts';
import { assertReplaceable, removeStaleTemps, setInterruptNote, undoSwap, whenInterrupted } from './output-folder.ts';
import { assignUniqueSlugs } from './slugs.ts';
import { holdsSourceText } from './site/source-text.ts';

export interface BuildOptions {
  /** Folder of article text files. */
  input: string;
  /** Folder the site is written to; replaced only when the build succeeds. */
  output: string;
  /** URL prefix when the site lives in a subfolder, e.g. `/archive/`. */
  pathPrefix?: string;
  /** Absolute URL of the published site, for feeds and the sitemap. */
  siteUrl?: string;
  /** Site title. */
  title?: string;
  /** Treat every warning as an error: nothing is written if any file has one. */
  strict?: boolean;
  /** Progress and summary lines; silent when omitted. */
  log?: (line: string) => void;
  /** Read and write the record cache and reuse unchanged files of the previous output (default true). */
  cache?: boolean;
  /** Where the cache lives (default `.cache/news-archive` in the current folder). */
  cacheDir?: string;
  /** The record entries' size cap: past it the least recently used go (default `DEFAULT_CACHE_MAX_BYTES`, 1 GiB). */
  cacheMaxBytes?: number;
  /** Extraction worker threads (default: one per core). */
  workers?: number;
  /** Up to this many bytes of article files, their rendered bodies stay in memory (default `BODY_MEMORY_BYTES`; tests set 0). */
  bodyMemoryBytes?: number;
  /** Write search/lunr-index.json (src/search/lunr-index.ts): true always, false never, default up to `LUNR_INDEX_MAX_ARTICLES` articles. */
  lunrIndex?: boolean;
  /** Documents per block of the search index's first segment (src/search/shard-format.ts `SEGMENT_DOCS`; the tests make it small). */
  searchSegmentDocs?: number;
}

export interface FileMessage {
  file: string;
  message: string;
}

export interface BuildResult {
  /** Articles built: a file of one story gives one, a page of several stories one per story. */
  articles: number;
  /** The article files they came from. */
  files: number;
  pages: number;
  warnings: FileMessage[];
  errors: FileMessage[];
  /** Milliseconds per stage, in pipeline order. */
  stages: Record<string, number>;
  totalMs: number;
  /** What was done again and what was reused (the search index as it was, brought up to date, or written anew). */
  work?: { extracted: number; renderedArticlePages: number; searchReused: boolean; searchUpdated?: boolean; /** Render threads that wrote pages (none: the main thread wrote them all). */ renderThreads?: number };
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly result?: BuildResult,
  ) {
    super(message);
  }
}

export const DEFAULT_SITE: Omit<SiteOptions, 'pathPrefix'> = {
  title: 'News Archive',
  description: 'Articles copied from news pages, extracted, dated and searchable.',
  siteUrl: 'http://localhost:8080',
};

/** Temporary folders beside the output folder start with this, so they are easy to find and ignore. */
export const TEMP_PREFIX = '.news-archive-';
/** After rendering this many article pages, a full garbage collection is worth its tenth of a second. */
const MANY_PAGES = 1000;
/** Removing a failed build's folder is retried (ENOTEMPTY while its last writes land); the next build removes what is left. */
const TEMP_RM_RETRIES = 5;

export async function build(options: BuildOptions): Promise<BuildResult> {
  return new Builder(options).build();
}

/**
 * Builds one input into one output, again and again: `serve` keeps one, so the records
 * of the last build stay in memory and unchanged files are not even read again.
 */
export class Builder {
  private readonly cache: RecordCache;
  private readonly cacheDir: string | undefined;
  /** A persistent builder's stat cache, kept in memory between builds (and saved to the cache folder when there is one). */
  private stats: StatCache | undefined;
  private readonly persistent: boolean;

  constructor(
    private readonly options: BuildOptions,
    { persistent = false }: { persistent?: boolean } = {},
  ) {
    const enabled = options.cache ?? true;
    this.cacheDir = enabled ? path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR) : undefined;
    // A persistent builder keeps records in memory even with --no-cache: it never writes them to disk.
    this.cache = this.cacheDir !== undefined || persistent ? new DiskRecordCache(this.cacheDir, persistent) : NO_CACHE;
    this.persistent = persistent;
  }

  private async statCache(): Promise<StatCache> {
    if (this.stats !== undefined) return this.stats;
    const stats = await StatCache.load(this.cacheDir, this.options.input);
    if (this.persistent) this.stats = stats;
    return stats;
  }

  private last: LastBuild | undefined;

  async build(): Promise<BuildResult> {
    this.last = undefined;
    // Only a persistent builder keeps the last build (for `preview`); a one-off build need not even load it when nothing changed.
    const keep = (last: LastBuild) => {
      this.last = last;
      if (this.cache instanceof DiskRecordCache) this.cache.retainInMemory(new Set(last.keys.values()));
    };
    const result = await buildOnce(this.options, this.cache, this.cacheDir, await this.statCache(), this.persistent ? keep : undefined);
    // The code a preview runs, loaded now rather than when the reader saves a file (the extractor and Eleventy take a second).
    if (this.persistent) await Promise.all([import('./pipeline/extract-one.ts'), import('./pipeline/preview.ts'), import('./site/index.ts').then((site) => site.loadRenderer())]);
    return result;
  }

  /**
   * Rewrite the pages of changed articles in place, ahead of a full `build()`
   * (src/pipeline/preview.ts); `serve` calls this first when an article file changes.
   */
  async preview(changedFiles?: string[]): Promise<PreviewResult> {
    const last = this.last;
    if (last === undefined) return { pages: 0, reason: 'no build to start from' };
    let changed: CollectedArticle[];
    if (changedFiles === undefined) {
      // Which files changed is not known: look at them all (reading only those whose size or time changed).
      const stats = await this.statCache();
      const collected = await loadArticles(await scanInput(this.options.input, stats), this.cache);
      await stats.save();
      if (new Set(collected.articles.map((a) => a.file)).size !== last.keys.size) return { pages: 0, reason: 'files were added, removed or could not be read' };
      changed = collected.articles;
    } else {
      changed = [];
      for (const absolute of changedFiles) {
        const file = path.relative(path.resolve(this.options.input), absolute).split(path.sep).join('/');
        if (!last.keys.has(file)) return { pages: 0, reason: `${file} is not an article of the last build` };
        let bytes: Uint8Array;
        try {
          bytes = readArticleBytes(absolute);
        } catch {
          return { pages: 0, reason: `${file} cannot be read` };
        }
        const key = recordKey(file, bytes);
        let stories = await this.cache.get(key);
        if (stories === undefined) {
          const { extractOne } = await import('./pipeline/extract-one.ts');
          const outcome = extractOne(file, bytes);
          if (!outcome.ok) return { pages: 0, reason: `${file}: ${outcome.message}` };
          stories = outcome.value;
          await this.cache.put(key, stories);
        }
        stories.forEach((extracted, story) => changed.push({ file, absolute, key: storyKey(key, story), fileKey: key, extracted, index: -1 }));
      }
    }
    const output = path.resolve(this.options.output);
    const scratch = path.join(path.dirname(output), `${TEMP_PREFIX}preview-${path.basename(output)}-${process.pid}`);
    const { previewChanges } = await import('./pipeline/preview.ts');
    return previewChanges(last, changed, this.cacheDir, scratch, (article) => bodyFromCache(article, this.cache));
  }
}

async function buildOnce(
  options: BuildOptions,
  cache: RecordCache,
  cacheDir: string | undefined,
  stats: StatCache,
  keep?: (last: LastBuild) => void,
): Promise<BuildResult> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const value = await work();
    stages[stage] = Math.round(performance.now() - t0);
    return value;
  };

  assertReplaceable(options.input, options.output);
  setInterruptNote();
  // A build most often has a file to extract (a rebuild the one edited, a first build
  // all), and the extractor's code takes its thread a second to load, which an edit's
  // rebuild would otherwise wait for. So the thread starts now, on the other core, while
  // this one scans the input and reads the previous state; a build with nothing to
  // extract lets it go.
  const extractor = import('./pipeline/extract-pool.ts');
  extractor.then((pool) => pool.warmUp()).catch(() => {});
  const site = siteOptionsOf(options);
  const output = path.resolve(options.output);
  // The previous state's files (~60 MB at 10,000 articles) are read in the thread pool while this thread scans the input.
  const stateFiles = cacheDir !== undefined ? prefetchState(cacheDir, output) : undefined;
  const scan = await scanInput(options.input, stats).catch(async (error: unknown) => {
    await (await extractor).coolDown();
    throw error;
  });
  // A file read again (its stat changed) most likely needs extracting.
  const extraction = scan.files.some((f) => f.hashed) ? await extractor : undefined;
  if (extraction === undefined) void extractor.then((pool) => pool.coolDown());
  // An edit's file is extracted now, on the other core, while this thread reads the previous state.
  const ahead = extraction === undefined ? undefined : extractAhead(scan, cache, extraction);
  await stats.save();
  // Nothing changed since the build that wrote the output (same files, same code, same
  // options): the output is already the site this build would write, and the warnings
  // are the ones that build gave. Nothing is loaded but the file list and the head.
  const head = cacheDir !== undefined ? await readHead(cacheDir, output) : undefined;
  const inputs = inputsFingerprint(site, { lunrIndex: options.lunrIndex, segmentDocs: options.searchSegmentDocs }, scan.files);
  if (head?.inputs === inputs && keep === undefined) {
    stages['read'] = Math.round(scan.readMs);
    // The archive's entries are in use today too (src/cache/usage.ts); a cache from before the lists gets one.
    if (!(await touchUsedList(cacheDir!, options.input, output))) await writeUsedList(cacheDir!, options.input, output, keysOf(scan));
    const readErrors = scan.files.flatMap((f) => (f.error !== undefined ? [{ file: f.file, message: f.error }] : []));
    return {
      articles: head.summary.articles,
      files: head.summary.files,
      pages: head.summary.pages,
      warnings: sortByFile([...scan.problems.filter((p) => p.level === 'warning').map(toMessage), ...head.summary.warnings]),
      errors: sortByFile([...scan.problems.filter((p) => p.level === 'error').map(toMessage), ...readErrors, ...head.summary.errors]),
      stages,
      totalMs: Math.round(performance.now() - started),
      work: { extracted: 0, renderedArticlePages: 0, searchReused: true },
    };
  }

  // Which entries this archive uses, before any is made: a build running at the same time leaves them be.
  if (cacheDir !== undefined) await writeUsedList(cacheDir, options.input, output, keysOf(scan));
  const maxBytes = options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  /** The cache on disk, when there is one to prune. */
  const diskCache = cacheDir !== undefined && cache instanceof DiskRecordCache ? cache : undefined;
  /** The cache's prune, when one runs in a thread beside the build's last stages (below). */
  let pruning: Promise<unknown> | undefined;
  // The later stages' code loads meanwhile too, in the time this thread would otherwise
  // wait for the extractor.
  const laterStages = Promise.all([import('./site/site-data.ts'), import('./pipeline/render-pages.ts'), import('./pipeline/search-stage.ts'), import('./pipeline/render-pool.ts'), import('./site/index.ts')]).then(
    ([siteData, renderPages, searchStage, renderPool, site]) => ({ siteData, renderPages, searchStage, renderPool, site }),
  );
  laterStages.catch(() => {});
  // What the previous build of this output knew: each unchanged article's record (without
  // its body) and profiles come from there, and only what changed is written.
  const previous = head !== undefined ? await timed('previous state', async () => readState(cacheDir!, output, head, await stateFiles)) : undefined;
  const state = previous?.state;
  // Without a previous build, this thread renders the pages about the archive as a whole:
  // Eleventy (~0.3 s) loads now too. A rebuild renders its pages in a thread of its own.
  if (state === undefined) laterStages.then(({ site }) => site.loadRenderer()).catch(() => {});
  // Each file's stories in the previous state (their places there, in story order).
  const byFile = new Map<string, number[]>();
  state?.articles.forEach((article, i) => byFile.set(article.file, [...(byFile.get(article.file) ?? []), i]));
  const vocabulary = new TermVocabulary(state?.vocabulary ?? []);
  /** Each story's "similar articles" profile, by its number (`storyNumber`). */
  const profiles = new Map<number, Int32Array>();
  /** Where each known profile is in the previous build's profile log (none: not there). */
  const profileOffsets = new Map<number, number>();
  // Every article's search profile that passes through the build (extracted or read from the cache), under its story's number.
  const spill = path.join(os.tmpdir(), `${TEMP_PREFIX}postings-${process.pid}-${randomUUID()}`);
  const forgetSpill = whenInterrupted(() => rmSync(spill, { force: true }));
  const { PostingsBuilder } = await import('./search/build-index.ts');
  const postings = new PostingsBuilder({ spillFile: spill });
  let renderPool: typeof import('./pipeline/render-pool.ts') | undefined;
  try {
    const collected = await loadArticles(scan, cache, {
      ...(ahead !== undefined ? { ahead } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.bodyMemoryBytes !== undefined ? { bodyMemoryBytes: options.bodyMemoryBytes } : {}),
      known: (file, key, index) => {
        const places = byFile.get(file);
        // Every story the previous build knew of the file is of these bytes (a preview marks those it rewrote unknown: key '').
        if (places === undefined || places.some((at, story) => state!.articles[at]!.key !== storyKey(key, story))) return undefined;
        return places.map((at, story): Extracted => {
          const known = state!.articles[at]!;
          const number = storyNumber(index, story, scan.files.length);
          profiles.set(number, previous!.similar.profiles[at]!);
          profileOffsets.set(number, previous!.offsets[at]!);
          return { record: known.record, excerpt: known.excerpt, bodyHtml: '', profile: '', search: '', searchText: '' };
        });
      },
      feed: (index, extracted) => {
        profiles.set(index, vocabulary.profileIds(extracted.profile));
        postings.add(index, extracted.search);
      },
    });
    stages['read'] = Math.round(collected.readMs);
    stages['extract + render markdown'] = Math.round(collected.extractMs);
    // A rebuild renders its few changed pages in a thread of their own, beside the search
    // index: that thread loads Eleventy on the other core now, while this one makes the site data.
    if (state !== undefined) {
      ({ renderPool } = await laterStages);
      renderPool.warmUp(site);
    }
    const { problems } = collected;
    const unique = assignUniqueSlugs(collected.articles.map((a) => a.extracted.record));
    // What the summary of a build that finds nothing changed repeats: every message but the listing's and the reading's, which it makes again.
    const unreadable = new Set(scan.files.filter((f) => f.key === undefined).map((f) => f.file));
    const recordErrors = problems.filter((p) => p.level === 'error' && !unreadable.has(p.file)).map(toMessage);
    // The stories of one page share its warnings (the encoding, the front matter): each is said once.
    const said = new Set<string>();
    const recordWarnings = unique.flatMap((r) =>
      r.warnings.flatMap((message) => {
        const key = `${r.file}\0${message}`;
        if (said.has(key)) return [];
        said.add(key);
        return [{ file: r.file, message }];
      }),
    );
    const errors = sortByFile(problems.filter((p) => p.level === 'error').map(toMessage));
    const warnings = sortByFile([...problems.filter((p) => p.level === 'warning').map(toMessage), ...recordWarnings]);

    const fileCount = new Set(collected.articles.map((a) => a.file)).size;
    const partial = (): BuildResult => ({
      articles: unique.length,
      files: fileCount,
      pages: 0,
      warnings,
      errors,
      stages,
      totalMs: Math.round(performance.now() - started),
      work: { extracted: collected.extractedCount, renderedArticlePages: 0, searchReused: false },
    });
    if (options.strict && (errors.length > 0 || warnings.length > 0)) {
      throw new BuildError(`--strict: ${errors.length} error(s) and ${warnings.length} warning(s); nothing was written`, partial());
    }

    // Slug → the collected article (its record key, its body when in memory, its place in the scan).
    const bySlug = new Map(unique.map((r, i) => [r.slug, collected.articles[i]!]));
    const keys = new Map(unique.map((r, i) => [r.slug, collected.articles[i]!.key]));
    let similarMemory: SimilarMemory | undefined;
    let similarMatches: Map<string, SimilarMatch[]> | undefined;
    let topicMemory: TopicMemory | undefined;
    const data = await timed('site data', async () => {
      const { toSiteData } = (await laterStages).siteData;
      // "Similar articles": after an edit, only what it can move (src/site/similar.ts), when the previous lists were made by this code.
      const reference = similarReference(unique);
      const similar = similarLists(
        unique.map((r, i) => ({ slug: r.slug, terms: profiles.get(collected.articles[i]!.index)!, reference: reference[i]!, ...similarGroup(r) })),
        vocabulary,
        state?.similarCode === codeVersion(SIMILAR_CODE) ? previous!.similar : undefined,
      );
      similarMemory = similar.memory;
      similarMatches = similar.lists;
      const bodies = new Map(unique.map((r, i) => [r.slug, collected.articles[i]!.extracted.bodyHtml]));
      const derived = new Map(unique.map((r, i) => [r.slug, { excerpt: collected.articles[i]!.extracted.excerpt, profile: '' }]));
      // The topic groups: the previous build's, when the articles name the same topics in the same order.
      const topics = { version: codeVersion(BUILD_CODE), previous: state?.topics, keep: (memory: TopicMemory) => (topicMemory = memory) };
      return toSiteData(unique, bodies, site, derived, similar.lists, topics);
    });
    // What a persistent builder (serve) keeps of this build.
    const remember = () =>
      keep?.({
        data,
        output,
        records: collected.articles.map((a) => a.extracted.record),
        keys: new Map(collected.articles.map((a) => [a.file, a.fileKey])),
        slugs: unique.map((r) => r.slug),
      });
    const summary = { articles: unique.length, files: fileCount, warnings: recordWarnings, errors: recordErrors };
    if (head?.inputs === inputs) {
      remember();
      return { ...partial(), pages: head.summary.pages, work: { extracted: collected.extractedCount, renderedArticlePages: 0, searchReused: true } };
    }

    const {
      renderPages: { fingerprintPages, planRender, previousFingerprints, renderMode, renderPages, FRONT, PUBLIC },
      searchStage: { searchStage },
      renderPool: { stageFlatIn, spareFilesIn },
    } = await laterStages;
    // With the previous build's state, only the files that change are written, into a
    // staging folder, and then put into the output in place (commit.ts); without it, the
    // whole site is written into a new folder that replaces the output.
    const inPlace = state !== undefined;
    const temp = path.join(path.dirname(output), `${TEMP_PREFIX}${path.basename(output)}-${process.pid}`);
    const dir = inPlace ? stagedPath(temp, '') : temp;
    await removeStaleTemps(output, TEMP_PREFIX);
    await rm(temp, { recursive: true, force: true });
    const forgetTemp = whenInterrupted(() => rmSync(temp, { recursive: true, force: true }));
    await mkdir(dir, { recursive: true });
    // A rebuild's pages rendered in threads are staged side by side (commit.ts `stageFlat`).
    stageFlatIn(inPlace ? flatStagingPath(temp) : undefined);
    // Written over the files the last rebuild's commit replaced (spare-files.ts).
    spareFilesIn(inPlace && cacheDir !== undefined ? listSpares(spareFolder(cacheDir, output)) : undefined);
    /** The source texts' copying (the thread pool's work), beside the render and the search index. */
    let sourceTexts: Promise<void> | undefined;
    try {
      // The source texts the output has: each file's of the previous build, by slug (the first story's), with the file's key.
      const previousSources = state === undefined ? undefined : new Map(state.slugs.flatMap((slug, i) => (holdsSourceText(state.articles[i]!.record) ? [[slug, parseStoryKey(state.articles[i]!.key).fileKey]] : [])));
      sourceTexts = timed('source texts, beside', () => copySourceTexts(unique, bySlug, dir, previousSources));
      // Awaited after the pages (or, should they fail, before the folder is removed).
      sourceTexts.catch(() => {});
      const partsOf: PartsSource = (page) => heavyParts(bySlug.get(page.slug)!, cache);
      // A new article's page is written whatever the fingerprints say: in a rebuild, the new
      // pages go to the render thread started ahead now, and it writes them while this thread
      // takes the fingerprints (render-pool.ts `renderAhead`).
      const fresh = state === undefined ? [] : data.articles.filter((page) => state.pages[page.slug] === undefined);
      const sentAhead = renderPool !== undefined && (await renderPool.renderAhead(data, dir, fresh, partsOf)) ? new Set(fresh.map((page) => page.slug)) : new Set<string>();
      const { fingerprints, plan } = await timed('fingerprints', () => {
        // The previous build's fingerprints stand for the pages that show nothing changed.
        const before = previous === undefined ? undefined : previousFingerprints(previous.state, previous.similar);
        const fingerprints = fingerprintPages(data, keys, before, similarMatches, topicMemory);
        return { fingerprints, plan: planRender(data, fingerprints, state) };
      });
      const renderRun = (parts = partsOf) => timed('eleventy', () => renderPages(data, dir, plan, parts));
      const searchRun = () =>
        timed('search index', () =>
          searchStage(
            {
              pages: data.articles,
              keys,
              builder: postings,
              numberOf: (page) => bySlug.get(page.slug)!.index,
              // The profiles of the articles the previous build knew are read from the cache only when the index needs them.
              ensureProfile: async (page) => {
                const article = bySlug.get(page.slug)!;
                if (!postings.has(article.index)) postings.add(article.index, (await recordFromCache(article, cache)).search);
              },
              profileOf: async (key) => (await getStory(cache, key))?.search,
              textOf: async (page) => {
                const article = bySlug.get(page.slug)!;
                return article.extracted.searchText !== '' || !cache.keepsRecords ? article.extracted.searchText : (await recordFromCache(article, cache)).searchText;
              },
              ...(options.lunrIndex !== undefined ? { lunrIndex: options.lunrIndex } : {}),
              ...(options.searchSegmentDocs !== undefined ? { segmentDocs: options.searchSegmentDocs } : {}),
            },
            dir,
            state?.search !== undefined ? { state: state.search, output } : undefined,
          ),
        );
      let rendered: Awaited<ReturnType<typeof renderRun>>;
      let search: Awaited<ReturnType<typeof searchRun>>;
      if (renderMode(plan) === 'beside') {
        // A few pages, in the render thread started ahead, while this thread brings the
        // search index up to date. They go to the thread before the search index takes
        // this one (which yields only between files): their bodies are read from the cache
        // first, and the run posted (~0.2 s sooner at 10,000 articles). Both finish before
        // an error is thrown (and the temporary folder removed).
        // (Not those of the pages sent ahead: the thread has them.)
        const ready = new Map(await Promise.all(plan.articles.filter((page) => !sentAhead.has(page.slug)).map(async (page) => [page.slug, await partsOf(page)] as const)));
        const rendering = renderRun(async (page) => ready.get(page.slug) ?? partsOf(page));
        await new Promise((resolve) => setImmediate(resolve));
        [rendered, search] = await bothSettled(rendering, searchRun());
      } else {
        // One after the other: many pages use every core (render-pool.ts), and the search
        // index is the largest thing a build holds in memory; side by side (each slowing
        // the other on two cores) they took a second less at 10,000 articles and 1.4 times
        // the memory.
        rendered = await renderRun();
        // The render's garbage goes before the search index takes its memory (a full collection costs ~0.1 s, worth it after many pages only).
        if (plan.articles.length >= MANY_PAGES) collectGarbage();
        search = await searchRun();
      }
      // The cache's prune, when one is due by its time, runs in a thread of its own beside
      // the swap and the state's writing (~0.2–0.5 s of file-system calls at 10,000 entries,
      // which the build waited for after them). Not sooner: the search update reads the
      // previous entries of edited files, which no list names any more. This archive's
      // entries are listed as used, so it removes none of them; a build that fails lets it finish.
      // A first build of the output prunes at its end instead: the thread's memory would come
      // on top of its peak (the search index's, still held), and its own entries are all fresh.
      if (state !== undefined && diskCache?.pruneDue(maxBytes)) {
        pruning = pruneInThread(cacheDir!, maxBytes);
        pruning.catch(() => {});
      }
      await sourceTexts;

      // The site's files: each article's page and source text, the listing pages, the search files.
      const listing: BuildState['listing'] = {};
      for (const [unit, fingerprint] of fingerprints.listing) {
        listing[unit] = { fingerprint, files: rendered.listingFiles.get(unit) ?? state!.listing[unit]!.files };
      }
      const next: Omit<BuildState, 'profiles'> = {
        site,
        articles: collected.articles.map((a) => ({
          file: a.file,
          key: a.key,
          // A record read from the previous state is already without what only its own page shows (and is written again as its line there).
          record: stateLineOf(a.extracted.record) !== undefined ? a.extracted.record : { ...a.extracted.record, body: '', removed: [], captions: [], related: [] },
          excerpt: a.extracted.excerpt,
        })),
        vocabulary: vocabulary.terms,
        slugs: unique.map((r) => r.slug),
        pages: Object.fromEntries(fingerprints.pages),
        listing,
        search: search.state,
        topics: topicMemory!,
        fingerprintBasis: fingerprints.basis,
        similarCode: codeVersion(SIMILAR_CODE),
      };
      const pages = data.articles.length + [...fingerprints.listing.keys()].filter((unit) => unit !== PUBLIC).reduce((n, unit) => n + (unit === FRONT ? listing[unit]!.files.length : 1), 0);
      await timed('swap', async () => {
        // The head goes first: until the new one is written, nothing claims to know the output.
        // (A --no-cache build leaves the old head: it names the old folder's inode, which the swap retires.)
        if (cacheDir !== undefined) await forgetState(cacheDir, output);
        if (inPlace) {
          commitInPlace(temp, output, removedFiles(state, next));
          setInterruptNote('the new output is in place');
          // The files the output had are the next rebuild's to write over.
          if (cacheDir !== undefined) keepSpares(oldFolder(temp), spareFolder(cacheDir, output), path.join(temp, 'spent'));
          forgetTemp();
          await rm(temp, { recursive: true, force: true });
        } else {
          await swapInto(temp, output);
          setInterruptNote('the new output is in place');
        }
        if (cacheDir !== undefined) {
          const offsets = Int32Array.from(collected.articles, (a) => profileOffsets.get(a.index) ?? -1);
          // An article the previous state had is written again as its line there.
          const lines = collected.articles.map((a) => stateLineOf(a.extracted.record));
          await writeState(cacheDir, output, { inputs, summary: { ...summary, pages } }, next, similarMemory!, offsets, state?.profiles, lines);
        }
      });
      remember();
      // Here: a first build's prune, or another when this build's own writes may since have taken the cache past half its cap.
      if (pruning !== undefined || diskCache?.pruneDue(maxBytes)) {
        await timed('prune cache', async () => {
          await pruning;
          if (diskCache?.pruneDue(maxBytes)) await pruneUnused(diskCache, cacheDir!, maxBytes);
        });
      }
      return {
        ...partial(),
        pages,
        work: {
          extracted: collected.extractedCount,
          renderedArticlePages: rendered.rendered,
          searchReused: search.reused,
          ...(search.updated ? { searchUpdated: true } : {}),
          ...(rendered.threads > 0 ? { renderThreads: rendered.threads } : {}),
        },
      };
    } catch (error) {
      await sourceTexts?.catch(() => {});
      // Writes of the failed stage may still be landing: retry, and never hide the first error.
      await rm(temp, { recursive: true, force: true, maxRetries: TEMP_RM_RETRIES }).catch(() => {});
      throw error;
    } finally {
      forgetTemp();
    }
  } finally {
    postings.close();
    forgetSpill();
    await extraction?.coolDown();
    await renderPool?.coolDown();
    await pruning?.catch(() => {});
  }
}

/** What of a build state names the files of its output. */
type OutputFiles = Pick<BuildState, 'slugs' | 'listing' | 'articles'> & { search?: { files: string[] } };

/**
 * The files of the output `before` describes that the output of `after` does not have:
 * article pages and source texts (`articles/<slug>/`, a folder no other page is in, by the
 * URL map), then listing pages and search files. Compared by slug and by the paths the
 * states list, without making a path for every article.
 */
export function removedFiles(before: OutputFiles, after: OutputFiles): string[] {
  const slugs = new Set(after.slugs);
  const holders = new Set(after.slugs.filter((_, i) => holdsSourceText(after.articles[i]!.record)));
  const others = new Set([...Object.values(after.listing).flatMap((unit) => unit.files), ...(after.search?.files ?? [])]);
  const removed: string[] = [];
  before.slugs.forEach((slug, i) => {
    if (!slugs.has(slug)) removed.push(`articles/${slug}/index.html`);
    if (holdsSourceText(before.articles[i]!.record) && !holders.has(slug)) removed.push(`articles/${slug}/source.txt`);
  });
  for (const file of [...Object.values(before.listing).flatMap((unit) => unit.files), ...(before.search?.files ?? [])]) if (!others.has(file)) removed.push(file);
  return removed;
}

/**
 * Everything a build's output is made of: the options, the whole code (`BUILD_CODE`: not
 * only the stages that have versions of their own — an edit of the slugs' code changed
 * every address while a build found nothing to do), each file's path and record key
 * (which covers its bytes and the extractor's code), or why it could not be read.
 */
function inputsFingerprint(site: SiteOptions, search: { lunrIndex: boolean | undefined; segmentDocs: number | undefined }, files: ScannedFile[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ site, ...search })).update('\0').update(codeVersion(BUILD_CODE));
  for (const file of files) hash.update(`\0${file.file}\0${file.key ?? `error: ${file.error}`}`);
  return hash.digest('hex');
}


function siteOptionsOf(options: BuildOptions): SiteOptions {
  return {
    ...DEFAULT_SITE,
    ...(options.title ? { title: options.title } : {}),
    siteUrl: (options.siteUrl ?? DEFAULT_SITE.siteUrl).replace(/\/+$/, ''),
    pathPrefix: normalizePathPrefix(options.pathPrefix),
  };
}

function sortByFile(messages: FileMessage[]): FileMessage[] {
  return messages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function toMessage(problem: ReadProblem): FileMessage {
  return { file: problem.file, message: problem.message };
}

/** `/`, `sub`, `/sub`, `sub/` → `/` or `/sub/`. Anything but URL-safe path segments is refused. */
export function normalizePathPrefix(prefix: string | undefined): string {
  const segments = (prefix ?? '/').split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !/^[\w.~-]+$/.test(segment)) {
      throw new BuildError(`--path-prefix: "${prefix}" is not a plain URL path such as /archive/`);
    }
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Files copied at once. */
const COPY_CONCURRENCY = 32;

/** The "similar articles" group of a story: the stories of one page never list each other (they link each other as "From the same page"). */
function similarGroup(record: ArticleRecord): { group?: string } {
  return record.parts === undefined ? {} : { group: record.file };
}

/**
 * `/articles/<slug>/source.txt` is the file the article came from, byte for byte, in the
 * folder of its first story: copied unless the output has it already (`previous`: slug →
 * record key of the file there).
 */
async function copySourceTexts(
  all: ArticleRecord[],
  articles: Map<string, CollectedArticle>,
  siteDir: string,
  previous: Map<string, string> | undefined,
): Promise<void> {
  let next = 0;
  // Those the output lacks, found in one pass: an edit's build copies one or none of 10,000.
  const records = all.filter((record) => holdsSourceText(record) && (previous === undefined || previous.get(record.slug) !== articles.get(record.slug)!.fileKey));
  const copyOne = async (record: ArticleRecord) => {
    const dir = safeJoin(siteDir, 'articles', record.slug);
    await mkdir(dir, { recursive: true });
    await copyFile(articles.get(record.slug)!.absolute, path.join(dir, 'source.txt'));
  };
  await Promise.all(
    Array.from({ length: COPY_CONCURRENCY }, async () => {
      while (next < records.length) await copyOne(records[next++]!);
    }),
  );
}

/** Join below `root`, refusing any result that would land outside it. */
export function safeJoin(root: string, ...segments: string[]): string {
  const joined = path.resolve(root, ...segments);
  const base = path.resolve(root);
  if (joined !== base && !joined.startsWith(base + path.sep)) {
    throw new BuildError(`refusing to write outside the output folder: ${segments.join('/')}`);
  }
  return joined;
}

/** Replace `output` with `fresh` using renames, so readers never see a half-written site. */
async function swapInto(fresh: string, output: string): Promise<void> {
  const old = path.join(path.dirname(output), `${TEMP_PREFIX}old-${path.basename(output)}-${process.pid}`);
  await rm(old, { recursive: true, force: true });
  let hadOld = true;
  try {
    await rename(output, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  const forgetOld = hadOld ? whenInterrupted(undoSwap(output, old)) : () => {};
  try {
    await rename(fresh, output);
  } catch (error) {
    if (hadOld) await rename(old, output);
    forgetOld();
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  forgetOld();
}

/** Both values, once both promises are settled; the first one's error, else the second one's. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/** The record keys of the files a scan read. */
function keysOf(scan: Scan): string[] {
  return scan.files.flatMap((file) => (file.key === undefined ? [] : [file.key]));
}
