/**
 * One article's side of the search index: what each of its fields holds, term by term.
 * It depends on the article alone, so it is made where the article is extracted (a
 * worker thread) and cached with its record; the index is then put together from the
 * profiles without reading a body again, and a rebuild reads only the profiles of the
 * articles that changed.
 *
 * For each field (`FIELDS` order: headline, standfirst, body as plain text, source),
 * lunr's view of it: how many terms it has (the field length BM25 normalises by), and
 * for each term its frequency, where lunr first met it (`seq`, its place among the
 * field's terms, which decides lunr's term numbering), and the ordinals of its words
 * (for phrases; a compound has none of its own).
 *
 * Encoded as text, compact in memory and in the cache:
 *
 *   <length of field 0> <length of field 1> …
 *   <term> TAB <field> TAB <tf> TAB <seq> TAB <ordinal> <ordinal> …   (one line per term and field)
 *
 * A term never holds a tab, a space or a newline: words are runs between whitespace.
 */
import { scanWords, termOf } from './tokenize.ts';

/** The fields of the index, in the order postings list them. */
export const SEARCH_FIELDS = ['title', 'subtitle', 'body', 'source'] as const;

export function searchProfile(fields: readonly string[]): string {
  const lengths: number[] = [];
  const lines: string[] = [];
  for (let field = 0; field < SEARCH_FIELDS.length; field++) {
    const byTerm = new Map<string, { tf: number; seq: number; ordinals: number[] }>();
    let length = 0;
    scanWords(fields[field] ?? '', (word, _start, ordinal, compound) => {
      const term = termOf(word);
      if (term === '') return;
      let entry = byTerm.get(term);
      if (entry === undefined) byTerm.set(term, (entry = { tf: 0, seq: length, ordinals: [] }));
      length++;
      entry.tf++;
      if (!compound) entry.ordinals.push(ordinal);
    });
    lengths.push(length);
    for (const [term, { tf, seq, ordinals }] of byTerm) lines.push(`${term}\t${field}\t${tf}\t${seq}\t${ordinals.join(' ')}`);
  }
  return `${lengths.join(' ')}\n${lines.join('\n')}`;
}

/** The field lengths of an encoded profile. */
export function profileLengths(profile: string): number[] {
  const end = profile.indexOf('\n');
  return (end === -1 ? profile : profile.slice(0, end)).split(' ').map(Number);
}

/** Each term and field of an encoded profile, in order: `visit(term, field, tf, seq, ordinals)`. */
export function forEachProfileTerm(profile: string, visit: (term: string, field: number, tf: number, seq: number, ordinals: string) => void): void {
  let at = profile.indexOf('\n');
  while (at !== -1 && at < profile.length) {
    const next = profile.indexOf('\n', at + 1);
    const line = profile.slice(at + 1, next === -1 ? profile.length : next);
    at = next;
    if (line === '') continue;
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const c = line.indexOf('\t', b + 1);
    const d = line.indexOf('\t', c + 1);
    visit(line.slice(0, a), Number(line.slice(a + 1, b)), Number(line.slice(b + 1, c)), Number(line.slice(c + 1, d)), line.slice(d + 1));
  }
}
