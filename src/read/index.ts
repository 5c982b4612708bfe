/**
 * The read stage: one article file → a validated record, or one message for the file.
 *
 * A file that cannot become a record (unreadable, too large, binary, empty, only page
 * chrome, broken front matter) is reported as an error naming the file and left out;
 * the rest of the archive builds. What was guessed or repaired on the way (the
 * encoding, broken byte sequences) becomes a warning on the record.
 */
import { ArticleError, extract } from '../extract/index.ts';
import type { ArticleRecord } from '../record.ts';
import { describeReadError, MAX_ARTICLE_BYTES, readArticleBytes, tooLarge } from './bytes.ts';
import { decodeArticle, DecodeError } from './decode.ts';

export { MAX_ARTICLE_BYTES, readArticleBytes, type ReadProblem } from './bytes.ts';

/** One file → its record (the `extract` command; the build reads through src/pipeline/collect.ts). */
export async function readArticle(file: string, absolute: string): Promise<ArticleRecord> {
  return recordFromBytes(file, await readArticleBytes(absolute));
}

/** Bytes already read (and at most `MAX_ARTICLE_BYTES`) → record; the build's worker threads call this. */
export function recordFromBytes(file: string, bytes: Uint8Array): ArticleRecord {
  if (bytes.length > MAX_ARTICLE_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new ArticleError('the file is empty (0 bytes)');
  const { text, encoding, warnings } = decodeArticle(bytes);
  if (text.trim() === '') throw new ArticleError('the file has only whitespace, no text');
  const record = extract(text, { file });
  if (record.body === '' && record.titleSource !== 'front-matter') {
    throw new ArticleError(
      `no article text: only page chrome (${plural(record.removed.length, 'line')} of menus, links and notices)` +
        '; give it a title in front matter to publish it anyway',
    );
  }
  return { ...record, encoding, warnings: [...warnings, ...record.warnings] };
}

/** One line for a file that could not become a record. */
export function describe(error: unknown): string {
  if (error instanceof ArticleError) return error.line === undefined ? error.message : `line ${error.line}: ${error.message}`;
  if (error instanceof DecodeError) return error.message;
  return describeReadError(error);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
