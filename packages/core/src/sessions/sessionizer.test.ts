import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash64Base64url } from '../util/hash.ts';
import { SESSION_TIMEOUT_MS, Sessionizer } from './sessionizer.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 5, 1, 9, 0);
const idOf = (device: string, start: number, projectId = 'p') => hash64Base64url(`${projectId}\u0000${device}\u0000${start}`);

describe('Sessionizer', () => {
  it('ends a session after 30 minutes without an event from the device', () => {
    expect(SESSION_TIMEOUT_MS).toBe(30 * MIN);
    const s = new Sessionizer();
    const first = s.assign('p', 'd1', T0);
    expect(first).toBe(idOf('d1', T0));
    expect(s.assign('p', 'd1', T0 + 10 * MIN)).toBe(first);
    expect(s.assign('p', 'd1', T0 + 40 * MIN)).toBe(first); // 30 min after the previous event, exactly
    const second = s.assign('p', 'd1', T0 + 70 * MIN + 1);
    expect(second).not.toBe(first);
    expect(second).toBe(idOf('d1', T0 + 70 * MIN + 1));
  });

  it('measures the gap from the last event, not from the start', () => {
    const s = new Sessionizer();
    const id = s.assign('p', 'd1', T0);
    for (let i = 1; i <= 10; i++) expect(s.assign('p', 'd1', T0 + i * 25 * MIN)).toBe(id);
  });

  it('keeps devices and projects apart', () => {
    const s = new Sessionizer();
    const a = s.assign('p', 'd1', T0);
    const b = s.assign('p', 'd2', T0);
    const c = s.assign('q', 'd1', T0);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(s.assign('p', 'd1', T0 + MIN)).toBe(a);
    expect(s.size).toBe(3);
  });

  it('lets a late event within 30 minutes of the open session join it', () => {
    const s = new Sessionizer();
    const id = s.assign('p', 'd1', T0);
    s.assign('p', 'd1', T0 + 20 * MIN);
    expect(s.assign('p', 'd1', T0 + 5 * MIN)).toBe(id); // inside the session
    expect(s.assign('p', 'd1', T0 - 25 * MIN)).toBe(id); // before its start, within 30 min: the session starts earlier
    expect(s.assign('p', 'd1', T0 - 50 * MIN)).toBe(id); // within 30 min of the new start
    // The late events did not move the end: 30 min after the last event still continues it.
    expect(s.assign('p', 'd1', T0 + 50 * MIN)).toBe(id);
  });

  it('gives a late event far before the open session a session of its own, leaving the open one alone', () => {
    const s = new Sessionizer();
    const id = s.assign('p', 'd1', T0);
    const late = s.assign('p', 'd1', T0 - 31 * MIN);
    expect(late).not.toBe(id);
    expect(late).toBe(idOf('d1', T0 - 31 * MIN));
    expect(s.assign('p', 'd1', T0 + MIN)).toBe(id);
  });

  it('continues a restored session', () => {
    const s = new Sessionizer();
    s.restore('p', 'd1', 'restored', T0, T0 + 10 * MIN);
    expect(s.assign('p', 'd1', T0 + 30 * MIN)).toBe('restored');
    expect(s.assign('p', 'd1', T0 + 61 * MIN)).not.toBe('restored');
  });

  it('keeps at most maxOpen sessions, forgetting the least recently continued', () => {
    const s = new Sessionizer({ maxOpen: 2 });
    const a = s.assign('p', 'a', T0);
    const b = s.assign('p', 'b', T0 + MIN);
    expect(s.assign('p', 'a', T0 + 2 * MIN)).toBe(a); // a is now the most recent
    s.assign('p', 'c', T0 + 3 * MIN); // evicts b
    expect(s.size).toBe(2);
    expect(s.assign('p', 'a', T0 + 4 * MIN)).toBe(a);
    const b2 = s.assign('p', 'b', T0 + 5 * MIN);
    expect(b2).not.toBe(b); // b's session was forgotten: a new one starts
    expect(b2).toBe(idOf('b', T0 + 5 * MIN));
    expect(s.size).toBe(2);
  });

  it('honours a custom timeout', () => {
    const s = new Sessionizer({ timeoutMs: 5 * MIN });
    const id = s.assign('p', 'd', T0);
    expect(s.assign('p', 'd', T0 + 5 * MIN)).toBe(id);
    expect(s.assign('p', 'd', T0 + 10 * MIN + 1)).not.toBe(id);
  });

  it('splits in-order events exactly at gaps over 30 minutes, with ids from each first event', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * MIN }), { minLength: 1, maxLength: 50 }), (gaps) => {
        const s = new Sessionizer();
        let t = T0;
        let start = T0;
        for (let i = 0; i < gaps.length; i++) {
          t += i === 0 ? 0 : gaps[i]!;
          if (i > 0 && gaps[i]! > SESSION_TIMEOUT_MS) start = t;
          expect(s.assign('p', 'd', t)).toBe(idOf('d', start));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('assigns the same ids to the same events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ device: fc.constantFrom('d1', 'd2', 'd3'), at: fc.integer({ min: T0, max: T0 + 6 * 3_600_000 }) }), { maxLength: 60 }),
        (events) => {
          const a = new Sessionizer();
          const b = new Sessionizer({ maxOpen: 3 });
          for (const e of events) expect(a.assign('p', e.device, e.at)).toBe(b.assign('p', e.device, e.at));
        },
      ),
      { numRuns: 200 },
    );
  });
});
