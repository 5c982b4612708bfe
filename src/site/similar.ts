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
 *    times; idf = ln(1 + N / df), rounded to `IDF_STEPS` steps a unit, where df is the
 *    number of articles using the term (rare words weigh more; a word in every article
 *    still weighs a little, so two articles of a two-article archive can be related).
 *    N and df count the reference articles: the build leaves the newest month's out
 *    (when the rest are at least half the archive), so that the day's new articles move
 *    no other article's weights.
 * 3. The vector is scaled to length 1, and only the `KEY_TERMS` heaviest terms that
 *    at least one other article uses are kept (the article's keywords).
 *
 * Step 1 depends on one article only, so it runs where the article is extracted (a
 * worker thread) and is cached with it: `termProfile` (src/site/similar-profile.ts)
 * writes the counts as one compact string, and `findSimilarByProfile` does steps 2–3 and
 * the matching over the archive.
 *
 * The similarity of two articles is the dot product of their vectors (the cosine of
 * the angle between them): 1 for the same keywords in the same proportions, 0 for no
 * keyword in common. The stories of one copied page (a `group`) never list each other:
 * their pages link each other as "From the same page" already. It is computed through an inverted index (term → the articles
 * that have it as a keyword), so only pairs that share a keyword are ever compared.
 */
import { compareCodeUnits } from './code-units.ts';
import { forEachTerm, termProfile, type SimilarText } from './similar-profile.ts';

/** Lucene's MoreLikeThis uses 25 query terms by default: enough to describe a story, few enough to stay fast. */
export const KEY_TERMS = 25;
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
/**
 * A list with more changed scores than this is computed in full: a changed score costs a
 * pass over both articles' key terms (KEY_TERMS² comparisons), a full list at most
 * KEY_TERMS × MAX_POSTINGS additions, mostly fewer (measured at 10,000 articles).
 */
const MERGE_LIMIT = 12;
/**
 * When a change remakes more than this share of the vectors (a common word's weight
 * moved), nearly every list has more changed scores than MERGE_LIMIT: all are computed
 * in full, without first finding what changed (measured at 10,000 articles).
 */
const FULL_SHARE = 0.2;
/** Counts below this have their `1 + ln(count)` looked up, not computed (almost every count is). */
const TF_TABLE = 256;
/**
 * The idf is rounded to hundredths: an edit that adds or drops a word hundreds of articles
 * use moves its document frequency by one, which moved its exact idf and so the vector
 * of every article using it — all their lists made again (~0.9 s of an edit at 10,000
 * articles); rounded, the weight stays unless the document frequency moves by ~1/200 of
 * itself or more. The lists it changes at 10,000 articles: see the README's speed section.
 */
export const IDF_STEPS = 100;

/** The idf of a term `ref` of `references` reference articles use (at least one counted, so a word only newer articles use weighs as a rare one). */
export function idfOf(ref: number, references: number): number {
  return Math.round(Math.log(1 + references / Math.max(1, ref)) * IDF_STEPS) / IDF_STEPS;
}

export interface SimilarMatch {
  slug: string;
  /** Cosine similarity, 0–1, rounded to four places (so output never depends on float noise). */
  score: number;
}

/** An article's slug and its `termProfile`. */
export interface SimilarProfile {
  slug: string;
  profile: string;
  /** `SimilarInput.reference`. */
  reference?: boolean;
  /** `SimilarInput.group`. */
  group?: string;
}

/** slug → the `SIMILAR_COUNT` most similar other articles, best first (ties by slug). */
export function findSimilar(articles: readonly SimilarText[], count = SIMILAR_COUNT): Map<string, SimilarMatch[]> {
  const stems = new Map<string, string>();
  return findSimilarByProfile(
    articles.map((article) => ({ slug: article.slug, profile: termProfile(article, stems) })),
    count,
  );
}

/** `findSimilar` from each article's `termProfile`. */
export function findSimilarByProfile(articles: readonly SimilarProfile[], count = SIMILAR_COUNT): Map<string, SimilarMatch[]> {
  const vocabulary = new TermVocabulary();
  return findSimilarByIds(
    articles.map(({ slug, profile, reference, group }) => ({
      slug,
      terms: vocabulary.profileIds(profile),
      ...(reference === undefined ? {} : { reference }),
      ...(group === undefined ? {} : { group }),
    })),
    vocabulary,
    count,
  );
}

/**
 * The terms of an archive's profiles, numbered as they are first met, so that each
 * article's profile can be kept as numbers (`profileIds`: 8 bytes a term, where the text
 * took about 14) and compared without hashing a string. The numbers mean nothing else:
 * every tie is broken by the terms' text.
 */
export class TermVocabulary {
  readonly terms: string[];
  private readonly ids: Map<string, number>;

  constructor(terms: string[] = []) {
    this.terms = terms;
    this.ids = new Map(terms.map((term, id) => [term, id]));
  }

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** A `termProfile` as `[term id, count, term id, count, …]`, in the profile's order. */
  profileIds(profile: string): Int32Array {
    const pairs: number[] = [];
    forEachTerm(profile, (term, count) => pairs.push(this.idOf(term), count));
    return Int32Array.from(pairs);
  }
}

/**
 * Which articles' words weigh the "similar articles" (src/site/similar.ts: the idf): all
 * but those dated in the archive's newest month, so that the day's new articles do not
 * move every other article's weights (and its list, and its page); unless that leaves
 * fewer than half the archive (a young archive), then all.
 */
export function similarReference(records: readonly { date?: string }[]): boolean[] {
  const month = (record: { date?: string }) => record.date?.slice(0, 7) ?? '';
  const newest = records.reduce((latest, record) => (month(record) > latest ? month(record) : latest), '');
  const reference = records.map((record) => newest === '' || month(record) !== newest);
  return reference.filter(Boolean).length * 2 < records.length ? records.map(() => true) : reference;
}

/** `findSimilar` over profiles as term numbers (`TermVocabulary#profileIds`). */
export function findSimilarByIds(articles: ReadonlyArray<SimilarInput>, vocabulary: TermVocabulary, count = SIMILAR_COUNT): Map<string, SimilarMatch[]> {
  return similarLists(articles, vocabulary, undefined, count).lists;
}

/**
 * What one computation of the lists leaves for the next: the profiles they were made
 * from and which of them weighed the words, each article's key-term vector and its list
 * (all by the articles' order).
 */
export interface SimilarMemory {
  slugs: string[];
  profiles: Int32Array[];
  /** 1 for the articles whose document frequencies made the idf (`reference`). */
  reference: Uint8Array;
  /** `KEY_TERMS` slots an article: term numbers and weights, heaviest first; `keyCount` of them used. */
  keyTerms: Int32Array;
  keyWeights: Float64Array;
  keyCount: Uint8Array;
  lists: SimilarMatch[][];
  /** Each article's `SimilarInput.group` (undefined: none). */
  groups: (string | undefined)[];
  /**
   * Each term's document frequency over every article and over the reference articles,
   * and the number of reference articles: what the weights were made of. The next
   * computation brings them up to date by the changed articles (none: it counts them).
   */
  frequencies?: DocumentFrequencies;
}

export interface DocumentFrequencies {
  all: Int32Array;
  ref: Int32Array;
  references: number;
}

export interface SimilarInput {
  slug: string;
  /** `TermVocabulary#profileIds`. */
  terms: Int32Array;
  /**
   * Whether the article's words count in the idf (default: every article). The build
   * leaves out the newest month's articles (`similarReference`), so that the
   * day's new articles do not move every other article's weights: they then change only
   * the lists they enter.
   */
  reference?: boolean;
  /**
   * The articles of one group never list each other: the stories of one copied page (the
   * file's path; none for a page of one story), which link each other on their pages.
   */
  group?: string;
}

/**
 * Every article's list, exactly, in typed arrays: at 10,000 articles (three million terms
 * of profiles) a few tenths of a second.
 *
 * The idf is `ln(1 + N / df)` over the reference articles (`SimilarInput.reference`; a word
 * none of them has counts as in one). A word no other article has is never a key term.
 *
 * With `previous`, only what the change can move is computed again. A vector changes only
 * for an added or changed article and for the articles with a word whose idf changed (its
 * document frequency among the reference articles) or that became, or stopped being,
 * shared with another article (an article whose group changed is made again too). The
 * lists of those articles are computed in full. Any other article's list can change only
 * through its scores with the articles whose entry among its key terms' first
 * MAX_POSTINGS moved (a remade or removed vector's, or one pushed out or let in by them:
 * `changedEntries`) or whose group it joined or left: those few scores are computed
 * again, exactly as a full computation adds them up (`pairScore`), and merged into its
 * previous list (`mergeChanges`). Everything else is taken from `previous`, so the
 * lists are those a computation from scratch gives (test/site/similar.test.ts). When the
 * number of reference articles changes, every weight does: then all is computed again.
 */
export function similarLists(
  articles: ReadonlyArray<SimilarInput>,
  vocabulary: TermVocabulary,
  previous?: SimilarMemory,
  count = SIMILAR_COUNT,
): { lists: Map<string, SimilarMatch[]>; memory: SimilarMemory; /** Lists computed in full (the others were kept, or brought up to date). */ computed: number } {
  const n = articles.length;
  const v = vocabulary.terms.length;
  const reference = Uint8Array.from(articles, (a) => (a.reference === false ? 0 : 1));
  // Groups as numbers (-1: none), for the comparison in the dot products.
  const groupIds = new Map<string, number>();
  const group = Int32Array.from(articles, (a) => {
    if (a.group === undefined) return -1;
    let id = groupIds.get(a.group);
    if (id === undefined) groupIds.set(a.group, (id = groupIds.size));
    return id;
  });
  const frequencies = (profiles: readonly Int32Array[], inReference: ArrayLike<number>) => {
    const all = new Int32Array(v);
    const ref = new Int32Array(v);
    let references = 0;
    profiles.forEach((terms, i) => {
      if (inReference[i]) references++;
      for (let k = 0; k < terms.length; k += 2) {
        all[terms[k]!]!++;
        if (inReference[i]) ref[terms[k]!]!++;
      }
    });
    return { all, ref, references };
  };
  // With the previous build's frequencies, they are brought up to date below by the changed
  // articles alone (an edit need not count every profile's terms); otherwise counted here.
  const kept = previous?.frequencies !== undefined && previous.frequencies.all.length <= v ? previous.frequencies : undefined;
  const df = kept !== undefined ? { all: widened(kept.all, v), ref: widened(kept.ref, v), references: kept.references } : frequencies(articles.map((a) => a.terms), reference);
  // Each article's place in slug order (the tie-break of equal scores).
  const slugRank = ranks(articles.map((a) => a.slug));

  // Which vectors to make again: all, or after a change those of the added and changed
  // articles and of the articles with a word whose weight or eligibility moved.
  const before = previous === undefined ? undefined : new Map(previous.slugs.map((slug, i) => [slug, i]));
  const old = new Int32Array(n).fill(-1);
  let remake: Uint8Array | undefined;
  /** The articles that were in another group (or none) before (by their number). */
  const regrouped: number[] = [];
  /** The previous articles no longer there (by their previous number). */
  const removed: number[] = [];
  /** Terms whose postings may change: a remade or removed vector's old and new key terms. */
  const touchedTerms = new Uint8Array(v);
  if (previous !== undefined && before !== undefined) {
    // The previous document frequencies and the current ones differ by what changed: only
    // the added, changed and removed articles' profiles are counted (an unchanged article
    // keeps its profile, the same array, from the previous build). With the previous
    // build's frequencies (`kept`), the current ones are those plus what changed; else the
    // previous ones are the current ones less it.
    const was = { all: Int32Array.from(df.all), ref: Int32Array.from(df.ref), references: df.references };
    const moving = kept !== undefined ? df : was;
    const direction = kept !== undefined ? 1 : -1;
    const count = (terms: Int32Array, inReference: number, sign: number) => {
      const step = direction * sign;
      moving.references += step * inReference;
      for (let k = 0; k < terms.length; k += 2) {
        moving.all[terms[k]!]! += step;
        if (inReference) moving.ref[terms[k]!]! += step;
      }
    };
    const changed = new Uint8Array(n);
    const present = new Uint8Array(previous.slugs.length);
    articles.forEach(({ slug, terms }, i) => {
      const j = before.get(slug);
      if (j !== undefined) {
        old[i] = j;
        present[j] = 1;
      }
      if (j !== undefined && previous.groups[j] !== articles[i]!.group) regrouped.push(i);
      if (j === undefined || (previous.profiles[j] !== terms && !sameInts(previous.profiles[j]!, terms)) || previous.reference[j] !== reference[i] || previous.groups[j] !== articles[i]!.group) {
        changed[i] = 1;
        count(terms, reference[i]!, 1);
        if (j !== undefined) count(previous.profiles[j]!, previous.reference[j]!, -1);
      }
    });
    present.forEach((here, j) => {
      if (!here) removed.push(j);
    });
    for (const j of removed) count(previous.profiles[j]!, previous.reference[j]!, -1);
    if (was.references === df.references) {
      remake = changed;
      const moved = new Uint8Array(v);
      let anyMoved = false;
      for (let t = 0; t < v; t++) {
        if ((was.ref[t] !== df.ref[t] && idfOf(was.ref[t]!, was.references) !== idfOf(df.ref[t]!, df.references)) || was.all[t]! > 1 !== df.all[t]! > 1) {
          moved[t] = 1;
          anyMoved = true;
        }
      }
      articles.forEach(({ terms }, i) => {
        if (!anyMoved || remake![i]) return;
        for (let k = 0; k < terms.length; k += 2) {
          if (moved[terms[k]!]) {
            remake![i] = 1;
            break;
          }
        }
      });
      // A removed article's key terms lose it from their postings.
      for (const j of removed) for (let k = 0; k < previous.keyCount[j]!; k++) touchedTerms[previous.keyTerms[j * KEY_TERMS + k]!] = 1;
    }
  }

  // Key-term vectors: up to KEY_TERMS (term, weight) per article, heaviest first.
  const keyTerms = new Int32Array(n * KEY_TERMS);
  const keyWeights = new Float64Array(n * KEY_TERMS);
  const keyCount = new Uint8Array(n);
  let scratchIds = new Int32Array(1024);
  let scratchWeights = new Float64Array(1024);
  // tf-idf's two factors, computed once per term and per count rather than once per pair.
  const idf = new Float64Array(v);
  for (let id = 0; id < v; id++) if (df.all[id]! > 0) idf[id] = idfOf(df.ref[id]!, df.references);
  const tfOf = Float64Array.from({ length: TF_TABLE }, (_, c) => 1 + Math.log(c));
  // Each term's place in code-unit order (the tie-break of equal weights): `heaviest`
  // compares an article's own terms, so only the terms of the vectors made again are ranked.
  const termRank = termRanks(vocabulary.terms, articles, remake);
  // Articles in the previous build's order (an edit): the kept vectors are copied at once, and only the others made below.
  const sameOrder = remake !== undefined && n === previous!.slugs.length && old.every((j, i) => j === i);
  if (sameOrder) {
    keyTerms.set(previous!.keyTerms);
    keyWeights.set(previous!.keyWeights);
    keyCount.set(previous!.keyCount);
  }
  articles.forEach(({ terms }, i) => {
    const at = i * KEY_TERMS;
    if (remake !== undefined && !remake[i]) {
      if (sameOrder) return;
      const j = old[i]!;
      keyTerms.set(previous!.keyTerms.subarray(j * KEY_TERMS, (j + 1) * KEY_TERMS), at);
      keyWeights.set(previous!.keyWeights.subarray(j * KEY_TERMS, (j + 1) * KEY_TERMS), at);
      keyCount[i] = previous!.keyCount[j]!;
      return;
    }
    if (old[i] !== -1) for (let k = 0; k < previous!.keyCount[old[i]!]!; k++) touchedTerms[previous!.keyTerms[old[i]! * KEY_TERMS + k]!] = 1;
    if (sameOrder) {
      // The previous vector copied above: made anew from nothing.
      keyTerms.fill(0, at, at + KEY_TERMS);
      keyWeights.fill(0, at, at + KEY_TERMS);
      keyCount[i] = 0;
    }
    const pairs = terms.length / 2;
    if (scratchIds.length < pairs) {
      scratchIds = new Int32Array(pairs * 2);
      scratchWeights = new Float64Array(pairs * 2);
    }
    let sumOfSquares = 0;
    let candidates = 0;
    for (let k = 0; k < terms.length; k += 2) {
      const id = terms[k]!;
      const count = terms[k + 1]!;
      const weight = (count < TF_TABLE ? tfOf[count]! : 1 + Math.log(count)) * idf[id]!;
      sumOfSquares += weight * weight;
      // A word no other article has cannot make two articles similar.
      if (df.all[id]! > 1) {
        scratchIds[candidates] = id;
        scratchWeights[candidates++] = weight;
      }
    }
    const length = Math.sqrt(sumOfSquares);
    if (length === 0 || candidates === 0) return;
    const chosen = heaviest(scratchIds, scratchWeights, candidates, KEY_TERMS, termRank, keyTerms.subarray(at, at + KEY_TERMS), keyWeights.subarray(at, at + KEY_TERMS));
    for (let k = 0; k < chosen; k++) {
      keyWeights[at + k]! /= length;
      touchedTerms[keyTerms[at + k]!] = 1;
    }
    keyCount[i] = chosen;
  });

  // term → its key-term articles (every term's, unsorted): each term's are sorted, heaviest
  // first and ties by slug, the first time a list reads them; a list reads the first
  // MAX_POSTINGS.
  const postings = keyTermPostings(keyTerms, keyWeights, keyCount, v, slugRank);

  // Each list computed in full: from scratch every one; after a change, those of the
  // remade vectors. Every other list is the previous one, brought up to date with the
  // scores that changed (`mergeChanges`).
  const lists: SimilarMatch[][] = new Array(n);
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  const full = (i: number) => {
    // Dot products accumulate in one array, reset after each article through the list of
    // the entries it touched; the best `count` are kept as they come (no sort of all).
    let touchedCount = 0;
    for (let k = 0; k < keyCount[i]!; k++) {
      const term = keyTerms[i * KEY_TERMS + k]!;
      const weight = keyWeights[i * KEY_TERMS + k]!;
      const end = postings.end(term);
      for (let p = postings.start[term]!; p < end; p++) {
        const j = postings.article[p]!;
        if (j === i || (group[i] !== -1 && group[j] === group[i])) continue;
        if (scores[j] === 0) touched[touchedCount++] = j;
        scores[j]! += weight * postings.weight[p]!;
      }
    }
    const best: { j: number; score: number }[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      // Rounded to four places, so float noise never decides an order.
      const score = Math.round(scores[j]! * 1e4) / 1e4;
      scores[j] = 0;
      // Below the last of a full list: it cannot enter (most entries, so no search for them).
      if (score < MIN_SIMILARITY || (count > 0 && best.length === count && score < best[count - 1]!.score)) continue;
      const at = best.findIndex((b) => score > b.score || (score === b.score && slugRank[j]! < slugRank[b.j]!));
      if (at === -1) {
        if (best.length < count) best.push({ j, score });
      } else {
        best.splice(at, 0, { j, score });
        if (best.length > count) best.pop();
      }
    }
    lists[i] = best.map(({ j, score }) => ({ slug: articles[j]!.slug, score }));
  };
  let computed = 0;
  if (remake === undefined || remake.reduce((sum, yes) => sum + yes, 0) > n * FULL_SHARE) {
    for (let i = 0; i < n; i++) full(i);
    computed = n;
  } else {
    const changes = changedEntries({ previous: previous!, old, remade: remake, removed, touchedTerms, postings, keyTerms, keyWeights, keyCount, slugs: articles.map((a) => a.slug) });
    // An article that moved between groups is remade; its old and new siblings' scores with it change.
    const regroupedBy = new Map<string, number[]>();
    for (const i of regrouped) {
      for (const name of [previous!.groups[old[i]!], articles[i]!.group]) if (name !== undefined) regroupedBy.set(name, [...(regroupedBy.get(name) ?? []), i]);
    }
    const seen = new Int32Array(n).fill(-1);
    const scratch = new Float64Array(v);
    const changedTerm = new Uint8Array(touchedTerms.length);
    for (const term of changes.keys()) changedTerm[term] = 1;
    const moved: number[] = [];
    const gone: string[] = [];
    const note = (i: number, x: number) => {
      if (x < 0) gone.push(previous!.slugs[-x - 1]!);
      else if (seen[x] !== i) {
        seen[x] = i;
        moved.push(x);
      }
    };
    for (let i = 0; i < n; i++) {
      if (remake[i]) {
        full(i);
        computed++;
        continue;
      }
      const before = previous!.lists[old[i]!]!;
      moved.length = 0;
      gone.length = 0;
      for (let k = 0; k < keyCount[i]!; k++) {
        const term = keyTerms[i * KEY_TERMS + k]!;
        if (changedTerm[term]) for (const x of changes.get(term)!) note(i, x);
      }
      if (group[i] !== -1 && regroupedBy.size > 0) for (const x of regroupedBy.get(articles[i]!.group!) ?? []) note(i, x);
      if (moved.length === 0 && gone.length === 0) {
        lists[i] = before;
        continue;
      }
      if (moved.length > MERGE_LIMIT) {
        full(i);
        computed++;
        continue;
      }
      const merged = mergeChanges(before, moved, gone, (x) => {
        if (x === i || (group[i] !== -1 && group[x] === group[i])) return 0;
        return pairScore(i, x, keyTerms, keyWeights, keyCount, postings, scratch);
      }, (x) => articles[x]!.slug, count);
      if (merged === undefined) {
        full(i);
        computed++;
      } else lists[i] = merged;
    }
  }
  const result = new Map<string, SimilarMatch[]>();
  for (let i = 0; i < n; i++) result.set(articles[i]!.slug, lists[i]!);
  return {
    lists: result,
    memory: { slugs: articles.map((a) => a.slug), profiles: articles.map((a) => a.terms), reference, keyTerms, keyWeights, keyCount, lists, groups: articles.map((a) => a.group), frequencies: df },
    computed,
  };
}

/** Every term's key-term articles, in one array; `end(term)` sorts a term's on first use. */
interface KeyTermPostings {
  start: Int32Array;
  article: Int32Array;
  weight: Float64Array;
  /** Sorts the term's postings (heaviest first, ties by slug) the first time; where the first `MAX_POSTINGS` end. */
  end(term: number): number;
  slugRank: Int32Array;
}

function keyTermPostings(keyTerms: Int32Array, keyWeights: Float64Array, keyCount: Uint8Array, v: number, slugRank: Int32Array): KeyTermPostings {
  const n = keyCount.length;
  const start = new Int32Array(v + 1);
  for (let i = 0; i < n; i++) for (let k = 0; k < keyCount[i]!; k++) start[keyTerms[i * KEY_TERMS + k]! + 1]!++;
  for (let t = 0; t < v; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, v);
  const article = new Int32Array(start[v]!);
  const weight = new Float64Array(start[v]!);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < keyCount[i]!; k++) {
      const at = fill[keyTerms[i * KEY_TERMS + k]!]!++;
      article[at] = i;
      weight[at] = keyWeights[i * KEY_TERMS + k]!;
    }
  }
  const sorted = new Uint8Array(v);
  return {
    start,
    article,
    weight,
    slugRank,
    end(term) {
      const from = start[term]!;
      const to = start[term + 1]!;
      if (!sorted[term]) {
        if (to - from > 1) sortPostings(article, weight, from, to, slugRank);
        sorted[term] = 1;
      }
      return Math.min(to, from + MAX_POSTINGS);
    },
  };
}

