/**
 * The record cache: extracted records (with their rendered body HTML) on disk, keyed by
 * a hash of the article file's bytes, its path and the extractor's code version, so an
 * unchanged article is never read by the extractor twice.
 *
 *   <cache dir>/records/<2 hex>/<sha256>.json     one entry per article file version:
 *                                                 its stories' records (one for most pages)
 *
 * The default cache dir is `.cache/news-archive/` in the current folder (`--cache-dir`
 * moves it, `--no-cache` neither reads nor writes it). Entries are written to a
 * temporary name and renamed, so a crash never leaves a half-written entry; an entry
 * that cannot be parsed is treated as missing. Stale entries are never wrong, only
 * unused: delete the folder at any time to reclaim the space (`news-archive cache
 * --clear`). A build also prunes them (`prune`): an entry goes when no archive built in
 * the last month uses it (src/cache/usage.ts), and the least recently used go first
 * when the entries pass the size cap (`DEFAULT_CACHE_MAX_BYTES`).
 */
import { createHash } from 'node:crypto';
import { hashText } from './hash.ts';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleRecord } from '../record.ts';
import { codeVersion, EXTRACT_CODE } from './code-version.ts';
import type { UsedList } from './usage.ts';

export const DEFAULT_CACHE_DIR = path.join('.cache', 'news-archive');

/** The records' size cap: past it, a build removes the least recently used entries (`--cache-max-size`). A GiB holds about 33,000 generated 300–1,500-word articles' records. */
export const DEFAULT_CACHE_MAX_BYTES = 2 ** 30;
/**
 * An entry written or used this recently is never removed, whatever the lists and the
 * cap say: a build running at the same time may still read it (its list names it from
 * the start, but two builds of one archive at once share one list).
 */
export const FRESH_ENTRY_MS = 60 * 60 * 1000;

/**
 * The cap is checked exactly (every entry's size: ~0.5 s of `stat` at 10,000 entries on
 * a loaded machine) only once the entries' estimated size passes half of it; the estimate
 * is their count times the average of this many of them.
 */
export const SIZE_SAMPLE = 64;

/**
 * A prune lists every entry (~40–100 ms of an edit's rebuild at 10,000 articles); within
 * this long of the last one a build skips it, unless what it wrote may take the cache past
 * half its cap (where the prune checks the cap). What it would remove meanwhile is
 * unlisted entries, which stay `FRESH_ENTRY_MS` in any case: they wait a few minutes more.
 */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
/** In the records folder (not an entry: no `.json`): its time is the last prune's, its text the bytes that prune left. */
const PRUNED_MARKER = 'pruned';

/** One finished entry on disk. */
export interface CacheEntry {
  key: string;
  file: string;
  size: number;
  /** When it was written (ms since the epoch). */
  mtimeMs: number;
}

/** `entry` with its size and time from `stat`; undefined when it is gone (another build's prune). */
function withStat(entry: { key: string; file: string }): CacheEntry | undefined {
  try {
    const { size, mtimeMs } = statSync(entry.file);
    return { ...entry, size, mtimeMs };
  } catch {
    return undefined;
  }
}

export interface PruneResult {
  removed: number;
  /** The entries left, and their bytes. */
  entries: number;
  bytes: number;
}

/** Every finished entry (`<key>.json`) under `recordsDir`, without its size and time: never another process's temporary files. */
export function listEntryFiles(recordsDir: string): { key: string; file: string }[] {
  const entries: { key: string; file: string }[] = [];
  const names = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const folder of names(recordsDir).sort()) {
    for (const name of names(path.join(recordsDir, folder)).sort()) {
      if (name.endsWith('.json')) entries.push({ key: name.slice(0, -'.json'.length), file: path.join(recordsDir, folder, name) });
    }
  }
  return entries;
}

/** Every finished entry under `recordsDir`, with its size and time. */
export function listEntries(recordsDir: string): CacheEntry[] {
  return listEntryFiles(recordsDir).flatMap((entry) => withStat(entry) ?? []);
}

/** What the extract stage produces for one story of an article file (a file gives one or more: src/extract/stories). */
export interface Extracted {
  record: ArticleRecord;
  /** `renderBody(record.body)`: sanitized HTML. */
  bodyHtml: string;
  /** `excerpt(record.body)`: the teaser of article lists and feeds (src/site/excerpt.ts). */
  excerpt: string;
  /** `termProfile(record)`: the article's side of "similar articles" (src/site/similar.ts). */
  profile: string;
  /** `searchProfile(…)`: the article's side of the search index (src/search/profile.ts). */
  search: string;
  /** The start of the body as plain text, for a search result's snippet (src/search/document-store.ts). */
  searchText: string;
}

/** The cache key of one article file: its bytes, its path (slugs and messages use it) and the code version. */
export function recordKey(file: string, bytes: Uint8Array, version = codeVersion(EXTRACT_CODE)): string {
  return recordKeyOf(file, contentHash(bytes), version);
}

