/**
 * Saving a fixed cohort: a real server per event store (DuckDB in its worker, ClickHouse through
 * chdb), fixed lists of 100,000 and 1,000,000 person ids POSTed to /cohorts, median of 3. The
 * baseline is the same body PUT to a cohort that does not exist: the request, its JSON and its
 * schema check, up to the 404; the ratio is what storing the member set adds to receiving it.
 *
 *   npx tsx bench/cohorts.bench.ts [--sizes 100000,1000000]
 */
import { EVENT_STORES, startTestServer } from '../packages/server/src/testing/test-server.ts';
import { benchOptions, fmt, median, peakRssMb, wholeNumbers } from './support.ts';

const options = benchOptions({ sizes: '100000,1000000' });
const sizes = wholeNumbers('sizes', options.sizes);
const RUNS = 3;

async function timed(request: () => Promise<Response>, status: number): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
  return performance.now() - started;
}

console.log('store             |   persons | save ms p50 | persons/s | receive ms p50 | ratio');
console.log('----------------- | --------- | ----------- | --------- | -------------- | -----');
for (const store of EVENT_STORES) {
  const server = await startTestServer({ env: store.env });
  const url = `${server.url}/api/projects/default/cohorts`;
  const send = (method: string, to: string, body: string) => () => fetch(to, { method, headers: { authorization: server.readAuth, 'content-type': 'application/json' }, body });
  try {
    for (const size of sizes) {
      const body = JSON.stringify({ name: 'bench', persons: Array.from({ length: size }, (_, i) => `visitor-${i}-of-a-large-store`) });
      const save: number[] = [];
      const receive: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        save.push(await timed(send('POST', url, body), 201));
        receive.push(await timed(send('PUT', `${url}/coh_none`, body), 404));
      }
      const ms = median(save);
      console.log(`${store.name.padEnd(17)} | ${fmt(size).padStart(9)} | ${ms.toFixed(0).padStart(11)} | ${fmt((size / ms) * 1000).padStart(9)} | ${median(receive).toFixed(0).padStart(14)} | ${(ms / median(receive)).toFixed(2)}`);
    }
  } finally {
    await server.destroy();
  }
}
console.log(`\npeak memory (this process and the server in it): ${fmt(peakRssMb(process.pid))} MB`);
