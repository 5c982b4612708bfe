/**
 * What the topic finder knows of words: compromise's lexicon (names, places,
 * organisations, calendar words, with its lists of organisation and place words) and the
 * calendar names of the article's language from the runtime's CLDR data (Intl).
 *
 * compromise's parser is not run on the article: it costs about ten times the whole
 * extraction of a page. Its lexicon is the part that knows the world, and a lookup is free.
 */
import nlp from 'compromise';

export type LexiconKind = 'person' | 'first-name' | 'place' | 'organisation' | 'calendar';

interface World {
  model: { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> } };
}
const world = (nlp as unknown as { world(): World }).world();
const LEXICON = world.model.one.lexicon;
/** Last words of organisation names, from compromise ("Agency", "Bank", "Council", …). */
export const COMPROMISE_ORG_WORDS: ReadonlySet<string> = new Set(Object.keys(world.model.two.orgWords));
/** Last words of place names, from compromise ("Bay", "Island", "Mountains", …). */
export const COMPROMISE_PLACE_WORDS: ReadonlySet<string> = new Set(Object.keys(world.model.two.placeWords));

/** compromise's tags, by what they make a topic. */
const KIND_OF_TAG: ReadonlyMap<string, LexiconKind> = new Map([
  ['Person', 'person'],
  ['FirstName', 'first-name'],
  ['MaleName', 'first-name'],
  ['FemaleName', 'first-name'],
  ['Country', 'place'],
  ['City', 'place'],
  ['Region', 'place'],
  ['Place', 'place'],
  ['Organization', 'organisation'],
  ['SportsTeam', 'organisation'],
  ['WeekDay', 'calendar'],
  ['Month', 'calendar'],
]);
/** The lexicon as a Map: a lookup of a word that is not in it never walks the object's prototype ("constructor"). */
const LEXICON_MAP: ReadonlyMap<string, string | readonly string[]> = new Map(Object.entries(LEXICON));

/** What compromise's lexicon says a lower-case word or phrase is, if it names something. */
export function lexiconKind(folded: string): LexiconKind | undefined {
  const tags = LEXICON_MAP.get(folded);
  if (tags === undefined) return undefined;
  if (typeof tags === 'string') return KIND_OF_TAG.get(tags);
  for (const tag of tags) {
    const kind = KIND_OF_TAG.get(tag);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** Does the lexicon list the word as an ordinary word (a verb, adjective, common noun) as well as, or instead of, a name? */
export function isCommonWord(folded: string): boolean {
  const tags = LEXICON_MAP.get(folded);
  if (tags === undefined) return false;
  return typeof tags === 'string' ? !KIND_OF_TAG.has(tags) && tags !== 'ProperNoun' : tags.some((tag) => !KIND_OF_TAG.has(tag) && tag !== 'ProperNoun');
}

/** Does the lexicon give a lower-case word or phrase one of these tags? */
export function hasLexiconTag(folded: string, wanted: ReadonlySet<string>): boolean {
  const tags = LEXICON_MAP.get(folded);
  if (tags === undefined) return false;
  return typeof tags === 'string' ? wanted.has(tags) : tags.some((tag) => wanted.has(tag));
}

/** The lexicon's words with one of these tags, as a set (one lookup per word where it is asked for every name). */
export function wordsTagged(wanted: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...LEXICON_MAP.keys()].filter((word) => hasLexiconTag(word, wanted)));
}

const CALENDAR = new Map<string, ReadonlySet<string>>();

/** Weekday and month names, long and short, lower case, in English and the given language (CLDR through Intl). */
export function calendarWords(language: string): ReadonlySet<string> {
  let words = CALENDAR.get(language);
  if (words !== undefined) return words;
  const set = new Set<string>(['sept', 'tues', 'thur', 'thurs']);
  for (const locale of new Set(['en', language])) {
    let formats: Intl.DateTimeFormat[];
    try {
      formats = (['long', 'short'] as const).flatMap((width) => [new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' }), new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' })]);
    } catch {
      continue; // a tag the runtime does not know: English only
    }
    for (const format of formats) {
      // 2001-01-01 was a Monday: twelve months and seven days cover every name.
      for (let month = 0; month < 12; month++) set.add(clean(format.format(new Date(Date.UTC(2001, month, 1)))));
      for (let day = 0; day < 7; day++) set.add(clean(format.format(new Date(Date.UTC(2001, 0, 1 + day)))));
    }
  }
  set.delete('');
  CALENDAR.set(language, set);
  return set;
}

function clean(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
