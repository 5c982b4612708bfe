/**
 * The read stage: one article file → a validated record, or one message for the file.
 *
 * A file that cannot become a record (unreadable, too large, binary, empty, only page
 * chrome, broken front matter) is reported as an error naming the file and left out;
 * the rest of the archive builds. What was guessed or repaired on the way (the
 * encoding, broken byte sequences) becomes a warning on the record.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ArticleError, extract, extractStories } from '../extract/index.ts';
import type { ArticleRecord } from '../record.ts';
import { decodeArticle, DecodeError } from './decode.ts';

/**
 * Larger files are refused rather than read. A long feature is 50 KB of text and a live
 * blog with its comments 1 MB; past that a file is not one article. Measured on one
 * 10 MB article: 24 s and 830 MB of memory for the build, so a folder of such files (in
 * parallel worker threads) could exhaust memory; a 2 MB one takes 6 s and 340 MB
 * (the whole build, Node and Eleventy included).
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface ReadProblem {
  file: string;
  level: 'error' | 'warning';
  /** One line: `line 3: …` when a line is known. */
  message: string;
}

/** One file → its record (the build reads through src/pipeline/collect.ts). */
export async function readArticle(file: string, absolute: string): Promise<ArticleRecord> {
  return recordFromBytes(file, await readArticleBytes(absolute));
}

/** One file → its records, one per story of a page that holds several (the `extract` command). */
export async function readStories(file: string, absolute: string): Promise<ArticleRecord[]> {
  return recordsFromBytes(file, await readArticleBytes(absolute), (text) => extractStories(text, { file }));
}

/**
 * The bytes of one article file, at most `MAX_ARTICLE_BYTES`: a larger file is refused
 * before it is read, so memory stays bounded whatever the folder holds. Opened without
 * blocking, so a named pipe given by name cannot hang the build.
 */
export async function readArticleBytes(absolute: string): Promise<Uint8Array> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new DecodeError('not a regular file; not read');
    if (info.size > MAX_ARTICLE_BYTES) throw tooLarge(info.size);
    // The size may change between stat and read: read at most one byte past the limit.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_ARTICLE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > MAX_ARTICLE_BYTES) throw tooLarge(length);
        break;
      }
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(size: number): DecodeError {
  const limit = MAX_ARTICLE_BYTES / 1048576;
  return new DecodeError(`${(size / 1048576).toFixed(1)} MB is larger than the ${limit} MB limit for one article; not read`);
}

/** Bytes already read (and at most `MAX_ARTICLE_BYTES`) → record; the build's worker threads call this. */
export function recordFromBytes(file: string, bytes: Uint8Array): ArticleRecord {
  return recordsFromBytes(file, bytes, (text) => [extract(text, { file })])[0] as ArticleRecord;
}

/** Bytes → the records `read` makes of their text, each with the encoding and its warnings. */
function recordsFromBytes(file: string, bytes: Uint8Array, read: (text: string) => ArticleRecord[]): ArticleRecord[] {
  if (bytes.length > MAX_ARTICLE_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new ArticleError('the file is empty (0 bytes)');
  const { text, encoding, warnings } = decodeArticle(bytes);
  if (text.trim() === '') throw new ArticleError('the file has only whitespace, no text');
  const records = read(text);
  const first = records[0] as ArticleRecord;
  if (records.length === 1 && first.body === '' && first.titleSource !== 'front-matter') {
    throw new ArticleError(
      `no article text: only page chrome (${plural(first.removed.length, 'line')} of menus, links and notices)` +
        '; give it a title in front matter to publish it anyway',
    );
  }
  return records.map((record) => ({ ...record, encoding, warnings: [...warnings, ...record.warnings] }));
}

/** One line for a file that could not become a record. */
export function describe(error: unknown): string {
  if (error instanceof ArticleError) return error.line === undefined ? error.message : `line ${error.line}: ${error.message}`;
  if (error instanceof DecodeError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `cannot read the file (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
