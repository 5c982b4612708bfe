/**
 * Date audit for the extraction evaluation: where, if anywhere, does a page's text print
 * the gold publication date? Used by scripts/eval-extract.ts to state the ceiling of a
 * text-only extractor; not part of the extractor.
 *
 * Dates are read with chrono-node under the extractor's conventions (src/extract/dates.ts):
 * strict parsers, English first and the other languages only when English finds no
 * complete date on the line, a fixed reference instant in UTC, no `forwardDate`. The
 * printed calendar day is the day as written ("Nov 18, 2019 9:24 pm ET" is printed on
 * the 18th); the UTC day of a zoned time is kept beside it.
 */
import * as chrono from 'chrono-node';
import { mayHoldDate, readDateLine } from '../../src/extract/dates.ts';
import { REFERENCE_DATE } from '../../src/extract/settings.ts';

/** The extractor's languages, in its order (English first). */
const LOCALES: readonly { strict: chrono.Chrono; casual: chrono.Chrono }[] = [
  chrono, chrono.de, chrono.fr, chrono.es, chrono.pt, chrono.it, chrono.nl, chrono.ru, chrono.sv, chrono.uk, chrono.ja, chrono.zh,
];
/** Strict parsers, as the extractor reads dates. */
const STRICT = LOCALES.map((l) => l.strict);
/** Casual parsers, which also read "yesterday", "vor 3 Tagen", "il y a 2 jours". */
const CASUAL = LOCALES.map((l) => l.casual);
const REFERENCE = { instant: REFERENCE_DATE, timezone: 0 };
/** A second reference instant (400 days on: another day, month and year) to tell relative expressions from absolute ones. */
const OTHER_REFERENCE = { instant: new Date(REFERENCE_DATE.getTime() + 400 * 86_400_000), timezone: 0 };
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
/** A month and day without a year borrow a year printed this many lines before or after. */
const YEAR_NEARBY_LINES = 2;
/** Relative expressions are looked for on short lines only (time stamps, datelines), not in prose, where "yesterday" is the story's, not the page's. */
const RELATIVE_LINE_MAX_WORDS = 12;

export interface PrintedDate {
  /** Calendar day as written, `YYYY-MM-DD`. */
  day: string;
  /** 0-based line index. */
  line: number;
  /** A time of day is printed with it. */
  hasTime: boolean;
  /** The day in UTC, when a time and a zone are printed. */
  utcDay?: string;
  /** The year is not in the date itself but printed within YEAR_NEARBY_LINES lines. */
  yearNearby: boolean;
  /** The extractor's date-line reader accepts the line (a short line that is mostly a date). */
  onDateLine: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayOf = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** chrono marks relative dates as certain; they are the ones whose day moves with the reference instant. */
function isRelative(parser: chrono.Chrono, result: chrono.ParsedResult): boolean {
  const again = parser.parse(result.text, OTHER_REFERENCE)[0];
  if (again === undefined) return false;
  return again.start.get('month') !== result.start.get('month') || again.start.get('day') !== result.start.get('day');
}

/** Every absolute calendar day printed in the text (month and day, with a year in the date or nearby). */
export function printedDates(text: string): PrintedDate[] {
  const lines = text.split('\n');
  const found: PrintedDate[] = [];
  lines.forEach((line, index) => {
    if (!mayHoldDate(line)) return;
    const onLine: PrintedDate[] = [];
    const add = (date: PrintedDate) => {
      const same = onLine.find((d) => d.day === date.day);
      if (same === undefined) onLine.push(date);
      else same.hasTime ||= date.hasTime;
    };
    for (const parser of STRICT) {
      const results = parser
        .parse(line, REFERENCE)
        .filter((r) => r.start.isCertain('month') && r.start.isCertain('day') && /\d/.test(r.text) && !isRelative(parser, r));
      if (results.length === 0) continue;
      for (const r of results) {
        const s = r.start;
        const month = s.get('month') ?? 0;
        const day = s.get('day') ?? 0;
        const hasTime = s.isCertain('hour');
        const utc = hasTime && s.isCertain('timezoneOffset') ? s.date().toISOString().slice(0, 10) : undefined;
        const year = s.get('year') ?? 0;
        if (s.isCertain('year') && r.text.includes(String(year).slice(-2))) {
          add({ day: dayOf(year, month, day), line: index, hasTime, utcDay: utc, yearNearby: false, onDateLine: false });
          continue;
        }
        const near = lines.slice(Math.max(0, index - YEAR_NEARBY_LINES), index + YEAR_NEARBY_LINES + 1).join('\n');
        for (const y of new Set(near.match(YEAR) ?? [])) {
          add({ day: dayOf(Number(y), month, day), line: index, hasTime, utcDay: undefined, yearNearby: true, onDateLine: false });
        }
      }
      if (results.some((r) => r.start.isCertain('year'))) break;
    }
    // The extractor's own reading of a date line, which also unglues "Estes11/13/19" and "20194:29 AM".
    const reading = readDateLine(line);
    if (reading !== undefined) {
      const iso = reading.date.iso;
      const day = iso.slice(0, 10);
      const hasTime = iso.length > 10;
      const same = onLine.find((d) => d.day === day);
      if (same !== undefined) same.onDateLine = true;
      else add({ day, line: index, hasTime, utcDay: hasTime ? new Date(iso).toISOString().slice(0, 10) : undefined, yearNearby: false, onDateLine: true });
    }
    found.push(...onLine);
  });
  return found;
}

const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
/** "20 minutes before your workout", "two days after the vote": a duration around an event, not a time stamp. */
const AROUND_EVENT = /\b(?:before|after|later|vorher|nachher|später|avant|après|antes|después|depois|prima|dopo|voor|na|innan|efter)\b/iu;

/** A relative time stamp of the page: in the past, stating a number ("2 hours ago") or naming another day ("yesterday"). */
function isPageRelative(parser: chrono.Chrono, r: chrono.ParsedResult): boolean {
  if (!r.start.isCertain('day') || !isRelative(parser, r) || AROUND_EVENT.test(r.text)) return false;
  if (r.start.date().getTime() > REFERENCE.instant.getTime()) return false;
  return /\d/.test(r.text) || !sameDay(r.start.date(), REFERENCE.instant);
}

/**
 * Indices of short lines holding a relative date ("yesterday", "2 hours ago", "vor 3
 * Tagen", "today at 9:00"), in the past. A bare "now" or "today" ("Play now", "Today's birthdays")
 * is a word of the page, not a time stamp: a relative date must state a number or name
 * another day.
 */
export function relativeDateLines(text: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.split(/\s+/).length > RELATIVE_LINE_MAX_WORDS) return;
    for (const parser of CASUAL) {
      if (parser.parse(trimmed, REFERENCE).some((r) => isPageRelative(parser, r))) {
        out.push(index);
        return;
      }
    }
  });
  return out;
}

