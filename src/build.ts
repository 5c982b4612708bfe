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
 * - Eleventy: article pages whose inputs are unchanged since the previous output are
 *   hard-linked from it instead of rendered (src/pipeline/render-pages.ts), the rest in
 *   chunks in worker threads; then the search files, likewise reused when no article
 *   changed (src/pipeline/search-stage.ts).
 * A rebuild writes exactly the bytes a clean build writes (test/build/incremental.test.ts).
 */
import { rmSync } from 'node:fs';
import { collectGarbage } from './collect-garbage.ts';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { codeVersion, RENDER_CODE, SEARCH_CODE } from './cache/code-version.ts';
import { DEFAULT_CACHE_DIR, DiskRecordCache, NO_CACHE, recordKey, type RecordCache } from './cache/record-cache.ts';
import { StatCache } from './cache/stat-cache.ts';
import { bodyFromCache, loadArticles, profileFromCache, scanInput, type CollectedArticle, type ScannedFile } from './pipeline/collect.ts';
import { forgetManifest, readManifest, writeManifest } from './pipeline/output-manifest.ts';
import type { LastBuild, PreviewResult } from './pipeline/preview.ts';
import { readArticleBytes, type ReadProblem } from './read/bytes.ts';
import type { ArticleRecord } from './record.ts';
import type { DerivedFromBody } from './site/site-data.ts';
import type { BodySource, SiteData, SiteOptions } from './site/types.ts';
import { assertReplaceable, linkOrCopy, removeStaleTemps, undoSwap, whenInterrupted } from './output-folder.ts';
import { assignUniqueSlugs } from './slugs.ts';

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
  /** Extraction worker threads (default: one per core). */
  workers?: number;
  /** Up to this many bytes of article files, their rendered bodies stay in memory (default `BODY_MEMORY_BYTES`; tests set 0). */
  bodyMemoryBytes?: number;
  /** Write search/lunr-index.json (src/search/lunr-index.ts): true always, false never, default up to `LUNR_INDEX_MAX_ARTICLES` articles. */
  lunrIndex?: boolean;
}

export interface FileMessage {
  file: string;
  message: string;
}

