/**
 * The read stage: the input folder → validated records, and one message per problem.
 *
 * A file that cannot become a record (unreadable, binary, broken front matter, empty)
 * is reported as an error naming the file and left out; the rest of the archive builds.
 */
import { readFile, stat } from 'node:fs/promises';
import { ArticleError, extract } from '../extract/index.ts';
import type { ArticleRecord } from '../record.ts';
import { decodeArticle, DecodeError } from './decode.ts';
import { listArticleFiles } from './list-files.ts';

/** Larger files are refused rather than read: no news article is 10 MB of text. */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

export interface ReadProblem {
  file: string;
  level: 'error' | 'warning';
  /** One line: `line 3: …` when a line is known. */
  message: string;
}

export interface ReadResult {
  records: ArticleRecord[];
  problems: ReadProblem[];
  /** Relative file → absolute path, for copying the unchanged source text. */
  sources: Map<string, string>;
}

export async function readArticles(inputDir: string): Promise<ReadResult> {
  const listing = await listArticleFiles(inputDir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the input folder ${inputDir}: ${error.code ?? error.message}`);
  });
  const result: ReadResult = { records: [], problems: [], sources: new Map() };
  for (const { file, reason } of listing.skipped) result.problems.push({ file, level: 'warning', message: reason });
  for (const { file, absolute } of listing.files) {
    try {
      result.records.push(await readArticle(file, absolute));
      result.sources.set(file, absolute);
    } catch (error) {
      result.problems.push({ file, level: 'error', message: describe(error) });
    }
  }
  return result;
}

export async function readArticle(file: string, absolute: string): Promise<ArticleRecord> {
  const { size } = await stat(absolute);
  if (size > MAX_ARTICLE_BYTES) {
    throw new DecodeError(`${(size / 1048576).toFixed(1)} MB is larger than the ${MAX_ARTICLE_BYTES / 1048576} MB limit for one article; not read`);
  }
  const { text, encoding } = decodeArticle(await readFile(absolute));
  const record = extract(text, { file });
  return encoding === 'utf-8' ? record : { ...record, encoding };
}

function describe(error: unknown): string {
  if (error instanceof ArticleError) return error.line === undefined ? error.message : `line ${error.line}: ${error.message}`;
  if (error instanceof DecodeError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `cannot read the file (${code})`;
  return error instanceof Error ? error.message : String(error);
}
