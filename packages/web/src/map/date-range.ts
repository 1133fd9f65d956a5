/**
 * The period the map's numbers cover. Presets end at the next midnight (UTC), so "last 7 days"
 * means the seven calendar days up to and including today and two people looking the same day
 * see the same numbers.
 */
export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DateRange {
  readonly preset: RangePreset | 'custom';
  /** ISO-8601, inclusive. */
  readonly from: string;
  /** ISO-8601, exclusive. */
  readonly to: string;
}

const DAY = 86_400_000;
const midnight = (ms: number) => Math.floor(ms / DAY) * DAY;

export function presetRange(days: RangePreset, now: number = Date.now()): DateRange {
  const to = midnight(now) + DAY;
  return { preset: days, from: new Date(to - days * DAY).toISOString(), to: new Date(to).toISOString() };
}

/** Two calendar days, both included (as date inputs give them), or null when they make no range. */
export function customRange(firstDay: string, lastDay: string): DateRange | null {
  const from = Date.parse(`${firstDay}T00:00:00Z`);
  const last = Date.parse(`${lastDay}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(last) || last < from) return null;
  return { preset: 'custom', from: new Date(from).toISOString(), to: new Date(last + DAY).toISOString() };
}

/** The days of a range as date inputs show them: the first and the last included day. */
export function rangeDays(range: DateRange): { first: string; last: string } {
  return { first: range.from.slice(0, 10), last: new Date(Date.parse(range.to) - DAY).toISOString().slice(0, 10) };
}

/** Days per sparkline point: daily up to a month, weekly beyond. */
export const rangeInterval = (range: DateRange): 'day' | 'week' => (Date.parse(range.to) - Date.parse(range.from) <= 31 * DAY ? 'day' : 'week');

/** `?range=30` or `?from=2026-01-01&to=2026-01-31` in the address, so a link shows the same numbers. */
export function rangeFromParams(params: URLSearchParams, now: number = Date.now()): DateRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    const custom = customRange(from, to);
    if (custom) return custom;
  }
  const days = Number(params.get('range'));
  return presetRange((RANGE_PRESETS as readonly number[]).includes(days) ? (days as RangePreset) : 30, now);
}

export function rangeParams(range: DateRange): Record<string, string> {
  if (range.preset !== 'custom') return { range: String(range.preset) };
  const { first, last } = rangeDays(range);
  return { from: first, to: last };
}
