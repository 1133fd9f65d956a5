import type { SqlDialect } from '../sql/dialect.ts';
import type { FunnelSpec } from './funnel.spec.ts';

/**
 * How the SQL finds each person's attempts. Every plan returns the same rows (a `cand` CTE:
 * pid, ts, sq, bd, bk, reach, ttc, spoiled per attempt, or per group of attempts that can
 * only tie); they differ in cost, and each engine is fast with a different shape:
 * - `window`: window functions over each person's events; any spec, on any engine.
 * - `asof`: `ordered` funnels as a chain of ASOF joins, one per step (DuckDB only: its
 *   128-bit keys; ClickHouse runs such chains slower than windows).
 * - `arrays`: `ordered` funnels without exclusions from each person's events gathered in
 *   arrays, with a few array passes per step (ClickHouse only: it needs its array functions).
 */
export const FUNNEL_PLANS = ['window', 'asof', 'arrays'] as const;
export type FunnelPlan = (typeof FUNNEL_PLANS)[number];

/** Whether a plan computes this spec on this engine. */
export function funnelPlanRuns(plan: FunnelPlan, d: SqlDialect, spec: FunnelSpec): boolean {
  switch (plan) {
    case 'window':
      return true;
    case 'asof':
      return d.name === 'duckdb' && spec.order === 'ordered';
    case 'arrays':
      return d.name === 'clickhouse' && spec.order === 'ordered' && (spec.exclusions ?? []).length === 0;
  }
}

/**
 * Whether a plan's `cand` already holds one attempt per person (the kept one), so no ranking
 * is needed: `asof` keeps it by an aggregate per person, `arrays` picks it per array group,
 * which is the person when no value is held constant.
 */
export const keepsOnePerPerson = (plan: FunnelPlan, spec: FunnelSpec): boolean =>
  plan === 'asof' || (plan === 'arrays' && (spec.holdConstant ?? []).length === 0);

/** The dialect's preferred plan when it can compute the spec, else the general one. */
export const chooseFunnelPlan = (d: SqlDialect, spec: FunnelSpec): FunnelPlan =>
  funnelPlanRuns(d.plans.funnel, d, spec) ? d.plans.funnel : 'window';

/** What every plan's SQL is built from. */
export interface FunnelSqlContext {
  readonly d: SqlDialect;
  readonly spec: FunnelSpec;
  readonly n: number;
  /** The window in milliseconds. */
  readonly win: number;
  /** The range (epoch ms): attempts start in [from, to). */
  readonly from: number;
  readonly to: number;
  /** Window partition: the person, and the values held constant. */
  readonly part: string;
}

export const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
export const range0 = (n: number) => Array.from({ length: n }, (_, i) => i);
