/**
 * Read and extract: the input folder → one entry per article file, each with its cache
 * key, record and rendered body, plus a message per file that could not be used.
 *
 * Every file is read and hashed (sha256: ~70 MB for 10,000 articles, a fraction of a
 * second); a file whose key is in the cache is not extracted again. The others go to the
 * worker pool, and their results into the cache. Memory stays bounded: a file's bytes
 * are let go once hashed and read again when its turn to be extracted comes, and a
 * record is kept without its body Markdown once it is written to the cache.
 */
import { stat } from 'node:fs/promises';
import type { RecordCache, Extracted } from '../cache/record-cache.ts';
import { recordKey } from '../cache/record-cache.ts';
import { codeVersion, EXTRACT_CODE } from '../cache/code-version.ts';
import { describe, readArticleBytes, type ReadProblem } from '../read/index.ts';
import { listArticleFiles } from '../read/list-files.ts';
import { extractAll } from './extract-pool.ts';
import { collectGarbage } from '../collect-garbage.ts';

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

export interface CollectedArticle {
  file: string;
  absolute: string;
  key: string;
  extracted: Extracted;
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

/** What `serve` remembers between builds: a file whose size and mtime are unchanged keeps its key without being read. */
export type StatMemo = Map<string, { size: number; mtimeMs: number; ino: number; key: string }>;

export async function collectArticles(
  inputDir: string,
  cache: RecordCache,
  options: { workers?: number; statMemo?: StatMemo; bodyMemoryBytes?: number } = {},
): Promise<Collected> {
  const t0 = performance.now();
  const listing = await listArticleFiles(inputDir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the input folder ${inputDir}: ${error.code ?? error.message}`);
  });
  const problems: ReadProblem[] = listing.skipped.map(({ file, reason }) => ({ file, level: 'warning', message: reason }));
  const version = codeVersion(EXTRACT_CODE);

  type Slot = { file: string; absolute: string; key?: string; extracted?: Extracted; error?: string };
  const slots: Slot[] = listing.files.map(({ file, absolute }) => ({ file, absolute }));
  // Bodies are let go as soon as the files read so far pass the limit, those kept until then too.
  const bodyLimit = options.bodyMemoryBytes ?? BODY_MEMORY_BYTES;
  let inputBytes = 0;
  let dropBodies = false;
  let settled = 0;
  const counted = (bytes: number) => {
    if (++settled % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
    inputBytes += bytes;
    if (dropBodies || !cache.keepsRecords || inputBytes <= bodyLimit) return;
    dropBodies = true;
    for (const slot of slots) if (slot.extracted) slot.extracted = lean(slot.extracted, true);
  };
  await forEachLimit(slots, READ_CONCURRENCY, async (slot) => {
    try {
      const memo = options.statMemo;
      const info = memo ? await stat(slot.absolute) : undefined;
      const known = memo?.get(slot.absolute);
      if (info && known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino) {
        slot.key = known.key;
        const cached = await cache.get(known.key);
        if (cached) {
          counted(info.size);
          slot.extracted = lean(cached, dropBodies);
          return;
        }
      }
      // The read stage's reader: regular files only, never past the size limit, never blocking on a pipe.
      const bytes = await readArticleBytes(slot.absolute);
      counted(bytes.byteLength);
      slot.key = recordKey(slot.file, bytes, version);
      const cached = await cache.get(slot.key);
      if (cached) slot.extracted = lean(cached, dropBodies);
      if (info) memo!.set(slot.absolute, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, key: slot.key });
    } catch (error) {
      slot.error = describe(error);
    }
  });
  const t1 = performance.now();

  const misses = slots.filter((s) => s.extracted === undefined && s.error === undefined);
  await extractAll(
    misses.map((slot) => ({
      file: slot.file,
      bytes: async () => {
        const bytes = await readArticleBytes(slot.absolute);
        // Changed since it was hashed: the record is of these bytes, so is the key.
        slot.key = recordKey(slot.file, bytes, version);
        return bytes;
      },
    })),
    {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onOutcome: (i, outcome) => {
        const slot = misses[i]!;
        if (!outcome.ok) {
          slot.error = outcome.message;
          return;
        }
        slot.extracted = lean(outcome.value, dropBodies);
        if (++settled % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
        return cache.put(slot.key!, outcome.value);
      },
    },
  );
  const t2 = performance.now();

  const articles: CollectedArticle[] = [];
  for (const slot of slots) {
    if (slot.error !== undefined) problems.push({ file: slot.file, level: 'error', message: slot.error });
    else articles.push({ file: slot.file, absolute: slot.absolute, key: slot.key!, extracted: slot.extracted! });
  }
  return { articles, problems, extractedCount: misses.length, readMs: t1 - t0, extractMs: t2 - t1 };
}

/**
 * The build keeps every article in memory from here on, but never reads the body
 * Markdown again: the rendered body, the excerpt and the term profile were made from it
 * with the record (and the cache keeps the whole record). So it is let go. So are the
 * rendered body and the term profile (nine tenths of what is left) with `dropBody`, for
 * a large archive (`BODY_MEMORY_BYTES`): the article pages and the search index then
 * each read the body back once, one article at a time (`bodyFromCache`), and "similar
 * articles" the profile twice (`profileFromCache`).
 */
function lean(extracted: Extracted, dropBody: boolean): Extracted {
  return { ...extracted, record: { ...extracted.record, body: '' }, ...(dropBody ? { bodyHtml: '', profile: '' } : {}) };
}

/** Records read back from the cache by this process; each is ~20 kB of garbage once its body or profile is taken. */
let readBack = 0;
function countReadBack(): void {
  if (++readBack % COLLECT_EVERY_ARTICLES === 0) collectGarbage();
}

/** The term profile of a collected article, or a function that reads it from the cache when `lean` let it go. */
export function profileFromCache(article: Pick<CollectedArticle, 'file' | 'key' | 'extracted'>, cache: RecordCache): string | (() => string) {
  if (article.extracted.profile !== '' || !cache.keepsRecords) return article.extracted.profile;
  return () => {
    countReadBack();
    const entry = cache.getSync(article.key);
    if (entry === undefined) throw new Error(missing(article.file));
    return entry.profile;
  };
}

function missing(file: string): string {
  return `${file}: its record went missing from the cache during the build (was the cache folder deleted?); build again`;
}

/** The rendered body of a collected article, from the article or, when `lean` let it go, from the cache. */
export async function bodyFromCache(article: Pick<CollectedArticle, 'file' | 'key' | 'extracted'>, cache: RecordCache): Promise<string> {
  if (article.extracted.bodyHtml !== '' || !cache.keepsRecords) return article.extracted.bodyHtml;
  countReadBack();
  const entry = await cache.get(article.key);
  if (entry === undefined) throw new Error(missing(article.file));
  return entry.bodyHtml;
}

async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
