/**
 * Running a parsed query on the sharded index, in up to three tries:
 *
 * 1. all: every word, prefix and phrase must match (lunr `+word`), excluded words must
 *    not (`-word`); phrases are then checked word by word against the ordinals.
 * 2. typo: when that finds nothing and some word is not in the archive at all, each
 *    such word is replaced by the words within one edit (two for long words) and the
 *    search runs again; the page says "showing results for …".
 * 3. any: when there are still no results and the query has several parts, any part
 *    may match (lunr's OR): a sentence typed as a question still finds the articles
 *    that share the most (and the rarest) of its words, best first.
 *
 * Scores and order are lunr's (sharded-index.ts); this module only chooses clauses.
 */
import type { QueryPart, ParsedQuery } from './query.ts';
import type { Clause, Hit, ShardedIndex } from './sharded-index.ts';

export type SearchMode = 'empty' | 'all' | 'typo' | 'any' | 'none';

export interface SearchOutcome {
  hits: Hit[];
  mode: SearchMode;
  /** For mode `typo`: each unknown word and the index term that replaced it. */
  corrections: Array<{ from: string; to: string }>;
}

/** Words shorter than this are not corrected: at one edit, `an` or `uk` would match dozens of words. */
export const MIN_TYPO_CHARS = 4;
/** From this length a word may be two edits away: long names are misspelt more than once. */
export const TWO_EDITS_FROM_CHARS = 8;

export async function runSearch(index: ShardedIndex, query: ParsedQuery): Promise<SearchOutcome> {
  const none: SearchOutcome = { hits: [], mode: 'none', corrections: [] };
  if (query.include.length === 0) return { ...none, mode: 'empty' };
  const excluded = query.exclude.flatMap((part) => clausesOf(part, 'prohibited'));

  const all = await withPhrases(index, query, await index.search([...query.include.flatMap((p) => clausesOf(p, 'required')), ...excluded]), true);
  if (all.length > 0) return { hits: all, mode: 'all', corrections: [] };

  // Words the archive does not have, and what they might have been.
  const fuzzy = new Map<QueryPart, Clause>();
  for (const part of query.include) {
    if (part.kind !== 'word' || [...part.term].length < MIN_TYPO_CHARS || (await index.has(part.term))) continue;
    const distance = [...part.term].length >= TWO_EDITS_FROM_CHARS ? 2 : 1;
    if ((await index.expand(part.term, distance)).length > 0) fuzzy.set(part, { term: part.term, presence: 'required', editDistance: distance });
  }
  const withFuzzy = (presence: 'required' | 'optional') =>
    query.include.flatMap((part) => {
      const clause = fuzzy.get(part);
      return clause ? [{ ...clause, presence }] : clausesOf(part, presence);
    });

  if (fuzzy.size > 0) {
    const typo = await withPhrases(index, query, await index.search([...withFuzzy('required'), ...excluded]), true);
    if (typo.length > 0) return { hits: typo, mode: 'typo', corrections: corrections(typo, fuzzy) };
  }

  const parts = query.include.reduce((n, part) => n + (part.kind === 'phrase' ? part.words.length : 1), 0);
  if (parts > 1 || fuzzy.size > 0) {
    const any = await withPhrases(index, query, await index.search([...withFuzzy('optional'), ...excluded]), false);
    if (any.length > 0) return { hits: any, mode: 'any', corrections: corrections(any, fuzzy) };
  }
  return none;
}

function clausesOf(part: QueryPart, presence: Clause['presence']): Clause[] {
  switch (part.kind) {
    case 'word':
      return [{ term: part.term, presence }];
    case 'prefix':
      return [{ term: part.prefix, presence, prefix: true }];
    case 'phrase':
      // An excluded phrase excludes articles with the whole phrase, checked afterwards;
      // its words alone exclude nothing.
      return presence === 'prohibited' ? [] : part.words.map((word) => ({ term: word.term, presence }));
  }
}

/** Keeps the hits that have every included phrase (when `required`) and no excluded one. */
async function withPhrases(index: ShardedIndex, query: ParsedQuery, hits: Hit[], required: boolean): Promise<Hit[]> {
  const include = required ? query.include.filter(isPhrase) : [];
  const exclude = query.exclude.filter(isPhrase);
  if (hits.length === 0 || include.length + exclude.length === 0) return hits;
  const terms = [...new Set([...include, ...exclude].flatMap((p) => p.words.map((w) => w.term)))];
  const ordinals = await index.ordinals(terms, new Set(hits.map((h) => h.doc)));
  const has = (phrase: Phrase, doc: number) => {
    const fields = ordinals.get(phrase.words[0]!.term) ?? [];
    return fields.some((byDoc, field) =>
      (byDoc.get(doc) ?? []).some((at) => {
        const start = at - phrase.words[0]!.offset;
        return phrase.words.every((word) => ordinals.get(word.term)?.[field]?.get(doc)?.includes(start + word.offset));
      }),
    );
  };
  return hits.filter((hit) => include.every((p) => has(p, hit.doc)) && !exclude.some((p) => has(p, hit.doc)));
}

type Phrase = Extract<QueryPart, { kind: 'phrase' }>;
function isPhrase(part: QueryPart): part is Phrase {
  return part.kind === 'phrase';
}

/** For each corrected word, the term it became in the best result (else in any result). */
function corrections(hits: Hit[], fuzzy: Map<QueryPart, Clause>): SearchOutcome['corrections'] {
  const out: SearchOutcome['corrections'] = [];
  for (const [part, clause] of fuzzy) {
    const within = (term: string) => editDistanceAtMost(term, clause.term, clause.editDistance ?? 1);
    for (const hit of hits) {
      const found = Object.values(hit.terms).flat().find(within);
      if (found !== undefined) {
        out.push({ from: part.text, to: found });
        break;
      }
    }
  }
  return out;
}

/** Levenshtein distance ≤ `max` (lunr's fuzzy match also allows transpositions, counted here as two). */
function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max + 1) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! <= max + 1;
}
