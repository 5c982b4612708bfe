/**
 * The query: what the reader typed → lunr query strings → results.
 *
 * lunr's own default is OR: `north korea embassy` finds every article with any of the
 * words, ranked by how many and how rare. Readers of an archive expect each word they
 * add to narrow the list, so plain words are made required (`+north +korea +embassy`).
 * When no article has them all, the same words are tried with OR, so a reader who typed
 * one word too many still sees the closest articles, and the status line says so.
 *
 * A reader who writes lunr syntax (`+word`, `-word`, `title:word`, `emb*`, `word~1`,
 * `word^5`) gets exactly that query. A query lunr cannot parse finds nothing; it never
 * throws into the page.
 *
 * Runs in the browser and in Node (tests); depends on lunr only.
 */
import lunr from 'lunr';

/** How the results were found, for the status line. */
export type QueryMode = 'empty' | 'all-words' | 'any-word' | 'syntax';

export interface QueryPlan {
  /** Query strings to try in order; the first with results wins. */
  attempts: Array<{ query: string; mode: QueryMode }>;
}

export interface QueryOutcome {
  results: lunr.Index.Result[];
  mode: QueryMode;
  /** lunr's message when the query could not be parsed. */
  error?: string;
}

/**
 * lunr syntax: a word starting with `+` or `-` (presence), or any of `:` (field),
 * `*` (wildcard), `~` (edit distance), `^` (boost). A hyphen inside a word ("Jong-un")
 * is not syntax: lunr splits words on hyphens, as below.
 */
const LUNR_SYNTAX = /(?:^|\s)[+-]|[:*~^]/;

/** Words are split where lunr's tokenizer splits them: whitespace and hyphens. */
const WORD_SEPARATOR = /[\s-]+/;

export function planQuery(input: string): QueryPlan {
  const text = input.trim();
  if (text === '') return { attempts: [] };
  if (LUNR_SYNTAX.test(text)) return { attempts: [{ query: text, mode: 'syntax' }] };

  const words = text
    .split(WORD_SEPARATOR)
    .map(trimWord)
    .filter((word) => word !== '');
  if (words.length === 0) return { attempts: [] };
  // Stop words ("the", "of", "in") are not in the index, so requiring one would find
  // nothing; they are left out of the required words. They stay in the OR attempt,
  // where they are harmless.
  const required = unique(words.filter((word) => !isStopWord(word)));
  const any = unique(words);
  const attempts: QueryPlan['attempts'] = [];
  if (required.length > 0) attempts.push({ query: required.map((w) => `+${w}`).join(' '), mode: 'all-words' });
  if (any.length > 1 || required.length === 0) attempts.push({ query: any.join(' '), mode: 'any-word' });
  return { attempts };
}

export function runQuery(index: lunr.Index, input: string): QueryOutcome {
  const plan = planQuery(input);
  let last: QueryOutcome = { results: [], mode: 'empty' };
  for (const { query, mode } of plan.attempts) {
    try {
      const results = index.search(query);
      if (results.length > 0) return { results, mode };
      last = { results, mode };
    } catch (error) {
      // lunr.QueryParseError, e.g. `title:` with no word, or a field the index lacks.
      return { results: [], mode, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return last;
}

/** The word as lunr's trimmer leaves it: no leading or trailing punctuation ("embassy," → "embassy"). */
function trimWord(word: string): string {
  return word.replace(/^\W+/, '').replace(/\W+$/, '');
}

function isStopWord(word: string): boolean {
  // lunr.stopWordFilter returns undefined for a stop word and the token otherwise.
  return lunr.stopWordFilter(new lunr.Token(word.toLowerCase(), {})) === undefined;
}

function unique(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
