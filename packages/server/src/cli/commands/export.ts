import { createWriteStream, createReadStream } from 'node:fs';
import { mkdtemp, rm, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { parseIsoTimestamp, WaymarkError } from '@waymark/core';
import { EXPORT_FORMATS, type ExportFormat } from '../../stores/event-store.ts';
import { callApi } from '../server-client.ts';
import { apiFlags, keyFor, localProject, remoteProject, withTarget } from '../context.ts';

interface ExportOptions {
  format: string;
  event?: string;
  person?: string;
  channel?: string;
  from?: string;
  to?: string;
  out?: string;
  project?: string;
  secretKey?: string;
}

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description('export events, oldest first, to stdout or a file')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'jsonl')
    .option('--event <name>', 'only events with this name')
    .option('--person <id>', 'only events of this person (any of their ids)')
    .option('--channel <channel>', 'only events from this channel')
    .option('--from <time>', 'ISO-8601: events at or after')
    .option('--to <time>', 'ISO-8601: events before')
    .option('--out <file>', 'write to a file instead of stdout (Parquet needs a file)')
    .option('--project <id>', 'project id or slug (default: the default project)')
    .option('--secret-key <key>', "the project's secret key, when a server is running")
    .action(async (options: ExportOptions) => {
      const format = options.format as ExportFormat;
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--format', `--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      if (format === 'parquet' && !options.out) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--out', 'Parquet is written to a file: pass --out FILE');
      for (const flag of ['from', 'to'] as const) {
        const value = options[flag];
        if (value !== undefined && parseIsoTimestamp(value) === null) throw new WaymarkError('WM_CLI_INVALID_OPTION', `--${flag}`, `--${flag} must be an ISO-8601 date-time`);
      }
      await withTarget(async (target) => {
        const dir = await mkdtemp(path.join(tmpdir(), 'waymark-export-'));
        const file = path.join(dir, `events.${format}`);
        try {
          if (target.kind === 'remote') {
            const key = keyFor(target, options.secretKey, 'secretKey', '--secret-key');
            const query = new URLSearchParams({ format });
            for (const name of ['event', 'person', 'channel', 'from', 'to'] as const) if (options[name] !== undefined) query.set(name, options[name]!);
            const project = remoteProject(target, options.project);
            const response = await callApi(`${target.url}/api/projects/${encodeURIComponent(project)}/export?${query}`, { headers: { authorization: `Bearer ${key}` } }, apiFlags('--secret-key'));
            await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
          } else {
            const { runtime } = target;
            const project = await localProject(target, options.project);
            const personId = options.person === undefined ? undefined : ((await runtime.events.findPerson(project.id, options.person))?.personId ?? '\u0000none');
            await runtime.events.exportEvents(
              {
                projectId: project.id,
                event: options.event,
                channel: options.channel,
                personId,
                from: options.from === undefined ? undefined : parseIsoTimestamp(options.from)!,
                to: options.to === undefined ? undefined : parseIsoTimestamp(options.to)!,
              },
              format,
              file,
            );
          }
          if (options.out) await rename(file, path.resolve(options.out)).catch(() => pipeline(createReadStream(file), createWriteStream(options.out!)));
          else await pipeline(createReadStream(file), process.stdout, { end: false });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    });
}
