/**
 * An article file's bytes, read safely: regular files only, never past the size limit,
 * never blocking on a pipe. Apart from the decoder and the extractor, so that a build
 * that finds nothing changed loads neither.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

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

/** A file that is not read, with the reason in one line. */
export class ReadRefusal extends Error {}

/**
 * The bytes of one article file, at most `MAX_ARTICLE_BYTES`: a larger file is refused
 * before it is read, so memory stays bounded whatever the folder holds. Opened without
 * blocking, so a named pipe given by name cannot hang the build.
 *
 * Synchronous: open, stat, read and close as four system calls of this thread. Node 20's
 * promise API takes each through the thread pool and its promise machinery, ~0.12 ms of
 * this thread's CPU for a 5 kB file against ~0.01 (measured on the 3,000 files of a
 * generated archive: 330–430 ms against 30 ms), and a cold build reads every file twice
 * (to hash it, then to extract it) on the thread that also feeds the extraction processes.
 */
export function readArticleBytes(absolute: string): Uint8Array {
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ReadRefusal('not a regular file; not read');
    if (info.size > MAX_ARTICLE_BYTES) throw tooLarge(info.size);
    // The size may change between stat and read: read at most one byte past the limit.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_ARTICLE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > MAX_ARTICLE_BYTES) throw tooLarge(length);
        break;
      }
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(size: number): ReadRefusal {
  const limit = MAX_ARTICLE_BYTES / 1048576;
  return new ReadRefusal(`${(size / 1048576).toFixed(1)} MB is larger than the ${limit} MB limit for one article; not read`);
}

/** One line for a file that could not be read. */
export function describeReadError(error: unknown): string {
  if (error instanceof ReadRefusal) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `cannot read the file (${code})`;
  return error instanceof Error ? error.message : String(error);
}
