import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { lifecycleReference } from './lifecycle.reference.ts';
import { validateLifecycleSpec, type LifecycleSpec } from './lifecycle.spec.ts';

let seq = 0;
const ev = (personId: string, at: string, event = 'use'): AnalysisEvent => ({ personId, event, timestamp: Date.parse(at), sessionId: null, channel: 'web', properties: {}, seq: seq++ });
const table = (spec: LifecycleSpec, events: AnalysisEvent[]) => lifecycleReference(spec, events).periods.map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant]);

describe('lifecycle reference', () => {
  // Weeks in New York around the switch to daylight-saving time (Sunday 10 March 2024).
  const spec: LifecycleSpec = { kind: 'lifecycle', matcher: { event: 'use' }, interval: 'week', from: '2024-03-04T00:00:00-05:00', to: '2024-04-01T00:00:00-04:00', timeZone: 'America/New_York' };
  const log = [
    ev('a', '2024-02-27T12:00:00Z'), // before the range: a is not new later
    ev('a', '2024-03-12T12:00:00Z'),
    ev('a', '2024-03-19T12:00:00Z'),
    ev('a', '2024-04-02T12:00:00Z'), // after the range: ignored
    ev('b', '2024-03-05T12:00:00Z'),
    ev('b', '2024-03-26T12:00:00Z'),
    ev('b', '2024-03-13T12:00:00Z', 'other'),
    ev('c', '2024-03-11T03:59:59.999Z'), // Sunday 23:59:59.999 EDT: week of 4 March
    ev('c', '2024-03-11T04:00:00.000Z'), // Monday 00:00 EDT: week of 11 March
    ev('d', '2024-03-25T04:00:00.000Z'), // a single event, on the first instant of the week
  ];

  it('classifies persons per calendar week in the time zone (columns: new, returning, resurrecting, dormant)', () => {
    expect(table(spec, log)).toEqual([
      ['2024-03-04', 2, 0, 0, 1],
      ['2024-03-11', 0, 1, 1, 1],
      ['2024-03-18', 0, 1, 0, 1],
      ['2024-03-25', 1, 0, 1, 1],
    ]);
  });

  it('lists the persons of one status in one period', () => {
    const persons = (personsAt: LifecycleSpec['personsAt']) => lifecycleReference({ ...spec, personsAt }, log).persons;
    expect(persons({ period: '2024-03-04', status: 'new' })).toEqual(['b', 'c']);
    expect(persons({ period: '2024-03-04', status: 'dormant' })).toEqual(['a']);
    expect(persons({ period: '2024-03-11', status: 'resurrecting' })).toEqual(['a']);
    expect(persons({ period: '2024-03-11', status: 'returning' })).toEqual(['c']);
    expect(persons({ period: '2024-03-25', status: 'returning' })).toEqual([]);
    expect(lifecycleReference(spec, log).persons).toBeUndefined();
    expect(() => persons({ period: '2024-03-05', status: 'new' })).toThrow(/personsAt.period: "2024-03-05" is not a period of the range \(2024-03-04 to 2024-03-25\)/);
  });

  it('reads the same instants in UTC weeks', () => {
    expect(table({ ...spec, timeZone: 'UTC', from: '2024-03-04T00:00:00Z', to: '2024-04-01T00:00:00Z' }, log)).toEqual([
      ['2024-03-04', 1, 0, 0, 1], // b new; a dormant
      ['2024-03-11', 1, 0, 1, 1], // c new (both events are Monday in UTC); a resurrecting; b dormant
      ['2024-03-18', 0, 1, 0, 1], // a returning; c dormant
      ['2024-03-25', 1, 0, 1, 1], // d new; b resurrecting; a dormant
    ]);
  });

  it('counts days by the calendar across the 23-hour day', () => {
    const days: LifecycleSpec = { ...spec, interval: 'day', from: '2024-03-09T00:00:00-05:00', to: '2024-03-12T00:00:00-04:00' };
    expect(table(days, [ev('e', '2024-03-09T23:30:00-05:00'), ev('e', '2024-03-10T23:30:00-04:00'), ev('f', '2024-03-11T00:00:00-04:00')])).toEqual([
      ['2024-03-09', 1, 0, 0, 0],
      ['2024-03-10', 0, 1, 0, 0],
      ['2024-03-11', 1, 0, 0, 1],
    ]);
  });

  it('reports every period of an empty log as zeros', () => {
    expect(lifecycleReference({ ...spec, interval: 'month', from: '2024-01-31T00:00:00Z', to: '2024-02-02T00:00:00Z', timeZone: 'UTC' }, [])).toEqual({
      kind: 'lifecycle', interval: 'month',
      periods: [
        { period: '2024-01-01', new: 0, returning: 0, resurrecting: 0, dormant: 0 },
        { period: '2024-02-01', new: 0, returning: 0, resurrecting: 0, dormant: 0 },
      ],
    });
  });
});

describe('validateLifecycleSpec', () => {
  const ok: LifecycleSpec = { kind: 'lifecycle', matcher: { event: 'use' }, interval: 'day', from: '2024-01-01', to: '2024-02-01', timeZone: 'UTC' };
  it('accepts a valid spec', () => expect(validateLifecycleSpec(ok)).toEqual({ kind: 'ok', spec: ok }));
  it.each([
    [{ interval: 'hour' }, 'interval'],
    [{ matcher: { event: 'use', where: [{ property: 'p', op: 'exists', value: 1 }] } }, 'matcher.where[0].value'],
    [{ to: '2024-01-01' }, 'to'],
    [{ matcher: undefined }, 'matcher'],
    [{ personsAt: { period: '2024-01-01', status: 'lost' } }, 'personsAt.status'],
    [{ personsAt: { period: '2024-01-01' } }, 'personsAt.status'],
    [{ personsAt: { period: 'Jan', status: 'new' } }, 'personsAt.period'],
  ])('rejects %j naming %s', (change, path) => {
    const r = validateLifecycleSpec({ ...ok, ...change });
    expect(r.kind === 'error' && [r.error.code, r.error.path]).toEqual(['WM_REQUEST_INVALID', path]);
  });
});