export type DateClass = 'printed' | 'printed ±1 day' | 'relative only' | 'not in text';
export const DATE_CLASSES: readonly DateClass[] = ['printed', 'printed ±1 day', 'relative only', 'not in text'];

export interface GoldDateAudit {
  cls: DateClass;
  /** The printed dates that match (class "printed") or are one day off with a time ("printed ±1 day"). */
  matches: PrintedDate[];
  /** Not printed, but a date one day off is, without a time. */
  dayOffWithoutTime: boolean;
}

function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

/**
 * Where the text prints the gold day: as a full date; only one day off and with a time
 * (a time-zone shift of a UTC timestamp explains it); only as relative expressions; or
 * not at all.
 */
export function classifyGoldDate(text: string, goldDay: string, dates: PrintedDate[] = printedDates(text)): GoldDateAudit {
  const exact = dates.filter((d) => d.day === goldDay);
  if (exact.length > 0) return { cls: 'printed', matches: exact, dayOffWithoutTime: false };
  const near = new Set([shiftDay(goldDay, -1), shiftDay(goldDay, 1)]);
  const shifted = dates.filter((d) => d.hasTime && near.has(d.day));
  if (shifted.length > 0) return { cls: 'printed ±1 day', matches: shifted, dayOffWithoutTime: false };
  const dayOffWithoutTime = dates.some((d) => near.has(d.day));
  return { cls: relativeDateLines(text).length > 0 ? 'relative only' : 'not in text', matches: [], dayOffWithoutTime };
}

/** Share of the lines, from the top, taken as the page header when the headline is not found. */
const HEADER_SHARE = 0.4;
/** Lines before and after the headline counted as near it. */
const NEAR_HEADLINE_LINES = 5;

const normalise = (text: string) => text.toLowerCase().replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"').replace(/\s+/g, ' ').trim();

/**
 * The full dates a reader sees in the page's header: in the first HEADER_SHARE of the
 * lines, or within NEAR_HEADLINE_LINES of a line holding one of the titles.
 */
export function headerDates(text: string, titles: readonly string[], dates: PrintedDate[] = printedDates(text)): PrintedDate[] {
  const lines = text.split('\n');
  const wanted = titles.map(normalise).filter((t) => t !== '');
  const headline = lines.map(normalise).flatMap((line, i) => (line !== '' && wanted.some((t) => line.includes(t)) ? [i] : []));
  const limit = Math.ceil(lines.length * HEADER_SHARE);
  return dates.filter((d) => d.line < limit || headline.some((h) => Math.abs(h - d.line) <= NEAR_HEADLINE_LINES));
}
