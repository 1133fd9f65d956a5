import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioJourney, type SimulateOptions } from '@waymark/core';
import type { Runtime } from '../runtime.ts';
import { DEFAULT_DEMO, loadDemo, yesterdayUtc } from './generate-demo.ts';

/**
 * Fills a new project with the demo shop: its journey map and its simulated customers, sent
 * through the capture pipeline. The ground truth of the planted problems is written beside
 * the data. Reports progress in quarters.
 */
export async function seedDemo(
  runtime: Runtime,
  projectId: string,
  report: (line: string) => void,
  options: SimulateOptions = { ...DEFAULT_DEMO, end: yesterdayUtc() },
): Promise<void> {
  const now = new Date().toISOString();
  await runtime.state.saveJourneyMap(projectId, scenarioJourney(options.scenario), now);
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
  writeFileSync(path.join(runtime.config.dataDir, 'demo-ground-truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  report(`  demo data: ${messages.toLocaleString('en-US')} events of ${options.customers.toLocaleString('en-US')} simulated customers over ${options.days} days, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
