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
import { LANGUAGE_SAMPLE_CHARS, LANGUAGE_SAMPLE_LINE_MIN_CHARS } from './settings.ts';

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

/** Identify the language of a page from its longest lines. */
export function identifyLanguage(lines: readonly string[]): Language {
  return languageOf(franc(languageSample(lines)));
}

/**
 * The longest lines, longest first, up to `LANGUAGE_SAMPLE_CHARS`: the article's
 * paragraphs on almost every page (a menu or a list of links is many short lines).
 */
export function languageSample(lines: readonly string[]): string {
  const long = lines.filter((line) => line.length >= LANGUAGE_SAMPLE_LINE_MIN_CHARS);
  const pool = long.length > 0 ? long : [...lines];
  pool.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  let sample = '';
  for (const line of pool) {
    if (sample.length >= LANGUAGE_SAMPLE_CHARS) break;
    sample += `${line}\n`;
  }
  return sample.slice(0, LANGUAGE_SAMPLE_CHARS);
}
