export interface TrendPoint {
  readonly period: string;
  readonly count: number;
}

/** The last period against the one before it. */
export interface ThemeChange {
  readonly period: string;
  readonly count: number;
  readonly previous: number;
  readonly delta: number;
  /** delta / previous; null when the previous period had none. */
  readonly ratio: number | null;
}

/**
 * Counts per period of one theme, over the periods of all texts analysed (so every theme has
 * the same points, zeros included), and the change of the last period from the one before.
 */
export function themeTrend(periods: readonly string[], memberPeriods: readonly string[]): { trend: TrendPoint[]; change: ThemeChange | null } {
  const counts = new Map<string, number>();
  for (const p of memberPeriods) counts.set(p, (counts.get(p) ?? 0) + 1);
  const trend = periods.map((period) => ({ period, count: counts.get(period) ?? 0 }));
  const last = trend.at(-1);
  const before = trend.at(-2);
  if (!last || !before) return { trend, change: null };
  const delta = last.count - before.count;
  return { trend, change: { period: last.period, count: last.count, previous: before.count, delta, ratio: before.count === 0 ? null : Math.round((delta / before.count) * 1000) / 1000 } };
}
