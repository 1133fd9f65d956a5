// npm run bench:fold — folding merged persons into their events, per engine (DuckDB, and
// ClickHouse through chdb) on 1M and 10M synthetic events with a share of persons merged:
// how long the fold takes (events/s over the table), and what reading every event through
// `events_resolved` costs before and after it, against the same scan of the bare table.
// Options: --sizes 1000000,10000000 --every 10 (every 10th person is merged into another)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchOptions, fmt, REPO, wholeNumber, wholeNumbers } from './support.ts';
import { generate, MIXES } from './synthetic-events.ts';

const run = promisify(execFile);
const options = benchOptions({ sizes: '1000000,10000000', every: '10' });
const sizes = wholeNumbers('sizes', options.sizes);
const every = wholeNumber('every', options.every);

console.log(`Waymark merge folding benchmark: every ${every}th person merged; scans are the median of 5 runs\n`);
const rows: string[] = [];
for (const size of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-fold-'));
  const parquet = path.join(dir, 'events.parquet');
  await generate(size, MIXES['product']!, parquet);
  for (const engine of ['duckdb', 'chdb']) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/fold-merges-run.ts'), engine, parquet, dir, String(every)], { cwd: REPO, maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout) as { overrides: number; rewritten: number; foldMs: number; bareMs: number; beforeMs: number; afterMs: number; same: boolean; peakMb: number };
    if (!r.same) throw new Error(`${engine}: the scan through the view changed with the fold`);
    if (r.overrides === 0) throw new Error(`${engine}: the fold folded nothing`);
    rows.push(
      [
        fmt(size).padStart(10),
        engine.padEnd(6),
        fmt(r.overrides).padStart(9),
        fmt(r.rewritten).padStart(9),
        fmt(r.foldMs).padStart(7),
        fmt(size / (r.foldMs / 1000)).padStart(11),
        `${fmt(r.bareMs)}`.padStart(6),
        `${fmt(r.beforeMs)} (${(r.beforeMs / r.bareMs).toFixed(2)}x)`.padStart(14),
        `${fmt(r.afterMs)} (${(r.afterMs / r.bareMs).toFixed(2)}x)`.padStart(14),
        String(r.peakMb).padStart(7),
      ].join(' | '),
    );
    console.log(`  ${fmt(size)} events, ${engine}: folded in ${fmt(r.foldMs)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${'events'.padStart(10)} | engine |    merged | rewritten | fold ms | events/s    | bare  | view before    | view after     | peak MB`);
console.log(`${'-'.repeat(10)} | ------ | --------- | --------- | ------- | ----------- | ----- | -------------- | -------------- | -------`);
for (const row of rows) console.log(row);
