/**
 * Read and extract: the input folder → one entry per article (a file gives one, or one
 * per story of a page that holds several), each with its cache key, record and rendered
 * body, plus a message per file that could not be used.
 *
 * A file is read and hashed only when its `stat` changed since it was last hashed
 * (src/cache/stat-cache.ts); a file whose key is in the cache is not extracted again.
 * The others go to the worker pool, and their results into the cache.
 */
import { statSync, type Stats } from 'node:fs';
import type { RecordCache, Extracted } from '../cache/record-cache.ts';
import { contentHash, getStory, recordKey, recordKeyOf, storyKey } from '../cache/record-cache.ts';
import { codeVersion, EXTRACT_CODE } from '../cache/code-version.ts';
import { StatCache } from '../cache/stat-cache.ts';
import { describeReadError, readArticleBytes, type ReadProblem } from '../read/bytes.ts';
import { listArticleFiles } from '../read/list-files.ts';
import type { PageParts } from '../site/types.ts';
import { collectGarbage } from '../collect-garbage.ts';
import type { ExtractOutcome } from './extract-one.ts';
import type { ExtractJob } from './extract-pool.ts';

/** Files read at once: enough to keep the disk busy, few enough to bound open files. */
const READ_CONCURRENCY = 64;
/**
 * Up to this many bytes of article files (about 30,000 typical articles, ~180 MB of
 * rendered bodies) the build keeps the rendered bodies in memory; beyond it, when the
 * record cache can give them back, it lets them go and reads each again when a stage
 * needs it (`bodyFromCache`), at ~0.3 ms an article and a read: a 100,000-article
 * archive would otherwise hold ~600 MB of HTML from start to end.
 */
export const BODY_MEMORY_BYTES = 256 << 20;
/**
 * A full garbage collection after every this many articles: each whole record read from
 * the cache or sent by a worker (~20 kB) is garbage once made lean or once its body or
 * profile is taken, and V8, with gigabytes of headroom, lets it pile up (2 GB by 50,000
 * articles). About 0.3 s each.
 */
const COLLECT_EVERY_ARTICLES = 10_000;

/** One article: a file of one story, or one story of a file (`extracted.record.part`). */
export interface CollectedArticle {
  file: string;
  absolute: string;
  /** The story's key (`storyKey`: the file's record key for its first story). */
  key: string;
  /** The file's record key (the record cache's entry: all its stories). */
  fileKey: string;
  extracted: Extracted;
  /** The story's number (`storyNumber`), the one `feed` gave it: unique in the build. */
  index: number;
}

/**
 * A number for each story of a build: the file's place in the scan for its first story,
 * past every file's for the next ones (`files`: the scan's count), so that the numbers of
 * the files of one story, most of an archive, stay small.
 */
export function storyNumber(fileIndex: number, story: number, files: number): number {
  return fileIndex + story * files;
}

export interface Collected {
  articles: CollectedArticle[];
  problems: ReadProblem[];
  /** Files that were extracted (not found in the cache). */
  extractedCount: number;
  /** Milliseconds: listing, reading and hashing; extracting (wall time, all workers). */
  readMs: number;
  extractMs: number;
}

/** One file of the input folder: its record key, or why it cannot be read. */
export interface ScannedFile {
  file: string;
  absolute: string;
  /** Bytes on disk, as `stat` said. */
  size: number;
  key?: string;
  error?: string;
  /** Read and hashed by this scan (its `stat` was not the one remembered): new or changed, most likely. */
  hashed?: boolean;
}

export interface Scan {
  files: ScannedFile[];
  /** Entries the listing passed over that a user may want to know about (links, pipes). */
  problems: ReadProblem[];
  readMs: number;
}

/**
 * List the input folder and work out each file's record key. A file whose `stat` is what
 * the stat cache remembers is not read: its key comes from the content hash remembered
 * with it (src/cache/stat-cache.ts); the others are read and hashed, and remembered.
 */
