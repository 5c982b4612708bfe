/**
 * The stat cache: what an input file's bytes hashed to, remembered by what `stat` says of
 * the file (size, modification and change times, inode, device), as git's index does. A
 * build then reads and hashes only the files whose `stat` changed; at 10,000 articles
 * that is the difference between reading 80 MB and reading nothing.
 *
 *   <cache dir>/inputs/<sha256 of the input folder's path>.json
 *
 * A file changed within the same tick of the file system's clock as it was hashed would
 * keep its `stat` (a "racily clean" file in git's words): so an entry is remembered only
 * when the file was last changed at least `RACY_MS` before it was looked at, and a file
 * saved just before a build is hashed again by the next one too.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Two seconds: the coarsest modification-time resolution in use (FAT); ext4, APFS and NTFS are far finer. */
export const RACY_MS = 2000;
const FORMAT = 1;

/** size, mtimeMs, ctimeMs, ino, dev, content hash. */
type Entry = [number, number, number, number, number, string];

export class StatCache {
  private changed = false;
  private readonly seen = new Set<string>();

  private constructor(
    /** undefined: in memory only (`serve --no-cache`). */
    private readonly file: string | undefined,
    private readonly input: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** The stat cache of `input` in `cacheDir`; empty when there is none yet (or it cannot be read). In memory only without `cacheDir`. */
  static async load(cacheDir: string | undefined, input: string): Promise<StatCache> {
    const absolute = path.resolve(input);
    if (cacheDir === undefined) return new StatCache(undefined, absolute, new Map());
    const file = statCachePath(cacheDir, absolute);
    let entries = new Map<string, Entry>();
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as { format: number; input: string; files: Record<string, Entry> };
      if (stored.format === FORMAT && stored.input === absolute) entries = new Map(Object.entries(stored.files));
    } catch {
      // None yet, or damaged: every file is hashed.
    }
    return new StatCache(file, absolute, entries);
  }

  /** The content hash of `file` when `info` is what it was when the hash was taken. */
  lookup(file: string, info: Stats): string | undefined {
    this.seen.add(file);
    const entry = this.entries.get(file);
    if (entry === undefined) return undefined;
    const [size, mtimeMs, ctimeMs, ino, dev, hash] = entry;
    return size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs && ino === info.ino && dev === info.dev ? hash : undefined;
  }

  /** Remember `hash` for `file` as `info` describes it, unless the file changed too recently to be sure (`RACY_MS` before `now`). */
  remember(file: string, info: Stats, hash: string, now = Date.now()): void {
    this.seen.add(file);
    const racy = Math.max(info.mtimeMs, info.ctimeMs) > now - RACY_MS;
    const known = this.entries.get(file);
    if (racy) {
      if (known !== undefined) {
        this.entries.delete(file);
        this.changed = true;
      }
      return;
    }
    if (known?.[5] === hash && known[0] === info.size && known[1] === info.mtimeMs && known[2] === info.ctimeMs && known[3] === info.ino && known[4] === info.dev) return;
    this.entries.set(file, [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev, hash]);
    this.changed = true;
  }

  /** Writes the cache when it changed, forgetting files not looked at since it was loaded (deleted or renamed). */
  async save(): Promise<void> {
    for (const file of this.entries.keys()) {
      if (!this.seen.has(file)) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    this.seen.clear();
    if (!this.changed || this.file === undefined) return;
    this.changed = false;
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ format: FORMAT, input: this.input, files: Object.fromEntries(this.entries) }));
    await rename(temp, this.file);
  }
}

export function statCachePath(cacheDir: string, input: string): string {
  const id = createHash('sha256').update(path.resolve(input)).digest('hex').slice(0, 24);
  return path.join(path.resolve(cacheDir), 'inputs', `${id}.json`);
}
