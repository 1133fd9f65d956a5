/**
 * Friction detection speed on simulated shop data, at two sizes:
 * - detector throughput (events/s) over events already resolved (persons, sessions), against
 *   a plain pass over the same events that only reads them, and the store path's variant that
 *   also parses the properties of the events a detector reads (they arrive as JSON text);
 * - heap growth while detecting and the detector's state size (devices, persons);
 * - the DuckDB store's write throughput through the LogApplier with detection on and off.
 *
 *   npm run bench:friction -- [--small 2000] [--large 10000] [--days 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  FRICTION_SOURCE_EVENTS, FrictionDetector, IdentityGraph, normalizeMessage, resolveEvents, Sessionizer, simulate, type IncomingEvent, type WaymarkEvent,
} from '../packages/core/src/index.ts';
import { encodeRecord } from '../packages/server/src/ingest/event-record.ts';
import { DuckDbEventStore } from '../packages/server/src/stores/duckdb/duckdb-event-store.ts';
import { LogApplier } from '../packages/server/src/stores/worker/log-applier.ts';
import { benchOptions, fmt, median, wholeNumber } from './support.ts';

const options = benchOptions({ small: '2000', large: '10000', days: '30' });
const sizes = [wholeNumber('small', options.small), wholeNumber('large', options.large)];
const days = wholeNumber('days', options.days);
const RUNS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

function dataset(customers: number): { incoming: IncomingEvent[]; resolved: WaymarkEvent[]; json: string[] } {
  const incoming: IncomingEvent[] = [];
  let n = 0;
  for (const m of simulate({ scenario: 'shop', customers, days, seed: 11, end: '2025-03-31' })) {
    const r = normalizeMessage(m, { projectId: 'bench', receivedAt: Date.now(), keyChannel: null, path: '', newId: () => `gen-${n++}` });
    if (r.kind === 'ok') incoming.push(r.event);
  }
  const resolved = resolveEvents(incoming, new IdentityGraph(), new Sessionizer()).events;
  return { incoming, resolved, json: resolved.map((e) => JSON.stringify(e.properties)) };
}

/** Median wall time of `run` over RUNS runs, in ms, after one unmeasured run (JIT warm-up). */
function time(run: () => number): { ms: number; result: number } {
  const times: number[] = [];
  let result = run();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = run();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

console.log(`Friction detection on simulated shop data, ${days} days; median of ${RUNS} runs\n`);
const rows: string[][] = [['customers', 'events', 'plain pass ev/s', 'detect ev/s', 'ratio', 'detect+parse ev/s', 'ratio', 'signals', 'heap +MB', 'devices', 'persons']];
for (const customers of sizes) {
  const { resolved, json } = dataset(customers);
  const plain = time(() => {
    let k = 0;
    for (const e of resolved) if (e.timestamp > 0 && e.event.length > 0 && e.sessionId !== null && e.properties !== null) k++;
    return k;
  });
  const detect = time(() => {
    const d = new FrictionDetector();
    let k = 0;
    for (const e of resolved) k += d.observe(e).length;
    return k;
  });
  const parsed = time(() => {
    const d = new FrictionDetector();
    let k = 0;
    for (let i = 0; i < resolved.length; i++) {
      const e = resolved[i]!;
      if (FRICTION_SOURCE_EVENTS.has(e.event)) k += d.observe({ ...e, properties: JSON.parse(json[i]!) as Record<string, unknown> }).length;
    }
    return k;
  });
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const d = new FrictionDetector();
  for (const e of resolved) d.observe(e);
  const heap = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const rate = (ms: number) => (resolved.length / ms) * 1000;
  rows.push([
    fmt(customers), fmt(resolved.length), fmt(rate(plain.ms)), fmt(rate(detect.ms)), `${(detect.ms / plain.ms).toFixed(1)}x`,
    fmt(rate(parsed.ms)), `${(parsed.ms / plain.ms).toFixed(1)}x`, fmt(detect.result), heap.toFixed(1), fmt(d.size.devices), fmt(d.size.persons),
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
console.log(`\n(ratio: detection time / plain-pass time; heap: growth after one detection pass${gc ? '' : ', without --expose-gc so approximate'})`);

console.log('\nStore write throughput (DuckDB, LogApplier, 20,000-record flushes)');
const { incoming, resolved } = dataset(sizes[sizes.length - 1]!);
const lines = incoming.map((e, i) => `${i + 1}\t${encodeRecord(e, JSON.stringify(e.properties), JSON.stringify(e.context))}\n`);
const best = new Map<boolean, { ms: number; signals: number }>();
// Off and on alternate, twice each, and the faster run of each counts: the machine is shared.
for (const enabled of [false, true, false, true]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-friction-bench-'));
  const store = await DuckDbEventStore.open(path.join(dir, 'events.duckdb'), { memoryLimit: '1GB' });
  try {
    const applier = new LogApplier(store, 2 * 3_600_000, { enabled });
    await applier.load(Date.now());
    const started = performance.now();
    for (let i = 0; i < lines.length; i += 20_000) {
      applier.add(lines.slice(i, i + 20_000).join(''));
      await applier.flush();
    }
    const ms = performance.now() - started;
    const stored = await store.countEvents('bench');
    if (!best.has(enabled) || best.get(enabled)!.ms > ms) best.set(enabled, { ms, signals: stored - resolved.length });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
for (const [enabled, { ms, signals }] of [...best].sort(([a], [b]) => Number(a) - Number(b))) {
  console.log(`  detection ${enabled ? 'on ' : 'off'}: ${fmt(resolved.length)} events in ${(ms / 1000).toFixed(2)} s = ${fmt((resolved.length / ms) * 1000)} events/s (${fmt(signals)} signals stored)`);
}
console.log(`  write time with detection vs without: ${((best.get(true)!.ms / best.get(false)!.ms - 1) * 100).toFixed(1)} %`);
