/**
 * The search stage of the build: writes the two files the search page needs.
 *
 * - `<output>/search/index.json`: the serialized lunr index and the document store
 *   (build-index.ts, document-store.ts, plain-text.ts; Node).
 * - `<output>/assets/search.js`: the browser client bundled with lunr
 *   (bundle-client.ts → client.ts, which wires query.ts, index-loader.ts, snippet.ts
 *   and results-view.ts; browser).
 *
 * Neither file depends on the path prefix: the client finds the index and the article
 * pages relative to its own URL.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteData } from '../site/types.ts';
import { buildSearchIndex, serializeSearchIndex } from './build-index.ts';
import { bundleSearchClient } from './bundle-client.ts';

export { buildSearchIndex, FIELD_BOOSTS, serializeSearchIndex } from './build-index.ts';
export type { SearchDoc, SearchIndexFile } from './document-store.ts';

/** Site-relative paths of the files written, for the build and the tests. */
export const SEARCH_INDEX_PATH = 'search/index.json';
export const SEARCH_SCRIPT_PATH = 'assets/search.js';

/** Writes both files; `bytes` is their total size. */
export async function writeSearchAssets(data: SiteData, outputDir: string): Promise<{ bytes: number }> {
  const json = Buffer.from(serializeSearchIndex(buildSearchIndex(data.articles)), 'utf8');
  const script = await bundleSearchClient();
  await write(path.join(outputDir, SEARCH_INDEX_PATH), json);
  await write(path.join(outputDir, SEARCH_SCRIPT_PATH), script);
  return { bytes: json.byteLength + script.byteLength };
}

async function write(file: string, contents: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, contents);
}
