/**
 * Dates for display and for feeds, computed from the record's ISO 8601 string alone.
 *
 * Nothing here reads the machine's time zone or locale: the calendar date and the
 * time of day are the ones written in the string (the article's own wall clock), the
 * month names are fixed English, and instants are computed in UTC. The same record
 * gives the same label on every machine.
 */

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** The shapes `isoDate` in src/record.ts accepts: a date, optionally a time, optionally a zone. */
const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

export interface DateParts {
  year: string;
  month: string;
  day: string;
  hour?: string;
  minute?: string;
  second?: string;
  /** `Z`, `+02:00`, …; absent when the string gives a time without a zone. */
  zone?: string;
}

export function parseIsoDate(value: string): DateParts | undefined {
  const m = ISO_PARTS.exec(value);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, zone] = m;
  return {
    year: year!,
    month: month!,
    day: day!,
    ...(hour !== undefined ? { hour, minute: minute! } : {}),
    ...(second !== undefined ? { second } : {}),
    ...(zone !== undefined ? { zone } : {}),
  };
}

/**
 * `27 March 2019`; with a time `14 March 2002, 08:26 GMT`, `27 March 2019, 08:26 UTC+02:00`,
 * or `27 March 2019, 08:26` when the zone is unknown. Unparseable input is returned as is.
 */
export function formatDateLabel(value: string): string {
  const parts = parseIsoDate(value);
  if (!parts) return value;
  const date = `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1] ?? parts.month} ${parts.year}`;
  if (parts.hour === undefined) return date;
  const time = `${parts.hour}:${parts.minute}`;
  if (parts.zone === undefined) return `${date}, ${time}`;
  const zone = parts.zone === 'Z' || parts.zone === '+00:00' || parts.zone === '-00:00' ? 'GMT' : `UTC${parts.zone}`;
  return `${date}, ${time} ${zone}`;
}

/**
 * RFC 3339 date-time for Atom and JSON Feed: a date alone is midnight UTC, a time
 * without a zone is taken as UTC (feeds require a zone; the record has none to give).
 */
export function toRfc3339(value: string): string | undefined {
  const parts = parseIsoDate(value);
  if (!parts) return undefined;
  const time = `${parts.hour ?? '00'}:${parts.minute ?? '00'}:${parts.second ?? '00'}`;
  return `${parts.year}-${parts.month}-${parts.day}T${time}${parts.zone ?? 'Z'}`;
}

/** Milliseconds since the epoch, for sorting; `undefined` for an unparseable string. */
export function toInstant(value: string): number | undefined {
  const rfc = toRfc3339(value);
  if (rfc === undefined) return undefined;
  const ms = Date.parse(rfc);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Feeds need an `updated` even for an empty archive: a fixed epoch keeps builds identical. */
export const EPOCH_RFC3339 = '1970-01-01T00:00:00Z';
