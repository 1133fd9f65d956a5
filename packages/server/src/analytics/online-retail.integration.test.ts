import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileMetric, compileRetention, DUCKDB_DIALECT, metricReference, retentionReference,
  type AnalysisEvent, type CompiledAnalysis, type MetricSpec, type RetentionResult, type RetentionSpec,
} from '@waymark/core';
import { postJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { runCompiled } from './engines/run-compiled.ts';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

// The UCI Online Retail data (541,909 order lines of a UK gift shop, 2010-12-01 to 2011-12-09),
// imported as purchase events through the mapping of docs/analytics/online-retail.md, stored
// through the real ingestion path (POST /v1/batch into the embedded DuckDB store) and into
// ClickHouse (chdb). Repeat purchase rate, AOV and monthly retention cohorts from the analyses
// must equal the same figures computed here straight from the CSV rows, without events.

const FILE = fileURLToPath(new URL('../../../../../shared/datasets/online_retail.csv.gz', import.meta.url));
const TIME_ZONE = 'Europe/London';
const RANGE = { from: '2010-12-01T00:00:00Z', to: '2011-12-10T00:00:00Z', timeZone: TIME_ZONE } as const;

interface Line {
  readonly invoice: string;
  readonly quantity: number;
  /** The price in thousandths (prices have at most 3 decimals), so revenue sums are exact integers. */
  readonly priceMilli: number;
  /** Local London wall-clock time, as in the file: `YYYY-MM-DD HH:MM:SS`. */
  readonly date: string;
  readonly customer: string;
  readonly country: string;
}

async function readLines(): Promise<Line[]> {
  const lines: Line[] = [];
  const parser = createReadStream(FILE).pipe(createGunzip()).pipe(parse({ columns: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    lines.push({
      invoice: row['InvoiceNo']!,
      quantity: Number(row['Quantity']),
      priceMilli: Math.round(Number(row['UnitPrice']) * 1000),
      date: row['InvoiceDate']!,
      customer: row['CustomerID']!,
      country: row['Country']!,
    });
  }
  return lines;
}

/** The rows the mapping keeps: a customer, and not a cancellation. */
const kept = (l: Line) => l.customer !== '' && !l.invoice.startsWith('C');

const offsets = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** UTC offset of London at an instant, in ms. */
function londonOffset(ms: number): number {
  const p = Object.fromEntries(offsets.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second'])) - ms;
}
/** A London wall-clock time as epoch ms (the shop's hours, 6:00 to 21:00, never fall in a daylight-saving gap or overlap). */
function londonToUtc(local: string): number {
  const naive = Date.parse(`${local.replace(' ', 'T')}Z`);
  return naive - londonOffset(naive - londonOffset(naive));
}

/** The mapping: one 'Order Completed' per kept invoice (docs/analytics/online-retail.md). */
function toOrders(lines: readonly Line[]) {
  const invoices = new Map<string, { userId: string; date: string; revenueMilli: number; items: number; quantity: number; country: string }>();
  for (const l of lines) {
    if (!kept(l)) continue;
    const inv = invoices.get(l.invoice);
    if (!inv) invoices.set(l.invoice, { userId: l.customer.replace(/\.0$/, ''), date: l.date, revenueMilli: l.quantity * l.priceMilli, items: 1, quantity: l.quantity, country: l.country });
    else {
      inv.revenueMilli += l.quantity * l.priceMilli;
      inv.items++;
      inv.quantity += l.quantity;
      if (l.date < inv.date) inv.date = l.date;
    }
  }
  return [...invoices].map(([invoice, v]) => ({
    type: 'track' as const,
    messageId: `online-retail-${invoice}`,
    userId: v.userId,
    event: 'Order Completed',
    timestamp: new Date(londonToUtc(v.date)).toISOString(),
    properties: { order_id: invoice, revenue: v.revenueMilli / 1000, items: v.items, quantity: v.quantity, country: v.country, currency: 'GBP' },
  }));
}

/** Figures straight from the CSV rows: no invoices, no events, no time zones (months are read off the local date text). */
function independent(lines: readonly Line[]) {
  const invoicesOf = new Map<string, Set<string>>();
  const monthsOf = new Map<string, Set<string>>();
  let revenueMilli = 0;
  const invoices = new Set<string>();
  for (const l of lines) {
    if (!kept(l)) continue;
    revenueMilli += l.quantity * l.priceMilli;
    invoices.add(l.invoice);
    (invoicesOf.get(l.customer) ?? invoicesOf.set(l.customer, new Set()).get(l.customer)!).add(l.invoice);
    (monthsOf.get(l.customer) ?? monthsOf.set(l.customer, new Set()).get(l.customer)!).add(l.date.slice(0, 7));
  }
  const month = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
  const cohorts = new Map<string, { size: number; returned: number[] }>();
  for (const months of monthsOf.values()) {
    const sorted = [...months].sort();
    const first = sorted[0]!;
    const cohort = cohorts.get(first) ?? cohorts.set(first, { size: 0, returned: new Array<number>(13).fill(0) }).get(first)!;
    cohort.size++;
    for (const m of sorted) cohort.returned[month(m) - month(first)]!++;
  }
  return {
    customers: invoicesOf.size,
    repeaters: [...invoicesOf.values()].filter((s) => s.size >= 2).length,
    invoices: invoices.size,
    revenueMilli,
    cohorts,
  };
}

const repeatSpec: MetricSpec = { kind: 'metric', metric: 'repeat_purchase_rate', ...RANGE };
const aovSpec: MetricSpec = { kind: 'metric', metric: 'aov', ...RANGE, interval: 'month' };
const retentionSpec: RetentionSpec = { kind: 'retention', cohortEvent: { event: 'Order Completed' }, returnEvent: { event: 'Order Completed' }, interval: 'month', periods: 12, ...RANGE };

describe('online retail (UCI) as purchase events', () => {
  let lines: Line[];
  let orders: ReturnType<typeof toOrders>;
  let expected: ReturnType<typeof independent>;
  let server: TestServer;
  let chdb: TestEngine;

  beforeAll(async () => {
    expect(existsSync(FILE), FILE).toBe(true);
    lines = await readLines();
    orders = toOrders(lines);
    expected = independent(lines);
    server = await startTestServer();
    // Batches under the 500 KB limit, through the real ingestion path.
    for (let i = 0; i < orders.length; i += 1000) {
      const answer = await postJson(`${server.url}/v1/batch`, { batch: orders.slice(i, i + 1000) }, { authorization: server.writeAuth });
      expect(answer.status).toBe(200);
    }
    await server.runtime.pipeline.waitVisible();
    chdb = await ENGINES[1].create();
    await chdb.load(orders.map((o, seq): AnalysisEvent => ({ personId: o.userId, event: o.event, timestamp: Date.parse(o.timestamp), sessionId: null, channel: 'server', properties: o.properties, seq })));
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
    await chdb?.close();
  });

  const inStore = <R>(compiled: CompiledAnalysis<R>) => runCompiled(server.runtime.engine, compiled);
  const inChdb = <R>(compiled: CompiledAnalysis<R>) => runCompiled(chdb, compiled);

  it('reads the whole file and maps 18,536 invoices of 4,339 customers', async () => {
    expect(lines).toHaveLength(541_909);
    expect(lines.filter((l) => l.customer !== '')).toHaveLength(406_829);
    expect(orders).toHaveLength(18_536);
    expect(expected.invoices).toBe(18_536);
    expect(expected.customers).toBe(4_339);
    const stored = await server.runtime.events.query(`SELECT count(*) AS n, count(DISTINCT person_id) AS persons FROM events_resolved WHERE project_id = '${server.credentials.projectId}' AND event = 'Order Completed'`);
    expect(stored).toEqual([{ n: 18_536, persons: 4_339 }]);
  });

  it('repeat purchase rate: customers with 2+ invoices / customers', async () => {
    const fromStore = await inStore(compileMetric(DUCKDB_DIALECT, repeatSpec, server.credentials.projectId));
    expect(fromStore).toMatchObject({ numerator: expected.repeaters, denominator: expected.customers });
    expect(fromStore.value).toBe(expected.repeaters / expected.customers);
    expect(await inChdb(compileMetric(chdb.dialect, repeatSpec, TEST_PROJECT))).toEqual(fromStore);
    console.info(`repeat purchase rate ${expected.repeaters} / ${expected.customers} = ${fromStore.value}`);
  });

  it('AOV: revenue of kept lines / invoices, also per month', async () => {
    const fromStore = await inStore(compileMetric(DUCKDB_DIALECT, aovSpec, server.credentials.projectId));
    expect(fromStore.denominator).toBe(expected.invoices);
    expect(fromStore.numerator).toBeCloseTo(expected.revenueMilli / 1000, 4);
    expect(Math.abs(fromStore.value! / (expected.revenueMilli / 1000 / expected.invoices) - 1)).toBeLessThan(1e-9);
    expect(fromStore.series).toHaveLength(13);
    expect(fromStore.series!.reduce((n, p) => n + p.denominator, 0)).toBe(expected.invoices);
    const fromChdb = await inChdb(compileMetric(chdb.dialect, aovSpec, TEST_PROJECT));
    expect(fromChdb.series!.map((p) => p.denominator)).toEqual(fromStore.series!.map((p) => p.denominator));
    expect(Math.abs(fromChdb.value! / fromStore.value! - 1)).toBeLessThan(1e-9);
    console.info(`AOV ${fromStore.numerator.toFixed(3)} / ${fromStore.denominator} = ${fromStore.value}`);
  });

  it('monthly retention cohorts by first order, returning on an order', async () => {
    const check = (result: RetentionResult) => {
      expect(result.cohorts.map((c) => c.cohort)).toEqual([...expected.cohorts.keys()].sort().map((ym) => `${ym}-01`));
      for (const c of result.cohorts) {
        const raw = expected.cohorts.get(c.cohort.slice(0, 7))!;
        expect([c.cohort, c.size, c.returned]).toEqual([c.cohort, raw.size, raw.returned]);
      }
    };
    const fromStore = await inStore(compileRetention(DUCKDB_DIALECT, retentionSpec, server.credentials.projectId));
    check(fromStore);
    check(await inChdb(compileRetention(chdb.dialect, retentionSpec, TEST_PROJECT)));
    console.info(fromStore.cohorts.slice(0, 4).map((c) => `${c.cohort}: ${c.size} ${c.returned.slice(0, 4).join(' ')}`).join('\n'));
  });

  it('the reference implementations agree on the same events', () => {
    const events = orders.map((o, seq): AnalysisEvent => ({ personId: o.userId, event: o.event, timestamp: Date.parse(o.timestamp), sessionId: null, channel: 'server', properties: o.properties, seq }));
    expect(metricReference(repeatSpec, events)).toMatchObject({ numerator: expected.repeaters, denominator: expected.customers });
    expect(retentionReference(retentionSpec, events).cohorts[0]).toMatchObject({ size: expected.cohorts.get('2010-12')!.size, returned: expected.cohorts.get('2010-12')!.returned });
  });
});
