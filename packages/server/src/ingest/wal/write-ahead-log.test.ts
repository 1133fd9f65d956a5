import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteAheadLog, type WalRecord } from './write-ahead-log.ts';

let dir: string;
const open: WriteAheadLog[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-wal-'));
});
afterEach(async () => {
  for (const wal of open.splice(0)) await wal.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function openLog(afterSeq = 0): Promise<{ wal: WriteAheadLog; records: WalRecord[] }> {
  const result = await WriteAheadLog.open(dir, afterSeq);
  open.push(result.wal);
  return result;
}

async function closeLog(wal: WriteAheadLog): Promise<void> {
  open.splice(open.indexOf(wal), 1);
  await wal.close();
}

const segments = () => readdirSync(dir).filter((name) => name.endsWith('.wal')).sort();
const json = (i: number) => JSON.stringify({ i, text: `record ${i}` });

describe('WriteAheadLog', () => {
  it('numbers records 1, 2, 3... and keeps counting after a reopen', async () => {
    const { wal, records } = await openLog();
    expect(records).toEqual([]);
    expect(wal.lastSeq).toBe(0);
    expect(wal.append([json(1), json(2)])).toEqual([1, 2]);
    expect(wal.append([json(3)])).toEqual([3]);
    await wal.waitDurable(3);
    expect(wal.durableSeq).toBe(3);
    await closeLog(wal);

    const reopened = await openLog();
    expect(reopened.wal.lastSeq).toBe(3);
    expect(reopened.wal.append([json(4), json(5)])).toEqual([4, 5]);
    await closeLog(reopened.wal);

    const third = await openLog();
    expect(third.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(third.wal.append([json(6)])).toEqual([6]);
  });

  it('returns, on reopen, the records after the checkpoint in order, with their JSON intact', async () => {
    const { wal } = await openLog();
    const texts = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, tab: 'a\\tb', unicode: 'ß→✓' }));
    const seqs = wal.append(texts);
    await closeLog(wal);

    const { wal: again, records } = await openLog(12);
    expect(records).toEqual(seqs.slice(12).map((seq, k) => ({ seq, text: texts[12 + k] })));
    // New records follow the highest seq in the log, not the checkpoint.
    expect(again.append([json(21)])).toEqual([21]);
  });

  it('continues after the checkpoint when the log holds nothing past it', async () => {
    const { wal, records } = await openLog(41);
    expect(records).toEqual([]);
    expect(wal.append([json(42)])).toEqual([42]);
  });

  it('ignores a torn last line and keeps appending cleanly after it', async () => {
    const { wal } = await openLog();
    wal.append([json(1), json(2), json(3)]);
    await closeLog(wal);
    const [file] = segments();
    appendFileSync(path.join(dir, file!), '4\t{"i":4,"te'); // a write cut short by a crash

    const reopened = await openLog();
    expect(reopened.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(reopened.wal.append([json(4), json(5)])).toEqual([4, 5]);
    await closeLog(reopened.wal);

    const { records } = await openLog();
    expect(records).toEqual([1, 2, 3, 4, 5].map((i) => ({ seq: i, text: json(i) })));
  });

  it('recovers when the torn line is the only content of the segment it reopens into', async () => {
    // A crash during the first write to a fresh segment: the next start appends to that same
    // file, so the torn bytes must not be glued to the next record.
    const first = await openLog();
    await closeLog(first.wal);
    const [file] = segments();
    appendFileSync(path.join(dir, file!), '1\t{"i":1,"te');

    const reopened = await openLog();
    expect(reopened.records).toEqual([]);
    expect(reopened.wal.append([json(1), json(2)])).toEqual([1, 2]);
    await closeLog(reopened.wal);

    const { records } = await openLog();
    expect(records).toEqual([1, 2].map((i) => ({ seq: i, text: json(i) })));
    for (const r of records) expect(() => JSON.parse(r.text)).not.toThrow();
  });

  it('makes 1,000 appends issued in one tick durable together and reads them all back', async () => {
    const { wal } = await openLog();
    const seqs: number[] = [];
    for (let i = 1; i <= 1000; i++) seqs.push(...wal.append([json(i)]));
    expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const waits = [wal.waitDurable(1), wal.waitDurable(500), wal.waitDurable(1000)];
    await Promise.all(waits);
    expect(wal.durableSeq).toBe(1000);
    await closeLog(wal);

    const { records } = await openLog();
    expect(records.length).toBe(1000);
    expect(records.map((r) => r.seq)).toEqual(seqs);
    expect(records.map((r) => (JSON.parse(r.text) as { i: number }).i)).toEqual(seqs);
  });

  it('resolves waitDurable at once for records already on disk', async () => {
    const { wal } = await openLog();
    wal.append([json(1)]);
    await wal.waitDurable(1);
    let resolved = false;
    const waiting = wal.waitDurable(1).then(() => (resolved = true));
    await Promise.resolve();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('truncates only segments wholly at or below the checkpoint, never the live one', async () => {
    // Every open starts a new segment: three opens give segments from seq 1, 11 and 16.
    const a = await openLog();
    a.wal.append(Array.from({ length: 10 }, (_, i) => json(i + 1)));
    await closeLog(a.wal);
    const b = await openLog();
    b.wal.append(Array.from({ length: 5 }, (_, i) => json(i + 11)));
    await closeLog(b.wal);
    const c = await openLog();
    const { wal } = c;
    wal.append(Array.from({ length: 5 }, (_, i) => json(i + 16)));
    await wal.waitDurable(20);
    const name = (seq: number) => `${String(seq).padStart(16, '0')}.wal`;
    expect(segments()).toEqual([name(1), name(11), name(16)]);

    await wal.truncate(9); // record 10 of the first segment is not in the store yet
    expect(segments()).toEqual([name(1), name(11), name(16)]);
    await wal.truncate(10);
    expect(segments()).toEqual([name(11), name(16)]);
    await wal.truncate(14);
    expect(segments()).toEqual([name(11), name(16)]);
    await wal.truncate(1_000); // everything is in the store: the live segment stays
    expect(segments()).toEqual([name(16)]);

    // Appends still go to the live segment; what is above the checkpoint survives a reopen.
    expect(wal.append([json(21)])).toEqual([21]);
    await closeLog(wal);
    const { records } = await openLog(17);
    expect(records.map((r) => r.seq)).toEqual([18, 19, 20, 21]);
  });

  it('keeps records above the checkpoint through truncate and reopen', async () => {
    const a = await openLog();
    a.wal.append(Array.from({ length: 6 }, (_, i) => json(i + 1)));
    await closeLog(a.wal);
    const b = await openLog(3);
    expect(b.records.map((r) => r.seq)).toEqual([4, 5, 6]);
    await b.wal.truncate(3); // the first segment still holds 4..6
    await closeLog(b.wal);
    const { records } = await openLog(3);
    expect(records).toEqual([4, 5, 6].map((i) => ({ seq: i, text: json(i) })));
  });
});