/**
 * Article i's score with article x (rounded), as a full computation of i's list adds it
 * up: over i's key terms in order, each where x is among the term's first MAX_POSTINGS.
 */
function pairScore(i: number, x: number, keyTerms: Int32Array, keyWeights: Float64Array, keyCount: Uint8Array, postings: KeyTermPostings, scratch: Float64Array): number {
  // x's key weights by term (0: not a key term of x; a key weight is never 0), then cleared.
  for (let m = 0; m < keyCount[x]!; m++) scratch[keyTerms[x * KEY_TERMS + m]!] = keyWeights[x * KEY_TERMS + m]!;
  let score = 0;
  for (let k = 0; k < keyCount[i]!; k++) {
    const term = keyTerms[i * KEY_TERMS + k]!;
    const weight = scratch[term]!;
    if (weight === 0) continue;
    const end = postings.end(term);
    if (end - postings.start[term]! === MAX_POSTINGS && postings.start[term + 1]! > end) {
      // A common term: x counts only if it is not below the last posting read.
      const lastWeight = postings.weight[end - 1]!;
      if (weight < lastWeight || (weight === lastWeight && postings.slugRank[x]! > postings.slugRank[postings.article[end - 1]!]!)) continue;
    }
    score += keyWeights[i * KEY_TERMS + k]! * weight;
  }
  for (let m = 0; m < keyCount[x]!; m++) scratch[keyTerms[x * KEY_TERMS + m]!] = 0;
  return Math.round(score * 1e4) / 1e4;
}

