import type { SqlDialect } from '@waymark/core';

/** The analyses `npm run bench:analytics` times, on the synthetic events of analytics.bench.ts. */
export const BENCH_PROJECT = 'proj_bench';
const DAY = 86_400_000;
export const START = Date.parse('2026-01-05T00:00:00Z');
export const DAYS = 90;
export const RANGE = { from: START, to: START + DAYS * DAY };
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A saved segment of the bench's persons, as the People page builds one: bought at least twice
 * in the range's last 30 days, and started no checkout in its last week.
 */
export const BENCH_SEGMENT = {
  all: [{ type: 'behavior', matcher: { event: 'buy' }, min: 2, withinDays: 30 }],
  none: [{ type: 'behavior', matcher: { event: 'checkout' }, withinDays: 7 }],
};

export function benchSpecs(): { name: string; spec: unknown }[] {
  const range = { from: iso(RANGE.from), to: iso(RANGE.to) };
  const compared = {
    kind: 'trends', series: [{ matcher: { event: 'buy' }, measure: 'count' }], interval: 'day', from: iso(RANGE.to - 45 * DAY), to: range.to, breakdown: { property: 'plan' }, compare: true,
  };
  return [
    {
      name: 'funnel, 4 steps, 7-day window',
      spec: { kind: 'funnel', steps: ['view', 'add', 'checkout', 'buy'].map((event) => ({ event })), window: { value: 7, unit: 'day' }, order: 'ordered', ...range },
    },
    { name: 'paths, 5 steps after an event', spec: { kind: 'paths', anchor: { event: 'view' }, direction: 'after', steps: 5, scope: 'person', topEdges: 10, ...range } },
    {
      name: 'retention, weekly, 8 weeks',
      spec: { kind: 'retention', cohortEvent: { event: 'signup' }, returnEvent: { event: 'view' }, interval: 'week', periods: 8, from: range.from, to: iso(RANGE.from + 56 * DAY) },
    },
    {
      name: 'trend by day, breakdown by plan',
      spec: { kind: 'trends', series: [{ matcher: { event: 'buy' }, measure: 'count' }], interval: 'day', ...range, breakdown: { property: 'plan' } },
    },
    { name: 'lifecycle, weekly', spec: { kind: 'lifecycle', matcher: { event: 'view' }, interval: 'week', ...range } },
    { name: 'segment: bought twice in 30 days, no checkout in 7', spec: { kind: 'segment', ...BENCH_SEGMENT, asOf: range.to } },
    // The trends page's question: the last 45 days against the 45 before, whole, then read 30
    // days in (the period before also counted up to the same point).
    { name: 'trend by day, breakdown, compared with the 45 days before', spec: compared },
    { name: 'trend by day, breakdown, compared like for like (30 of 45 days)', spec: { ...compared, asOf: iso(RANGE.to - 15 * DAY) } },
    // Unbounded retention: back in each week or any later one, which reads every later event.
    {
      name: 'retention, weekly, 8 weeks, on or after',
      spec: { kind: 'retention', cohortEvent: { event: 'signup' }, returnEvent: { event: 'view' }, interval: 'week', periods: 8, returning: 'onOrAfter', from: range.from, to: iso(RANGE.from + 56 * DAY) },
    },
  ];
}

/**
 * The same analyses asked for the persons behind one of their numbers (`personsAt`): what the
 * page runs when a number is clicked. Each answer is the analysis and its persons.
 */
export function benchPersonsSpecs(): { name: string; spec: unknown }[] {
  const [funnel, paths, retention, trend, lifecycle] = benchSpecs().map((s) => s.spec as Record<string, unknown>);
  const week2 = iso(RANGE.from + 7 * DAY).slice(0, 10);
  const { breakdown: _split, ...wholeTrend } = trend!;
  return [
    { name: 'persons: funnel, dropped before step 2', spec: { ...funnel, personsAt: { step: 2, outcome: 'dropped' } } },
    { name: 'persons: paths, a node of step 2', spec: { ...paths, personsAt: { step: 2, label: 'view' } } },
    { name: 'persons: retention, a cell', spec: { ...retention, personsAt: { cohort: iso(RANGE.from).slice(0, 10), period: 1 } } },
    { name: 'persons: trend, one day', spec: { ...wholeTrend, personsAt: { series: 0, bucket: week2 } } },
    { name: 'persons: lifecycle, resurrecting in a week', spec: { ...lifecycle, personsAt: { period: week2, status: 'resurrecting' } } },
  ];
}

