/**
 * The read stage: one article file → a validated record, or one message for the file.
 *
 * A file that cannot become a record (unreadable, too large, binary, empty, only page
 * chrome, broken front matter) is reported as an error naming the file and left out;
 * the rest of the archive builds. What was guessed or repaired on the way (the
 * encoding, broken byte sequences) becomes a warning on the record.
 */
import { ArticleError, extract, extractStories } from '../extract/index.ts';
import type { ArticleRecord } from '../record.ts';
import { describeReadError, MAX_ARTICLE_BYTES, readArticleBytes, tooLarge } from './bytes.ts';
import { decodeArticle, DecodeError } from './decode.ts';

export { MAX_ARTICLE_BYTES, readArticleBytes, type ReadProblem } from './bytes.ts';

/** One file → one record of the whole page (the build reads through src/pipeline/collect.ts, one record per story). */
export async function readArticle(file: string, absolute: string): Promise<ArticleRecord> {
  return recordFromBytes(file, readArticleBytes(absolute));
}

/** One file → its records, one per story of a page that holds several (the `extract` command). */
export async function readStories(file: string, absolute: string): Promise<ArticleRecord[]> {
  return storiesFromBytes(file, readArticleBytes(absolute));
}

/** Bytes already read (and at most `MAX_ARTICLE_BYTES`) → one record of the whole page, never split into stories. */
export function recordFromBytes(file: string, bytes: Uint8Array): ArticleRecord {
  return recordsFromBytes(file, bytes, (text) => [extract(text, { file })])[0] as ArticleRecord;
}

/** Bytes already read → the file's records, one per story; the build's worker threads call this. */
export function storiesFromBytes(file: string, bytes: Uint8Array): ArticleRecord[] {
  return recordsFromBytes(file, bytes, (text) => extractStories(text, { file }));
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
  return describeReadError(error);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
