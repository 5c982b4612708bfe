/**
 * What the cache folder holds, for `news-archive cache`: its size (every file in it:
 * records, build states, stat caches, used lists), its record entries and the archives
 * built with it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { listEntries } from './record-cache.ts';
import { readUsedLists, type UsedList } from './usage.ts';

export interface CacheSummary {
  folder: string;
  exists: boolean;
  /** Every file's bytes. */
  bytes: number;
  /** Record entries, and their bytes. */
  entries: number;
  entryBytes: number;
  /** The archives built with the cache in the last month, oldest first. */
  archives: UsedList[];
}

export async function summarizeCache(cacheDir: string): Promise<CacheSummary> {
  const folder = path.resolve(cacheDir);
  let exists = true;
  let bytes = 0;
  try {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      try {
        bytes += statSync(path.join(entry.parentPath, entry.name)).size;
      } catch {
        // Removed meanwhile.
      }
    }
  } catch {
    exists = false;
  }
  const entries = exists ? listEntries(path.join(folder, 'records')) : [];
  return {
    folder,
    exists,
    bytes,
    entries: entries.length,
    entryBytes: entries.reduce((total, entry) => total + entry.size, 0),
    archives: exists ? await readUsedLists(folder) : [],
  };
}
