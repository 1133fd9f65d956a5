// ISO-8601 date or date-time, with optional fraction and offset; a value with no offset is UTC.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO-8601 timestamp to epoch milliseconds, or returns null when the text is not one
 * (including impossible dates such as February 30th). Unlike `Date.parse`, a date-time without
 * an offset is read as UTC, never as the server's local time.
 */
export function parseIsoTimestamp(text: string): number | null {
  const m = ISO_8601.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const ms = Number((frac + '000').slice(0, 3));
  // Not Date.UTC: it reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  const utc = date.getTime();
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 ||
    !/^.(?:[01]\d|2[0-3])(?::?[0-5]\d)?$|^Z$/.test(offset)
  ) {
    return null;
  }
  return utc - offsetMinutes(offset) * 60_000;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
