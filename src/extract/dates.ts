/**
 * Date lines, read with chrono-node.
 *
 * Only a *line* that is mostly a date counts ("Thursday, 14 March, 2002, 08:26 GMT",
 * "Published: 3 May 2020"), never a date inside a sentence. chrono's strict parsers are
 * used so relative phrases ("2 hours ago", "yesterday") are refused, and a result must
 * state its day, month and year: no date is better than a guessed one. The reference
 * instant is fixed so the same text always gives the same date.
 */
import * as chrono from 'chrono-node';
import { startsWithAny } from './segment.ts';
import { DATE_LABELS, DATE_LINE_MAX_CHARS, DATE_LINE_MAX_WORDS, DATE_LINE_MIN_COVERAGE, REFERENCE_DATE, UPDATED_LABELS } from './settings.ts';

export interface FoundDate {
  /** `YYYY-MM-DD`, or with `THH:MM` and a zone when the line gives both. */
  iso: string;
  /** The line calls it an update ("Updated 3 May"), not the publication. */
  updated: boolean;
}

/** Strict parsers, English first; the others are tried when English finds nothing. */
const PARSERS: readonly chrono.Chrono[] = [
  chrono.strict,
  chrono.de.strict,
  chrono.fr.strict,
  chrono.es.strict,
  chrono.pt.strict,
  chrono.it.strict,
  chrono.nl.strict,
  chrono.ru.strict,
  chrono.sv.strict,
  chrono.uk.strict,
  chrono.ja.strict,
  chrono.zh.strict,
];

const REFERENCE = { instant: REFERENCE_DATE, timezone: 0 };
const LABELS = new RegExp(`(?:^|[\\s|,•·])(?:${DATE_LABELS.join('|')})(?=[\\s:|,]|$)`, 'giu');
const UPDATED = startsWithAny(UPDATED_LABELS.map((label) => `.*\\b${label}`), '');
const DIGIT = /\d/;
/** Quick pre-check before chrono: a date line states a year (four digits, or a numeric date such as 18.11.19). */
const HAS_YEAR = /(?<!\d)(?:1[89]|20)\d{2}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)/;
const ALNUM = /[\p{L}\p{N}]/gu;
const ALNUM_ONE = /[\p{L}\p{N}]/u;

/**
 * Read a line as a date line. Returns undefined when the line is not mostly a date
 * (`minCoverage`; a byline line such as "By Ann Example | 3 May 2021" passes 0; a date
 * that opens or closes the line, as in "3 May 2021 Ann Example", needs `edgeCoverage`),
 * or its date lacks a day, month or year.
 */
export function parseDateLine(line: string, minCoverage = DATE_LINE_MIN_COVERAGE, edgeCoverage = minCoverage): FoundDate | undefined {
  const read = readDateLine(line);
  if (read === undefined || read.coverage < (read.atEdge ? edgeCoverage : minCoverage)) return undefined;
  return read.date;
}

/** A line's complete date with how much of the line it covers, before any coverage threshold. */
export interface DateLineReading {
  date: FoundDate;
  /** Share of the line's letters and digits (labels aside) that chrono read as a date. */
  coverage: number;
  /** The date opens or closes the line. */
  atEdge: boolean;
}

/**
 * Parse a short line once; callers apply their own coverage thresholds (PageFacts asks
 * twice — as a date line and as a byline with a date — and must not pay chrono twice).
 */
export function readDateLine(line: string): DateLineReading | undefined {
  if (line.length > DATE_LINE_MAX_CHARS || !mayHoldDate(line) || countSpaces(line) >= DATE_LINE_MAX_WORDS) return undefined;
  const known = READINGS.get(line);
  if (known !== undefined) return known ?? undefined;
  // Frozen: every caller shares the remembered reading.
  const reading = freeze(parseLine(line));
  if (READINGS.size >= READING_CACHE_SIZE) READINGS.clear();
  READINGS.set(line, reading ?? null);
  return reading;
}

/**
 * chrono costs tens of microseconds a line, more than the rest of a page's extraction;
 * the same date lines recur across a batch (the day a site was copied, the dates of a
 * week's articles), so readings are remembered. Pure function of the text: safe to share.
 */
