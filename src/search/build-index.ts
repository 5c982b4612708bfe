/**
 * The index builder: article pages → a serialized lunr index and a document store.
 *
 * Runs once per build, in Node. The browser never builds an index: it loads this one
 * with `lunr.Index.load`, which is far faster than indexing in the page.
 *
 * Scoring (lunr 2.3.9). lunr ranks a document by BM25 per field: a query word scores
 * more the rarer it is across the archive (inverse document frequency) and the more
 * often it occurs in the field, with diminishing returns (k1 = 1.2) and normalised for
 * the field's length (b = 0.75, so one mention in a headline of 8 words weighs more than
 * one mention in a body of 800). Each field's score is multiplied by its boost:
 *
 * - `title` × 10: the headline names what the article is about; an article with the
 *   word in its headline should come before one that mentions it in passing, even a
 *   long article that mentions it many times.
 * - `subtitle` × 3: the standfirst summarises the article in a sentence; stronger than
 *   the body, weaker than the headline.
 * - `body` × 1 and `source` × 1: plain evidence. `source` is indexed so that a search for
 *   a publisher ("BBC") finds its articles.
 *
 * Every field goes through lunr's English pipeline (trimmer → stop words → Porter
 * stemmer), so "embassies" finds "embassy". `metadataWhitelist: ['position']` keeps the
 * offset and length of every word in every field, which the client uses to mark the
 * matched words in the headline and the snippet.
 */
import lunr from 'lunr';
import type { ArticlePage } from '../site/types.ts';
import { toSearchDoc, type SearchDoc, type SearchIndexFile } from './document-store.ts';
import { markdownToPlainText } from './plain-text.ts';

/** Field boosts; see the scoring notes above. */
export const FIELD_BOOSTS = { title: 10, subtitle: 3, body: 1, source: 1 } as const;

export type SearchField = keyof typeof FIELD_BOOSTS;

export function buildSearchIndex(articles: ArticlePage[]): { index: object; docs: Record<string, SearchDoc> } {
  // Slug order, by code unit (not locale), so the same articles give the same bytes on
  // every machine whatever order they arrive in.
  const sorted = [...articles].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const docs: Record<string, SearchDoc> = {};

  const index = lunr(function () {
    this.ref('slug');
    for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
    this.metadataWhitelist = ['position'];
    for (const article of sorted) {
      const body = markdownToPlainText(article.body);
      this.add({
        slug: article.slug,
        title: article.title,
        subtitle: article.subtitle ?? '',
        body,
        source: article.source ?? '',
      });
      docs[article.slug] = toSearchDoc(article, body);
    }
  });

  return { index: index.toJSON(), docs };
}

/** The text of `/search/index.json`: one line, keys in a fixed order. */
export function serializeSearchIndex(file: SearchIndexFile): string {
  return JSON.stringify({ index: file.index, docs: file.docs });
}