export interface BuildResult {
  articles: number;
  pages: number;
  warnings: FileMessage[];
  errors: FileMessage[];
  /** Milliseconds per stage, in pipeline order. */
  stages: Record<string, number>;
  totalMs: number;
  /** What was done again and what was reused. */
  work?: { extracted: number; renderedArticlePages: number; searchReused: boolean };
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
    return buildOnce(this.options, this.cache, this.cacheDir, await this.statCache(), this.persistent ? keep : undefined);
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
      if (collected.articles.length !== last.keys.size) return { pages: 0, reason: 'files were added, removed or could not be read' };
      changed = collected.articles;
    } else {
      changed = [];
      for (const absolute of changedFiles) {
        const file = path.relative(path.resolve(this.options.input), absolute).split(path.sep).join('/');
        if (!last.keys.has(file)) return { pages: 0, reason: `${file} is not an article of the last build` };
        let bytes: Uint8Array;
        try {
          bytes = await readArticleBytes(absolute);
        } catch {
          return { pages: 0, reason: `${file} cannot be read` };
        }
        const key = recordKey(file, bytes);
        let extracted = await this.cache.get(key);
        if (extracted === undefined) {
          const { extractOne } = await import('./pipeline/extract-one.ts');
          const outcome = extractOne(file, bytes);
          if (!outcome.ok) return { pages: 0, reason: `${file}: ${outcome.message}` };
          extracted = outcome.value;
          await this.cache.put(key, extracted);
        }
        changed.push({ file, absolute, key, extracted });
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
  const site = siteOptionsOf(options);
  const output = path.resolve(options.output);
  const scan = await scanInput(options.input, stats);
  await stats.save();
  // Nothing changed since the build that wrote the output (same files, same code, same
  // options): the output is already the site this build would write, and the warnings
  // are the ones that build gave. Nothing is loaded but the file list and the manifest.
  const manifest = cacheDir !== undefined ? await readManifest(cacheDir, output) : undefined;
  const inputs = inputsFingerprint(site, options.lunrIndex, scan.files);
  if (manifest?.inputs === inputs && manifest.summary !== undefined && keep === undefined) {
    stages['read'] = Math.round(scan.readMs);
    const readErrors = scan.files.flatMap((f) => (f.error !== undefined ? [{ file: f.file, message: f.error }] : []));
    const errors = [...scan.problems.filter((p) => p.level === 'error').map(toMessage), ...readErrors, ...manifest.summary.errors];
    const warnings = sortByFile([...scan.problems.filter((p) => p.level === 'warning').map(toMessage), ...manifest.summary.warnings]);
    return {
      articles: manifest.summary.articles,
      pages: manifest.summary.pages,
      warnings,
      errors: sortByFile(errors),
      stages,
      totalMs: Math.round(performance.now() - started),
      work: { extracted: 0, renderedArticlePages: 0, searchReused: true },
    };
  }
  const collected = await loadArticles(scan, cache, {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.bodyMemoryBytes !== undefined ? { bodyMemoryBytes: options.bodyMemoryBytes } : {}),
  });
  stages['read'] = Math.round(collected.readMs);
  stages['extract + render markdown'] = Math.round(collected.extractMs);
  const { problems } = collected;
  const sources = new Map(collected.articles.map((a) => [a.file, a.absolute]));
  const unique = assignUniqueSlugs(collected.articles.map((a) => a.extracted.record));
  // What the summary of a build that finds nothing changed repeats: every message but the listing's, which it makes again.
  const unreadable = new Set(scan.files.filter((f) => f.key === undefined).map((f) => f.file));
  const recordErrors = problems.filter((p) => p.level === 'error' && !unreadable.has(p.file)).map(toMessage);
  const recordWarnings = unique.flatMap((r) => r.warnings.map((message) => ({ file: r.file, message })));
  const errors = sortByFile(problems.filter((p) => p.level === 'error').map(toMessage));
  const warnings = sortByFile([...problems.filter((p) => p.level === 'warning').map(toMessage), ...recordWarnings]);

  const partial = (): BuildResult => ({
    articles: unique.length,
    pages: 0,
    warnings,
    errors,
    stages,
    totalMs: Math.round(performance.now() - started),
    work: { extracted: collected.extractedCount, renderedArticlePages: 0, searchReused: false },
  });
  if (options.strict && (errors.length > 0 || warnings.length > 0)) {
    throw new BuildError(
      `--strict: ${errors.length} error(s) and ${warnings.length} warning(s); nothing was written`,
      partial(),
    );
  }

  // What a persistent builder (serve) keeps of this build.
  const remember = (data: SiteData) =>
    keep?.({
      data,
      output,
      records: collected.articles.map((a) => a.extracted.record),
      keys: new Map(collected.articles.map((a) => [a.file, a.key])),
      slugs: new Map(unique.map((r) => [r.file, r.slug])),
    });
  const summary = { articles: unique.length, warnings: recordWarnings, errors: recordErrors };
  if (manifest?.inputs === inputs && manifest.summary !== undefined) {
    remember(await siteDataOf(unique, collected.articles, site, cache));
    return { ...partial(), pages: manifest.summary.pages, work: { extracted: collected.extractedCount, renderedArticlePages: 0, searchReused: true } };
  }
  const [{ fingerprintPages, renderPages }, { searchStage }] = await Promise.all([import('./pipeline/render-pages.ts'), import('./pipeline/search-stage.ts')]);
  const temp = path.join(path.dirname(output), `${TEMP_PREFIX}${path.basename(output)}-${process.pid}`);
  await removeStaleTemps(output, TEMP_PREFIX);
  await rm(temp, { recursive: true, force: true });
  const forgetTemp = whenInterrupted(() => rmSync(temp, { recursive: true, force: true }));
  await mkdir(temp, { recursive: true });
  try {
    // Slug → the record key and the rendered body (cached with the record, under the file's own slug).
    const keys = new Map(unique.map((r, i) => [r.slug, collected.articles[i]!.key]));
    const bySlug = new Map(unique.map((r, i) => [r.slug, collected.articles[i]!]));
    const bodyOf: BodySource = (page) => bodyFromCache(bySlug.get(page.slug)!, cache);
    const data = await timed('site data', async () => siteDataOf(unique, collected.articles, site, cache));
    // The term profiles (as much text as the bodies) have done their work: let them go.
    for (const article of collected.articles) article.extracted.profile = '';
    collectGarbage();
    const fingerprints = fingerprintPages(data, keys);
    const previous = manifest !== undefined ? { dir: output, ...manifest } : undefined;
    // One after the other: the article pages use every core (render-pool.ts), and the
    // search index is the largest thing a build holds in memory; side by side (each
    // slowing the other on two cores) they took a second less at 10,000 articles and
    // 1.4 times the memory.
    const rendered = await timed('eleventy', () => renderPages(data, temp, fingerprints, previous, bodyOf));
    collectGarbage();
    const search = await timed('search index', () => searchStage(data, temp, fingerprints.articles, previous, bodyOf, { ...(options.lunrIndex !== undefined ? { lunrIndex: options.lunrIndex } : {}) }));
    await timed('source texts', () => copySourceTexts(unique, keys, sources, temp, previous));
    // The manifest goes first: until the new one is written, nothing claims to know the output.
    await timed('swap', async () => {
      // (A --no-cache build leaves the old manifest: it names the old folder's inode, which this swap retires.)
      if (cacheDir !== undefined) await forgetManifest(cacheDir, output);
      await swapInto(temp, output);
      if (cacheDir !== undefined) {
        await writeManifest(cacheDir, {
          output,
          inputs,
          summary: { ...summary, pages: rendered.pages },
          pages: Object.fromEntries(fingerprints.pages),
          sources: Object.fromEntries(keys),
          search: { fingerprint: search.fingerprint, files: search.files },
        });
      }
    });
    remember(data);
    if (cache instanceof DiskRecordCache) await timed('prune cache', () => cache.prune(new Set(collected.articles.map((a) => a.key))));
    const result = {
      ...partial(),
      pages: rendered.pages,
      work: { extracted: collected.extractedCount, renderedArticlePages: rendered.rendered, searchReused: search.reused },
    };
    return result;
  } catch (error) {
    // Writes of the failed stage may still be landing: retry, and never hide the first error.
    await rm(temp, { recursive: true, force: true, maxRetries: TEMP_RM_RETRIES }).catch(() => {});
    throw error;
  } finally {
    forgetTemp();
  }
}

