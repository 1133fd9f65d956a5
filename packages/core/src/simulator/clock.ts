import { cumulative } from './rng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * The simulated period: `days` whole UTC days ending with `end`. Times inside the simulator
 * are milliseconds since the period's first midnight; ISO strings are built from a per-day
 * prefix and lookup tables, which is several times faster than `new Date(t).toISOString()`.
 */
export class Period {
  readonly days: number;
  /** Epoch ms of the first day's midnight (UTC). */
  readonly startMs: number;
  /** Length of the period in ms; messages at or after it are not emitted. */
  readonly lengthMs: number;
  readonly #prefix: string[] = [];
  /** Day of week of each day, 0 = Sunday. */
  readonly dayOfWeek: Uint8Array;

  constructor(end: string, days: number) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(`${end}T00:00:00.000Z`))) {
      throw new RangeError(`end must be a YYYY-MM-DD date, got "${end}"`);
    }
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
    this.days = days;
    this.startMs = Date.parse(`${end}T00:00:00.000Z`) - (days - 1) * DAY;
    this.lengthMs = days * DAY;
    this.dayOfWeek = new Uint8Array(days);
    for (let d = 0; d < days; d++) {
      const date = new Date(this.startMs + d * DAY);
      this.#prefix.push(date.toISOString().slice(0, 11));
      this.dayOfWeek[d] = date.getUTCDay();
    }
  }

  /** `YYYY-MM-DD` of day `d` of the period. */
  date(d: number): string {
    return new Date(this.startMs + d * DAY).toISOString().slice(0, 10);
  }

  /** ISO-8601 with ms and `Z` for a time inside the period. */
  iso(t: number): string {
    const day = Math.floor(t / DAY);
    let r = Math.floor(t - day * DAY);
    const h = Math.floor(r / HOUR);
    r -= h * HOUR;
    const m = Math.floor(r / MINUTE);
    r -= m * MINUTE;
    const s = Math.floor(r / 1000);
    return this.#prefix[day]! + TWO[h]! + ':' + TWO[m]! + ':' + TWO[s]! + '.' + THREE[r - s * 1000]! + 'Z';
  }

  /**
   * A cumulative table over days for arrivals: weekday factors (index 0 = Sunday) and a
   * linear growth of `growth` over the whole period.
   */
  dayWeights(weekday: readonly number[], growth: number): { cdf: Float64Array; share: Float64Array } {
    const weights: number[] = [];
    for (let d = 0; d < this.days; d++) weights.push(weekday[this.dayOfWeek[d]!]! * (1 + (growth * d) / Math.max(1, this.days - 1)));
    const total = weights.reduce((a, b) => a + b, 0);
    return { cdf: cumulative(weights), share: Float64Array.from(weights, (w) => w / total) };
  }
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Binary search of a cumulative table. */
export function searchCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cdf[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
