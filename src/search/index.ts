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
import type { BodySource, SiteData } from '../site/types.ts';
import { compareArticles, indexedDoc, PostingsBuilder } from './build-index.ts';
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

/** The record stream of the index builder, inside `outputDir` while it is built (build-index.ts `PostingsBuilder`). */
const SPILL_FILE = '.postings-records';

/**
 * Writes every file; `bytes` is their total size and `files` their number. The articles
 * are read one at a time, in index order: each one's document file is written and its
 * words go to the postings builder, so no stage holds every body.
 */
export async function writeSearchAssets(
  data: SiteData,
  outputDir: string,
  bodyOf: BodySource = async (page) => page.bodyHtml,
): Promise<{ bytes: number; files: number }> {
  await mkdir(outputDir, { recursive: true });
  const writer = new FileWriter(outputDir);
  const builder = new PostingsBuilder({ spillFile: path.join(outputDir, SPILL_FILE) });
  let manifestJson: string | undefined;
  try {
    const pages = [...data.articles].sort(compareArticles);
    const docs: { year?: string; source?: string; topics?: string[] }[] = [];
    for (let i = 0; i < pages.length; i++) {
      const { doc, fields, year, source, topics } = indexedDoc(pages[i]!, await bodyOf(pages[i]!));
      await writer.write(paths.doc(i), JSON.stringify(doc));
      builder.add(fields);
      docs.push({ ...(year !== undefined ? { year } : {}), ...(source !== undefined ? { source } : {}), ...(topics !== undefined ? { topics } : {}) });
    }
    // The scratch of reading the articles is garbage now; the postings made next are more.
    collectGarbage();
    for (const [file, text] of shardFileEntries({ terms: builder.terms, postings: builder.postings(), docs })) {
      if (file === paths.manifest) manifestJson = text;
      await writer.write(file, text);
    }
  } finally {
    builder.close();
  }
  if (manifestJson === undefined) throw new Error('search index: the shards came without a manifest');
  // The client carries the manifest (bundle-client.ts), so it is bundled once the manifest is made.
  await writer.write(SEARCH_SCRIPT_PATH, await bundleSearchClient(manifestJson));
  return writer.done();
}

/** Files written a few at a time: `write` waits only while `WRITE_CONCURRENCY` are on their way. */
class FileWriter {
  private readonly folders = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  private bytes = 0;
  private files = 0;

  constructor(private readonly outputDir: string) {}

  async write(file: string, text: string | Uint8Array): Promise<void> {
    while (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
    if (this.failure !== undefined) throw this.failure;
    const contents = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.bytes += contents.byteLength;
    this.files++;
    const written: Promise<void> = this.writeNow(file, contents)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(written));
    this.pending.add(written);
  }

  /** Waits for every write; rejects with the first that failed. */
  async done(): Promise<{ bytes: number; files: number }> {
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
    return { bytes: this.bytes, files: this.files };
  }

  private async writeNow(file: string, contents: Uint8Array): Promise<void> {
    const target = path.join(this.outputDir, file);
    const folder = path.dirname(target);
    let made = this.folders.get(folder);
    if (!made) this.folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    await writeFile(target, contents);
  }
}
