/**
 * The page's language, and the stopwords a line's shape is measured with.
 *
 * The language is identified by franc (trigram profiles, wooorm/franc, its 82-language
 * build) on a sample of the page's longest lines, which are the article's paragraphs far
 * more often than its menus, and given as a BCP 47 tag (`en`, `ko`, `pt`; a language
 * without a two-letter code keeps its three letters, `und` when the text is too short to
 * tell). Stopwords come from the `stopword` package's list for that language, in the
 * language's own right: "die" is a stopword on a German page, not on an English one.
 */
import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import * as lists from 'stopword';
import { LANGUAGE_CANDIDATES, LANGUAGE_SAMPLE_CHARS, LANGUAGE_SAMPLE_LINE_MIN_CHARS, RELANGUAGE_MIN_STOPWORDS } from './settings.ts';

export interface Language {
  /** BCP 47 tag. */
  tag: string;
  /** The language's stopwords, lower case. */
  stopwords: ReadonlySet<string>;
}

/** franc's answer when it cannot tell. */
const UNDETERMINED = 'und';

/** ISO 639-3 codes franc gives that the stopword lists file under another code (macrolanguages). */
const STOPWORD_LIST_OF: Readonly<Record<string, string>> = { zlm: 'msa', cmn: 'zho', arb: 'ara', pes: 'fas', nob: 'nob', swh: 'swa', azj: 'aze', uzn: 'uzb' };
/** BCP 47 tags of the individual languages franc names whose macrolanguage has a two-letter code. */
const TAG_OF: Readonly<Record<string, string>> = { zlm: 'ms', cmn: 'zh', arb: 'ar', pes: 'fa', swh: 'sw', azj: 'az', uzn: 'uz', ckb: 'ckb' };

const STOPWORD_SETS = new Map<string, ReadonlySet<string>>();

/** The stopwords of a language (ISO 639-3); English's when the lists have none for it. */
function stopwordsOf(code: string): ReadonlySet<string> {
  let set = STOPWORD_SETS.get(code);
  if (set === undefined) {
    const list = lists[STOPWORD_LIST_OF[code] ?? code];
    set = Array.isArray(list) ? new Set(list.map((word) => String(word).toLowerCase())) : stopwordsOf('eng');
    STOPWORD_SETS.set(code, set);
  }
  return set;
}

const LANGUAGES = new Map<string, Language>();

/** The language named by an ISO 639-3 code. */
export function languageOf(code: string): Language {
  let language = LANGUAGES.get(code);
  if (language === undefined) {
    language = { tag: code === UNDETERMINED ? UNDETERMINED : (TAG_OF[code] ?? iso6393To1[code] ?? code), stopwords: stopwordsOf(code) };
    LANGUAGES.set(code, language);
  }
  return language;
}

/** ISO 639-3 code of each BCP 47 primary subtag the extractor gives (two-letter tags through iso-639-3, the individual languages of `TAG_OF` back to their own code). */
const CODE_OF_TAG: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(iso6393To1).map(([code, tag]) => [tag, code]),
  ...Object.entries(TAG_OF).map(([code, tag]) => [tag, code]),
]);

/** The language a BCP 47 tag names (a record's `language`, maybe with a region): its primary subtag picks the stopwords. */
export function languageOfTag(tag: string): Language {
  const primary = tag.toLowerCase().split('-')[0] as string;
  return languageOf(CODE_OF_TAG[primary] ?? primary);
}

/**
 * Identify the language of a page from its longest lines. In Latin script, franc compares
 * the sample only with the languages whose stopwords it holds most of
 * (`LANGUAGE_CANDIDATES`): its trigram comparison costs time for every language compared,
 * and a page's language is always among them when the sample has stopwords at all.
 */
export function identifyLanguage(lines: readonly string[]): Language {
  const sample = languageSample(lines);
  const only = latinCandidates(sample);
  return languageOf(only === undefined ? franc(sample) : franc(sample, { only }));
}

/** The languages (ISO 639-3) whose stopwords occur most in a Latin-script sample; undefined for other scripts or a sample without stopwords. */
function latinCandidates(sample: string): string[] | undefined {
  const ranked = stopwordRanking(sample);
  return ranked?.slice(0, LANGUAGE_CANDIDATES).map(([code]) => FRANC_CODE_OF[code] ?? code);
}

/** The stopword lists (their codes) by how many of a Latin-script text's words they hold, most first; undefined for other scripts or no stopwords at all. */
function stopwordRanking(text: string): [string, number][] | undefined {
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  if (words.join('').length < text.replace(/\s+/g, '').length * LATIN_SHARE) return undefined;
  const hits = new Map<string, number>();
  for (const word of words) for (const code of STOPWORD_LANGUAGES.get(word) ?? []) hits.set(code, (hits.get(code) ?? 0) + 1);
  if (hits.size === 0) return undefined;
  return [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * The language whose stopwords the page's long lines (all of them, not franc's sample)
 * hold most, when they hold at least `RELANGUAGE_MIN_STOPWORDS` of them: the second
 * opinion `analyse` asks for when a page read in franc's language has almost no body.
 */
export function stopwordLanguage(lines: readonly string[]): Language | undefined {
  const [top] = stopwordRanking(longLines(lines).join('\n')) ?? [];
  return top !== undefined && top[1] >= RELANGUAGE_MIN_STOPWORDS ? languageOf(FRANC_CODE_OF[top[0]] ?? top[0]) : undefined;
}
/** Words of Latin letters (with accents). */
const LATIN_WORD = /[a-z\u00c0-\u024f]+/g;
/** A sample is Latin script when at least this share of its characters are in Latin words. */
const LATIN_SHARE = 0.5;
/** Stopword lists' codes that franc gives as another (an individual language of a macrolanguage). */
const FRANC_CODE_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(STOPWORD_LIST_OF).map(([franc, list]) => [list, franc]));
/** word → the languages (stopword-list codes) that list it as a stopword. */
const STOPWORD_LANGUAGES = (() => {
  const index = new Map<string, string[]>();
  for (const [code, list] of Object.entries(lists)) {
    if (!Array.isArray(list) || !/^[a-z]{3}$/.test(code)) continue;
    for (const word of list) {
      const key = String(word).toLowerCase();
      const codes = index.get(key);
      if (codes === undefined) index.set(key, [code]);
      else if (!codes.includes(code)) codes.push(code);
    }
  }
  return index;
})();

/**
 * The longest lines, longest first, up to `LANGUAGE_SAMPLE_CHARS`: the article's
 * paragraphs on almost every page (a menu or a list of links is many short lines).
 */
export function languageSample(lines: readonly string[]): string {
  const long = longLines(lines);
  const pool = long.length > 0 ? long : [...lines];
  pool.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  let sample = '';
  for (const line of pool) {
    if (sample.length >= LANGUAGE_SAMPLE_CHARS) break;
    sample += `${line}\n`;
  }
  return sample.slice(0, LANGUAGE_SAMPLE_CHARS);
}

/** The lines long enough to be paragraphs rather than menus (`LANGUAGE_SAMPLE_LINE_MIN_CHARS`). */
function longLines(lines: readonly string[]): string[] {
  return lines.filter((line) => line.length >= LANGUAGE_SAMPLE_LINE_MIN_CHARS);
}
