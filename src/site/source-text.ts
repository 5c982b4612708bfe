/**
 * Where an article's source text is: `/articles/<slug>/source.txt`, the unchanged file it
 * came from. The stories of a page of several share one file, so it is kept once, in
 * the folder of the page's first story, and every story links there.
 */
import type { ArticleRecord } from '../record.ts';

/** Whether the article's folder holds its file's source text: a file's first (or only) story's does. */
export function holdsSourceText(record: Pick<ArticleRecord, 'part'>): boolean {
  return record.part === undefined || record.part === 1;
}