const READINGS = new Map<string, DateLineReading | null>();
/** Distinct date lines remembered before the memo starts over (a few hundred kilobytes at most). */
const READING_CACHE_SIZE = 4096;

function freeze(reading: DateLineReading | undefined): DateLineReading | undefined {
  if (reading !== undefined) Object.freeze(Object.freeze(reading).date);
  return reading;
}

function parseLine(line: string): DateLineReading | undefined {
  const text = unglue(line);
  if (!HAS_YEAR.test(text)) return undefined;
  for (const parser of PARSERS) {
    const results = parser.parse(text, REFERENCE);
    if (results.length === 0) continue;
    const found = firstComplete(results);
    if (!found) continue;
    const atEdge = !ALNUM_ONE.test(text.slice(0, found.index)) || !ALNUM_ONE.test(text.slice(found.index + found.text.length));
    return { date: { iso: toIso(found), updated: UPDATED.test(text.slice(0, found.index)) }, coverage: coverage(text, results), atEdge };
  }
  return undefined;
}

/**
 * Cheap test before chrono: a complete date needs a number and either a month word (the
 * first letters of a month name in one of the parsers' languages, or 月) or a numeric
 * date ("18.11.19", "2019-11-18"). Most short lines with digits (scores, prices,
 * "© 2019 Site") fail it, and chrono — the extractor's costliest step — never sees them.
 */
export function mayHoldDate(text: string): boolean {
  return DIGIT.test(text) && (NUMERIC_DATE.test(text) || MONTH_WORD.test(text));
}
const NUMERIC_DATE = /\d[./-]\d{1,2}[./-]\d/;
/** Month stems of English, German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Indonesian, Russian, Ukrainian; 月 for Japanese and Chinese, 월 for Korean. */
const MONTH_WORD =
  /(?<!\p{L})(?:jan|j\u00e4n|feb|f\u00e9v|fev|m\u00e4r|mar|maa|apr|avr|abr|ma[iyjg]|mei|jun|jui|giu|jul|lug|aug|ao\u00fb|aou|ag[ou]|sep|set|o[ckut]t|ott|no[vp]|de[csz]|d\u00e9c|dic|ene|gen|\u044f\u043d\u0432|\u0444\u0435\u0432|\u043c\u0430\u0440|\u0430\u043f\u0440|\u043c\u0430[\u0439\u044f]|\u0438\u044e[\u043d\u043b]|\u0430\u0432\u0433|\u0441\u0435\u043d|\u043e\u043a\u0442|\u043d\u043e\u044f|\u0434\u0435\u043a|\u0441\u0456\u0447|\u043b\u044e\u0442|\u0431\u0435\u0440|\u043a\u0432\u0456|\u0442\u0440\u0430|\u0447\u0435\u0440|\u043b\u0438\u043f|\u0441\u0435\u0440|\u0432\u0435\u0440|\u0436\u043e\u0432|\u043b\u0438\u0441|\u0433\u0440\u0443)|\d\s*[\u6708\uc6d4]/iu;

function countSpaces(text: string): number {
  let spaces = 0;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) spaces++;
  return spaces;
}

/** A year glued to a time ("Nov 20 20194:29 AM") or a name ("Estes11/13/19"), as copying from tight layouts leaves them. */
const YEAR_TIME = /(?<!\d)((?:19|20)\d{2})(\d{1,2}:\d{2})/g;
const LETTER_DIGIT = /(\p{Ll})(\d)|(\d)(\p{Lu}\p{Ll})/gu;
/** Month names chrono has no locale for (Indonesian, Malay), put in English. */
const MONTHS: Record<string, string> = {
  januari: 'January', februari: 'February', maret: 'March', mei: 'May', juni: 'June', juli: 'July', agustus: 'August', oktober: 'October', desember: 'December', nopember: 'November',
};
const MONTH_NAMES = new RegExp(`(?<![\\p{L}])(?:${Object.keys(MONTHS).join('|')})(?![\\p{L}])`, 'giu');

