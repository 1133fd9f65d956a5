// The load process of `npm run bench:ingest`: it runs apart from the server so the two do not
// share an event loop. Sends batches of 100 events with unique messageIds for a fixed time.
import autocannon from 'autocannon';
import { sampleEvent } from './support.ts';

const [url, writeKey, connections, seconds, offset] = process.argv.slice(2);
const stamp = new Date().toISOString();
// One batch body as a template: only the messageIds change between requests.
const template = JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => sampleEvent(i, stamp)) }).split(/"m-\d+"/);
let counter = Number(offset);
const body = () => {
  let out = template[0]!;
  for (let i = 1; i < template.length; i++) out += `"m-${counter++}"${template[i]}`;
  return out;
};

const result = await autocannon({
  url: `${url}/v1/batch`,
  connections: Number(connections),
  duration: Number(seconds),
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
  requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
});
process.stdout.write(
  JSON.stringify({
    ok: result['2xx'],
    errors: result.errors + result.non2xx,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 / result.duration,
  }),
);
