import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimulateOptions } from '@waymark/core';
import type { Runtime } from '../runtime.ts';
import { JourneyStore } from '../stores/state/journey-store.ts';
import { demoJourney } from './demo-journey.ts';
import { DEFAULT_DEMO, loadDemo, yesterdayUtc } from './generate-demo.ts';

const pendingFile = (dataDir: string) => path.join(dataDir, 'demo-pending.json');

/** The demo a previous start began loading and did not finish (it was stopped meanwhile), if any. */
export function pendingDemo(dataDir: string): SimulateOptions | null {
  try {
    return JSON.parse(readFileSync(pendingFile(dataDir), 'utf8')) as SimulateOptions;
  } catch {
    return null;
  }
}

/**
 * Fills a project with the demo shop: its journey map and its simulated customers, sent
 * through the capture pipeline. The ground truth of the planted problems is written beside
 * the data. Reports progress in quarters. A demo interrupted by a stop is marked pending and
 * finished by the next start with the same options: the simulator repeats its messages and
 * dedup stores each once.
 */
export async function seedDemo(
  runtime: Runtime,
  projectId: string,
  report: (line: string) => void,
  options: SimulateOptions = { ...DEFAULT_DEMO, end: yesterdayUtc() },
): Promise<void> {
  const { dataDir } = runtime.config;
  writeFileSync(pendingFile(dataDir), JSON.stringify(options));
  const journey = demoJourney(options.scenario);
  const journeys = new JourneyStore(runtime.state.db);
  // Created once: a map the user deleted or edited is theirs, even if the demo load is resumed.
  if ((await journeys.versions(projectId, journey.id)).length === 0) {
    await journeys.create(projectId, journey, { id: 'system:demo', name: 'Waymark demo' }, new Date().toISOString());
  }
  const started = performance.now();
  let quarter = 0;
  const { truth, messages } = await loadDemo(
    options,
    (batch) => runtime.pipeline.ingest({ projectId, keyChannel: null, receivedAt: Date.now(), messages: batch, pathRoot: 'batch' }),
    (done, total) => {
      const q = Math.floor((4 * done) / total);
      if (q > quarter && q < 4) report(`  demo data: ${q * 25}%`);
      quarter = Math.max(quarter, q);
    },
  );
  await runtime.pipeline.flush();
  // The demo's sign-ups merge thousands of visitors: folded now, it reads like a store that has run for a while.
  if (runtime.config.foldMergesEveryMs > 0) await runtime.events.foldMerges();
  writeFileSync(path.join(dataDir, 'demo-ground-truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  rmSync(pendingFile(dataDir), { force: true });
  report(`  demo data: ${messages.toLocaleString('en-US')} events of ${options.customers.toLocaleString('en-US')} simulated customers over ${options.days} days, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
