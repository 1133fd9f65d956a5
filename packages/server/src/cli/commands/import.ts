import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { WaymarkError } from '@waymark/core';
import { parseCsvMapping } from '../../import/csv-mapping.ts';
import type { BatchLimit, SendMessages } from '../../import/import-events.ts';
import { formatOf, IMPORT_FORMATS, type ImportFormat } from '../../import/read-import-file.ts';
import type { IngestOutcome } from '../../ingest/ingest-pipeline.ts';
import { callApi } from '../server-client.ts';
import { apiFlags, localProject, remoteWriteKey, withTarget } from '../context.ts';
import { existsSync } from 'node:fs';

const collect = (value: string, previous: string[]) => [...previous, value];

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import events from Segment-format JSON lines, or CSV with a column mapping (gzip allowed)')
    .argument('<file>', 'a .jsonl, .ndjson or .csv file, optionally .gz')
    .option('--format <format>', `${IMPORT_FORMATS.join(' or ')} (default: from the file name)`)
    .option('--map <field=column>', 'CSV: take a field from a column, e.g. userId=CustomerID or properties.price:number=UnitPrice', collect, [])
    .option('--set <field=value>', 'CSV: give every event a field, e.g. type=track or event="Order Completed"', collect, [])
    .option('--project <id>', 'project id or slug (default: the default project)')
    .option('--write-key <key>', "the project's write key, when a server is running")
    .action(async (file: string, options: { format?: string; map: string[]; set: string[]; project?: string; writeKey?: string }) => {
      if (!existsSync(file)) throw new WaymarkError('WM_CLI_INVALID_OPTION', 'file', `no file "${file}"`);
      const format = (options.format ?? formatOf(file)) as ImportFormat | null;
      if (format === null || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
        throw new WaymarkError('WM_CLI_INVALID_OPTION', '--format', `--format must be ${IMPORT_FORMATS.join(' or ')}`);
      }
      const mapping = format === 'csv' ? parseCsvMapping(options.map, options.set) : null;
      const bar = new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total} MB', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
      let phase = '';
      await withTarget(async (target) => {
        // Loaded here: its schema check compiles when loaded, which other commands need not wait for.
        const { importEvents, LOCAL_BATCH, SERVER_BATCH } = await import('../../import/import-events.ts');
        let send: SendMessages;
        let batch: BatchLimit;
        if (target.kind === 'remote') {
          batch = SERVER_BATCH;
          const key = await remoteWriteKey(target, options.project, options.writeKey);
          send = async (messages) => {
            const response = await callApi(
              `${target.url}/v1/batch`,
              {
                method: 'POST',
                headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
                // No batch sentAt: it would make the server shift the file's timestamps by the
                // time the request took (clock-skew correction is for live clients, not imports).
                body: JSON.stringify({ batch: messages }),
              },
              apiFlags('--write-key'),
            );
            return (await response.json()) as IngestOutcome;
          };
        } else {
          const project = await localProject(target, options.project);
          batch = LOCAL_BATCH;
          send = (messages) =>
            target.runtime.pipeline.ingest({ projectId: project.id, keyChannel: null, receivedAt: Date.now(), messages, pathRoot: null });
        }
        const result = await importEvents({
          file,
          format,
          mapping,
          send,
          batch,
          onProgress: (next, done, total) => {
            const mb = (n: number) => Math.round(n / 1e5) / 10;
            if (next !== phase) {
              if (phase) bar.stop();
              phase = next;
              bar.start(mb(total), 0, { phase: next === 'check' ? 'checking ' : 'importing' });
            }
            bar.update(mb(done));
          },
        });
        if (phase) bar.stop();
        process.stdout.write(`${result.rows} rows: ${result.accepted} stored, ${result.duplicates} already stored, ${result.skipped} skipped\n`);
      });
    });
}
