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

/**
 * Read a line as a date line. Returns undefined when the line is not mostly a date
 * (`minCoverage`; a byline line such as "By Ann Example | 3 May 2021" passes 0), or its
 * date lacks a day, month or year.
 */
export function parseDateLine(text: string, minCoverage = DATE_LINE_MIN_COVERAGE): FoundDate | undefined {
  if (text.length > DATE_LINE_MAX_CHARS || !HAS_YEAR.test(text)) return undefined;
  if (text.split(' ').length > DATE_LINE_MAX_WORDS) return undefined;
  for (const parser of PARSERS) {
    const results = parser.parse(text, REFERENCE);
    if (results.length === 0) continue;
    const found = firstComplete(results);
    if (!found) continue;
    if (coverage(text, results) < minCoverage) return undefined;
    return { iso: toIso(found), updated: UPDATED.test(text.slice(0, found.index)) };
  }
  return undefined;
}

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
