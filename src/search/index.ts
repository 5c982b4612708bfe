/**
 * The search stage of the build: writes the files the search page needs.
 *
 * - `<output>/search/…`: the sharded index (build-index.ts computes lunr's weights,
 *   shards.ts cuts them into files, shard-format.ts describes them; Node).
 * - `<output>/assets/search.js`: the browser client bundled with lunr
 *   (bundle-client.ts → client.ts; browser).
 *
 * Nothing depends on the path prefix: the client finds the index and the article pages
 * relative to its own URL.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteData } from '../site/types.ts';
import { buildSearchIndex } from './build-index.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { paths } from './shard-format.ts';
import { shardFiles } from './shards.ts';

export { buildSearchIndex, FIELD_BOOSTS } from './build-index.ts';
export type { SearchDoc } from './document-store.ts';

/** Site-relative paths, for the build and the tests. */
export const SEARCH_MANIFEST_PATH = paths.manifest;
export const SEARCH_SCRIPT_PATH = 'assets/search.js';

/** Files written at once; enough to keep the disk busy, few enough to stay under any open-file limit. */
const WRITE_CONCURRENCY = 64;

/** Writes every file; `bytes` is their total size and `files` their number. */
export async function writeSearchAssets(data: SiteData, outputDir: string): Promise<{ bytes: number; files: number }> {
  const files = shardFiles(buildSearchIndex(data.articles));
  files.set(SEARCH_SCRIPT_PATH, Buffer.from(await bundleSearchClient()).toString('utf8'));
  const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(outputDir, file))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  const entries = [...files];
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [file, text] = entries[next++]!;
      const contents = Buffer.from(text, 'utf8');
      bytes += contents.byteLength;
      await writeFile(path.join(outputDir, file), contents);
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
  return { bytes, files: entries.length };
}
