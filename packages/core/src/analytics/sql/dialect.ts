import type { Interval } from '../time-buckets.ts';

/**
 * What differs between the SQL engines analyses run on. Every analysis is written once,
 * against this interface, over the relation `events_resolved` (project_id, person_id, event,
 * timestamp, session_id, channel, properties, seq); each engine supplies the fragments.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** A string literal. */
  string(value: string): string;
  /** A number literal (finite). */
  number(value: number): string;
  /** Property fragments read the `properties` column unless another JSON column is named. */
  /** The JSON type of a property: one of 'string', 'number', 'boolean', or NULL/other for anything else. */
  propertyKind(path: string, column?: string): string;
  /** A property as text (only meaningful where propertyKind is 'string'). */
  propertyString(path: string, column?: string): string;
  /** A property as a double (only meaningful where propertyKind is 'number'). */
  propertyNumber(path: string, column?: string): string;
  /** A property as a boolean (only meaningful where propertyKind is 'boolean'). */
  propertyBoolean(path: string, column?: string): string;
  /** Breakdown text of a property: the string, or the JSON text of a number or boolean; NULL otherwise. */
  propertyText(path: string, column?: string): string;
  /** A NULL of the engine's double type (so aggregates over it type-check). */
  readonly nullNumber: string;
  /** Aggregate: the non-NULL values of a numeric expression as an ascending array. */
  sortedNumbers(expr: string): string;
  /** Window aggregate: the last non-NULL value of an expression in the frame (NULL if none); add `OVER (...)`. */
  lastNonNull(expr: string): string;
  /** Aggregate: the `properties` of the latest row (by timestamp, then seq) where `condition` holds, or an empty JSON object. */
  latestProperties(condition: string): string;
  /** Whether a text contains another (case-sensitive; the empty text is in every text). */
  contains(haystack: string, needle: string): string;
  /** The `timestamp` column as epoch milliseconds (an integer). */
  epochMs(column?: string): string;
  /** The label of the period `timestamp` falls in, as time-buckets.ts `bucketOf` makes it. */
  bucket(interval: Interval, timeZone: string, column?: string): string;
  /** A timestamp literal from epoch milliseconds, comparable with `timestamp`. */
  timestamp(ms: number): string;
  /**
   * The calendar period `timestamp` falls in, in a time zone, as an integer that grows by one from
   * each period to the next: day = days from 1970-01-01 to the local date, week = weeks from
   * Monday 1970-01-05 to the local week's Monday, month = (year - 1970) * 12 + month - 1
   * (retention.spec.ts `periodNumber` reads the same number from a bucket label).
   */
  periodNumber(interval: 'day' | 'week' | 'month', timeZone: string, column?: string): string;
  /** Aggregate (or window aggregate, with `OVER`): the rows where `condition` holds. A running count of these is cheaper for DuckDB than a running `sum` of 0/1. */
  countWhere(condition: string): string;
  /** Aggregate: the bitwise OR of BIGINT values (bit masks of periods). */
  bitOrAgg(expr: string): string;
  /** 1 when bit `bit` (0 = lowest; an SQL integer) of a BIGINT is set, else 0. */
  bitTest(expr: string, bit: string): string;
  /** 2 to the power `bit` (an SQL integer from 0 to 62) as a BIGINT. */
  powerOfTwo(bit: string): string;
  /**
   * In a SELECT list: the row once per value of a list of SQL literals, each time with that
   * value. Cheaper on ClickHouse than a CROSS JOIN with a UNION ALL of the values, which it
   * plans and runs as a join.
   */
  fanOut(values: readonly string[]): string;
  /**
   * The plan an analysis uses on this engine when it can compute the spec (the general one
   * otherwise): funnel-plan.ts and paths-plan.ts tell what each plan is and which specs it takes.
   */
  readonly plans: { readonly funnel: 'window' | 'asof' | 'arrays'; readonly paths: 'window' | 'arrays' };
}

/** Splits a property path (`address.city`) into its keys. */
export const pathKeys = (path: string): string[] => path.split('.');
