/**
 * The search stage, remembered. When the articles are what they were for the previous
 * output (the same records under the same slugs, the same search code and options), the
 * search files in the output stay as they are. When some changed, the previous index is
 * brought up to date: only the files the added and removed articles touch are written
 * (src/search/incremental.ts). Otherwise (no previous index, other search code) the
 * whole index is written afresh from the articles' search profiles.
 */
import { createHash } from 'node:crypto';
import { codeVersion, SEARCH_CODE } from '../cache/code-version.ts';
import { CannotUpdate, updateSearchIndex } from '../search/incremental.ts';
import { bundleSearchClient, inDocumentOrder, SEARCH_SCRIPT_PATH, writeSearchIndex, type PostingsBuilder } from '../search/index.ts';
import { LUNR_INDEX_MAX_ARTICLES, LUNR_INDEX_PATH, lunrIndexPieces } from '../search/lunr-index.ts';
import { FileWriter } from '../search/file-writer.ts';
import type { ArticlePage } from '../site/types.ts';
import type { SearchState } from './build-state.ts';
import type { SegmentShape } from '../search/incremental.ts';

export interface SearchInput {
  /** Every article page (any order). */
  pages: ArticlePage[];
  /** slug → record key (which covers everything the index reads of the article). */
  keys: Map<string, string>;
  /** Holds the search profiles of the articles that were extracted or read from the cache, under `numberOf(page)`. */
  builder: PostingsBuilder;
  numberOf: (page: ArticlePage) => number;
  /** Puts the article's profile into `builder` when it is not there (from the cache). */
  ensureProfile: (page: ArticlePage) => Promise<void>;
  /** An article's search profile, from the record cache. */
  profileOf: (key: string) => Promise<string | undefined>;
  textOf: (page: ArticlePage) => Promise<string>;
  lunrIndex?: boolean;
  /** src/search/shard-format.ts `SEGMENT_DOCS` (the tests make it small). */
  segmentDocs?: number;
}

/** What the index is made of: the search code, the options, each document's record and slug in document order. */
export function searchFingerprint(input: Pick<SearchInput, 'pages' | 'keys' | 'lunrIndex' | 'segmentDocs'>): string {
  const hash = createHash('sha1').update(codeFingerprint(input));
  for (const page of inDocumentOrder(input.pages)) hash.update(`\0${input.keys.get(page.slug)}\0${page.slug}`);
  return hash.digest('hex');
}

function codeFingerprint(input: Pick<SearchInput, 'lunrIndex' | 'segmentDocs'>): string {
  return createHash('sha1').update(codeVersion(SEARCH_CODE)).update(`\0${input.lunrIndex}\0${input.segmentDocs}`).digest('hex');
}

/**
 * Write the index's files into `dir` (a new site, or the staging folder of a rebuild of
 * `output`, the previous index's folder).
 */
export async function searchStage(
  input: SearchInput,
  dir: string,
  previous: { state: SearchState; output: string } | undefined,
): Promise<{ state: SearchState; reused: boolean; updated: boolean }> {
  const fingerprint = searchFingerprint(input);
  const code = codeFingerprint(input);
  if (previous?.state.fingerprint === fingerprint) return { state: previous.state, reused: true, updated: false };
  const pages = inDocumentOrder(input.pages);
  const keys = pages.map((page) => input.keys.get(page.slug)!);
  const lunrIndex = input.lunrIndex ?? pages.length <= LUNR_INDEX_MAX_ARTICLES;
  const state = (files: string[], bodyLengths: number[], segments: SegmentShape[]): SearchState => ({
    fingerprint,
    code,
    files,
    keys,
    slugs: pages.map((page) => page.slug),
    bodyLengths,
    segments,
  });

  if (previous !== undefined && previous.state.code === code) {
    try {
      const updated = await updateSearchIndex(dir, { ...previous.state, dir: previous.output }, {
        pages,
        keys,
        builder: input.builder,
        builderNumber: (doc) => input.numberOf(pages[doc]!),
        ensureProfile: (doc) => input.ensureProfile(pages[doc]!),
        profileOf: input.profileOf,
        textOf: (doc) => input.textOf(pages[doc]!),
        segmentDocs: input.segmentDocs,
      });
      const writer = new FileWriter(dir);
      const files = [...updated.files, SEARCH_SCRIPT_PATH];
      if (lunrIndex) {
        const postings = [];
        for await (const entry of updated.postings()) postings.push(entry);
        await writer.writePieces(LUNR_INDEX_PATH, lunrIndexPieces({ slugs: pages.map((p) => p.slug), postings, lengthSums: updated.lengthSums }));
        files.push(LUNR_INDEX_PATH);
      }
      await writer.write(SEARCH_SCRIPT_PATH, await bundleSearchClient(updated.manifestJson));
      await writer.done();
      return { state: state(files.sort(), updated.bodyLengths, updated.segments), reused: false, updated: true };
    } catch (error) {
      if (!(error instanceof CannotUpdate)) throw error;
      // Written anew below; what the update staged is overwritten or left out of the file list.
    }
  }
  for (const page of pages) await input.ensureProfile(page);
  const written = await writeSearchIndex(dir, { pages, builder: input.builder, numberOf: input.numberOf, textOf: input.textOf }, { lunrIndex, segmentDocs: input.segmentDocs });
  return { state: state(written.files, written.bodyLengths, written.segments), reused: false, updated: false };
}
