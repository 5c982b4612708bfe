/**
 * "More like this": for each article, the few others that share the most distinctive
 * words with it, computed at build time with TF-IDF and cosine similarity. Pure and
 * deterministic: the same records give the same lists in the same order.
 *
 *   const similar = findSimilar(records);   // slug → [{ slug, score }, …], best first
 *
 * How an article becomes a vector:
 * 1. Its headline, standfirst and body are split into words, lower-cased, and passed
 *    through lunr's English stop-word filter and Porter stemmer (the same pipeline the
 *    search index uses, so "embassies" and "embassy" are one term).
 * 2. Each term gets tf × idf: tf = 1 + ln(count) (a word said ten times is not ten
 *    times as telling as one said once), with headline words counted `TITLE_WEIGHT`
 *    times; idf = ln(1 + N / df), where df is the number of articles using the term
 *    (rare words weigh more; a word in every article still weighs a little, so two
 *    articles of a two-article archive can be related).
 * 3. The vector is scaled to length 1, and only the `KEY_TERMS` heaviest terms that
 *    at least one other article uses are kept (the article's keywords).
 *
 * Step 1 depends on one article only, so it runs where the article is extracted (a
 * worker thread) and is cached with it: `termProfile` writes the counts as one compact
 * string, and `findSimilarByProfile` does steps 2–3 and the matching over the archive.
 *
 * The similarity of two articles is the dot product of their vectors (the cosine of
 * the angle between them): 1 for the same keywords in the same proportions, 0 for no
 * keyword in common. It is computed through an inverted index (term → the articles
 * that have it as a keyword), so only pairs that share a keyword are ever compared.
 */
import lunr from 'lunr';

/** Lucene's MoreLikeThis uses 25 query terms by default: enough to describe a story, few enough to stay fast. */
export const KEY_TERMS = 25;
/** A headline word says more about the story than a body word; counted this many times. */
export const TITLE_WEIGHT = 3;
/** How many similar articles each article lists. */
export const SIMILAR_COUNT = 3;
/**
 * Below this cosine two articles share no more than a common word or two in long texts
 * (measured on the five real articles, all about Korea: related pairs score 0.01–0.08);
 * listing such a match would suggest a link that is not there.
 */
export const MIN_SIMILARITY = 0.01;
/**
 * Each term reaches at most this many articles (those where it weighs most). For an
 * archive smaller than this nothing changes; for a huge one it bounds the work at
 * articles × KEY_TERMS × MAX_POSTINGS instead of articles².
 */
export const MAX_POSTINGS = 200;
/** Shorter words are mostly initials and particles, and stem badly. */
const MIN_WORD_LENGTH = 3;

export interface SimilarText {
  slug: string;
  title: string;
  subtitle?: string;
  body: string;
}

export interface SimilarMatch {
  slug: string;
  /** Cosine similarity, 0–1, rounded to four places (so output never depends on float noise). */
  score: number;
}

/** An article's slug and its `termProfile` (read twice; it may be a getter that reads it from elsewhere each time). */
export interface SimilarProfile {
  slug: string;
  profile: string;
}

/** slug → the `SIMILAR_COUNT` most similar other articles, best first (ties by slug). */
export function findSimilar(articles: readonly SimilarText[], count = SIMILAR_COUNT): Map<string, SimilarMatch[]> {
  const stems = new Map<string, string>();
  return findSimilarByProfile(
    articles.map((article) => ({ slug: article.slug, profile: termProfile(article, stems) })),
    count,
  );
}

/** `findSimilar` from each article's `termProfile`: the profiles are read twice (document frequencies, then vectors), never all held as maps. */
export function findSimilarByProfile(articles: readonly SimilarProfile[], count = SIMILAR_COUNT): Map<string, SimilarMatch[]> {
  const df = new Map<string, number>();
  for (const { profile } of articles) forEachTerm(profile, (term) => df.set(term, (df.get(term) ?? 0) + 1));

  const n = articles.length;
  const vectors = articles.map(({ profile }) => {
    const counts: [string, number][] = [];
    forEachTerm(profile, (term, count) => counts.push([term, count]));
    return keyTermVector(counts, df, n);
  });
  // Each article's place in slug order: the tie-break everywhere, so that the result
  // does not depend on the order the articles come in.
  const rank = new Int32Array(n);
  [...articles.keys()].sort((a, b) => compareCodeUnits(articles[a]!.slug, articles[b]!.slug)).forEach((i, r) => (rank[i] = r));

  // term → [article index, weight], heaviest first, at most MAX_POSTINGS.
  const postings = new Map<string, [number, number][]>();
  vectors.forEach((vector, i) => {
    for (const [term, weight] of vector) {
      const list = postings.get(term) ?? [];
      list.push([i, weight]);
      postings.set(term, list);
    }
  });
  for (const list of postings.values()) {
    list.sort((a, b) => b[1] - a[1] || rank[a[0]]! - rank[b[0]]!);
    list.length = Math.min(list.length, MAX_POSTINGS);
  }

  // Dot products accumulate in one array, reset after each article through the list of
  // the entries it touched; the best `count` are kept as they come (no sort of all).
  const scores = new Float64Array(n);
  const result = new Map<string, SimilarMatch[]>();
  vectors.forEach((vector, i) => {
    const touched: number[] = [];
    for (const [term, weight] of vector) {
      for (const [j, other] of postings.get(term)!) {
        if (j === i) continue;
        if (scores[j] === 0) touched.push(j);
        scores[j]! += weight * other;
      }
    }
    const best: { j: number; score: number }[] = [];
    for (const j of touched) {
      // Rounded to four places, so float noise never decides an order.
      const score = Math.round(scores[j]! * 1e4) / 1e4;
      scores[j] = 0;
      if (score < MIN_SIMILARITY) continue;
      const at = best.findIndex((b) => score > b.score || (score === b.score && rank[j]! < rank[b.j]!));
      if (at === -1) {
        if (best.length < count) best.push({ j, score });
      } else {
        best.splice(at, 0, { j, score });
        if (best.length > count) best.pop();
      }
    }
    result.set(
      articles[i]!.slug,
      best.map(({ j, score }) => ({ slug: articles[j]!.slug, score })),
    );
  });
  return result;
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

function forEachTerm(profile: string, visit: (term: string, count: number) => void): void {
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

/**
 * The `KEY_TERMS` heaviest tf-idf terms that some other article also uses (a word no
 * other article has cannot make two articles similar), divided by the length of the
 * whole tf-idf vector, so that dot products are true cosines over the key terms.
 * Ties by term, for determinism.
 */
function keyTermVector(counts: [string, number][], df: Map<string, number>, n: number): [string, number][] {
  const weighted = counts.map(([term, count]): [string, number] => [term, (1 + Math.log(count)) * Math.log(1 + n / df.get(term)!)]);
  const length = Math.hypot(...weighted.map(([, w]) => w));
  if (length === 0) return [];
  return weighted
    .filter(([term]) => df.get(term)! > 1)
    .sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]))
    .slice(0, KEY_TERMS)
    .map(([term, w]) => [term, w / length]);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
