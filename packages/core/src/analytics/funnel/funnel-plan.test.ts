import { describe, expect, it } from 'vitest';
import { CLICKHOUSE_DIALECT } from '../sql/clickhouse-dialect.ts';
import { DUCKDB_DIALECT } from '../sql/duckdb-dialect.ts';
import { chooseFunnelPlan, funnelPlanRuns } from './funnel-plan.ts';
import { compileFunnel } from './funnel.sql.ts';
import type { FunnelSpec } from './funnel.spec.ts';

const funnel = (extra: Partial<FunnelSpec> = {}): FunnelSpec => ({
  kind: 'funnel',
  steps: [{ event: 'view' }, { event: 'buy' }],
  window: { value: 1, unit: 'day' },
  order: 'ordered',
  from: '2026-01-01T00:00:00Z',
  to: '2026-02-01T00:00:00Z',
  ...extra,
});
const exclusion = { exclusions: [{ matcher: { event: 'refund' }, afterStep: 0, beforeStep: 1 }] };

describe('funnel plans', () => {
  it('uses the engine plan for ordered funnels and the window plan where it cannot', () => {
    expect(chooseFunnelPlan(DUCKDB_DIALECT, funnel())).toBe('asof');
    expect(chooseFunnelPlan(DUCKDB_DIALECT, funnel(exclusion))).toBe('asof');
    expect(chooseFunnelPlan(CLICKHOUSE_DIALECT, funnel())).toBe('arrays');
    expect(chooseFunnelPlan(CLICKHOUSE_DIALECT, funnel({ holdConstant: ['device'], breakdown: { by: 'channel' }, interval: 'week' }))).toBe('arrays');
    expect(chooseFunnelPlan(CLICKHOUSE_DIALECT, funnel(exclusion))).toBe('window');
    for (const order of ['strict', 'any'] as const) {
      expect(chooseFunnelPlan(DUCKDB_DIALECT, funnel({ order }))).toBe('window');
      expect(chooseFunnelPlan(CLICKHOUSE_DIALECT, funnel({ order }))).toBe('window');
    }
  });

  it('runs engine-specific plans only on their engine', () => {
    expect(funnelPlanRuns('asof', CLICKHOUSE_DIALECT, funnel())).toBe(false);
    expect(funnelPlanRuns('arrays', DUCKDB_DIALECT, funnel())).toBe(false);
    expect(funnelPlanRuns('window', DUCKDB_DIALECT, funnel({ order: 'any' }))).toBe(true);
  });

  it('refuses a forced plan that cannot compute the spec', () => {
    expect(() => compileFunnel(CLICKHOUSE_DIALECT, funnel(exclusion), 'p', 'UTC', 'arrays')).toThrow(/arrays plan cannot compute/);
    expect(compileFunnel(CLICKHOUSE_DIALECT, funnel(), 'p').queries[0]).toContain('arrayFill');
    expect(compileFunnel(DUCKDB_DIALECT, funnel(), 'p').queries[0]).toContain('ASOF LEFT JOIN');
  });
});
