import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isScenario, SCENARIOS, WaymarkError, type SimulateOptions } from '@waymark/core';
import { yesterdayUtc, DEFAULT_DEMO } from '../../demo/generate-demo.ts';
import type { IngestOutcome } from '../../ingest/ingest-pipeline.ts';
import { callApi } from '../server-client.ts';
import { apiFlags, localProject, remoteWriteKey, withTarget } from '../context.ts';
import { integerOption } from '../integer-option.ts';
import { progressBar } from '../progress-bar.ts';

interface DemoOptions {
  scenario: string;
  customers: string;
  days: string;
  seed: string;
  end?: string;
  out?: string;
  project?: string;
  writeKey?: string;
}

/** Checks the demo options, naming the flag that is wrong. */
export function demoOptions(o: DemoOptions): SimulateOptions {
  if (!isScenario(o.scenario)) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--scenario', `--scenario must be ${SCENARIOS.join(' or ')}`);
  const end = o.end ?? yesterdayUtc();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(`${end}T00:00:00Z`))) {
    throw new WaymarkError('WM_CLI_INVALID_OPTION', '--end', '--end must be a date, YYYY-MM-DD');
  }
  return {
    scenario: o.scenario,
    customers: integerOption(o.customers, '--customers', 0, 100_000_000),
    days: integerOption(o.days, '--days', 1, 3650),
    seed: integerOption(o.seed, '--seed', -(2 ** 31), 2 ** 31 - 1),
    end,
  };
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('simulate customer journeys with planted problems, into the event store or a JSON-lines file')
    .option('--scenario <name>', SCENARIOS.join(' or '), DEFAULT_DEMO.scenario)
    .option('--customers <n>', 'customers arriving over the period', String(DEFAULT_DEMO.customers))
    .option('--days <n>', 'length of the period in days', String(DEFAULT_DEMO.days))
    .option('--seed <n>', 'the same seed gives the same events, byte for byte', String(DEFAULT_DEMO.seed))
    .option('--end <date>', 'last simulated day, YYYY-MM-DD (default: yesterday, UTC)')
    .option('--out <file>', 'write Segment-format JSON lines (for waymark import or /v1/batch) instead of storing; the ground truth goes to FILE.truth.json')
    .option('--project <id>', 'project id or slug (default: the default project)')
    .option('--write-key <key>', "the project's write key, when a server is running")
    .action(async (raw: DemoOptions) => {
      const options = demoOptions(raw);
      const { loadDemo, writeDemoFile } = await import('../../demo/generate-demo.ts');
      const bar = progressBar(`simulating ${options.scenario}`, 'events');
      if (raw.out) {
        const { truth, messages } = await writeDemoFile(options, raw.out, bar.update);
        bar.stop();
        writeFileSync(`${raw.out}.truth.json`, `${JSON.stringify(truth, null, 2)}\n`);
        process.stdout.write(`${messages} events written to ${raw.out}; ground truth in ${raw.out}.truth.json\n`);
        return;
      }
      await withTarget(async (target) => {
        let send: (messages: object[]) => Promise<IngestOutcome>;
        if (target.kind === 'remote') {
          const auth = `Basic ${Buffer.from(`${await remoteWriteKey(target, raw.project, raw.writeKey)}:`).toString('base64')}`;
          send = async (batch) => {
            const response = await callApi(`${target.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) }, apiFlags('--write-key'));
            return (await response.json()) as IngestOutcome;
          };
        } else {
          const project = await localProject(target, raw.project);
          send = (batch) => target.runtime.pipeline.ingest({ projectId: project.id, keyChannel: null, receivedAt: Date.now(), messages: batch, pathRoot: 'batch' });
        }
        const started = performance.now();
        const { messages, accepted } = await loadDemo(options, send, bar.update);
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(`${messages} events simulated, ${accepted} stored, in ${seconds.toFixed(1)} s (${Math.round(messages / seconds)} events/s)\n`);
      });
    });
}
