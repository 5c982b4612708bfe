/**
 * Demonyms: "North Korean", "Spanish", "Czechs" are adjectives and peoples, never topics
 * themselves, but a mention of their country ("North Korean defectors" is about North
 * Korea). The country is found by a few suffix rules and a short list of irregular ones,
 * and accepted only when the lexicon or the article knows it as a name. A word is a
 * demonym when compromise's lexicon tags it so or the irregular list has it.
 */
import { ALIASES, keyOf } from './forms.ts';
import { lexiconKind, wordsTagged } from './lexicon.ts';

/** Demonyms: compromise's and the irregular list's. */
const DEMONYMS: ReadonlySet<string> = new Set([...wordsTagged(new Set(['Demonym'])), ...Object.keys(IRREGULAR_DEMONYMS)]);
import { DEMONYM_SUFFIXES, IRREGULAR_DEMONYMS } from './settings.ts';

/** The country key a name's demonym points to ("north koreans" → "north korea"), or `undefined` when the name is no demonym; `null` when it is one of no country known. */
export function countryOfDemonym(key: string, known: (key: string) => boolean): string | null | undefined {
  const last = key.slice(key.lastIndexOf(' ') + 1);
  if (!DEMONYMS.has(last) && !(last.endsWith('s') && DEMONYMS.has(last.slice(0, -1)))) return undefined;
  const prefix = key.split(' ').slice(0, -1);
  for (const form of last.endsWith('s') ? [last, last.slice(0, -1)] : [last]) {
    if (!DEMONYMS.has(form)) continue;
    const candidates = Object.hasOwn(IRREGULAR_DEMONYMS, form) ? [IRREGULAR_DEMONYMS[form]!] : DEMONYM_SUFFIXES.filter(([suffix]) => form.endsWith(suffix) && form.length > suffix.length + 2).map(([suffix, replacement]) => form.slice(0, -suffix.length) + replacement);
    for (const candidate of candidates) {
      const country = keyOf([...prefix, candidate].join(' '));
      if (known(country) || ALIASES.has(country) || lexiconKind(country) === 'place') return country;
    }
    return null;
  }
  return undefined;
}
