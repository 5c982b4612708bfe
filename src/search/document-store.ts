/**
 * The document store: what the browser needs to draw a result without fetching the
 * article. lunr returns only references (slugs) and match positions; the store maps
 * each slug to the few fields a result line shows.
 *
 * This module is shared by the index builder (Node) and the browser client, so it holds
 * types and pure functions only and imports nothing but types.
 */
import type { ArticlePage } from '../site/types.ts';

/** One search result's display data, `/search/docs/<n>.json`. Every string is article data: escape when drawn. */
export interface SearchDoc {
  title: string;
  /** ISO 8601 publication date, for `<time datetime>`. */
  date?: string;
  /** Human date such as `27 March 2019`, or `Undated`. */
  dateLabel: string;
  source?: string;
  /** Site-relative URL without the path prefix: `/articles/<slug>/`. */
  url: string;
  /**
   * The start of the plain-text body exactly as indexed (up to `SNIPPET_SOURCE_CHARS`),
   * so the client can cut a snippet around a match and mark it; its first
   * `EXCERPT_WORDS` words are the excerpt shown when the match is elsewhere.
   */
  text: string;
}

/** About two lines of a result list: enough to recognise an article. */
export const EXCERPT_WORDS = 30;

/**
 * How much body text is kept for snippets. 4,000 characters (~650 words) hold the whole
 * of a typical news article, so almost every result can show the words around its
 * match; a match further into a long feature still finds the article (the index covers
 * the whole body) but is shown with the excerpt. Each document is its own file, fetched
 * only when it is shown, so this costs about 1.5 kB (gzipped) per result drawn.
 */
export const SNIPPET_SOURCE_CHARS = 4000;

export function toSearchDoc(article: ArticlePage, plainBody: string): SearchDoc {
  return {
    title: article.title,
    ...(article.date !== undefined ? { date: article.date } : {}),
    dateLabel: article.dateLabel,
    ...(article.source !== undefined ? { source: article.source } : {}),
    url: article.url,
    text: prefixAtWord(plainBody, SNIPPET_SOURCE_CHARS),
  };
}

/**
 * The first `words` words of `text`, with `…` when something was cut. Words are runs of
 * non-space characters, the way a reader counts them.
 */
export function firstWords(text: string, words: number): string {
  const WORD = /\S+/g;
  let end = 0;
  let count = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    if (++count > words) return `${text.slice(0, end)} …`;
    end = m.index + m[0].length;
  }
  return text;
}

/**
 * At most `chars` characters from the start of `text`, cut at the end of a word, with
 * ` …` when something was cut. Everything before the cut is `text` unchanged, so lunr's
 * match positions (offsets into the indexed text) stay valid in the prefix.
 */
export function prefixAtWord(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.lastIndexOf(' ', chars);
  return `${text.slice(0, cut > 0 ? cut : chars)} …`;
}
