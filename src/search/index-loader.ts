/**
 * Index loading: fetch `/search/index.json` once and turn it into a ready lunr index.
 *
 * The index was built at build time (build-index.ts); `lunr.Index.load` only rebuilds
 * lunr's lookup structures from the JSON, which takes milliseconds for an archive of
 * thousands of articles. Browser only.
 */
import lunr from 'lunr';
import type { SearchDoc, SearchIndexFile } from './document-store.ts';

export interface LoadedIndex {
  index: lunr.Index;
  docs: Record<string, SearchDoc>;
}

export async function loadSearchIndex(url: URL): Promise<LoadedIndex> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`search index: ${url.pathname} answered ${response.status}`);
  const file = (await response.json()) as Partial<SearchIndexFile>;
  if (typeof file.index !== 'object' || file.index === null || typeof file.docs !== 'object' || file.docs === null) {
    throw new Error(`search index: ${url.pathname} is not a search index`);
  }
  return { index: lunr.Index.load(file.index), docs: file.docs };
}
