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
  if (line.length > DATE_LINE_MAX_CHARS || line.split(' ').length > DATE_LINE_MAX_WORDS || !DIGIT.test(line)) return undefined;
  const text = unglue(line);
  if (!HAS_YEAR.test(text)) return undefined;
  for (const parser of PARSERS) {
    const results = parser.parse(text, REFERENCE);
    if (results.length === 0) continue;
    const found = firstComplete(results);
    if (!found) continue;
    const atEdge = !ALNUM_ONE.test(text.slice(0, found.index)) || !ALNUM_ONE.test(text.slice(found.index + found.text.length));
    if (coverage(text, results) < (atEdge ? edgeCoverage : minCoverage)) return undefined;
    return { iso: toIso(found), updated: UPDATED.test(text.slice(0, found.index)) };
  }
  return undefined;
}

/** A year glued to a time ("Nov 20 20194:29 AM") or a name ("Estes11/13/19"), as copying from tight layouts leaves them. */
const YEAR_TIME = /(?<!\d)((?:19|20)\d{2})(\d{1,2}:\d{2})/g;
const LETTER_DIGIT = /(\p{Ll})(\d)|(\d)(\p{Lu}\p{Ll})/gu;
/** Month names chrono has no locale for (Indonesian, Malay), put in English. */
const MONTHS: Record<string, string> = {
  januari: 'January', februari: 'February', maret: 'March', mei: 'May', juni: 'June', juli: 'July', agustus: 'August', oktober: 'October', desember: 'December', nopember: 'November',
};
const MONTH_NAMES = new RegExp(`(?<![\\p{L}])(?:${Object.keys(MONTHS).join('|')})(?![\\p{L}])`, 'giu');

/** Separate glued tokens and translate month names before parsing. */
function unglue(text: string): string {
  return text
    .replace(YEAR_TIME, '$1 $2')
    .replace(LETTER_DIGIT, (_, l1, d1, d2, l2) => (l1 ? `${l1} ${d1}` : `${d2} ${l2}`))
    .replace(MONTH_NAMES, (m) => MONTHS[m.toLowerCase()] ?? m);
}

/** "2 days ago at 08:12 am", "Friday 5:11PM": the time stamp of a comment or a teaser, too vague to be a date. */
const TIMESTAMP = /^(?:.{0,40}\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b.{0,20}|(?:.{0,30}\b)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}:\d{2}\s*[ap]m)$/iu;

/** Is the line only a relative or weekday time stamp? */
export function isTimestamp(text: string): boolean {
  return text.length <= TIMESTAMP_MAX_CHARS && TIMESTAMP.test(text);
}
const TIMESTAMP_MAX_CHARS = 60;

/** Parse the date at the start of a short string such as "14 Mar 02" (related lists). */
export function parseDatePrefix(text: string): { iso: string; rest: string } | undefined {
  if (!DIGIT.test(text)) return undefined;
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