/** `recordKey` from the hash of the bytes (`contentHash`), which the stat cache remembers so that unchanged files are not read. */
export function recordKeyOf(file: string, hash: string, version = codeVersion(EXTRACT_CODE)): string {
  // One call on the joined text (the same digest as updating a Hash part by part): once per file, every build.
  return hashText('sha256', `${version}\0${file}\0${hash}`);
}

/**
 * The key of one story of a file (`story` from 0, in page order): the file's record key
 * for its first (or only) story, `<file key>.<story>` for the others. Stories are told
 * apart wherever the build keys an article (page fingerprints, the search index's
 * documents, the record read back for a page).
 */
export function storyKey(fileKey: string, story: number): string {
  return story === 0 ? fileKey : `${fileKey}.${story}`;
}

/** `storyKey` undone: the file's record key and the story's place in it. */
export function parseStoryKey(key: string): { fileKey: string; story: number } {
  const dot = key.indexOf('.');
  return dot === -1 ? { fileKey: key, story: 0 } : { fileKey: key.slice(0, dot), story: Number(key.slice(dot + 1)) };
}

/** sha256 of a file's bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Entries are by file record key (`recordKey`): the file's stories, in page order. */
export interface RecordCache {
  /** True when what is put can be got back during the build: the build then lets the rendered bodies go and gets each again when a stage needs it. */
  readonly keepsRecords: boolean;
  get(key: string): Promise<Extracted[] | undefined>;
  /** `get`, synchronously (for a stage that reads many small parts of records in a loop). */
  getSync(key: string): Extracted[] | undefined;
  put(key: string, value: Extracted[]): Promise<void>;
}

/** One story from the cache, by its `storyKey`. */
export async function getStory(cache: RecordCache, key: string): Promise<Extracted | undefined> {
  const { fileKey, story } = parseStoryKey(key);
  return (await cache.get(fileKey))?.[story];
}

/** The shape of one story of an entry (an entry of another shape, from older code, is a miss). */
function isExtracted(value: Extracted | undefined): boolean {
  return (
    typeof value?.bodyHtml === 'string' &&
    typeof value.profile === 'string' &&
    typeof value.excerpt === 'string' &&
    typeof value.search === 'string' &&
    typeof value.searchText === 'string' &&
    typeof value.record?.slug === 'string'
  );
}

/** No cache: `--no-cache`. */
export const NO_CACHE: RecordCache = {
  keepsRecords: false,
  get: async () => undefined,
  getSync: () => undefined,
  put: async () => {},
};

export class DiskRecordCache implements RecordCache {
  /** On disk, or in memory for `serve --no-cache`, which keeps every entry. */
  readonly keepsRecords = true;
  /** undefined: in memory only (`serve --no-cache`). */
  readonly dir: string | undefined;
  /** Entries already read or written by this process (kept by `serve` between builds). */
  private readonly memory = new Map<string, Extracted[]>();
  /** Folders this process made (or found): 256 of them, where a build writes thousands of entries. */
  private readonly folders = new Map<string, Promise<unknown>>();
  /** Bytes of the entries this process wrote since its last prune (`pruneDue`). */
  private written = 0;

  constructor(
    cacheDir: string | undefined,
    private readonly keepInMemory = false,
  ) {
    this.dir = cacheDir === undefined ? undefined : path.join(path.resolve(cacheDir), 'records');
  }

  /**
   * Read synchronously (`getSync`): Node 20's promise readFile opens, stats, reads and
   * closes through the thread pool, and 10,000 entries took ~2.2 s of this thread's time
   * against ~1.2 s read and parsed one after another (measured, page cache warm).
   */
  async get(key: string): Promise<Extracted[] | undefined> {
    return this.getSync(key);
  }

  getSync(key: string): Extracted[] | undefined {
    const known = this.memory.get(key);
    if (known !== undefined || this.dir === undefined) return known;
    let text: string | undefined;
    try {
      text = readFileSync(this.pathOf(key), 'utf8');
    } catch {
      text = undefined;
    }
    return this.remember(key, text);
  }

  /** The entry in `text`, if it is one (else `undefined`: a missing or damaged entry is a miss). */
  private remember(key: string, text: string | undefined): Extracted[] | undefined {
    let value: Extracted[];
    try {
      value = JSON.parse(text ?? '') as Extracted[];
    } catch {
      return undefined;
    }
    if (!Array.isArray(value) || value.length === 0 || !value.every(isExtracted)) return undefined;
    if (this.keepInMemory) this.memory.set(key, value);
    return value;
  }

