/**
 * One article file's bytes → its records (one per story of a page that holds several,
 * src/extract/stories), each with its rendered body and what the site derives from the
 * body alone (the excerpt, the term profile of "similar articles", the search profile
 * and the text a search result shows), or the one-line reason it could not become a
 * record. Runs in the extraction worker threads
 * and, for a handful of files, in the main thread; everything it returns is cached, so
 * the main thread never needs the body Markdown (src/build.ts lets it go).
 */
import type { Extracted } from '../cache/record-cache.ts';
import type { ArticleRecord } from '../record.ts';
import { describe, storiesFromBytes } from '../read/index.ts';
import { renderBody } from '../render/markdown.ts';
import { SNIPPET_SOURCE_CHARS, prefixAtWord } from '../search/document-store.ts';
import { htmlToPlainText } from '../search/plain-text.ts';
import { searchProfile } from '../search/profile.ts';
import { excerpt } from '../site/excerpt.ts';
import { termProfile } from '../site/similar-profile.ts';

/** Stems by word, shared by the articles a thread extracts (the stemmer is most of the term profile's cost); cleared at this size to bound it. */
const stems = new Map<string, string>();
const STEM_MEMO_MAX = 200_000;

/** A file's stories, in order (one for a page of one story). */
export type ExtractOutcome = { ok: true; value: Extracted[] } | { ok: false; message: string };

export function extractOne(file: string, bytes: Uint8Array): ExtractOutcome {
  try {
    if (stems.size > STEM_MEMO_MAX) stems.clear();
    return { ok: true, value: storiesFromBytes(file, bytes).map(derive) };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

function derive(record: ArticleRecord): Extracted {
  const bodyHtml = renderBody(record.body);
  // The body as the search index reads it: the words a reader sees in the rendered HTML.
  const plain = htmlToPlainText(bodyHtml);
  return {
    record,
    bodyHtml,
    excerpt: excerpt(record.body),
    profile: termProfile(record, stems),
    search: searchProfile([record.title, record.subtitle ?? '', plain, record.source ?? '']),
    searchText: prefixAtWord(plain, SNIPPET_SOURCE_CHARS),
  };
}
