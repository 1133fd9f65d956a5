import type { AnalysisEvent } from '../analysis-event.ts';
import { propertyNumber, propertyText, propertyValue } from '../matchers/property-value.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { MetricParameters } from './metric-definitions.ts';

/**
 * What each metric computes per window and breakdown value: its counts, and for a median the
 * values, ascending. The reference and the SQL of every metric produce these; metric.shape.ts
 * turns them into the result.
 */
export interface MetricRow {
  readonly key: string | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly sorted?: readonly number[];
}

/** The reference side: the project's events in `byTime` order and one window. */
export interface ReferenceContext {
  readonly p: MetricParameters;
  readonly events: readonly AnalysisEvent[];
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  /** The breakdown value of an event (null without a breakdown). */
  key(e: AnalysisEvent): string | null;
}

/** The SQL side: fragments for one window, over `events_resolved`. */
export interface SqlContext {
  readonly d: SqlDialect;
  readonly p: MetricParameters;
  /** `project_id = ...` */
  readonly project: string;
  /** Timestamp literals of the window's bounds. */
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly timeZone: string;
  /** `timestamp >= from AND timestamp < to` */
  readonly inWindow: string;
  /** The breakdown value of a row (NULL without a breakdown). */
  readonly key: string;
  /** Whether a row is activity (see `activeEvent`). */
  readonly active: string;
  /** A property as a double where it is a JSON number, else NULL. */
  number(path: string): string;
}

export type MetricImplementation = {
  reference(c: ReferenceContext): MetricRow[];
  sql(c: SqlContext): string;
};

export const inWindow = (c: ReferenceContext, e: AnalysisEvent) => e.timestamp >= c.from && e.timestamp < c.to;
export const isActive = (p: MetricParameters, e: AnalysisEvent) => (p.activeEvent !== null ? e.event === p.activeEvent : e.event !== p.spendEvent);
export const numberOf = (e: AnalysisEvent, path: string) => propertyNumber(propertyValue(e.properties, path));
export const textOf = (e: AnalysisEvent, path: string) => propertyText(propertyValue(e.properties, path));

/** Sums per breakdown value, in first-seen order. */
export function perKey<T>(items: Iterable<T>, key: (item: T) => string | null, count: (item: T) => readonly [number, number] | null): MetricRow[] {
  const rows = new Map<string | null, { numerator: number; denominator: number }>();
  for (const item of items) {
    const counted = count(item);
    if (counted === null) continue;
    const k = key(item);
    const row = rows.get(k) ?? { numerator: 0, denominator: 0 };
    row.numerator += counted[0];
    row.denominator += counted[1];
    rows.set(k, row);
  }
  return [...rows].map(([key, r]) => ({ key, ...r }));
}

/** One row without a breakdown. */
export const single = (numerator: number, denominator: number): MetricRow[] => [{ key: null, numerator, denominator }];

/** Events of one of the given names in the window, as SQL. */
export const eventIn = (c: SqlContext, ...names: string[]) => `event IN (${names.map((n) => c.d.string(n)).join(', ')})`;

type ParameterOf<T> = { [K in keyof MetricParameters]: MetricParameters[K] extends T ? K : never }[keyof MetricParameters];

/**
 * A mean of a numeric property over the events of one name in the window (events where the
 * property is not a number are left out): numerator the sum, denominator the count.
 */
export const meanOfProperty = (event: ParameterOf<string>, property: ParameterOf<string>): MetricImplementation => ({
  reference: (c) =>
    perKey(
      c.events.filter((e) => inWindow(c, e) && e.event === c.p[event]),
      c.key,
      (e) => {
        const v = numberOf(e, c.p[property] as string);
        return v === null ? null : [v, 1];
      },
    ),
  sql: (c) => `SELECT k, sum(v) AS numerator, count(*) AS denominator FROM (
      SELECT ${c.key} AS k, ${c.number(c.p[property] as string)} AS v FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p[event] as string)}
    ) AS matching WHERE v IS NOT NULL GROUP BY k`,
});
