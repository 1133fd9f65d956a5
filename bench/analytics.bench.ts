// npm run bench:analytics — each analysis on 1M and 10M synthetic events, per engine (DuckDB,
// and ClickHouse through chdb): median ms of 5 runs, peak memory, and the ratio to the same
// engine's raw scan of the columns analyses read (count and distinct persons over the range, the
// faster of count(DISTINCT) and GROUP BY), a hand-written funnel of the kind people compare with,
// and the floors for any exact funnel and paths here (ordering each person's events).
// Two mixes of events: `product`, where the funnel's steps are a quarter of all events (page
// views and clicks are most of them), and `steps`, a stress case where they are 70%.
// The store's merges (2% of persons) are either still resolved through its view (`unfolded`, as
// between two folds) or folded into the events (`folded`).
// Options: --sizes 1000000,10000000 --mixes product,steps --merges unfolded,folded
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchOptions, fmt, REPO, wholeNumbers } from './support.ts';
import { generate, MIXES } from './synthetic-events.ts';

const run = promisify(execFile);
const options = benchOptions({ sizes: '1000000,10000000', mixes: 'product,steps', merges: 'unfolded' });
const sizes = wholeNumbers('sizes', options.sizes);

const mixes = options.mixes.split(',');
const unknown = mixes.find((m) => !MIXES[m]);
if (unknown) throw new Error(`--mixes: unknown mix "${unknown}" (known: ${Object.keys(MIXES).join(', ')})`);
const mergeStates = options.merges.split(',');
const badState = mergeStates.find((m) => m !== 'unfolded' && m !== 'folded');
if (badState) throw new Error(`--merges: expected unfolded or folded, got "${badState}"`);

console.log('Waymark analytics benchmark: median of 5 runs, ratio to the same engine\'s raw scan (the faster of its two ways to count rows and distinct persons)\n');
const rows: string[] = [];
for (const mix of mixes) {
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-'));
    const parquet = path.join(dir, 'events.parquet');
    const started = performance.now();
    await generate(size, MIXES[mix]!, parquet);
    console.log(`${fmt(size)} events (${mix} mix) generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const [engine, merges] of ['duckdb', 'clickhouse'].flatMap((e) => mergeStates.map((m) => [e, m] as const))) {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/analytics-run.ts'), engine === 'duckdb' ? 'duckdb' : 'chdb', parquet, dir, merges], {
        cwd: REPO,
        maxBuffer: 1 << 22,
      });
      process.stderr.write(stderr);
      const r = JSON.parse(stdout) as {
        loadMs: number;
        scanMs: number;
        scans: { distinct: number; grouped: number; table: number };
        /** ms and ratio are null for a query that failed (named on stderr). */
        results: { name: string; ms: number | null; ratio: number | null }[];
        peakMb: number;
      };
      const row = (name: string, ms: number | null, ratio: number | null) =>
        rows.push(
          `${mix.padEnd(7)} | ${fmt(size).padStart(10)} | ${engine.padEnd(10)} | ${merges.padEnd(8)} | ${name.padEnd(70)} | ${(ms?.toFixed(1) ?? 'fails').padStart(8)} | ${(ratio?.toFixed(2) ?? '–').padStart(5)} | ${String(r.peakMb).padStart(7)}`,
        );
      row('raw scan: count(DISTINCT person)', r.scans.distinct, r.scans.distinct / r.scanMs);
      row('raw scan: GROUP BY person', r.scans.grouped, r.scans.grouped / r.scanMs);
      row('(GROUP BY person on events, no merges join)', r.scans.table, r.scans.table / r.scanMs);
      for (const x of r.results) row(x.name, x.ms, x.ratio);
      console.log(`  ${engine}, merges ${merges}: loaded in ${(r.loadMs / 1000).toFixed(1)} s`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\n${'mix'.padEnd(7)} | ${'events'.padStart(10)} | ${'engine'.padEnd(10)} | merges   | ${'analysis'.padEnd(70)} |   ms p50 | ratio | peak MB`);
console.log(`${'-'.repeat(7)} | ${'-'.repeat(10)} | ${'-'.repeat(10)} | -------- | ${'-'.repeat(70)} | -------- | ----- | -------`);
for (const row of rows) console.log(row);