const WEEK = 7 * DAY;
/** The bench's events in the range (`upTo` ms after its end): what the raw scan reads. */
export const inRange = (d: SqlDialect, upTo = 0) =>
  `project_id = ${d.string(BENCH_PROJECT)} AND timestamp >= ${d.timestamp(RANGE.from)} AND timestamp < ${d.timestamp(RANGE.to + upTo)}`;
/** The events the bench funnel reads: the range and one window after it. */
const funnelRange = (d: SqlDialect) => inRange(d, WEEK);

/**
 * The bench funnel as people write it by hand, for comparison: they give only the furthest
 * step per person (no attempt, no time to convert, ties in time broken arbitrarily).
 * ClickHouse: its windowFunnel aggregate over every start. DuckDB: ASOF joins from each
 * person's first start only.
 */
export function referenceFunnel(d: SqlDialect): { name: string; sql: string } {
  const range = funnelRange(d);
  if (d.name === 'clickhouse') {
    const sql = `SELECT level, count() AS persons FROM (
      SELECT person_id, windowFunnel(${WEEK})(toUInt64(${d.epochMs()}), event = 'view' AND timestamp < ${d.timestamp(RANGE.to)}, event = 'add', event = 'checkout', event = 'buy') AS level
      FROM events_resolved WHERE ${range} GROUP BY person_id) AS f GROUP BY level`;
    return { name: 'reference: windowFunnel, step only', sql };
  }
  const steps = ['add', 'checkout', 'buy'];
  const sql = `WITH base AS (SELECT person_id AS pid, ${d.epochMs()} AS ts, event FROM events_resolved WHERE ${range}),
    c0 AS (SELECT pid, min(ts) AS t0 FROM base WHERE event = 'view' AND ts < ${RANGE.to} GROUP BY pid),
    ${steps.map((e, i) => `e${i + 1} AS (SELECT pid, ts FROM base WHERE event = '${e}')`).join(',\n    ')},
    ${steps.map((_, i) => `c${i + 1} AS (SELECT c.*, e.ts AS t${i + 1} FROM c${i} c ASOF LEFT JOIN e${i + 1} e ON e.pid = c.pid AND e.ts > c.t${i})`).join(',\n    ')}
    SELECT 1 + ${steps.map((_, i) => `(t${i + 1} IS NOT NULL AND t${i + 1} <= t0 + ${WEEK})::INT`).join(' + ')} AS level, count(*) AS persons FROM c3 GROUP BY level`;
  return { name: 'reference: ASOF from first start, step only', sql };
}

/**
 * What any exact funnel or paths must at least do: put each person's events in order (time,
 * then seq): the funnel's step events, the paths' every event. Their ratios to the raw scan
 * are floors for those analyses on the same data. DuckDB: a window sort.
 * ClickHouse: each person's events gathered and sorted as one 128-bit key, as its plans do.
 */
export function orderingFloors(d: SqlDialect): { name: string; sql: string }[] {
  const ordered = (where: string) =>
    d.name === 'clickhouse'
      ? `SELECT count() AS persons, sum(length(ks)) AS events FROM (SELECT person_id, arraySort(groupArray(bitShiftLeft(toUInt128(${d.epochMs()}), 64) + seq)) AS ks FROM events_resolved WHERE ${where} GROUP BY person_id) AS p`
      : `SELECT count(*) AS events, max(r) AS longest FROM (SELECT row_number() OVER (PARTITION BY person_id ORDER BY timestamp, seq) AS r FROM events_resolved WHERE ${where}) AS o`;
  return [
    { name: "floor: order each person's step events", sql: ordered(`${funnelRange(d)} AND event IN ('view', 'add', 'checkout', 'buy')`) },
    { name: "floor: order each person's events", sql: ordered(inRange(d)) },
  ];
}
