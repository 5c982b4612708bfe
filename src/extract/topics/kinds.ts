/**
 * Person, organisation or place: what a name's own words, the lexicon and the words
 * around its mentions say, in that order of trust.
 */
import type { TopicKind } from '../../record.ts';
import { ALIASES } from './forms.ts';
import { COMPROMISE_ORG_WORDS, COMPROMISE_PLACE_WORDS, lexiconKind } from './lexicon.ts';
import { isAcronym, type Mention } from './mentions.ts';
import { ORGANISATION_WORDS, PLACE_FIRST_WORDS, PLACE_PREPOSITION_SHARE, PLACE_PREPOSITIONS, SPEECH_VERBS } from './settings.ts';

export interface NameEvidence {
  key: string;
  /** The words of the name's longest form. */
  words: readonly string[];
  mentions: readonly Mention[];
}

export function kindOf(name: NameEvidence): TopicKind {
  const alias = ALIASES.get(name.key);
  if (alias !== undefined) return alias.kind;
  const known = lexiconKind(name.key);
  if (known === 'person' || known === 'place' || known === 'organisation') return known;
  if (name.mentions.some((m) => m.titled)) return 'person';
  const words = name.words.map((word) => word.toLowerCase().replace(/\.$/, ''));
  const last = words[words.length - 1]!;
  if (words.length > 1 || !isAcronym(name.words[0]!)) {
    if (ORGANISATION_WORDS.has(last) || COMPROMISE_ORG_WORDS.has(last)) return 'organisation';
    if (COMPROMISE_PLACE_WORDS.has(last) || (words.length > 1 && PLACE_FIRST_WORDS.has(words[0]!))) return 'place';
  }
  if (name.words.every((word) => isAcronym(word))) return 'organisation';
  const share = (test: (m: Mention) => boolean) => name.mentions.filter(test).length / name.mentions.length;
  const speaks = share((m) => SPEECH_VERBS.has(m.before) || SPEECH_VERBS.has(m.after));
  if (words.length > 1) {
    if (lexiconKind(words[0]!) === 'first-name' || speaks > 0) return 'person';
    if (words.every((word) => lexiconKind(word) === 'place')) return 'place';
    return words.length <= 3 && name.words.every((word) => /^\p{Lu}\p{Ll}/u.test(word)) ? 'person' : 'organisation';
  }
  if (share((m) => PLACE_PREPOSITIONS.has(m.before)) >= PLACE_PREPOSITION_SHARE) return 'place';
  if (speaks > 0) return 'person';
  return 'organisation';
}
