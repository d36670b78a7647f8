/**
 * RFC 3339 section 5.6 `date-time`: `full-date "T" full-time`, e.g. `2015-10-31T22:22:56.015925234Z`.
 * The "T" and "Z" may be lower case (section 5.6, NOTE); a space instead of "T" is not allowed,
 * because Go's `time.RFC3339`, which Docker and containerd parse with, refuses it.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** The two-digit number at `at` (the expression has checked both are digits). */
function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

/** The last date-time accepted; none before the first, so that no initial value is ever accepted unchecked. */
let lastAccepted: string | undefined;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether a string is an RFC 3339 section 5.6 `date-time`, field ranges included (month 01–12, a
 * day that exists in that month, hour 00–23, minute 00–59, second 00–60 for leap seconds, offset
 * hours 00–23).
 *
 * @example
 * isRfc3339DateTime("2015-10-31T22:22:56.015925234Z") // true
 * isRfc3339DateTime("2015-02-30T00:00:00Z") // false: no 30 February
 * isRfc3339DateTime("2015-10-31 22:22:56") // false: no "T", no offset
 */
export function isRfc3339DateTime(value: string): boolean {
  // Dates repeat: a config's history entries built in one step, reproducible builds' fixed epoch.
  if (value === lastAccepted) return true;
  if (!DATE_TIME.test(value)) return false;
  // The fields sit at fixed places (the offset, when there is one, in the last six characters):
  // read without capture groups, which cost an array and a string each on every created date.
  const year = Number(value.slice(0, 4));
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 60) return false;
  const end = value.length;
  const zone = value.charCodeAt(end - 1);
  if (zone !== 0x5a && zone !== 0x7a && (twoDigits(value, end - 5) > 23 || twoDigits(value, end - 2) > 59))
    return false;
  // A date of a few dozen characters is kept; a hostile megabyte of fraction digits is not.
  if (value.length <= 64) lastAccepted = value;
  return true;
}