/**
 * Everything a build's output is made of: the options, the code of every stage, each
 * file's path and record key (which covers its bytes and the extractor's code; slugs and
 * everything else follow from the records), or why it could not be read.
 */
function inputsFingerprint(site: SiteOptions, lunrIndex: boolean | undefined, files: ScannedFile[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ site, lunrIndex })).update('\0').update(codeVersion(RENDER_CODE)).update('\0').update(codeVersion(SEARCH_CODE));
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

/**
 * `toSiteData` with each article's rendered body, excerpt and term profile as the extract
 * stage made them; `records` are the collected articles' records with unique slugs, in
 * the same order.
 */
async function siteDataOf(records: ArticleRecord[], articles: CollectedArticle[], site: SiteOptions, cache: RecordCache): Promise<SiteData> {
  const { toSiteData } = await import('./site/site-data.ts');
  const bodies = new Map<string, string>();
  const derived = new Map<string, DerivedFromBody>();
  records.forEach((record, i) => {
    const article = articles[i]!;
    bodies.set(record.slug, article.extracted.bodyHtml);
    derived.set(record.slug, { excerpt: article.extracted.excerpt, profile: profileFromCache(article, cache) });
  });
  return toSiteData(records, bodies, site, derived);
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

/**
 * `/articles/<slug>/source.txt` is the file the article came from, byte for byte: linked
 * from the previous output when it holds the same file (same record key), else copied.
 */
async function copySourceTexts(
  records: ArticleRecord[],
  keys: Map<string, string>,
  sources: Map<string, string>,
  siteDir: string,
  previous: { dir: string; sources: Record<string, string> } | undefined,
): Promise<void> {
  let next = 0;
  const copyOne = async (record: ArticleRecord) => {
    const from = sources.get(record.file);
    if (from === undefined) return;
    const dir = safeJoin(siteDir, 'articles', record.slug);
    const to = path.join(dir, 'source.txt');
    if (previous !== undefined && previous.sources[record.slug] === keys.get(record.slug)) {
      try {
        await linkOrCopy(path.join(previous.dir, 'articles', record.slug, 'source.txt'), to);
        return;
      } catch {
        // Not there after all: copy it from the input.
      }
    }
    await mkdir(dir, { recursive: true });
    await copyFile(from, to);
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
