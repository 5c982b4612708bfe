/**
 * Which files in the input folder are articles.
 *
 * Text files (`.txt`, `.text`, `.md`) anywhere below the folder, in code-point order of
 * their relative paths so every build sees them in the same order. Hidden files and
 * folders, editor backups and symbolic links are skipped: a link could point outside
 * the archive.
 */
import { readdir } from 'node:fs/promises';
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
  /** Entries passed over that a user may want to know about (links). */
  skipped: { file: string; reason: string }[];
}

export async function listArticleFiles(inputDir: string): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [] };
  await walk(inputDir, '', listing);
  const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  listing.files.sort(byPath);
  listing.skipped.sort(byPath);
  return listing;
}

async function walk(root: string, relative: string, listing: Listing): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.name.startsWith('.') || BACKUP_NAME.test(entry.name)) continue;
    if (entry.isSymbolicLink()) {
      listing.skipped.push({ file, reason: 'symbolic link, not followed' });
    } else if (entry.isDirectory()) {
      await walk(root, file, listing);
    } else if (entry.isFile() && ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      listing.files.push({ file, absolute: path.join(root, file) });
    }
  }
}