/**
 * term → the articles whose place among the term's first MAX_POSTINGS (or whose weight
 * there) the change moved, for every term a remade or removed vector has or had as a
 * key term: the remade articles there before or after, the removed ones there before
 * (as `-1 - previous number`), and the others pushed out or let in at the end.
 */
function changedEntries(c: {
  previous: SimilarMemory;
  old: Int32Array;
  remade: Uint8Array;
  removed: number[];
  touchedTerms: Uint8Array;
  postings: KeyTermPostings;
  keyTerms: Int32Array;
  keyWeights: Float64Array;
  keyCount: Uint8Array;
  slugs: string[];
}): Map<number, number[]> {
  const { previous, postings } = c;
  // The previous key-term entries of the remade and removed articles, by term.
  const was = new Map<number, { x: number; weight: number; slug: string }[]>();
  const wasEntries = (j: number, x: number) => {
    for (let k = 0; k < previous.keyCount[j]!; k++) {
      const term = previous.keyTerms[j * KEY_TERMS + k]!;
      let list = was.get(term);
      if (list === undefined) was.set(term, (list = []));
      list.push({ x, weight: previous.keyWeights[j * KEY_TERMS + k]!, slug: previous.slugs[j]! });
    }
  };
  c.remade.forEach((yes, i) => {
    if (yes && c.old[i] !== -1) wasEntries(c.old[i]!, i);
  });
  for (const j of c.removed) wasEntries(j, -1 - j);
  const before = (wa: number, sa: string, wb: number, sb: string) => wa > wb || (wa === wb && sa < sb);
  const changes = new Map<number, number[]>();
  for (let term = 0; term < c.touchedTerms.length; term++) {
    if (!c.touchedTerms[term]) continue;
    const from = postings.start[term]!;
    const to = postings.start[term + 1]!;
    const end = postings.end(term);
    const moved: number[] = [];
    // Now: the remade articles among the first MAX_POSTINGS, and how many others.
    let kept = 0;
    for (let p = from; p < end; p++) {
      const x = postings.article[p]!;
      if (c.remade[x]) moved.push(x);
      else kept++;
    }
    // Before: the unchanged articles (in the same order, with the same weights) merged
    // with the remade and removed articles' previous entries.
    const previousEntries = (was.get(term) ?? []).sort((a, b) => (before(a.weight, a.slug, b.weight, b.slug) ? -1 : 1));
    let keptBefore = 0;
    let e = 0;
    let p = from;
    for (let placed = 0; placed < MAX_POSTINGS; placed++) {
      while (p < to && c.remade[postings.article[p]!]) p++;
      const entry = previousEntries[e];
      if (entry !== undefined && (p >= to || before(entry.weight, entry.slug, postings.weight[p]!, c.slugs[postings.article[p]!]!))) {
        moved.push(entry.x);
        e++;
      } else if (p < to) {
        keptBefore++;
        p++;
      } else break;
    }
    // The unchanged articles between the two counts were read by one of the two and not the other.
    if (keptBefore !== kept) {
      let rank = 0;
      for (let q = from; q < to && rank < Math.max(kept, keptBefore); q++) {
        const x = postings.article[q]!;
        if (c.remade[x]) continue;
        if (rank >= Math.min(kept, keptBefore)) moved.push(x);
        rank++;
      }
    }
    if (moved.length > 0) changes.set(term, moved);
  }
  return changes;
}