/** "2024년 5월 3일": a Korean date (chrono has no Korean), written as ISO for the parsers. */
const KOREAN_DATE = /((?:19|20)\d{2})년\s*(\d{1,2})월\s*(\d{1,2})일/u;

/** Separate glued tokens and translate month names before parsing. */
function unglue(text: string): string {
  return text
    .replace(KOREAN_DATE, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`)
    .replace(YEAR_TIME, '$1 $2')
    .replace(LETTER_DIGIT, (_, l1, d1, d2, l2) => (l1 ? `${l1} ${d1}` : `${d2} ${l2}`))
    .replace(MONTH_NAMES, (m) => MONTHS[m.toLowerCase()] ?? m);
}

/** "2 days ago at 08:12 am", "Friday 5:11PM": the time stamp of a comment or a teaser, too vague to be a date. */
const TIMESTAMP = /^(?:.{0,40}\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b.{0,20}|(?:.{0,30}\b)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}:\d{2}\s*[ap]m)$/iu;

/** "— Ann Example (@ann_example) May 3, 2021": the attribution line under an embedded social-media post. */
export function isEmbedAttribution(text: string): boolean {
  return EMBED_ATTRIBUTION.test(text);
}
const EMBED_ATTRIBUTION = /^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)/u;

/** Is the line only a relative or weekday time stamp? */
export function isTimestamp(text: string): boolean {
  return text.length <= TIMESTAMP_MAX_CHARS && TIMESTAMP.test(text);
}
const TIMESTAMP_MAX_CHARS = 60;

/** Parse the date at the start of a short string such as "14 Mar 02" (related lists). */
export function parseDatePrefix(text: string): { iso: string; rest: string } | undefined {
  if (!mayHoldDate(text)) return undefined;
  const known = PREFIXES.get(text);
  if (known !== undefined) return known ?? undefined;
  const found = readDatePrefix(text);
  if (PREFIXES.size >= READING_CACHE_SIZE) PREFIXES.clear();
  PREFIXES.set(text, found === undefined ? null : Object.freeze(found));
  return found;
}
/** Remembered like READINGS: the items of a site's related lists recur from article to article. */
const PREFIXES = new Map<string, { iso: string; rest: string } | null>();

function readDatePrefix(text: string): { iso: string; rest: string } | undefined {
  for (const parser of PARSERS) {
    const found = firstComplete(parser.parse(text, REFERENCE));
    if (!found) continue;
    if (found.index > 2) return undefined;
    return { iso: toIso(found).slice(0, 10), rest: text.slice(found.index + found.text.length) };
  }
  return undefined;
}

/** The first result that states day, month and year — and whose text really contains the year (chrono marks relative dates as certain). */
function firstComplete(results: chrono.ParsedResult[]): chrono.ParsedResult | undefined {
  return results.find(
    (r) =>
      r.start.isCertain('year') &&
      r.start.isCertain('month') &&
      r.start.isCertain('day') &&
      r.text.includes(String(r.start.get('year') ?? '').slice(-2)),
  );
}

/** Share of the line's letters and digits (labels aside) that chrono read as a date. */
function coverage(text: string, results: chrono.ParsedResult[]): number {
  const unlabelled = text.replace(LABELS, ' ');
  const total = unlabelled.match(ALNUM)?.length ?? 0;
  let dated = 0;
  for (const r of results) dated += r.text.match(ALNUM)?.length ?? 0;
  return total === 0 ? 0 : Math.min(1, dated / total);
}

function toIso(result: chrono.ParsedResult): string {
  const s = result.start;
  const day = `${pad(s.get('year') ?? 0, 4)}-${pad(s.get('month') ?? 0)}-${pad(s.get('day') ?? 0)}`;
  if (!s.isCertain('hour') || !s.isCertain('timezoneOffset')) return day;
  const offset = s.get('timezoneOffset') ?? 0;
  const time = `T${pad(s.get('hour') ?? 0)}:${pad(s.get('minute') ?? 0)}`;
  if (offset === 0) return `${day}${time}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${day}${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
