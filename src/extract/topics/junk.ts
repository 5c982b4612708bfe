/**
 * Names that are never topics, whatever their count: weekdays and months (of English and
 * of the article's language), a lone stopword, page chrome ("Home", "Privacy", "Photo"),
 * photo credits ("Photo Jane Doe"), and anything without two letters.
 */
import { calendarWords } from './lexicon.ts';
import { isAcronym } from './mentions.ts';
import { CHROME_WORDS, CREDIT_WORDS, DIRECTION_WORDS } from './settings.ts';

export function isJunkName(words: readonly string[], language: string, stopwords: ReadonlySet<string>): boolean {
  const folded = words.map((word) => word.toLowerCase().replace(/\.$/, ''));
  const letters = words.join('').replace(/[^\p{L}]/gu, '').length;
  if (letters < 2) return true;
  const calendar = calendarWords(language);
  if (calendar.has(folded[0]!)) return true;
  if (CREDIT_WORDS.has(folded[0]!)) return true;
  if (folded.length === 1 && DIRECTION_WORDS.has(folded[0]!)) return true;
  const plain = folded.filter((word, i) => !isAcronym(words[i]!));
  if (plain.length === folded.length && folded.every((word) => stopwords.has(word) || CHROME_WORDS.has(word) || calendar.has(word) || /^\p{N}+$/u.test(word))) return true;
  return false;
}
