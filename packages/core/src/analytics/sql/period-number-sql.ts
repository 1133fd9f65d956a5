import { periodLabel, periodNumber, type CalendarInterval } from '../calendar-periods.ts';
import type { SqlDialect } from './dialect.ts';

const DAY_MS = 86_400_000;

/**
 * SQL for the period number (SqlDialect `periodNumber`) of `timestamp`, computed by arithmetic
 * for instants in [from, to) (epoch milliseconds plus the time zone's UTC offset, which this
 * function looks up for that stretch) and by the dialect's time-zone functions outside it.
 * Equal to `d.periodNumber` everywhere; several times cheaper on DuckDB, whose time-zone
 * conversion dominates these queries otherwise.
 */
export function periodNumberSql(d: SqlDialect, interval: CalendarInterval, timeZone: string, from: number, to: number): string {
  const changes = offsetChanges(timeZone, from, to);
  const offset =
    changes.length === 1
      ? `${changes[0]!.offset}`
      : `CASE ${changes.slice(1).map((c, i) => `WHEN timestamp < ${d.timestamp(c.at)} THEN ${changes[i]!.offset}`).join(' ')} ELSE ${changes[changes.length - 1]!.offset} END`;
  const day = `CAST(floor((${d.epochMs()} + ${offset}) / ${DAY_MS}) AS BIGINT)`;
  let fast: string;
  if (interval === 'day') fast = day;
  else if (interval === 'week') fast = `CAST(floor((${day} - 4) / 7) AS BIGINT)`;
  else {
    // Months by their first days (day numbers): few in a query's range.
    const firstMonth = periodNumber(periodLabel(Math.floor(from / DAY_MS) - 1, 'day'), 'month');
    const lastMonth = periodNumber(periodLabel(Math.floor(to / DAY_MS) + 1, 'day'), 'month');
    const branches: string[] = [];
    for (let m = firstMonth; m < lastMonth; m++) branches.push(`WHEN ${day} < ${periodNumber(periodLabel(m + 1, 'month'), 'day')} THEN ${m}`);
    fast = branches.length === 0 ? `${lastMonth}` : `CASE ${branches.join(' ')} ELSE ${lastMonth} END`;
  }
  return `CASE WHEN timestamp >= ${d.timestamp(from)} AND timestamp < ${d.timestamp(to)} THEN ${fast} ELSE ${d.periodNumber(interval, timeZone)} END`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** The UTC offset of a time zone at an instant, in milliseconds (whole seconds). */
function utcOffset(timeZone: string, ms: number): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    const options = { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    offsetFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', options)));
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const second = Math.floor(ms / 1000) * 1000;
  const local = new Date(0);
  local.setUTCFullYear(p['year']!, p['month']! - 1, p['day']!);
  local.setUTCHours(p['hour']!, p['minute']!, p['second']!, 0);
  return local.getTime() - second;
}

/**
 * The offsets in force over [from, to): the first from `from`, each next one from the instant it
 * starts. Offsets are sampled every 6 hours (time zones change at most a few times a year) and
 * each change is pinned to the millisecond by bisection.
 */
function offsetChanges(timeZone: string, from: number, to: number): { at: number; offset: number }[] {
  const changes = [{ at: from, offset: utcOffset(timeZone, from) }];
  const step = 6 * 3_600_000;
  for (let t = from; t < to; ) {
    const next = Math.min(t + step, to - 1);
    const before = changes[changes.length - 1]!.offset;
    const offset = utcOffset(timeZone, next);
    if (offset !== before) {
      let lo = t;
      let hi = next; // offset(lo) = before, offset(hi) != before
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (utcOffset(timeZone, mid) === before) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, offset: utcOffset(timeZone, hi) });
      t = hi;
    } else {
      t = next === to - 1 ? to : next;
    }
  }
  return changes;
}
