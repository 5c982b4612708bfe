/**
 * The record cache: extracted records (with their rendered body HTML) on disk, keyed by
 * a hash of the article file's bytes, its path and the extractor's code version, so an
 * unchanged article is never read by the extractor twice.
 *
 *   <cache dir>/records/<2 hex>/<sha256>.json     one entry per article version
 *
 * The default cache dir is `.cache/news-archive/` in the current folder (`--cache-dir`
 * moves it, `--no-cache` neither reads nor writes it). Entries are written to a
 * temporary name and renamed, so a crash never leaves a half-written entry; an entry
 * that cannot be parsed is treated as missing. Stale entries are never wrong, only
 * unused: delete the folder at any time to reclaim the space. A build also prunes them
 * (`prune`) once they outnumber the entries it used.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleRecord } from '../record.ts';
import { codeVersion, EXTRACT_CODE } from './code-version.ts';

export const DEFAULT_CACHE_DIR = path.join('.cache', 'news-archive');

/**
 * A build prunes the cache when it holds more than this many times the entries the build
 * used (plus `PRUNE_SLACK`): old versions of edited files, files since deleted, records
 * of older code. Twice, so that two archives built from the same folder in turn, or the
 * records of the previous code version, are not thrown away at every build.
 */
export const PRUNE_FACTOR = 2;
/** A small archive is not pruned for a handful of edits. */
export const PRUNE_SLACK = 100;

/** What the extract stage produces for one article file. */
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
  return createHash('sha256').update(version).update('\0').update(file).update('\0').update(hash).digest('hex');
}

/** sha256 of a file's bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface RecordCache {
  /** True when what is put can be got back during the build: the build then lets the rendered bodies go and gets each again when a stage needs it. */
  readonly keepsRecords: boolean;
  get(key: string): Promise<Extracted | undefined>;
  /** `get`, synchronously (for a stage that reads many small parts of records in a loop). */
  getSync(key: string): Extracted | undefined;
  put(key: string, value: Extracted): Promise<void>;
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
  private readonly memory = new Map<string, Extracted>();
  /** Folders this process made (or found): 256 of them, where a build writes thousands of entries. */
  private readonly folders = new Map<string, Promise<unknown>>();

  constructor(
    cacheDir: string | undefined,
    private readonly keepInMemory = false,
  ) {
    this.dir = cacheDir === undefined ? undefined : path.join(path.resolve(cacheDir), 'records');
  }

  async get(key: string): Promise<Extracted | undefined> {
    const known = this.memory.get(key);
    if (known !== undefined || this.dir === undefined) return known;
    return this.remember(key, await readFile(this.pathOf(key), 'utf8').catch(() => undefined));
  }

  getSync(key: string): Extracted | undefined {
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
  private remember(key: string, text: string | undefined): Extracted | undefined {
    let value: Extracted;
    try {
      value = JSON.parse(text ?? '') as Extracted;
    } catch {
      return undefined;
    }
    if (
      typeof value?.bodyHtml !== 'string' ||
      typeof value.profile !== 'string' ||
      typeof value.excerpt !== 'string' ||
      typeof value.search !== 'string' ||
      typeof value.searchText !== 'string' ||
      typeof value.record?.slug !== 'string'
    ) {
      return undefined;
    }
    if (this.keepInMemory) this.memory.set(key, value);
    return value;
  }

  async put(key: string, value: Extracted): Promise<void> {
    if (this.keepInMemory || this.dir === undefined) this.memory.set(key, value);
    if (this.dir === undefined) return;
    const file = this.pathOf(key);
    const folder = path.dirname(file);
    let made = this.folders.get(folder);
    if (made === undefined) this.folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    const temp = `${file}.${process.pid}.tmp`;
    const text = JSON.stringify(value);
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
   * Remove the entries not in `used` when there are more than `PRUNE_FACTOR` × `used`
   * (+ `PRUNE_SLACK`) of them; resolves to how many were removed. Only finished entries
   * (`<key>.json`) are touched, never another process's temporary files.
   */
  async prune(used: ReadonlySet<string>): Promise<number> {
    if (this.dir === undefined) return 0;
    const entries: { folder: string; name: string }[] = [];
    for (const folder of await readdir(this.dir).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(this.dir, folder)).catch(() => [] as string[])) {
        if (name.endsWith('.json')) entries.push({ folder, name });
      }
    }
    if (entries.length <= PRUNE_FACTOR * used.size + PRUNE_SLACK) return 0;
    const stale = entries.filter(({ name }) => !used.has(name.slice(0, -'.json'.length)));
    for (const { folder, name } of stale) await rm(path.join(this.dir, folder, name), { force: true });
    return stale.length;
  }

  /** Keep only the given keys in memory (the articles of the last build). */
  retainInMemory(keys: Set<string>): void {
    for (const key of this.memory.keys()) if (!keys.has(key)) this.memory.delete(key);
  }

  private pathOf(key: string): string {
    return path.join(this.dir!, key.slice(0, 2), `${key}.json`);
  }
}
