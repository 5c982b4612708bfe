/** Helpers for tests that look at a built site on disk. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTICLES_DIR = path.join(PROJECT_ROOT, 'articles');
/** An invented page of three short news stories printed one after another, without headlines (as articles/004). */
export const STORIES_PAGE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'stories', 'news-in-brief.txt');

/** Folders made by `tempDir` in this test process, removed when it exits. */
const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, removed when the test process exits (a failing test's too: its output is in the report). */
export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `news-archive-${name}-`));
  made.push(dir);
  return dir;
}

/** Every file below `dir`, as sorted `/`-separated relative paths. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Relative path → file content, for byte-for-byte comparisons of whole folders. */
export function snapshotFolder(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((file) => [file, readFileSync(path.join(dir, file))]));
}

export function readSiteFile(siteDir: string, file: string): string {
  return readFileSync(path.join(siteDir, file), 'utf8');
}
