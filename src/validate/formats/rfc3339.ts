/**
 * RFC 3339 section 5.6 `date-time`: `full-date "T" full-time`, e.g. `2015-10-31T22:22:56.015925234Z`.
 * The "T" and "Z" may be lower case (section 5.6, NOTE); a space instead of "T" is not allowed,
 * because Go's `time.RFC3339`, which Docker and containerd parse with, refuses it.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

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
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  // Field by field, not m.slice().map(Number): this runs on every created annotation.
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}