  async put(key: string, value: Extracted[]): Promise<void> {
    if (this.keepInMemory || this.dir === undefined) this.memory.set(key, value);
    if (this.dir === undefined) return;
    const file = this.pathOf(key);
    const folder = path.dirname(file);
    let made = this.folders.get(folder);
    if (made === undefined) this.folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    const temp = `${file}.${process.pid}.tmp`;
    const text = JSON.stringify(value);
    this.written += text.length;
    await writeFile(temp, text).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      // The cache folder was deleted while this process ran (`serve`): make it again.
      this.folders.clear();
      await mkdir(folder, { recursive: true });
      await writeFile(temp, text);
    });
    await rename(temp, file);
  }

  /**
   * Remove the entries no list of `lists` names (src/cache/usage.ts: the archives built
   * in the last month), then, while the entries take more than `maxBytes`, the least
   * recently used (an entry's last use: the newest list that names it, or when it was
   * written). Entries used within `FRESH_ENTRY_MS` of `now` stay in any case. `bytes` in
   * the result is exact when the cap was checked, else the estimate (`SIZE_SAMPLE`).
   */
  async prune(options: { lists: readonly UsedList[]; maxBytes: number; now?: number }): Promise<PruneResult> {
    if (this.dir === undefined) return { removed: 0, entries: 0, bytes: 0 };
    const result = this.pruneNow(this.dir, options);
    this.written = 0;
    try {
      writeFileSync(path.join(this.dir, PRUNED_MARKER), String(result.bytes));
    } catch {
      // No records folder (nothing was ever written): the next build prunes again.
    }
    return result;
  }

  /**
   * Whether a build should `prune` now: no prune in the last `PRUNE_INTERVAL_MS` (by the
   * marker's time), or the bytes it left plus those this process wrote since pass half of
   * `maxBytes`.
   */
  pruneDue(maxBytes: number, now = Date.now()): boolean {
    if (this.dir === undefined) return false;
    try {
      const marker = path.join(this.dir, PRUNED_MARKER);
      const { mtimeMs } = statSync(marker);
      if (now - mtimeMs >= PRUNE_INTERVAL_MS || mtimeMs > now) return true;
      const left = Number(readFileSync(marker, 'utf8'));
      return !Number.isFinite(left) || left + this.written > maxBytes / 2;
    } catch {
      return true;
    }
  }

  private pruneNow(dir: string, { lists, maxBytes, now = Date.now() }: { lists: readonly UsedList[]; maxBytes: number; now?: number }): PruneResult {
    const lastUse = new Map<string, number>();
    for (const list of lists) for (const key of list.keys) lastUse.set(key, Math.max(lastUse.get(key) ?? 0, list.time));
    const files = listEntryFiles(dir);
    let removed = 0;
    // Synchronously: ~35 µs a file here against ~265 µs for Node 20's promise `rm`, which
    // made the build after an upgrade of the extractor (every entry stale at once) prune
    // 10,000 entries for ~2 s.
    const remove = (entry: CacheEntry) => {
      rmSync(entry.file, { force: true });
      removed++;
    };
    // Unlisted entries go unless fresh (only they need a `stat` for that); the fresh ones count in the cap.
    const listed = files.filter((entry) => lastUse.has(entry.key));
    const fresh: CacheEntry[] = [];
    for (const entry of files) {
      if (lastUse.has(entry.key)) continue;
      const known = withStat(entry);
      if (known === undefined) continue;
      if (now - known.mtimeMs < FRESH_ENTRY_MS) fresh.push(known);
      else remove(known);
    }
    const freshBytes = fresh.reduce((total, entry) => total + entry.size, 0);
    // The cap: estimated from a sample spread over the entries, checked exactly when the estimate passes half of it.
    const step = Math.max(1, Math.floor(listed.length / SIZE_SAMPLE));
    const sample = listed.filter((_, i) => i % step === 0).slice(0, SIZE_SAMPLE).flatMap((entry) => withStat(entry) ?? []);
    const estimate = freshBytes + (sample.length === 0 ? 0 : Math.round((sample.reduce((total, entry) => total + entry.size, 0) / sample.length) * listed.length));
    if (estimate <= maxBytes / 2) return { removed, entries: listed.length + fresh.length, bytes: estimate };
    // Least recently used first; the key breaks ties, so that the order is the same in every process.
    const entries = listed.flatMap((entry) => withStat(entry) ?? []).map((entry) => ({ ...entry, used: Math.max(entry.mtimeMs, lastUse.get(entry.key)!) }));
    entries.sort((a, b) => a.used - b.used || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let bytes = freshBytes + entries.reduce((total, entry) => total + entry.size, 0);
    let left = fresh.length + entries.length;
    for (const entry of entries) {
      if (bytes <= maxBytes) break;
      if (now - entry.used < FRESH_ENTRY_MS) continue;
      remove(entry);
      bytes -= entry.size;
      left--;
    }
    return { removed, entries: left, bytes };
  }

  /** Keep only the given keys in memory (the articles of the last build). */
  retainInMemory(keys: Set<string>): void {
    for (const key of this.memory.keys()) if (!keys.has(key)) this.memory.delete(key);
  }

  private pathOf(key: string): string {
    return path.join(this.dir!, key.slice(0, 2), `${key}.json`);
  }
}
