/**
 * An article's "similar articles" profile (src/site/similar.ts): its stemmed words and
 * their counts. It depends on the article alone, so it is made where the article is
 * extracted and cached with its record; this file is part of the extractor's code
 * version (src/cache/code-version.ts `EXTRACT_CODE`), the matching in similar.ts is not:
 * a change to how lists are made does not extract the archive again.
 */
import lunr from 'lunr';

/** A headline word says more about the story than a body word; counted this many times. */
export const TITLE_WEIGHT = 3;
/** Shorter words are mostly initials and particles, and stem badly. */
const MIN_WORD_LENGTH = 3;

export interface SimilarText {
  slug: string;
  title: string;
  subtitle?: string;
  body: string;
}

/**
 * Stemmed, stop-word-free term counts (headline terms count `TITLE_WEIGHT` times), in
 * the order the terms first appear, as `term:count` pairs joined by spaces: a term is
 * letters, digits, inner apostrophes and hyphens, so neither separator occurs in one.
 */
export function termProfile(article: Omit<SimilarText, 'slug'>, stems: Map<string, string> = new Map()): string {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of terms(text, stems)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(article.title, TITLE_WEIGHT);
  add(article.subtitle ?? '', 1);
  add(article.body, 1);
  return [...counts].map(([term, count]) => `${term}:${count}`).join(' ');
}

/** Each `term:count` pair of a `termProfile`, in order. */
export function forEachTerm(profile: string, visit: (term: string, count: number) => void): void {
  if (profile === '') return;
  for (const pair of profile.split(' ')) {
    const colon = pair.lastIndexOf(':');
    visit(pair.slice(0, colon), Number(pair.slice(colon + 1)));
  }
}

/** Words of `text` as lunr would index them. `stems` caches the stemmer, which is the slow part. */
export function terms(text: string, stems: Map<string, string> = new Map()): string[] {
  const out: string[] = [];
  // Letters and digits, with inner apostrophes and hyphens (Jong-un, don't); Markdown
  // punctuation, URLs' slashes and the like separate words. The text is NFC already
  // (src/read normalises it), so it is not normalised again here.
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    const whole = match[0];
    const word = whole.endsWith("'s") || whole.endsWith('’s') ? whole.slice(0, -2) : whole;
    if (word.length < MIN_WORD_LENGTH) continue;
    let stem = stems.get(word);
    if (stem === undefined) {
      const token = new lunr.Token(word, {});
      stem = lunr.stopWordFilter(token) === undefined ? '' : lunr.stemmer(token).toString();
      stems.set(word, stem);
    }
    if (stem !== '') out.push(stem);
  }
  return out;
}