export async function scanInput(inputDir: string, stats: StatCache, { now = Date.now() }: { now?: number } = {}): Promise<Scan> {
  const t0 = performance.now();
  const listing = await listArticleFiles(inputDir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the input folder ${inputDir}: ${error.code ?? error.message}`);
  });
  const problems: ReadProblem[] = listing.skipped.map(({ file, reason }) => ({ file, level: 'warning', message: reason }));
  const version = codeVersion(EXTRACT_CODE);
  const files: ScannedFile[] = listing.files.map(({ file, absolute }) => ({ file, absolute, size: 0 }));
  // stat, one file after the other: ten thousand synchronous calls take a third of the time of as many promises.
  const misses: { entry: ScannedFile; info: Stats | undefined }[] = [];
  for (const entry of files) {
    let info: Stats | undefined;
    try {
      info = statSync(entry.absolute);
    } catch {
      // Gone, or not readable: reading it says why.
    }
    const hash = info?.isFile() ? stats.lookup(entry.file, info) : undefined;
    if (hash === undefined) misses.push({ entry, info });
    else {
      entry.size = info!.size;
      entry.key = recordKeyOf(entry.file, hash, version);
    }
  }
  // Read one after the other too: the reads are synchronous (src/read/bytes.ts says why).
  for (const { entry, info } of misses) {
    try {
      // The read stage's reader: regular files only, never past the size limit, never blocking on a pipe.
      const bytes = readArticleBytes(entry.absolute);
      entry.size = bytes.byteLength;
      const hash = contentHash(bytes);
      entry.hashed = true;
      if (info !== undefined) stats.remember(entry.file, info, hash, now);
      entry.key = recordKeyOf(entry.file, hash, version);
    } catch (error) {
      entry.error = describeReadError(error);
    }
  }
  return { files, problems, readMs: performance.now() - t0 };
}

/**
 * At most this many files are sent to the extractor as soon as the scan has found them
 * new or changed (`extractAhead`), before the previous build's state is read: an edit's
 * file is extracted meanwhile on the other core instead of after. A day's hundred are
 * not: they would compete with that read for the cores (measured: no gain at 100).
 */
export const AHEAD_MAX_FILES = 16;

/** What `extractAhead` sent, once extracted: file → the key of the bytes it read and their outcome. */
export type AheadOutcomes = Promise<ReadonlyMap<string, { key: string; outcome: ExtractOutcome }>>;

/**
 * Send the files the scan read and hashed (new or changed) that the record cache lacks to
 * the extractor now, when they are few (`AHEAD_MAX_FILES`); `loadArticles` takes their
 * outcomes (`LoadOptions.ahead`). Undefined when there are none or too many.
 */
export function extractAhead(scan: Scan, cache: RecordCache, pool: Pick<typeof import('./extract-pool.ts'), 'extractAll'>): AheadOutcomes | undefined {
  const files = scan.files.filter((f) => f.hashed === true && f.key !== undefined);
  if (files.length === 0 || files.length > AHEAD_MAX_FILES) return undefined;
  const wanted = files.filter((f) => cache.getSync(f.key!) === undefined);
  if (wanted.length === 0) return undefined;
  // The key of the bytes each job reads (the scan's, should the read fail: the outcome then says why).
  const keys = wanted.map((f) => f.key!);
  const outcomes = pool
    .extractAll(wanted.map((f, i) => readingJob(f, (key) => (keys[i] = key))))
    .then((extracted) => new Map(wanted.map((f, i) => [f.file, { key: keys[i]!, outcome: extracted[i]! }])));
  // Not taken when the build stops before (an unreadable state): no unhandled rejection.
  outcomes.catch(() => {});
  return outcomes;
}

/**
 * An extraction job that reads `file` when it is sent and tells `keyed` the record key of
 * the bytes read (a file changed since it was hashed: the record is of these bytes, so is
 * the key).
 */
function readingJob(file: { file: string; absolute: string }, keyed: (key: string) => void): ExtractJob {
  return {
    file: file.file,
    bytes: async () => {
      const bytes = readArticleBytes(file.absolute);
      keyed(recordKey(file.file, bytes, codeVersion(EXTRACT_CODE)));
      return bytes;
    },
  };
}

export interface LoadOptions {
  workers?: number;
  bodyMemoryBytes?: number;
  /** Files already sent to the extractor (`extractAhead`). */
  ahead?: AheadOutcomes;
  /** What a previous build kept of a file's stories (their records without the body, the rest let go), by file, key and the file's place in the scan. */
  known?: (file: string, key: string, index: number) => Extracted[] | undefined;
  /**
   * Each whole record that is extracted or read from the cache (not those `known`), as it
   * arrives, with its story's number (`storyNumber`): the caller takes its profiles, which
   * are then let go (`lean`).
   */
  feed?: (index: number, extracted: Extracted) => void;
}

/**
 * Each scanned file's record: kept by the previous build (`known`), from the record cache,
 * or extracted in worker threads and put into the cache. Memory stays bounded: a file's
 * bytes are read again when its turn to be extracted comes, and a record is kept without
 * its body Markdown once it is written to the cache.
 */
export async function loadArticles(scan: Scan, cache: RecordCache, options: LoadOptions = {}): Promise<Collected> {
  const t0 = performance.now();
  type Slot = { file: string; absolute: string; key?: string; extracted?: Extracted[]; error?: string };
  const feed = options.feed;
  const files = scan.files.length;
  const keep = (index: number, stories: Extracted[], dropBodies: boolean) =>
    stories.map((extracted, story) => {
      feed?.(storyNumber(index, story, files), extracted);
      return lean(extracted, dropBodies, feed !== undefined);
    });
  const slots: Slot[] = scan.files.map(({ file, absolute, key, error }) => ({ file, absolute, ...(key !== undefined ? { key } : {}), ...(error !== undefined ? { error } : {}) }));
  // Bodies are let go as soon as the files read so far pass the limit, those kept until then too.
  const bodyLimit = options.bodyMemoryBytes ?? BODY_MEMORY_BYTES;
  let inputBytes = 0;
  let dropBodies = false;
  let settled = 0;
  /** An article settled; `read`: a whole record was read (garbage once made lean), not one the previous build kept. */
  const counted = (bytes: number, read: boolean) => {
    if (read && ++settled % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
    inputBytes += bytes;
    if (dropBodies || !cache.keepsRecords || inputBytes <= bodyLimit) return;
    dropBodies = true;
    for (const slot of slots) if (slot.extracted) slot.extracted = slot.extracted.map((extracted) => lean(extracted, true, feed !== undefined));
  };
  // What the previous build kept, first and in one loop (after an edit, every file but one):
  // no promise per file.
  const unknown: (readonly [Slot, number, number])[] = [];
  slots.forEach((slot, index) => {
    if (slot.key === undefined) return;
    const size = scan.files[index]!.size;
    const known = options.known?.(slot.file, slot.key, index);
    if (known === undefined) unknown.push([slot, size, index]);
    else {
      counted(size, false);
      slot.extracted = known;
    }
  });
  await forEachLimit(
    unknown,
    READ_CONCURRENCY,
    async ([slot, size, index]) => {
      const cached = await cache.get(slot.key!);
      if (cached) {
        counted(size, true);
        slot.extracted = keep(index, cached, dropBodies);
      }
    },
  );
  const t1 = performance.now();

  let missed = slots.flatMap((s, index) => (s.extracted === undefined && s.error === undefined ? [index] : []));
  const extractedCount = missed.length;
  /** An extracted file's outcome: its record goes into the cache (the next file for that worker waits for the write). */
  const take = (index: number, outcome: ExtractOutcome) => {
    const slot = slots[index]!;
    if (!outcome.ok) {
      slot.error = outcome.message;
      return;
    }
    slot.extracted = keep(index, outcome.value, dropBodies);
    if (++settled % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
    return cache.put(slot.key!, outcome.value);
  };
  if (options.ahead !== undefined) {
    const ahead = await options.ahead;
    await Promise.all(
      missed.map(async (index) => {
        const sent = ahead.get(slots[index]!.file);
        if (sent === undefined) return;
        slots[index]!.key = sent.key;
        await take(index, sent.outcome);
      }),
    );
    missed = missed.filter((index) => !ahead.has(slots[index]!.file));
  }
  const misses = missed.map((index) => slots[index]!);
  if (misses.length > 0) {
    const { extractAll } = await import('./extract-pool.ts');
    await extractAll(
      misses.map((slot) => readingJob(slot, (key) => (slot.key = key))),
      {
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        onOutcome: (i, outcome) => take(missed[i]!, outcome),
      },
    );
  }
  const t2 = performance.now();

  const articles: CollectedArticle[] = [];
  const problems = [...scan.problems];
  slots.forEach((slot, index) => {
    if (slot.error !== undefined) problems.push({ file: slot.file, level: 'error', message: slot.error });
    else {
      slot.extracted!.forEach((extracted, story) =>
        articles.push({ file: slot.file, absolute: slot.absolute, key: storyKey(slot.key!, story), fileKey: slot.key!, extracted, index: storyNumber(index, story, files) }),
      );
    }
  });
  return { articles, problems, extractedCount, readMs: scan.readMs + (t1 - t0), extractMs: t2 - t1 };
}

/** `scanInput` then `loadArticles`: the input folder → its articles. */
export async function collectArticles(inputDir: string, cache: RecordCache, options: LoadOptions & { stats?: StatCache } = {}): Promise<Collected> {
  const stats = options.stats ?? (await StatCache.load(undefined, inputDir));
  return loadArticles(await scanInput(inputDir, stats), cache, options);
}

/**
 * The build keeps every article in memory from here on, but never reads the body
 * Markdown again: the rendered body, the excerpt and the profiles were made from it with
 * the record (and the cache keeps the whole record). So it is let go, and so are the
 * profiles once `feed` has taken them. So are the rendered body and the search text with
 * `dropBody`, for a large archive (`BODY_MEMORY_BYTES`): the article pages and the
 * search index then read each back when they need it (`heavyParts`).
 */
function lean(extracted: Extracted, dropBody: boolean, fed: boolean): Extracted {
  return {
    ...extracted,
    record: { ...extracted.record, body: '' },
    ...(fed ? { profile: '', search: '' } : {}),
    ...(dropBody ? { bodyHtml: '', searchText: '', profile: '', search: '' } : {}),
  };
}

/** Records read back from the cache by this process; each is ~30 kB of garbage once its body is taken. */
let readBack = 0;
function countReadBack(): void {
  if (++readBack % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
}

function missing(file: string): string {
  return `${file}: its record went missing from the cache during the build (was the cache folder deleted?); build again`;
}

/** An article's whole record, from the cache (for the parts the build let go); an error naming the file when it is not there. */
export async function recordFromCache(article: Pick<CollectedArticle, 'file' | 'key'>, cache: RecordCache): Promise<Extracted> {
  countReadBack();
  const entry = await getStory(cache, article.key);
  if (entry === undefined) throw new Error(missing(article.file));
  return entry;
}

/**
 * The parts of a page the build does not keep for every article (src/site/types.ts
 * `PageParts`): from memory when the article holds them, else from the record cache.
 */
export async function heavyParts(article: Pick<CollectedArticle, 'file' | 'key' | 'extracted'>, cache: RecordCache): Promise<PageParts> {
  const { bodyHtml, record } = article.extracted;
  if (bodyHtml !== '' || !cache.keepsRecords) return { bodyHtml, removed: record.removed, captions: record.captions, related: record.related };
  const entry = await recordFromCache(article, cache);
  return { bodyHtml: entry.bodyHtml, removed: entry.record.removed, captions: entry.record.captions, related: entry.record.related };
}

/** The rendered body of a collected article, from the article or, when `lean` let it go, from the cache. */
export async function bodyFromCache(article: Pick<CollectedArticle, 'file' | 'key' | 'extracted'>, cache: RecordCache): Promise<string> {
  return (await heavyParts(article, cache)).bodyHtml;
}

async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
