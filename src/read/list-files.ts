/**
 * Which files in the input folder are articles.
 *
 * Text files (`.txt`, `.text`, `.md`) anywhere below the folder, in code-point order of
 * their relative paths so every build sees them in the same order. Hidden files and
 * folders and editor backups are ignored. Symbolic links are never followed (a link
 * could point outside the archive, or make a loop) and named pipes never opened (a
 * read would block); both are reported when their name looks like an article.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md']);

/** Names editors and tools leave beside real files (`notes.txt~`, `#notes.txt#`, `.swp`). */
const BACKUP_NAME = /(?:~|\.bak|\.orig|\.swp|\.tmp)$|^#.*#$/i;

export interface ListedFile {
  /** Path relative to the input folder, with `/` separators. */
  file: string;
  absolute: string;
}

export interface Listing {
  files: ListedFile[];
  /** Entries passed over that a user may want to know about (links, pipes). */
  skipped: { file: string; reason: string }[];
}

export async function listArticleFiles(inputDir: string): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [] };
  await walk(inputDir, '', listing, await realpath(inputDir));
  const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  listing.files.sort(byPath);
  listing.skipped.sort(byPath);
  return listing;
}

async function walk(root: string, relative: string, listing: Listing, realRoot: string): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.name.startsWith('.') || BACKUP_NAME.test(entry.name)) continue;
    const isArticleName = ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase());
    if (entry.isSymbolicLink()) {
      const reason = await describeLink(path.join(root, file), realRoot, isArticleName);
      if (reason !== undefined) listing.skipped.push({ file, reason });
    } else if (entry.isDirectory()) {
      await walk(root, file, listing, realRoot);
    } else if (entry.isFile()) {
      if (isArticleName) listing.files.push({ file, absolute: path.join(root, file) });
    } else if (isArticleName) {
      listing.skipped.push({ file, reason: `${kindOf(entry)}, not a regular file; not read` });
    }
  }
}

/** Why a link is not followed; undefined for links that could not be articles anyway (`photo.jpg`). */
async function describeLink(link: string, realRoot: string, isArticleName: boolean): Promise<string | undefined> {
  let target: string;
  let isDirectory: boolean;
  try {
    target = await realpath(link);
    isDirectory = (await stat(target)).isDirectory();
  } catch {
    return isArticleName ? 'broken symbolic link; ignored' : undefined;
  }
  if (!isArticleName && !isDirectory) return undefined;
  const inside = target === realRoot || target.startsWith(realRoot + path.sep);
  const what = isDirectory ? 'a folder' : 'a file';
  return `symbolic link to ${what} ${inside ? 'inside' : 'outside'} the input folder, not followed`;
}

function kindOf(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'a special file';
}
