/**
 * Simulator throughput: generates N shop customers (10k, 100k, 1M; `--max N` caps) and
 * JSON-serializes every message, as `waymark demo --out` would. Prints messages/s,
 * customers/s, peak RSS and how the rate scales with N, then the serialization floor: the
 * time to JSON.stringify a fixed, pre-built message as many times, and the ratio.
 *
 *   npx tsx bench/simulate.bench.ts [--max 100000] [--scenario saas]
 */
import { simulate, type Scenario } from '../packages/core/src/index.ts';
import { benchOptions, wholeNumber } from './support.ts';

const options = benchOptions({ max: '1000000', scenario: 'shop' });
const max = wholeNumber('max', options.max);
// simulate() names the known scenarios when this is none of them.
const scenario = options.scenario as Scenario;
const sizes = [10_000, 100_000, 1_000_000].filter((n) => n <= max);
if (sizes.length === 0) sizes.push(max);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
let peakRss = process.memoryUsage.rss();

interface Row {
  customers: number;
  messages: number;
  bytes: number;
  ms: number;
}

function run(customers: number): Row {
  const start = performance.now();
  let messages = 0;
  let bytes = 0;
  for (const m of simulate({ scenario, customers, days: 90, seed: 1, end: '2025-03-31' })) {
    bytes += JSON.stringify(m).length + 1;
    if (++messages % 200_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  return { customers, messages, bytes, ms: performance.now() - start };
}

/** The floor: serializing one fixed message `count` times. */
function floor(count: number): number {
  let sample: unknown = null;
  for (const m of simulate({ scenario, customers: 50, days: 90, seed: 1, end: '2025-03-31' })) {
    if (m.type === 'track' && m.event === '$click') {
      sample = JSON.parse(JSON.stringify(m));
      break;
    }
  }
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += JSON.stringify(sample).length;
  if (bytes === 0) throw new Error('unreachable');
  return performance.now() - start;
}

console.log(`simulate(${scenario}), 90 days, serializing every message (node ${process.version})`);
run(2_000); // warm-up
const rows: Row[] = [];
for (const n of sizes) {
  const r = run(n);
  rows.push(r);
  console.log(
    `${String(n).padStart(9)} customers: ${String(r.messages).padStart(10)} messages (${(r.messages / n).toFixed(1)}/customer, ${mb(r.bytes)} JSON) in ${(r.ms / 1000).toFixed(2)} s  ` +
      `${rate(r.messages, r.ms).toLocaleString('en-US')} msg/s  ${rate(n, r.ms).toLocaleString('en-US')} customers/s`,
  );
}
const first = rows[0]!;
for (const r of rows.slice(1)) {
  console.log(`scaling: ${r.customers / first.customers}x customers -> rate ${((rate(r.messages, r.ms) / rate(first.messages, first.ms)) * 100).toFixed(0)}% of the ${first.customers}-customer rate`);
}
const last = rows[rows.length - 1]!;
const floorMs = floor(last.messages);
console.log(
  `serialization floor: JSON.stringify of one pre-built $click message x ${last.messages}: ${(floorMs / 1000).toFixed(2)} s = ${rate(last.messages, floorMs).toLocaleString('en-US')} msg/s; ` +
    `simulate + stringify takes ${(last.ms / floorMs).toFixed(2)}x the floor`,
);
peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
console.log(`peak RSS: ${mb(peakRss)}`);
