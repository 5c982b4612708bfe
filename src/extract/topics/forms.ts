/**
 * One entity, one topic: the forms of a name folded to one key.
 *
 * Case, accents-as-written, hyphens, dots and a leading "the" do not make another name
 * ("Kim Jong-un" / "Kim Jong Un", "the US" / "U.S."); the common short forms of the most
 * written-about countries and unions are the long ones (`ALIASES`); an acronym the article
 * defines ("Security Information Service (BIS)") or that spells a name's initials is that
 * name; a surname alone is the person the article names in full.
 */
import type { TopicKind } from '../../record.ts';

/** A name's key: lower case, hyphens, dots and apostrophes as spaces, no leading "the". */
export function foldName(name: string): string {
  // Most names are plain ASCII letters and single spaces: lower case is the whole fold.
  if (PLAIN.test(name)) {
    const lower = name.toLowerCase();
    return lower.startsWith('the ') ? lower.slice(4) : lower;
  }
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/(\p{L})\.(?=\p{L}\.)/gu, '$1') // U.S.A. → usa.
    .replace(/[.'’‐‑–—_-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

const PLAIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** Short and informal forms of the most written-about places and unions, by key: the name a topic page should carry. */
const ALIAS_TABLE: readonly (readonly [name: string, kind: TopicKind, forms: readonly string[]])[] = [
  ['United States', 'place', ['us', 'usa', 'u s', 'u s a', 'america', 'united states of america', 'the states']],
  ['United Kingdom', 'place', ['uk', 'u k', 'britain', 'great britain']],
  ['North Korea', 'place', ['n korea', 'dprk', "democratic people s republic of korea"]],
  ['South Korea', 'place', ['s korea', 'republic of korea', 'rok']],
  ['United Arab Emirates', 'place', ['uae', 'u a e']],
  ['Russia', 'place', ['russian federation']],
  ['China', 'place', ['prc', "people s republic of china", 'mainland china']],
  ['Czech Republic', 'place', ['czechia']],
  ['Netherlands', 'place', ['holland']],
  ['New York City', 'place', ['nyc']],
  ['United Nations', 'organisation', ['un', 'u n']],
  ['European Union', 'organisation', ['eu', 'e u']],
  ['NATO', 'organisation', ['nato', 'north atlantic treaty organization', 'north atlantic treaty organisation', 'otan']],
];

export const ALIASES: ReadonlyMap<string, { name: string; kind: TopicKind }> = new Map(
  ALIAS_TABLE.flatMap(([name, kind, forms]) => [foldName(name), ...forms].map((form) => [form, { name, kind }] as const)),
);

/** The key a name is counted under: its alias's when it has one. */
export function keyOf(name: string): string {
  const folded = foldName(name);
  const alias = ALIASES.get(folded);
  return alias === undefined ? folded : foldName(alias.name);
}

/** The initials of a name's capitalised words ("Security Information Service" → "sis"). */
export function initialsOf(words: readonly string[]): string {
  return words
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0]!.toLowerCase())
    .join('');
}