/**
 * Article i's previous list brought up to date: `moved` are the articles whose score
 * with i may have changed (`scoreOf` gives the new one, 0 for none), `gone` the slugs of
 * those removed. Every other article's score is as before, and ranked below the previous
 * list: so the new list is the previous one's unmoved entries and the moved articles'
 * new scores, best first, unless an entry of the previous list fell (or went), when the
 * article that now follows is unknown: `undefined` then (compute the list in full).
 */
function mergeChanges(previousList: SimilarMatch[], moved: number[], gone: string[], scoreOf: (x: number) => number, slugOf: (x: number) => string, count: number): SimilarMatch[] | undefined {
  for (const slug of gone) if (previousList.some((m) => m.slug === slug)) return undefined;
  const ranksBefore = (a: SimilarMatch, b: SimilarMatch) => a.score > b.score || (a.score === b.score && a.slug < b.slug);
  let list = previousList;
  for (const x of moved) {
    const score = scoreOf(x);
    const slug = slugOf(x);
    const at = list.findIndex((m) => m.slug === slug);
    if (at !== -1) {
      if (score < list[at]!.score) return undefined;
      if (score === list[at]!.score) continue;
    } else if (score < MIN_SIMILARITY || (list.length === count && !ranksBefore({ slug, score }, list[count - 1]!))) continue;
    // Copied before the first change: the previous list stays as it was.
    list = [...list.filter((m) => m.slug !== slug), { slug, score }].sort((a, b) => (ranksBefore(a, b) ? -1 : 1)).slice(0, count);
  }
  return list;
}

