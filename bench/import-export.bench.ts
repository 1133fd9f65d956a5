/**
 * Moving events in and out with the CLI, as users run it (a child process, no server, a fresh
 * data directory per size): `waymark import` of Segment JSON lines and of a CSV with a column
 * mapping, then `waymark export` of what was stored as JSON lines, CSV and Parquet. Wall time
 * includes starting the CLI and opening the stores. Baselines, measured in the same run: DuckDB
 * reading the same input file (parse only: count and distinct persons), and DuckDB copying the
 * stored events table to the same format (no order, no conversion).
 *
 *   npm run bench:import [-- --sizes 100000,1000000]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { WAYMARK_BIN } from '../packages/server/src/testing/server-process.ts';
import { MIXES, generate } from './synthetic-events.ts';
import { benchOptions, fmt, peakRssMb, wholeNumbers } from './support.ts';

const options = benchOptions({ sizes: '100000,1000000' });
const sizes = wholeNumbers('sizes', options.sizes);
const root = mkdtempSync(path.join(tmpdir(), 'waymark-bench-io-'));

interface Timed {
  readonly ms: number;
  readonly peakMb: number;
  readonly stdout: string;
}

/** Runs the CLI to its end; its peak memory is read from /proc while it runs (VmHWM only grows). */
function cli(dataDir: string, ...args: string[]): Promise<Timed> {
  const env = { ...process.env, WAYMARK_DATA_DIR: dataDir, WAYMARK_DEMO: 'false', WAYMARK_LOG_LEVEL: 'warn' };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let peakMb = 0;
    const child = execFile(process.execPath, [WAYMARK_BIN, ...args], { env, maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      clearInterval(poll);
      if (error) reject(new Error(`waymark ${args.join(' ')}: ${stderr || error.message}`));
      else resolve({ ms: performance.now() - started, peakMb, stdout });
    });
    const poll = setInterval(() => {
      try {
        peakMb = Math.max(peakMb, peakRssMb(child.pid!));
      } catch {
        // gone between two polls
      }
    }, 50);
  });
}

/** One timing of one DuckDB statement, on a fresh in-memory database or the file given. */
async function duck(sql: string, file = ':memory:'): Promise<number> {
  const instance = await DuckDBInstance.create(file, { memory_limit: '2GB' });
  const c = await instance.connect();
  try {
    const started = performance.now();
    await c.run(sql);
    return performance.now() - started;
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

const mb = (file: string) => (statSync(file).size / 1e6).toFixed(0);
const rate = (n: number, ms: number) => fmt((n / ms) * 1000);
const row = (cells: (string | number)[]) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 22 : 11)).join(' | '));

console.log('# waymark import / export, CLI wall time (child process), DuckDB event store\n');
row(['what', 'events', 'file MB', 'ms', 'events/s', 'peak MB', 'baseline ms', 'ratio']);
try {
  for (const size of sizes) {
    const dir = path.join(root, String(size));
    const parquet = path.join(dir, 'events.parquet');
    const jsonl = path.join(dir, 'events.jsonl');
    const csv = path.join(dir, 'events.csv');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await generate(size, MIXES.product!, parquet);
    const iso = `strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%gZ')`;
    await duck(`COPY (SELECT 'track' AS type, 'm-' || seq AS "messageId", person_id AS "anonymousId", event, ${iso} AS timestamp,
      properties::JSON AS properties, {'channel': channel} AS context FROM read_parquet('${parquet}')) TO '${jsonl}' (FORMAT json)`);
    await duck(`COPY (SELECT 'm-' || seq AS message_id, person_id AS visitor, event, ${iso} AS time, channel,
      json_extract_string(properties, '$.plan') AS plan, json_extract_string(properties, '$.price') AS price FROM read_parquet('${parquet}')) TO '${csv}' (FORMAT csv, HEADER true)`);

    const imports = [
      { what: 'import JSON lines', file: jsonl, args: [jsonl], baseline: `SELECT count(*), count(DISTINCT "anonymousId") FROM read_json('${jsonl}', format = 'newline_delimited')` },
      {
        what: 'import CSV, mapped',
        file: csv,
        args: [csv, '--set', 'type=track', '--map', 'messageId=message_id', '--map', 'anonymousId=visitor', '--map', 'event=event', '--map', 'timestamp=time',
          '--map', 'context.channel=channel', '--map', 'properties.plan=plan', '--map', 'properties.price:number=price'],
        baseline: `SELECT count(*), count(DISTINCT visitor) FROM read_csv('${csv}', header = true)`,
      },
    ];
    let stored = '';
    for (const { what, file, args, baseline } of imports) {
      const dataDir = path.join(dir, `data-${what.split(' ')[1]}`);
      const run = await cli(dataDir, 'import', ...args);
      const expected = `${size} rows: ${size} stored`;
      if (!run.stdout.startsWith(expected)) throw new Error(`${what}: expected "${expected}...", got "${run.stdout.trim()}"`);
      const base = await duck(baseline);
      row([what, fmt(size), mb(file), run.ms.toFixed(0), rate(size, run.ms), run.peakMb, base.toFixed(0), (run.ms / base).toFixed(1)]);
      stored = dataDir;
    }

    for (const format of ['jsonl', 'csv', 'parquet'] as const) {
      const out = path.join(dir, `out.${format}`);
      const run = await cli(stored, 'export', '--format', format, '--out', out);
      const copyTo = path.join(dir, `copy.${format}`);
      const copyOptions = format === 'parquet' ? 'FORMAT parquet' : format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT json';
      const base = await duck(`COPY (SELECT * FROM events) TO '${copyTo}' (${copyOptions})`, path.join(stored, 'events.duckdb'));
      row([`export ${format}`, fmt(size), mb(out), run.ms.toFixed(0), rate(size, run.ms), run.peakMb, base.toFixed(0), (run.ms / base).toFixed(1)]);
    }
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log('\nbaseline: import, DuckDB reading the same file (count, distinct persons); export, DuckDB COPY of the stored events table to the same format.');
console.log('The CLI time includes starting node and opening the stores: compare the sizes to see the per-event cost.');
