/**
 * The query language: what the reader typed → the parts of a search.
 *
 *   north korea          words: every one must match (in any field)
 *   "spanish embassy"    a phrase: its words next to each other, in this order
 *   -madrid  -"a b"      excluded: no result contains the word or the phrase
 *   embas*               a prefix: any word that starts so
 *   Jong-un              a hyphenated name: the name as written (indexed as a whole)
 *   평양                  Korean: the word as written, with or without its particles
 *
 * Words are folded and stemmed as the index was (tokenize.ts), so `Zurich` finds
 * `Zürich`, `Pyongyang` finds `P'yŏngyang` and `embassies` finds `embassy`. Stop words
 * ("the", "of") are not in the index and are left out; inside a phrase they still hold
 * their place. Nothing the reader types is an error: anything not understood is a word.
 *
 * Pure; runs in the browser and in Node (tests). search.ts runs the parts.
 */
import { indexTokens, matchesAsPrefix, prefixOf } from './tokenize.ts';

export type QueryPart =
  | { kind: 'word'; text: string; term: string }
  | { kind: 'prefix'; text: string; prefix: string }
  | { kind: 'phrase'; text: string; words: Array<{ term: string; offset: number }> };

export interface ParsedQuery {
  include: QueryPart[];
  exclude: QueryPart[];
}

/**
 * A prefix needs this many letters: `e*` would reach a large share of the archive's
 * vocabulary (and its chunks) for a query that means almost nothing.
 */
export const MIN_PREFIX_CHARS = 2;

/** `"…"` (straight or curly quotes; an unclosed quote runs to the end) or a run of non-spaces. */
const PIECE = /(-?)[“”"„]([^“”"„]*)[“”"„]?|\S+/gu;

export function parseQuery(input: string): ParsedQuery {
  const parsed: ParsedQuery = { include: [], exclude: [] };
  const seen = new Set<string>();
  const add = (part: QueryPart | undefined, excluded: boolean) => {
    if (!part) return;
    const key = `${excluded ? '-' : '+'}${part.kind}:${part.kind === 'word' ? part.term : part.kind === 'prefix' ? part.prefix : part.words.map((w) => `${w.offset}:${w.term}`).join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    (excluded ? parsed.exclude : parsed.include).push(part);
  };
  for (const match of input.normalize('NFC').matchAll(PIECE)) {
    if (match[2] !== undefined) {
      add(phrase(match[2]), match[1] === '-');
      continue;
    }
    let piece = match[0];
    const excluded = piece.length > 1 && piece.startsWith('-');
    if (excluded) piece = piece.slice(1);
    for (const part of wordParts(piece)) add(part, excluded);
  }
  return parsed;
}

function phrase(text: string): QueryPart | undefined {
  const tokens = indexTokens(text).filter((token) => !token.compound);
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1) return { kind: 'word', text: text.trim(), term: tokens[0]!.term };
  const first = tokens[0]!.ordinal;
  return { kind: 'phrase', text: text.trim(), words: tokens.map((t) => ({ term: t.term, offset: t.ordinal - first })) };
}

function wordParts(piece: string): QueryPart[] {
  if (/\*$/u.test(piece)) {
    const prefix = prefixOf(piece.toLowerCase());
    if ([...prefix].length >= MIN_PREFIX_CHARS) return [{ kind: 'prefix', text: piece, prefix }];
    piece = piece.replace(/\*+$/u, '');
  }
  const tokens = indexTokens(piece);
  // A hyphenated name is one compound term (its parts are indexed too, but the whole
  // is what the reader asked for).
  const compound = tokens.find((t) => t.compound);
  const chosen = compound ? [compound] : tokens;
  return chosen.map((token): QueryPart => {
    const text = piece.slice(token.position[0], token.position[0] + token.position[1]);
    return matchesAsPrefix(token.term) ? { kind: 'prefix', text, prefix: prefixOf(token.text) } : { kind: 'word', text, term: token.term };
  });
}

/** The query as the reader would write it again, for messages and the URL. */
export function describePart(part: QueryPart): string {
  return part.kind === 'phrase' ? `"${part.text}"` : part.text;
}
