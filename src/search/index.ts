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
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { collectGarbage } from '../collect-garbage.ts';
import type { ArticlePage, BodySource, SiteData } from '../site/types.ts';
import { inDocumentOrder, indexedDoc, PostingsBuilder } from './build-index.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { toSearchDoc } from './document-store.ts';
import { LUNR_INDEX_MAX_ARTICLES, LUNR_INDEX_PATH, lunrIndexPieces } from './lunr-index.ts';
import { searchProfile } from './profile.ts';
import { BODY_FIELD, paths, segmentStarts } from './shard-format.ts';
import type { SegmentShape } from './incremental.ts';
import { FileWriter } from './file-writer.ts';
import { docFacetEntry, shardFileEntries, type ChunkLayout, type DocFacetEntry } from './shards.ts';

export { buildSearchIndex, inDocumentOrder, PostingsBuilder } from './build-index.ts';
export { bundleSearchClient } from './bundle-client.ts';
export { FIELD_BOOSTS } from './bm25.ts';
export type { SearchDoc } from './document-store.ts';

/** Site-relative paths, for the build and the tests. */
export const SEARCH_MANIFEST_PATH = paths.manifest;
export const SEARCH_SCRIPT_PATH = 'assets/search.js';

/** The record stream of the index builder, inside `outputDir` while it is built (build-index.ts `PostingsBuilder`). */
const SPILL_FILE = '.postings-records';

/**
 * Writes every file of the index for the pages of `data`, each article's words read from
 * its body (the tests and the benchmark; the build gives `writeSearchIndex` the profiles
 * its extract stage made). `bytes` is the files' total size and `files` their number.
 */
export async function writeSearchAssets(
  data: SiteData,
  outputDir: string,
  bodyOf: BodySource = async (page) => page.bodyHtml,
  options: SearchIndexOptions = {},
): Promise<{ bytes: number; files: number }> {
  const builder = new PostingsBuilder({ spillFile: path.join(outputDir, SPILL_FILE) });
  await mkdir(outputDir, { recursive: true });
  try {
    const pages = inDocumentOrder(data.articles);
    const texts = new Map<string, string>();
    for (let i = 0; i < pages.length; i++) {
      const { doc, fields } = indexedDoc(pages[i]!, await bodyOf(pages[i]!));
      builder.add(i, searchProfile(fields));
      texts.set(pages[i]!.slug, doc.text);
    }
    const numbers = new Map(pages.map((page, i) => [page.slug, i]));
    const written = await writeSearchIndex(outputDir, { pages, builder, numberOf: (page) => numbers.get(page.slug)!, textOf: async (page) => texts.get(page.slug)! }, options);
    return { bytes: written.bytes, files: written.files.length };
  } finally {
    builder.close();
  }
}

export interface SearchIndexOptions {
  /** Write the standard lunr index (default: up to `LUNR_INDEX_MAX_ARTICLES` articles). */
  lunrIndex?: boolean;
  /** Documents per block of the first segment (shard-format.ts `SEGMENT_DOCS`; the tests make it small). */
  segmentDocs?: number;
}

export interface IndexInput {
  /** The articles, in document number order (build-index.ts `inDocumentOrder`). */
  pages: ArticlePage[];
  /** Holds every page's search profile, under the number `numberOf(page)`. */
  builder: PostingsBuilder;
  numberOf: (page: ArticlePage) => number;
  /** The start of the page's body as plain text (the extract stage's `searchText`). */
  textOf: (page: ArticlePage) => Promise<string>;
}

export interface WrittenIndex {
  /** Every file written, relative to the site, sorted. */
  files: string[];
  bytes: number;
  lengthSums: number[];
  bodyLengths: number[];
  segments: SegmentShape[];
}

/**
 * The whole index: each document's file, the chunks, the manifest, the vocabulary, the
 * standard lunr index (by default up to `LUNR_INDEX_MAX_ARTICLES`) and the client with
 * the manifest in it.
 */
export async function writeSearchIndex(outputDir: string, input: IndexInput, options: SearchIndexOptions = {}): Promise<WrittenIndex> {
  const writer = new FileWriter(outputDir);
  const { pages, builder } = input;
  const docs: DocFacetEntry[] = [];
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i]!;
    await writer.write(paths.doc(i), JSON.stringify(toSearchDoc(page, await input.textOf(page))));
    docs.push(docFacetEntry(page));
  }
  // The scratch of reading the articles is garbage now; the postings made next are more.
  collectGarbage();
  const numbers = new Map(pages.map((page, i) => [input.numberOf(page), i]));
  const number = (doc: number) => numbers.get(doc) ?? -1;
  const lengthSums = builder.lengthSums(number);
  const bodyLengths = pages.map((page) => builder.lengthsOf(input.numberOf(page))[BODY_FIELD]!);
  // Each segment's postings, its documents numbered from 0 (one pass over its documents' records each).
  const starts = segmentStarts((doc) => pages[doc]!.date, pages.length, options.segmentDocs);
  const inSegment = (k: number) => {
    const start = starts[k]!;
    const end = starts[k + 1] ?? pages.length;
    return (doc: number) => {
      const n = number(doc);
      return n >= start && n < end ? n - start : -1;
    };
  };
  const segments = starts.map((start, k) => ({ start, postings: builder.postings(inSegment(k)) }));
  const layouts: ChunkLayout[] = [];
  let manifestJson: string | undefined;
  for (const [file, text] of shardFileEntries({ segments, docs, lengthSums, bodyLengths }, {}, layouts)) {
    if (file === paths.manifest) manifestJson = text;
    await writer.write(file, text);
  }
  if (manifestJson === undefined) throw new Error('search index: the shards came without a manifest');
  if (options.lunrIndex ?? pages.length <= LUNR_INDEX_MAX_ARTICLES) {
    await writer.writePieces(LUNR_INDEX_PATH, lunrIndexPieces({ slugs: pages.map((p) => p.slug), postings: builder.postings(number), lengthSums }));
  }
  // The client carries the manifest (bundle-client.ts), so it is bundled once the manifest is made.
  await writer.write(SEARCH_SCRIPT_PATH, await bundleSearchClient(manifestJson));
  const { bytes, files } = await writer.done();
  const shapes = starts.map((start, k): SegmentShape => ({ start, lengthSums: builder.lengthSums(inSegment(k)), ...layouts[k]! }));
  return { files, bytes, lengthSums, bodyLengths, segments: shapes };
}
