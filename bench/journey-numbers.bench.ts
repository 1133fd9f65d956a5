/**
 * Live numbers of a journey map on the demo data: a real server (DuckDB store in its worker)
 * loaded with the first-start demo, then the numbers of maps of 10 and 30 touchpoints over the
 * default range (the last 7 days and the 7 before), median of 5 uncached runs, against one raw
 * scan of the same 14 days (count and distinct persons) on the same engine.
 *
 *   npx tsx bench/journey-numbers.bench.ts [--customers 20000] [--days 90]
 */
import type { JourneyMap, JourneyTouchpoint } from '../packages/core/src/index.ts';
import { demoJourney } from '../packages/server/src/demo/demo-journey.ts';
import { yesterdayUtc } from '../packages/server/src/demo/generate-demo.ts';
import { seedDemo } from '../packages/server/src/demo/seed-demo.ts';
import { journeyNumbers } from '../packages/server/src/routes/journeys/numbers-routes.ts';
import { startTestServer } from '../packages/server/src/testing/test-server.ts';
import { benchOptions, fmt, median, wholeNumber } from './support.ts';

const options = benchOptions({ customers: '20000', days: '90' });
const customers = wholeNumber('customers', options.customers);
const days = wholeNumber('days', options.days);
const RUNS = 5;

/** Eight more touchpoints bound to other events of the demo, appended to the last stage: 22 + 8 = 30. */
const EXTRA: readonly [string, string][] = [
  ['clicks', '$click'],
  ['vitals', '$web_vitals'],
  ['emails_sent', 'Email Sent'],
  ['form_focus', '$form_field_focus'],
  ['form_submit', '$form_submit'],
  ['step_completed', 'Checkout Step Completed'],
  ['ticket_replies', 'Ticket Replied'],
  ['identify', '$identify'],
];

function mapOf(touchpoints: number): JourneyMap {
  const base = demoJourney('shop');
  const extra: JourneyTouchpoint[] = EXTRA.map(([id, event]) => ({ id, stageId: 'loyalty', name: id, channel: 'web', matchers: [{ event }], kpis: [], momentOfTruth: false }));
  let left = touchpoints;
  const stages = base.stages.map((s, i) => {
    const all = i === base.stages.length - 1 ? [...s.touchpoints, ...extra] : s.touchpoints;
    const kept = all.slice(0, Math.max(0, left));
    left -= kept.length;
    return { ...s, touchpoints: kept };
  });
  return { ...base, id: `bench-${touchpoints}`, stages };
}


const server = await startTestServer();
try {
  const started = performance.now();
  await seedDemo(server.runtime, server.credentials.projectId, () => undefined, { scenario: 'shop', customers, days, seed: 1, end: yesterdayUtc() });
  const events = await server.runtime.events.countEvents(server.credentials.projectId);
  console.log(`Demo: ${fmt(events)} events of ${fmt(customers)} customers over ${days} days, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const project = (await server.runtime.state.findProject(server.credentials.projectId))!;
  const d = server.runtime.engine.dialect;

  const rows: string[] = [];
  let scanMs = 0;
  for (const size of [10, 30]) {
    const map = mapOf(size);
    const times: number[] = [];
    let answer: Awaited<ReturnType<typeof journeyNumbers>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      // A different `to` (by a millisecond) each run: no answer comes from the cache.
      const first = answer ?? (await journeyNumbers(server.runtime, project, map, 1, {}));
      const to = Date.parse(first.range.to) - run - 1;
      const t0 = performance.now();
      answer = await journeyNumbers(server.runtime, project, map, 1, { from: String(to - 7 * 86_400_000), to: String(to) });
      times.push(performance.now() - t0);
    }
    if (scanMs === 0) {
      const from = Date.parse(answer!.previous.from);
      const to = Date.parse(answer!.range.to);
      const scans: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        await server.runtime.engine.query(
          `SELECT count(*) AS n, count(DISTINCT person_id) AS p FROM events_resolved WHERE project_id = ${d.string(project.id)} AND timestamp >= ${d.timestamp(from - run)} AND timestamp < ${d.timestamp(to)}`,
        );
        scans.push(performance.now() - t0);
      }
      scanMs = median(scans);
      rows.push(`${'raw scan'.padEnd(24)} | ${scanMs.toFixed(1).padStart(8)} | ${'1.00'.padStart(5)}`);
    }
    const ms = median(times);
    const reached = answer!.touchpoints.filter((t) => t.persons > 0).length;
    rows.push(`${`${size} touchpoints (${reached} > 0)`.padEnd(24)} | ${ms.toFixed(1).padStart(8)} | ${(ms / scanMs).toFixed(2).padStart(5)}`);
  }
  console.log('map                      |   ms p50 | ratio');
  console.log('------------------------ | -------- | -----');
  for (const row of rows) console.log(row);
} finally {
  await server.destroy();
}
