/**
 * Which cache entries each archive uses: one list of record keys per input and output
 * folder, so that a build of one archive never takes another archive's entries away.
 *
 *   <cache dir>/used/<sha256 of input and output paths>.json   { input, output, keys }
 *
 * The file's modification time is when a build last used the keys: a build writes its
 * list as soon as it has read its input (before it extracts anything, so that a build
 * running at the same time sees its keys as used), and a build that finds nothing changed
 * touches it. Lists not touched for `USED_LIST_MAX_AGE_MS` are deleted by the next prune.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiskRecordCache, PruneResult } from './record-cache.ts';

/** A month: an archive not built for that long gives its entries up (its next build is cold); until then no build of another archive can remove them. */
export const USED_LIST_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export interface UsedList {
  input: string;
  output: string;
  keys: string[];
  /** When a build last used the keys (ms since the epoch). */
  time: number;
}

const folderOf = (cacheDir: string) => path.join(path.resolve(cacheDir), 'used');

function listPath(cacheDir: string, input: string, output: string): string {
  const id = createHash('sha256').update(path.resolve(input)).update('\0').update(path.resolve(output)).digest('hex').slice(0, 24);
  return path.join(folderOf(cacheDir), `${id}.json`);
}

/** Record that the build of `input` into `output` uses `keys` (written to a temporary name and renamed: a reader never sees half a list). */
export async function writeUsedList(cacheDir: string, input: string, output: string, keys: Iterable<string>): Promise<void> {
  const file = listPath(cacheDir, input, output);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ input: path.resolve(input), output: path.resolve(output), keys: [...new Set(keys)].sort() }));
  await rename(temp, file);
}

/** Record that the build of `input` into `output` used its keys again (nothing changed): the list's time is now; false when there is no list to touch. */
export async function touchUsedList(cacheDir: string, input: string, output: string): Promise<boolean> {
  const now = new Date();
  return utimes(listPath(cacheDir, input, output), now, now).then(
    () => true,
    () => false,
  );
}

/**
 * Every list in the cache, oldest first, but those older than `USED_LIST_MAX_AGE_MS`:
 * a prune deletes those (`removeExpired`), a look at the cache leaves them.
 */
export async function readUsedLists(cacheDir: string, { now = Date.now(), removeExpired = false } = {}): Promise<UsedList[]> {
  const folder = folderOf(cacheDir);
  const lists: UsedList[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(folder, name);
    try {
      const { mtimeMs } = await stat(file);
      if (now - mtimeMs > USED_LIST_MAX_AGE_MS) {
        if (removeExpired) await rm(file, { force: true });
        continue;
      }
      const { input, output, keys } = JSON.parse(await readFile(file, 'utf8')) as Omit<UsedList, 'time'>;
      if (typeof input === 'string' && typeof output === 'string' && Array.isArray(keys)) lists.push({ input, output, keys, time: mtimeMs });
    } catch {
      // Gone meanwhile (another build's prune) or damaged: it names nothing.
    }
  }
  return lists.sort((a, b) => a.time - b.time || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}

/** `cache.prune` against the lists of every archive built with `cacheDir` (the expired ones deleted first): what a build runs. */
export async function pruneUnused(cache: DiskRecordCache, cacheDir: string, maxBytes: number): Promise<PruneResult> {
  return cache.prune({ lists: await readUsedLists(cacheDir, { removeExpired: true }), maxBytes });
}
