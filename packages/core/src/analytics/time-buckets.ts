/** Periods analyses group by, in the project's time zone. Weeks start on Monday (ISO). */
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
export const isInterval = (value: unknown): value is Interval => (INTERVALS as readonly unknown[]).includes(value);

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(ms: number, timeZone: string): { y: number; m: number; d: number; h: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts['year']!, m: parts['month']!, d: parts['day']!, h: parts['hour']! };
}

const pad = (n: number) => String(n).padStart(2, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The label of the period an instant falls in, in a time zone: `YYYY-MM-DD` for day, week
 * (its Monday) and month (its 1st), `YYYY-MM-DD HH:00` for hour. Labels sort in time order,
 * and every SQL dialect produces the same ones.
 */
export function bucketOf(ms: number, interval: Interval, timeZone: string): string {
  const { y, m, d, h } = localParts(ms, timeZone);
  switch (interval) {
    case 'hour':
      return `${date(y, m, d)} ${pad(h)}:00`;
    case 'day':
      return date(y, m, d);
    case 'month':
      return date(y, m, 1);
    case 'week': {
      const day = new Date(Date.UTC(y, m - 1, d));
      day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
      return date(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    }
  }
}

const HOUR_MS = 3_600_000;

/**
 * The instant a local date (`YYYY-MM-DD`) begins in a time zone: its first millisecond, which is
 * after midnight on a day whose clocks skip it. UTC offsets stay within 15 hours, so it lies
 * within that of UTC midnight, where it is found by bisection (local dates only move forward).
 */
export function dayStart(day: string, timeZone: string): number {
  let lo = Date.parse(`${day}T00:00:00Z`) - 15 * HOUR_MS; // still the day before, locally
  let hi = lo + 30 * HOUR_MS; // already the day, or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (bucketOf(mid, 'day', timeZone) < day) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A time zone's name as the IANA database spells it (Europe/Paris for "europe/paris"), or null
 * when this runtime knows no such zone. Intl reads names in any case, ClickHouse only as spelled.
 */
export function timeZoneName(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
