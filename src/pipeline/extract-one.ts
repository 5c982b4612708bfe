/**
 * One article file's bytes → its record, rendered body and what the site derives from
 * the body alone (the excerpt, the term profile of "similar articles", the search
 * profile and the text a search result shows), or the
 * one-line reason it could not become a record. Runs in the extraction worker threads
 * and, for a handful of files, in the main thread; everything it returns is cached, so
 * the main thread never needs the body Markdown (src/build.ts lets it go).
 */
import type { Extracted } from '../cache/record-cache.ts';
import { describe, recordFromBytes } from '../read/index.ts';
import { renderBody } from '../render/markdown.ts';
import { SNIPPET_SOURCE_CHARS, prefixAtWord } from '../search/document-store.ts';
import { htmlToPlainText } from '../search/plain-text.ts';
import { searchProfile } from '../search/profile.ts';
import { excerpt } from '../site/excerpt.ts';
import { termProfile } from '../site/similar.ts';

/** Stems by word, shared by the articles a thread extracts (the stemmer is most of the term profile's cost); cleared at this size to bound it. */
const stems = new Map<string, string>();
const STEM_MEMO_MAX = 200_000;

export type ExtractOutcome = { ok: true; value: Extracted } | { ok: false; message: string };

export function extractOne(file: string, bytes: Uint8Array): ExtractOutcome {
  try {
    if (stems.size > STEM_MEMO_MAX) stems.clear();
    const record = recordFromBytes(file, bytes);
    const bodyHtml = renderBody(record.body);
    // The body as the search index reads it: the words a reader sees in the rendered HTML.
    const plain = htmlToPlainText(bodyHtml);
    return {
      ok: true,
      value: {
        record,
        bodyHtml,
        excerpt: excerpt(record.body),
        profile: termProfile(record, stems),
        search: searchProfile([record.title, record.subtitle ?? '', plain, record.source ?? '']),
        searchText: prefixAtWord(plain, SNIPPET_SOURCE_CHARS),
      },
    };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}
