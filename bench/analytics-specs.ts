/** The analyses `npm run bench:analytics` times, on the synthetic events of analytics.bench.ts. */
export const BENCH_PROJECT = 'proj_bench';
const DAY = 86_400_000;
export const START = Date.parse('2026-01-05T00:00:00Z');
export const DAYS = 90;
export const RANGE = { from: START, to: START + DAYS * DAY };
const iso = (ms: number) => new Date(ms).toISOString();

export function benchSpecs(): { name: string; spec: unknown }[] {
  const range = { from: iso(RANGE.from), to: iso(RANGE.to) };
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
  ];
}
