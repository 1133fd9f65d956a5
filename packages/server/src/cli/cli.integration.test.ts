import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, stopProcess, WAYMARK_BIN, type ServerProcess } from '../testing/server-process.ts';

// The CLI as users run it: a child process, with and without a server owning the data.
const BIN = WAYMARK_BIN;

const dirs: string[] = [];
const children = new Set<ChildProcess>();
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `waymark-cli-${prefix}-`));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all([...children].map(stop));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `waymark ...args` in `cwd` (input files live there) on the data directory given, if any. */
const waymark = (cwd: string, dataDir: string | null, ...args: string[]): Promise<Run> => waymarkWith({}, cwd, dataDir, ...args);

/** `waymark` with more environment variables. */
function waymarkWith(more: NodeJS.ProcessEnv, cwd: string, dataDir: string | null, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_LOG_LEVEL: 'warn', WAYMARK_DEMO: 'false' };
  delete env['WAYMARK_DATA_DIR'];
  delete env['PORT'];
  Object.assign(env, more);
  if (dataDir !== null) env['WAYMARK_DATA_DIR'] = dataDir;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

async function ok(cwd: string, dataDir: string | null, ...args: string[]): Promise<string> {
  const result = await waymark(cwd, dataDir, ...args);
  expect(result.stderr.replace(/.*\[=*-*\].*\r?/g, '').trim(), `waymark ${args.join(' ')}`).toBe('');
  expect(result.code, `waymark ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

interface Exported {
  messageId: string;
  type: string;
  event: string;
  anonymousId: string | null;
  userId: string | null;
  personId: string;
  sessionId: string;
  channel: string;
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}
const lines = (stdout: string) => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Exported);
/** What must not depend on where the events went through: ids of the data, not of the project. */
const portable = (e: Exported) => ({ type: e.type, event: e.event, anonymousId: e.anonymousId, userId: e.userId, channel: e.channel, timestamp: e.timestamp, properties: e.properties });

// --- input files ---------------------------------------------------------------------------

const EVENTS = [
  { type: 'identify', messageId: 'e1', anonymousId: 'a1', userId: 'u1', traits: { plan: 'pro' }, timestamp: '2024-01-02T09:00:00.000Z' },
  { type: 'track', messageId: 'e2', userId: 'u1', event: 'Signed Up', properties: { plan: 'pro', seats: 3 }, timestamp: '2024-01-02T10:00:00.123Z' },
  { type: 'page', messageId: 'e3', anonymousId: 'a2', name: 'Pricing', timestamp: '2024-01-03T08:00:00Z' },
  { type: 'track', messageId: 'e4', userId: 'u2', event: 'Signed Up', timestamp: '2024-01-05T12:00:00+02:00' },
  { type: 'track', messageId: 'e5', anonymousId: 'a2', event: 'Checkout Started', timestamp: '2024-01-06' },
];
const EVENTS_JSONL = EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n';

const ORDERS_CSV = [
  'InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,"WHITE HANGING HEART T-LIGHT HOLDER, RED",6,2010-12-01 08:26,2.55,17850,United Kingdom',
  '536366,HAND WARMER UNION JACK,6,2010-12-01 09:00:30,1.85,17850,United Kingdom',
  '536367,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-02 10:15,1.69,13047,United Kingdom',
  '536368,JAM MAKING SET WITH JARS,3,2010-12-05T11:00:00Z,4.25,12583,France',
].join('\r\n');
const ORDER_ARGS = ['--map', 'userId=CustomerID', '--map', 'timestamp=InvoiceDate', '--map', 'properties.price:number=UnitPrice', '--map', 'properties.quantity:integer=Quantity', '--set', 'type=track', '--set', 'event=Order Line'];

/** Persons who ordered at least twice. */
const REPEAT_BUYERS = { all: [{ type: 'behavior', matcher: { event: 'Order Line' }, min: 2 }] };
/** Persons who ordered. */
const BUYERS = { all: [{ type: 'behavior', matcher: { event: 'Order Line' } }] };

function writeInputs(dir: string): void {
  writeFileSync(path.join(dir, 'events.jsonl'), EVENTS_JSONL);
  writeFileSync(path.join(dir, 'orders.csv'), ORDERS_CSV);
}

async function parquetRows(file: string): Promise<{ n: number; users: string[] }> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const quoted = `'${file.replaceAll("'", "''")}'`;
    const count = (await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${quoted}`)).getRowObjectsJS() as { n: number }[];
    const users = (await connection.runAndReadAll(`SELECT "userId" FROM ${quoted} ORDER BY timestamp`)).getRowObjectsJS() as { userId: string }[];
    return { n: count[0]!.n, users: users.map((u) => u.userId) };
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

// --- a server as a child process -------------------------------------------------------------

async function startServer(dataDir: string): Promise<ServerProcess> {
  mkdirSync(dataDir, { recursive: true });
  const server = await startServerProcess(dataDir, { env: { WAYMARK_FLUSH_INTERVAL_MS: '50' } });
  children.add(server.child);
  server.child.once('exit', () => children.delete(server.child));
  return server;
}

const stop = (child: ChildProcess) => stopProcess(child);

// --- the tests -------------------------------------------------------------------------------

/** The export of the no-server run, compared with the same steps through a server. */
let localExport: Exported[] | null = null;

const SIGNUPS_WINDOW = ['--event', 'Signed Up', '--from', '2024-01-02T10:00:00.123Z', '--to', '2024-01-05T10:00:00Z'];
const ORDERS_WINDOW = ['--event', 'Order Line', '--from', '2010-12-01T08:30:00Z', '--to', '2010-12-05'];

// Each CLI run is a Node process (about a second of CPU): the three groups run side by side.
describe.concurrent('waymark CLI', { timeout: 60_000 }, () => {
  describe.sequential('without a server', () => {
    let cwd: string;
    let dataDir: string;
    beforeAll(() => {
      cwd = tempDir('local');
      dataDir = path.join(cwd, 'data');
      writeInputs(cwd);
    });

    it('keys --json prints the same project and keys on every call', async () => {
      const first = JSON.parse(await ok(cwd, dataDir, 'keys', '--json')) as Record<string, string>;
      expect(Object.keys(first).sort()).toEqual(['projectId', 'secretKey', 'writeKey']);
      expect(first['projectId']).toMatch(/^proj_\w+$/);
      expect(first['writeKey']).toMatch(/^wm_wk_\w+_\w+$/);
      expect(first['secretKey']).toMatch(/^wm_sk_\w+_\w+$/);
      expect(JSON.parse(await ok(cwd, dataDir, 'keys', '--json'))).toEqual(first);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'))).toEqual(first);
    });

    it('imports Segment JSON lines, and a second import of the file stores nothing new', async () => {
      expect(await ok(cwd, dataDir, 'import', 'events.jsonl')).toBe('5 rows: 5 stored, 0 already stored, 0 skipped\n');
      const all = lines(await ok(cwd, dataDir, 'export', '--format', 'jsonl'));
      expect(all.map((e) => e.messageId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']); // oldest first
      expect(all[1]).toMatchObject({ type: 'track', event: 'Signed Up', userId: 'u1', timestamp: '2024-01-02T10:00:00.123Z', properties: { plan: 'pro', seats: 3 } });
      expect(all[3]!.timestamp).toBe('2024-01-05T10:00:00.000Z');
      expect(all[4]!.timestamp).toBe('2024-01-06T00:00:00.000Z');
      expect(all[0]!.personId).toBe(all[1]!.personId); // a1 identified as u1
      expect(await ok(cwd, dataDir, 'import', 'events.jsonl')).toBe('5 rows: 0 stored, 5 already stored, 0 skipped\n');
    });

    it('imports a CSV with --map and --set', async () => {
      expect(await ok(cwd, dataDir, 'import', 'orders.csv', ...ORDER_ARGS)).toBe('4 rows: 4 stored, 0 already stored, 0 skipped\n');
      const all = lines(await ok(cwd, dataDir, 'export'));
      // The second JSON-lines import added nothing: 5 events and the 4 order lines.
      expect(all.filter((e) => e.event !== 'Order Line').map((e) => e.messageId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
      const orders = all.filter((e) => e.event === 'Order Line');
      expect(orders.map(portable)).toEqual([
        { type: 'track', event: 'Order Line', anonymousId: null, userId: '17850', channel: 'web', timestamp: '2010-12-01T08:26:00.000Z', properties: { price: 2.55, quantity: 6 } },
        { type: 'track', event: 'Order Line', anonymousId: null, userId: '17850', channel: 'web', timestamp: '2010-12-01T09:00:30.000Z', properties: { price: 1.85, quantity: 6 } },
        { type: 'track', event: 'Order Line', anonymousId: null, userId: '13047', channel: 'web', timestamp: '2010-12-02T10:15:00.000Z', properties: { price: 1.69, quantity: 32 } },
        { type: 'track', event: 'Order Line', anonymousId: null, userId: '12583', channel: 'web', timestamp: '2010-12-05T11:00:00.000Z', properties: { price: 4.25, quantity: 3 } },
      ]);
      expect(new Set(orders.map((e) => e.messageId)).size).toBe(4);
      expect(all).toHaveLength(9);
      localExport = all;
    });

    it('query prints an analysis as a table, as CSV or as JSON', async () => {
      const spec = { kind: 'trends', series: [{ matcher: { event: 'Order Line' }, measure: 'count' }, { matcher: { event: 'Order Line' }, measure: 'persons' }], interval: 'day', from: '2010-12-01', to: '2010-12-06', timeZone: 'UTC' };
      writeFileSync(path.join(cwd, 'orders-by-day.json'), JSON.stringify(spec));
      // Orders: two by one customer on the 1st, one on the 2nd, one on the 5th.
      const table = (await ok(cwd, dataDir, 'query', 'orders-by-day.json')).trimEnd().split('\n');
      expect(table[0]).toMatch(/^period\s+count\(Order Line\)\s+persons\(Order Line\)$/);
      expect(table.slice(1, -1).map((l) => l.split(/\s+/))).toEqual([['2010-12-01', '2', '1'], ['2010-12-02', '1', '1'], ['2010-12-03', '0', '0'], ['2010-12-04', '0', '0'], ['2010-12-05', '1', '1'], ['total', '4', '3']]);
      expect(table.at(-1)).toMatch(/^\(\d+ ms(, cached)?\)$/);
      expect(await ok(cwd, dataDir, 'query', 'orders-by-day.json', '--csv')).toBe(
        'period,count(Order Line),persons(Order Line)\r\n2010-12-01,2,1\r\n2010-12-02,1,1\r\n2010-12-03,0,0\r\n2010-12-04,0,0\r\n2010-12-05,1,1\r\ntotal,4,3\r\n',
      );
      const answer = JSON.parse(await ok(cwd, dataDir, 'query', 'orders-by-day.json', '--json')) as { kind: string; result: { lines: { total: number }[] } };
      expect([answer.kind, answer.result.lines.map((l) => l.total)]).toEqual(['trends', [4, 3]]);

      // With personsAt, the persons behind a number: as many as it counts, one id per row.
      const behind = (personsAt: object) => {
        writeFileSync(path.join(cwd, 'orders-persons.json'), JSON.stringify({ ...spec, personsAt }));
        return ok(cwd, dataDir, 'query', 'orders-persons.json', '--csv');
      };
      expect((await behind({ series: 1 })).split('\r\n')).toEqual(['person', expect.any(String), expect.any(String), expect.any(String), '']);
      expect((await behind({ series: 1, bucket: '2010-12-03' })).split('\r\n')).toEqual(['person', '']);
      // personsLimit beside the spec, as the API takes it: the first of them by id, and how many.
      writeFileSync(path.join(cwd, 'orders-first.json'), JSON.stringify({ ...spec, personsAt: { series: 1 }, personsLimit: 1 }));
      const first = JSON.parse(await ok(cwd, dataDir, 'query', 'orders-first.json', '--json')) as { result: { persons: string[]; personsCount: number } };
      expect([first.result.persons.length, first.result.personsCount]).toEqual([1, 3]);
    });

    it('query names what is wrong: a missing file, a file that is not JSON, a bad field, two output options', async () => {
      writeFileSync(path.join(cwd, 'not-json.json'), '{ kind: trends');
      writeFileSync(path.join(cwd, 'bad-spec.json'), JSON.stringify({ kind: 'trends', series: [{ matcher: { event: 'x' }, measure: 'count' }], interval: 'fortnight', from: '2010-12-01', to: '2010-12-06' }));
      writeFileSync(path.join(cwd, 'bad-any-of.json'), JSON.stringify({ kind: 'retention', cohortEvent: { anyOf: [] }, returnEvent: { event: 'x' }, interval: 'week', periods: 2, from: '2010-12-01', to: '2010-12-06' }));
      writeFileSync(path.join(cwd, 'bad-limit.json'), JSON.stringify({ kind: 'trends', series: [{ matcher: { event: 'x' }, measure: 'persons' }], interval: 'day', from: '2010-12-01', to: '2010-12-06', personsAt: { series: 0 }, personsLimit: -1 }));
      for (const [args, error] of [
        [['query', 'missing.json'], /^error WM_CLI_INVALID_OPTION \(spec\): cannot read "missing.json"/m],
        [['query', 'not-json.json'], /^error WM_CLI_INVALID_OPTION \(spec\): "not-json.json" is not JSON/m],
        [['query', 'bad-spec.json'], /^error WM_REQUEST_INVALID \(interval\)/m],
        [['query', 'bad-any-of.json'], /^error WM_REQUEST_INVALID \(cohortEvent.anyOf\)/m],
        [['query', 'bad-limit.json'], /^error WM_REQUEST_INVALID \(personsLimit\)/m],
        [['query', 'bad-spec.json', '--csv', '--json'], /^error WM_CLI_INVALID_OPTION \(--csv\): give --json or --csv, not both/m],
      ] as const) {
        const result = await waymark(cwd, dataDir, ...args);
        expect(result.code, args.join(' ')).not.toBe(0);
        expect(result.stderr, args.join(' ')).toMatch(error);
        expect(result.stdout, args.join(' ')).toBe('');
      }
    });

    it('cohorts saves a segment and a fixed list, lists them, prints their persons, deletes one and redefines the other; query counts only a cohort', async () => {
      writeFileSync(path.join(cwd, 'repeat-buyers.json'), JSON.stringify(REPEAT_BUYERS));
      const saved = JSON.parse(await ok(cwd, dataDir, 'cohorts', 'save', 'Repeat buyers', 'repeat-buyers.json', '--json')) as { id: string; name: string };
      expect(saved.name).toBe('Repeat buyers');
      // The cohort's persons are the segment's, as `query` computes it now.
      writeFileSync(path.join(cwd, 'repeat-segment.json'), JSON.stringify({ kind: 'segment', ...REPEAT_BUYERS, asOf: new Date(Date.now() + 60_000).toISOString() }));
      const segment = (JSON.parse(await ok(cwd, dataDir, 'query', 'repeat-segment.json', '--json')) as { result: { count: number; persons: string[] } }).result;
      expect(segment.count).toBe(1); // customer 17850 ordered twice
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'persons', saved.id, '--json'))).toEqual(segment);
      expect(await ok(cwd, dataDir, 'cohorts', 'persons', saved.id)).toBe(`1 person\n${segment.persons[0]}\n`);
      expect(await ok(cwd, dataDir, 'cohorts', 'persons', saved.id, '--limit', '0')).toBe('1 person (the first 0 by id)\n');

      // A fixed list keeps only the persons with events.
      writeFileSync(path.join(cwd, 'fixed.json'), JSON.stringify({ persons: [segment.persons[0], 'nobody'] }));
      const fixed = (await ok(cwd, dataDir, 'cohorts', 'save', 'Hand-picked', 'fixed.json')).trim();
      expect(fixed).toMatch(/^saved coh_\w+: Hand-picked \(fixed list of 2\)$/);
      const fixedId = fixed.split(' ')[1]!.replace(':', '');
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'persons', fixedId, '--json'))).toEqual(segment);

      const listed = (await ok(cwd, dataDir, 'cohorts', 'list')).trimEnd().split('\n').map((l) => l.split(/\s{2,}/));
      expect(listed[0]).toEqual(['id', 'name', 'definition', 'created']);
      expect(listed.slice(1).map((r) => r.slice(0, 3)).sort()).toEqual([[saved.id, 'Repeat buyers', 'conditions'], [fixedId, 'Hand-picked', 'fixed list of 2']].sort());

      // An analysis naming the cohort counts its persons' orders only: the two of 17850, of the four.
      const orders = { kind: 'trends', series: [{ matcher: { event: 'Order Line' }, measure: 'count' }], interval: 'day', from: '2010-12-01', to: '2010-12-06', timeZone: 'UTC' };
      writeFileSync(path.join(cwd, 'cohort-orders.json'), JSON.stringify({ ...orders, cohort: saved.id }));
      const total = (file: string) => ok(cwd, dataDir, 'query', file, '--json').then((out) => (JSON.parse(out) as { result: { lines: { total: number }[] } }).result.lines[0]!.total);
      expect(await total('cohort-orders.json')).toBe(2);

      expect(await ok(cwd, dataDir, 'cohorts', 'delete', fixedId)).toBe(`deleted ${fixedId}\n`);
      // As the API shows a cohort, with or without a server.
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'list', '--json'))).toEqual([{ id: saved.id, name: 'Repeat buyers', definition: { kind: 'segment', ...REPEAT_BUYERS }, createdAt: expect.any(String) }]);

      // Redefined, it keeps its id, and the analysis naming it counts its new persons: every buyer's orders.
      writeFileSync(path.join(cwd, 'buyers.json'), JSON.stringify(BUYERS));
      expect(await ok(cwd, dataDir, 'cohorts', 'update', saved.id, 'Buyers', 'buyers.json')).toBe(`updated ${saved.id}: Buyers (conditions)\n`);
      expect(await total('cohort-orders.json')).toBe(4);
      expect((JSON.parse(await ok(cwd, dataDir, 'cohorts', 'persons', saved.id, '--json')) as { count: number }).count).toBe(3);
    });

    it('cohorts names what is wrong and saves nothing: the file, its conditions, the name, an unknown cohort, --limit', async () => {
      writeFileSync(path.join(cwd, 'not-json.json'), '{ all: [');
      writeFileSync(path.join(cwd, 'a-list.json'), '[1, 2]');
      writeFileSync(path.join(cwd, 'no-event.json'), JSON.stringify({ all: [{ type: 'behavior', matcher: {} }] }));
      writeFileSync(path.join(cwd, 'max-below-min.json'), JSON.stringify({ all: [{ type: 'behavior', matcher: { event: 'Order Line' }, min: 3, max: 1 }] }));
      writeFileSync(path.join(cwd, 'extra.json'), JSON.stringify({ ...REPEAT_BUYERS, colour: 'red' }));
      writeFileSync(path.join(cwd, 'empty-id.json'), JSON.stringify({ persons: ['p1', ''] }));
      writeFileSync(path.join(cwd, 'named.json'), JSON.stringify({ ...REPEAT_BUYERS, name: 'Loyal' }));
      const before = await ok(cwd, dataDir, 'cohorts', 'list', '--json');
      const [kept] = JSON.parse(before) as { id: string }[];
      for (const [args, error] of [
        [['cohorts', 'save', 'X', 'missing.json'], /^error WM_CLI_INVALID_OPTION \(definition\): cannot read "missing.json"/m],
        [['cohorts', 'save', 'X', 'not-json.json'], /^error WM_CLI_INVALID_OPTION \(definition\): "not-json.json" is not JSON/m],
        [['cohorts', 'save', 'X', 'a-list.json'], /^error WM_CLI_INVALID_OPTION \(definition\): "a-list.json" holds no object/m],
        [['cohorts', 'save', 'X', 'no-event.json'], /^error WM_REQUEST_INVALID \(all\[0\]\.matcher\)/m],
        [['cohorts', 'save', 'X', 'max-below-min.json'], /^error WM_REQUEST_INVALID \(all\[0\]\.max\)/m],
        [['cohorts', 'save', 'X', 'extra.json'], /^error WM_REQUEST_INVALID \(colour\)/m],
        [['cohorts', 'save', 'X', 'empty-id.json'], /^error WM_REQUEST_INVALID \(persons\[1\]\)/m],
        [['cohorts', 'save', '', 'repeat-buyers.json'], /^error WM_REQUEST_INVALID \(name\)/m],
        [['cohorts', 'save', 'X', 'named.json'], /^error WM_CLI_INVALID_OPTION \(name\): "named.json" names the cohort "Loyal", the command "X"/m],
        [['cohorts', 'persons', 'coh_none'], /^error WM_COHORT_NOT_FOUND \(cohort\): no cohort "coh_none"/m],
        [['cohorts', 'persons', 'coh_none', '--limit', 'ten'], /^error WM_CLI_INVALID_OPTION \(--limit\)/m],
        [['cohorts', 'persons', 'coh_none', '--limit', '10001'], /^error WM_CLI_INVALID_OPTION \(--limit\)/m],
        [['cohorts', 'delete', 'coh_none'], /^error WM_COHORT_NOT_FOUND \(cohort\)/m],
        [['cohorts', 'update', 'coh_none', 'X', 'repeat-buyers.json'], /^error WM_COHORT_NOT_FOUND \(cohort\)/m],
        [['cohorts', 'update', kept!.id, 'X', 'no-event.json'], /^error WM_REQUEST_INVALID \(all\[0\]\.matcher\)/m],
        [['cohorts', 'update', kept!.id, '', 'repeat-buyers.json'], /^error WM_REQUEST_INVALID \(name\)/m],
      ] as const) {
        const result = await waymark(cwd, dataDir, ...args);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toMatch(error);
        expect(result.stdout, args.join(' ')).toBe('');
      }
      expect(await ok(cwd, dataDir, 'cohorts', 'list', '--json')).toBe(before);
    });

    it('exports CSV and Parquet files, honouring --event, --from (inclusive) and --to (exclusive)', async () => {
      expect(await ok(cwd, dataDir, 'export', '--format', 'csv', ...SIGNUPS_WINDOW, '--out', 'signups.csv')).toBe('');
      const text = readFileSync(path.join(cwd, 'signups.csv'), 'utf8');
      expect(text.split('\n')[0]).toBe('messageId,type,event,anonymousId,userId,personId,sessionId,channel,timestamp,receivedAt,properties,context');
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      // e2 is at --from exactly; e4 at --to exactly; e3 is in the window but not a sign-up.
      expect(rows.map((r) => [r['messageId'], r['event'], r['userId'], r['timestamp']])).toEqual([['e2', 'Signed Up', 'u1', '2024-01-02T10:00:00.123Z']]);
      expect(JSON.parse(rows[0]!['properties']!)).toEqual({ plan: 'pro', seats: 3 });

      expect(await ok(cwd, dataDir, 'export', '--format', 'parquet', ...ORDERS_WINDOW, '--out', 'orders.parquet')).toBe('');
      expect(await parquetRows(path.join(cwd, 'orders.parquet'))).toEqual({ n: 2, users: ['17850', '13047'] });
    });

    it('names --project when it names no project, on every command that takes it, and stores nothing', async () => {
      const before = await ok(cwd, dataDir, 'export');
      for (const args of [['query', 'orders-by-day.json'], ['export'], ['import', 'events.jsonl'], ['cohorts', 'list'], ['cohorts', 'save', 'Buyers', 'fixed.json'], ['demo', '--customers', '10']]) {
        const result = await waymark(cwd, dataDir, ...args, '--project', 'nope');
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toMatch(/^error WM_PROJECT_NOT_FOUND \(--project\): no project "nope"/m);
        expect(result.stdout, args.join(' ')).toBe('');
      }
      expect(await ok(cwd, dataDir, 'export')).toBe(before);
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'list', '--json'))).toHaveLength(1);
    });

    it('keys rotate --kind secret replaces the secret key and keeps the write key', async () => {
      const before = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as Record<string, string>;
      const printed = JSON.parse(await ok(cwd, dataDir, 'keys', 'rotate', '--kind', 'secret', '--json')) as Record<string, string>;
      expect(printed['secretKey']).toMatch(/^wm_sk_/);
      expect(printed['secretKey']).not.toBe(before['secretKey']);
      expect(printed).toEqual({ ...before, secretKey: printed['secretKey'] });
      expect(JSON.parse(await ok(cwd, dataDir, 'keys', '--json'))).toEqual(printed);
    });
  });

  describe.sequential('with a server running', () => {
    let cwd: string;
    let dataDir: string;
    let server: { child: ChildProcess; url: string };
    const secretKey = () => (JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { secretKey: string }).secretKey;
    const api = async (query: string) => {
      const response = await fetch(`${server.url}/api/projects/default/events?limit=1000&${query}`, { headers: { authorization: `Bearer ${secretKey()}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { events: { id: string; event: string }[] }).events;
    };
    beforeAll(async () => {
      cwd = tempDir('remote');
      dataDir = path.join(cwd, 'data');
      writeInputs(cwd);
      server = await startServer(dataDir);
    });
    afterAll(async () => {
      if (server !== undefined) await stop(server.child); // unset if it failed to start
    });

    it('keys --json reads the credentials the server made', async () => {
      expect(existsSync(path.join(dataDir, 'server.json'))).toBe(true);
      const keys = JSON.parse(await ok(cwd, dataDir, 'keys', '--json')) as Record<string, string>;
      expect(keys).toEqual(JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')));
    });

    it('imports and exports through the API while the server holds the database, with the same results', async () => {
      expect(await ok(cwd, dataDir, 'import', 'events.jsonl')).toBe('5 rows: 5 stored, 0 already stored, 0 skipped\n');
      expect(await ok(cwd, dataDir, 'import', 'events.jsonl')).toBe('5 rows: 0 stored, 5 already stored, 0 skipped\n');
      expect(await ok(cwd, dataDir, 'import', 'orders.csv', ...ORDER_ARGS)).toBe('4 rows: 4 stored, 0 already stored, 0 skipped\n');
      const all = lines(await ok(cwd, dataDir, 'export', '--format', 'jsonl'));

      await expect.poll(() => localExport !== null, { timeout: 50_000, interval: 200 }).toBe(true);
      const ids = (events: Exported[]) => events.map((e) => (e.event === 'Order Line' ? 'order' : e.messageId));
      expect(ids(all)).toEqual(ids(localExport!));
      // Timestamps included: the file's times are stored as they are, whichever way they went.
      expect(all.map(portable)).toEqual(localExport!.map(portable));

      expect((await api('')).length).toBe(9); // the server itself serves what the CLI imported
      expect(server.child.exitCode).toBeNull();
    });

    it('exports files through the API with the same filters', async () => {
      expect(await ok(cwd, dataDir, 'export', '--format', 'parquet', ...ORDERS_WINDOW, '--out', 'orders.parquet')).toBe('');
      expect(await parquetRows(path.join(cwd, 'orders.parquet'))).toEqual({ n: 2, users: ['17850', '13047'] });
    });

    it('cohorts goes through the server: it saves, lists, counts and deletes what the API serves, and names the same bad field', async () => {
      const get = async (path: string) => {
        const response = await fetch(`${server.url}/api/projects/default/cohorts${path}`, { headers: { authorization: `Bearer ${secretKey()}` } });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      writeFileSync(path.join(cwd, 'repeat-buyers.json'), JSON.stringify(REPEAT_BUYERS));
      const saved = JSON.parse(await ok(cwd, dataDir, 'cohorts', 'save', 'Repeat buyers', 'repeat-buyers.json', '--json')) as { id: string };
      expect((await get('')).body['cohorts']).toEqual([expect.objectContaining({ id: saved.id, name: 'Repeat buyers' })]);
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'list', '--json'))).toEqual((await get('')).body['cohorts']);
      const persons = (await get(`/${saved.id}/persons`)).body;
      expect(persons['count']).toBe(1);
      expect(JSON.parse(await ok(cwd, dataDir, 'cohorts', 'persons', saved.id, '--json'))).toEqual(persons);

      writeFileSync(path.join(cwd, 'buyers.json'), JSON.stringify(BUYERS));
      await ok(cwd, dataDir, 'cohorts', 'update', saved.id, 'Buyers', 'buyers.json');
      expect((await get('')).body['cohorts']).toEqual([expect.objectContaining({ id: saved.id, name: 'Buyers', definition: { kind: 'segment', ...BUYERS } })]);
      expect((await get(`/${saved.id}/persons`)).body['count']).toBe(3);

      writeFileSync(path.join(cwd, 'no-event.json'), JSON.stringify({ all: [{ type: 'behavior', matcher: {} }] }));
      const bad = await waymark(cwd, dataDir, 'cohorts', 'save', 'X', 'no-event.json');
      expect([bad.code, bad.stdout]).toEqual([2, '']);
      expect(bad.stderr).toMatch(/^error WM_REQUEST_INVALID \(all\[0\]\.matcher\)/m);

      expect(await ok(cwd, dataDir, 'cohorts', 'delete', saved.id)).toBe(`deleted ${saved.id}\n`);
      expect((await get(`/${saved.id}/persons`)).status).toBe(404);
      expect((await get('')).body['cohorts']).toEqual([]);
    });

    it('stores nothing of a JSON-lines file with one invalid line, naming the line', async () => {
      const bad = EVENTS.map((e, i) => JSON.stringify(i === 2 ? { type: 'track', messageId: 'bad-3', userId: 'u3' } : { ...e, messageId: `bad-${i + 1}` })).join('\n');
      writeFileSync(path.join(cwd, 'bad.jsonl'), bad);
      const result = await waymark(cwd, dataDir, 'import', 'bad.jsonl');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^error WM_IMPORT_INVALID_ROW \(line 3: event\): line 3: "event" is required for track/m);
      expect((await api('')).filter((e) => e.id.startsWith('bad-'))).toEqual([]);
    });

    it('stores nothing of a CSV with a cell that is not a number, naming the line', async () => {
      writeFileSync(path.join(cwd, 'bad.csv'), ORDERS_CSV.replace(',1.85,', ',n/a,'));
      const args = ORDER_ARGS.map((a) => (a === 'event=Order Line' ? 'event=Bad Order' : a));
      const result = await waymark(cwd, dataDir, 'import', 'bad.csv', ...args);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^error WM_IMPORT_INVALID_ROW \(line 3: UnitPrice\): "n\/a" is not a valid number/m);
      expect(await api('event=Bad%20Order')).toEqual([]);
    });

    it('rejects a --map naming a column the file lacks', async () => {
      const result = await waymark(cwd, dataDir, 'import', 'orders.csv', '--map', 'userId=Customer', '--set', 'type=track', '--set', 'event=Bad Order');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^error WM_IMPORT_INVALID_MAPPING \(--map userId=Customer\): the file has no column "Customer"/m);
      expect(await api('event=Bad%20Order')).toEqual([]);
    });

    it('names --project and --secret-key when the server refuses them, and stores nothing', async () => {
      writeFileSync(path.join(cwd, 'orders-by-day.json'), JSON.stringify({ kind: 'trends', series: [{ matcher: { event: 'Order Line' }, measure: 'count' }], interval: 'day', from: '2010-12-01', to: '2010-12-06' }));
      const before = await api('');
      for (const args of [['query', 'orders-by-day.json'], ['export'], ['cohorts', 'list'], ['import', 'events.jsonl'], ['demo', '--customers', '10']]) {
        const unknown = await waymark(cwd, dataDir, ...args, '--project', 'nope');
        expect(unknown.code, args.join(' ')).toBe(2);
        expect(unknown.stderr, args.join(' ')).toMatch(/^error WM_\w+ \(--project\): /m);
      }
      for (const [args, flag] of [[['query', 'orders-by-day.json', '--secret-key'], '--secret-key'], [['export', '--secret-key'], '--secret-key'], [['cohorts', 'list', '--secret-key'], '--secret-key'], [['import', 'events.jsonl', '--write-key'], '--write-key']] as const) {
        const refused = await waymark(cwd, dataDir, ...args, 'wm_sk_nope');
        expect(refused.code, args.join(' ')).toBe(2);
        expect(refused.stderr, args.join(' ')).toMatch(new RegExp(`^error WM_AUTH_\\w+ \\(${flag}\\): `, 'm'));
        expect(refused.stdout, args.join(' ')).toBe('');
      }
      expect(await api('')).toEqual(before);
      // The credentials file's write key writes to its own project, named by id or slug.
      expect(await ok(cwd, dataDir, 'import', 'events.jsonl', '--project', 'default')).toMatch(/^5 rows: 0 stored, 5 already stored/);
    });

    it('keys rotate goes through the server: the old key stops working at once', async () => {
      const before = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as Record<string, string>;
      const after = JSON.parse(await ok(cwd, dataDir, 'keys', 'rotate', '--kind', 'write', '--json')) as Record<string, string>;
      expect(after['writeKey']).not.toBe(before['writeKey']);
      expect(after).toEqual({ ...before, writeKey: after['writeKey'] });
      expect(JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'))).toEqual(after);
      const send = (key: string) =>
        fetch(`${server.url}/v1/track`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
          body: JSON.stringify({ userId: 'u9', event: 'Rotated' }),
        }).then((r) => r.status);
      expect(await send(before['writeKey']!)).toBe(401);
      expect(await send(after['writeKey']!)).toBe(200);
    });
  });

  // These fail before the stores are opened, so they share one data directory and run together.
  describe('bad options', () => {
    let cwd: string;
    beforeAll(() => {
      cwd = tempDir('bad');
      writeInputs(cwd);
    });

    it.each([
      [['import', 'nope.jsonl'], /^error WM_CLI_INVALID_OPTION \(file\): no file "nope\.jsonl"/m],
      [['import', 'events.jsonl', '--format', 'xml'], /^error WM_CLI_INVALID_OPTION \(--format\): --format must be jsonl or csv/m],
      [['import', 'orders.csv', '--map', 'userId'], /^error WM_IMPORT_INVALID_MAPPING \(--map userId\): --map takes field=value, got "userId"/m],
      [['export', '--format', 'xml'], /^error WM_CLI_INVALID_OPTION \(--format\): --format must be one of jsonl, csv, parquet/m],
      [['export', '--format', 'parquet'], /^error WM_CLI_INVALID_OPTION \(--out\): Parquet is written to a file/m],
      [['export', '--from', 'notadate'], /^error WM_CLI_INVALID_OPTION \(--from\): --from must be an ISO-8601 date-time/m],
      [['export', '--to', '2026-02-30T00:00:00Z'], /^error WM_CLI_INVALID_OPTION \(--to\): --to must be an ISO-8601 date-time/m],
      [['keys', 'rotate'], /^error: required option '--kind <kind>' not specified/m],
      [['keys', 'rotate', '--kind', 'admin'], /^error WM_CLI_INVALID_OPTION \(--kind\): --kind must be write or secret/m],
    ])('waymark %j fails naming the option', async (args, expected) => {
      const result = await waymark(cwd, path.join(cwd, 'data'), ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(result.stdout).toBe('');
    });

    it.each([
      [{ PORT: 'eighty' }, /^error WM_CONFIG_INVALID \(PORT\): PORT must be an integer from 0 to 65535, got "eighty"/m],
      [{ WAYMARK_FLUSH_INTERVAL_MS: '5' }, /^error WM_CONFIG_INVALID \(WAYMARK_FLUSH_INTERVAL_MS\): .* from 10 to 60000, got "5"/m],
      [{ WAYMARK_LOG_LEVEL: 'loud' }, /^error WM_CONFIG_INVALID \(WAYMARK_LOG_LEVEL\): WAYMARK_LOG_LEVEL must be one of/m],
    ])('waymark start with %j fails naming the variable, before it makes its data directory', async (env, expected) => {
      const dataDir = path.join(cwd, 'start-data');
      const result = await waymarkWith(env, cwd, dataDir, 'start');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(existsSync(dataDir)).toBe(false);
    });
  });
});
