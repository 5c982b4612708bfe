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
import { collectGarbage } from '../collect-garbage.ts';
import type { SiteData } from '../site/types.ts';
import { buildSearchIndex } from './build-index.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { paths } from './shard-format.ts';
import { shardFileEntries } from './shards.ts';

export { buildSearchIndex, FIELD_BOOSTS } from './build-index.ts';
export type { SearchDoc } from './document-store.ts';

/** Site-relative paths, for the build and the tests. */
export const SEARCH_MANIFEST_PATH = paths.manifest;
export const SEARCH_SCRIPT_PATH = 'assets/search.js';

/** Files written at once; enough to keep the disk busy, few enough to stay under any open-file limit. */
const WRITE_CONCURRENCY = 64;

/** Writes every file; `bytes` is their total size and `files` their number. */
export async function writeSearchAssets(data: SiteData, outputDir: string): Promise<{ bytes: number; files: number }> {
  let manifestJson: string | undefined;
  const entries = (function* () {
    const built = buildSearchIndex(data.articles);
    // The tokens and scratch arrays of the index build are garbage now; the files made next are more.
    collectGarbage();
    for (const entry of shardFileEntries(built)) {
      if (entry[0] === paths.manifest) manifestJson = entry[1];
      yield entry;
    }
  })();
  const folders = new Map<string, Promise<unknown>>();
  let bytes = 0;
  let files = 0;
  const write = async (file: string, text: string | Uint8Array) => {
    const target = path.join(outputDir, file);
    const folder = path.dirname(target);
    let made = folders.get(folder);
    if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    const contents = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    bytes += contents.byteLength;
    files++;
    await writeFile(target, contents);
  };
  // Files are made one at a time and written as they come, a few at once.
  const worker = async () => {
    for (let next = entries.next(); !next.done; next = entries.next()) await write(...next.value);
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
  if (manifestJson === undefined) throw new Error('search index: the shards came without a manifest');
  // The client carries the manifest (bundle-client.ts), so it is bundled once the manifest is made.
  await write(SEARCH_SCRIPT_PATH, await bundleSearchClient(manifestJson));
  return { bytes, files };
}