/**
 * Sort the postings `[from, to)` heaviest first, ties by slug: in place by insertion for
 * the few a term mostly has, through an index array for the many of a common key term.
 */
function sortPostings(articles: Int32Array, weights: Float64Array, from: number, to: number, slugRank: Int32Array): void {
  const before = (a: number, wa: number, b: number, wb: number) => wa > wb || (wa === wb && slugRank[a]! < slugRank[b]!);
  if (to - from <= INSERTION_SORT_MAX) {
    for (let i = from + 1; i < to; i++) {
      const article = articles[i]!;
      const weight = weights[i]!;
      let j = i - 1;
      while (j >= from && before(article, weight, articles[j]!, weights[j]!)) {
        articles[j + 1] = articles[j]!;
        weights[j + 1] = weights[j]!;
        j--;
      }
      articles[j + 1] = article;
      weights[j + 1] = weight;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => weights[b]! - weights[a]! || slugRank[articles[a]!]! - slugRank[articles[b]!]!);
  const sortedArticles = order.map((k) => articles[k]!);
  const sortedWeights = order.map((k) => weights[k]!);
  articles.set(sortedArticles, from);
  weights.set(sortedWeights, from);
}

/** Lists this short are sorted in place. */
const INSERTION_SORT_MAX = 24;

/** A copy of `counts`, `length` long (a vocabulary only grows: the new terms' counts 0). */
function widened(counts: Int32Array, length: number): Int32Array {
  const copy = new Int32Array(length);
  copy.set(counts);
  return copy;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Each term's place in code-unit order, for `heaviest`: of every term when every vector is
 * made (`remake` undefined), else of the remade articles' terms alone (the others' entries
 * are 0 and never read: `heaviest` ranks one article's terms among themselves).
 */
function termRanks(terms: readonly string[], articles: ReadonlyArray<SimilarInput>, remake: Uint8Array | undefined): Int32Array {
  if (remake === undefined) return ranks(terms);
  const wanted = new Uint8Array(terms.length);
  const ids: number[] = [];
  articles.forEach((article, i) => {
    if (!remake[i]) return;
    for (let k = 0; k < article.terms.length; k += 2) {
      const id = article.terms[k]!;
      if (!wanted[id]) {
        wanted[id] = 1;
        ids.push(id);
      }
    }
  });
  const rank = new Int32Array(terms.length);
  ids.sort((a, b) => compareCodeUnits(terms[a]!, terms[b]!)).forEach((id, r) => (rank[id] = r));
  return rank;
}

/** Each string's place in code-unit order. */
function ranks(strings: readonly string[]): Int32Array {
  const rank = new Int32Array(strings.length);
  strings
    .map((_, i) => i)
    .sort((a, b) => compareCodeUnits(strings[a]!, strings[b]!))
    .forEach((i, r) => (rank[i] = r));
  return rank;
}

/**
 * The heaviest `limit` entries of `ids` / `weights` (the first `count`), heaviest first,
 * ties by the term's code-unit order, written into `outIds` / `outWeights`; returns how
 * many. A heap of the best so far, in typed arrays: one pass over a few hundred terms per
 * article, no allocation (sorting each article's terms took most of the time).
 */
function heaviest(ids: Int32Array, weights: Float64Array, count: number, limit: number, termRank: Int32Array, outIds: Int32Array, outWeights: Float64Array): number {
  // `worse(a, b)`: entry a ranks below entry b.
  const worse = (wa: number, ra: number, wb: number, rb: number) => wa < wb || (wa === wb && ra > rb);
  let size = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    const weight = weights[k]!;
    const rank = termRank[id]!;
    let at: number;
    if (size < limit) {
      // Sift up from the end: the root is the worst kept.
      at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(weight, rank, outWeights[parent]!, termRank[outIds[parent]!]!)) break;
        outIds[at] = outIds[parent]!;
        outWeights[at] = outWeights[parent]!;
        at = parent;
      }
    } else {
      if (!worse(outWeights[0]!, termRank[outIds[0]!]!, weight, rank)) continue;
      // Replace the worst and sift down.
      at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (right < size && worse(outWeights[right]!, termRank[outIds[right]!]!, outWeights[left]!, termRank[outIds[left]!]!)) child = right;
        if (!worse(outWeights[child]!, termRank[outIds[child]!]!, weight, rank)) break;
        outIds[at] = outIds[child]!;
        outWeights[at] = outWeights[child]!;
        at = child;
      }
    }
    outIds[at] = id;
    outWeights[at] = weight;
  }
  // Heaviest first: an insertion sort of at most `limit` entries.
  for (let i = 1; i < size; i++) {
    const id = outIds[i]!;
    const weight = outWeights[i]!;
    let j = i - 1;
    while (j >= 0 && worse(outWeights[j]!, termRank[outIds[j]!]!, weight, termRank[id]!)) {
      outIds[j + 1] = outIds[j]!;
      outWeights[j + 1] = outWeights[j]!;
      j--;
    }
    outIds[j + 1] = id;
    outWeights[j + 1] = weight;
  }
  return size;
}
