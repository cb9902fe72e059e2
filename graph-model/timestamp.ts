/**
 * The one timestamp parser: every time the service reads (OpenLineage eventTime, GraphQL asOf,
 * metric windows and buckets, dbt run results, CLI options, changeset runs) goes through it.
 * `Date.parse` rolls impossible dates over (2021-02-30 becomes 2021-03-02) and accepts many
 * non-ISO spellings; this reads the fields itself and refuses any field out of its range, so a
 * timestamp means exactly the instant written or is refused.
 */

export interface TimestampOptions {
  /**
   * `strict` (default): RFC 3339 `date-time`: `2026-11-01T10:00:00Z`, `...T10:00:00.123+08:00`.
   * `lenient`: also what producers send in the wild: seconds left out (`T10:00`), no offset (read
   * as UTC), an offset of hours only or without its colon (`+08`, `+0800`).
   */
  form?: 'strict' | 'lenient';
  /** Also accept a bare RFC 3339 `full-date` (`2026-11-01`), meaning the start of that UTC day. */
  date?: boolean;
}

export type ParsedTimestamp =
  | { ok: true; iso: string; millis: number }
  /** `reason` quotes the text and says why (`"2021-02-30": 2021-02 has no day 30`); `why` only says why. */
  | { ok: false; reason: string; why: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(:?)(\d{2})?)?)?$/;

const MINUTE_MS = 60_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function expected(options: TimestampOptions): string {
  const forms = options.form === 'lenient' ? 'an ISO-8601 date-time such as 2026-11-01T10:00:00Z' : 'an RFC 3339 date-time such as 2026-11-01T10:00:00Z';
  return options.date ? `${forms} or a date such as 2026-11-01` : forms;
}

/** `text` as an instant, or why it is not one (the reason quotes the text). */
export function parseTimestamp(text: string, options: TimestampOptions = {}): ParsedTimestamp {
  const lenient = options.form === 'lenient';
  const shown = JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text);
  const match = SHAPE.exec(text);
  const refuse = (why = `not ${expected(options)}`): ParsedTimestamp => ({ ok: false, reason: `${shown}: ${why}`, why });
  if (!match) return refuse();
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offsetHours, colon, offsetMinutes] = match;
  const hasTime = h !== undefined;
  if (!hasTime && !options.date) return refuse();
  if (hasTime && !lenient) {
    // RFC 3339: seconds and an offset are required, and the offset is ±hh:mm.
    if (s === undefined || (zulu === undefined && sign === undefined)) return refuse();
    if (sign !== undefined && (colon !== ':' || offsetMinutes === undefined)) return refuse();
  }
  if (sign !== undefined && colon === ':' && offsetMinutes === undefined) return refuse();
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return refuse(`there is no month ${mo}`);
  if (day < 1 || day > daysInMonth(year, month)) return refuse(`${y}-${mo} has no day ${d}`);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23) return refuse(`there is no hour ${h}`);
  if (minute > 59) return refuse(`there is no minute ${mi}`);
  // A leap second (:60) is valid RFC 3339, but no JavaScript time can hold it.
  if (second > 59) return refuse(`there is no second ${s} (leap seconds are not supported)`);
  let offset = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes ?? 0);
    if (oh > 23 || om > 59) return refuse(`the offset ${sign}${offsetHours}${colon}${offsetMinutes ?? ''} is out of range`);
    offset = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Milliseconds are what a JavaScript time holds; finer digits are dropped, not rounded.
  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  const millis = date.getTime() - offset * MINUTE_MS;
  if (!Number.isFinite(millis)) return refuse();
  return { ok: true, iso: new Date(millis).toISOString(), millis };
}
