/**
 * Generated articles (scripts/generate-corpus.ts, through the real extractor) as pages,
 * and an in-memory fetcher over the shard files, for the sharding tests.
 */
import { extract } from '../../src/extract/index.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';
import { shardFiles, type ShardOptions } from '../../src/search/shards.ts';
import { ShardedIndex } from '../../src/search/sharded-index.ts';
import type { BuiltIndex } from '../../src/search/build-index.ts';
import type { ArticlePage } from '../../src/site/types.ts';
import { generateArticle } from '../../scripts/generate-corpus.ts';
import { articlePage } from './articles.ts';

/** Slugs made unique as the build makes them (lunr keys documents by slug). */
export function generatedPages(count: number, seed = 7): ArticlePage[] {
  const records = Array.from({ length: count }, (_, i) => {
    const { file, text } = generateArticle(i, seed);
    return extract(text, { file });
  });
  return assignUniqueSlugs(records).map((record) => articlePage(record));
}

/** A sharded index served from memory; `fetched` lists every path asked for, in order. */
export async function openShards(built: BuiltIndex, options: ShardOptions = {}): Promise<{ index: ShardedIndex; files: Map<string, string>; fetched: string[] }> {
  const files = shardFiles(built, options);
  const fetched: string[] = [];
  const index = await ShardedIndex.open(async (path) => {
    fetched.push(path);
    const text = files.get(path);
    if (text === undefined) throw new Error(`no such file: ${path}`);
    return JSON.parse(text);
  });
  return { index, files, fetched };
}
