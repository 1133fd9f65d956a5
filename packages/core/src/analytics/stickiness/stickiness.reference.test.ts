import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { stickinessReference } from './stickiness.reference.ts';
import { validateStickinessSpec, type StickinessSpec } from './stickiness.spec.ts';

let seq = 0;
const ev = (personId: string, at: string, event = 'use'): AnalysisEvent => ({ personId, event, timestamp: Date.parse(at), sessionId: null, channel: 'web', properties: {}, seq: seq++ });
const table = (spec: StickinessSpec, events: AnalysisEvent[]) => stickinessReference(spec, events).periods.map((p) => [p.period, p.persons, p.days]);

describe('stickiness reference', () => {
  // The week of the switch to summer time in Berlin: Monday 25 to Sunday 31 March 2024 (a 167-hour week).
  const spec: StickinessSpec = { kind: 'stickiness', matcher: { event: 'use' }, interval: 'week', from: '2024-03-25T00:00:00+01:00', to: '2024-04-08T00:00:00+02:00', timeZone: 'Europe/Berlin' };
  const log = [
    ev('a', '2024-03-24T23:00:00Z'), // Monday 00:00 CET: first instant of the week
    ev('a', '2024-03-25T22:59:59.999Z'), // Monday 23:59:59.999: the same day
    ev('a', '2024-03-31T00:30:00Z'), // Sunday 01:30 CET
    ev('a', '2024-03-31T21:59:59.999Z'), // Sunday 23:59:59.999 CEST: the same day, last instant of the week
    ev('b', '2024-03-26T10:00:00Z'),
    ev('b', '2024-03-27T10:00:00Z'),
    ev('b', '2024-03-28T10:00:00Z', 'other'),
    ev('b', '2024-03-31T22:00:00Z'), // Monday 1 April 00:00 CEST: next week
    ...['25', '26', '27', '28', '29', '30', '31'].map((d) => ev('c', `2024-03-${d}T12:00:00Z`)),
  ];

  it('counts distinct local days per person and week, across daylight-saving time', () => {
    expect(table(spec, log)).toEqual([
      ['2024-03-25', 3, [0, 2, 0, 0, 0, 0, 1]], // a: Monday and Sunday; b: Tuesday and Wednesday; c: every day
      ['2024-04-01', 1, [1, 0, 0, 0, 0, 0, 0]],
    ]);
  });

  it('lists the persons of a period, or of those active on so many days of it', () => {
    const persons = (personsAt: StickinessSpec['personsAt']) => stickinessReference({ ...spec, personsAt }, log).persons;
    expect(persons({ period: '2024-03-25' })).toEqual(['a', 'b', 'c']);
    expect(persons({ period: '2024-03-25', days: 2 })).toEqual(['a', 'b']);
    expect(persons({ period: '2024-03-25', days: 7 })).toEqual(['c']);
    expect(persons({ period: '2024-04-01', days: 1 })).toEqual(['b']);
    expect(persons({ period: '2024-04-01', days: 3 })).toEqual([]);
    expect(() => persons({ period: '2024-03-18' })).toThrow(/personsAt.period: "2024-03-18" is not a period of the range \(2024-03-25 to 2024-04-01\)/);
  });

  it('reads the same instants in UTC days', () => {
    expect(table({ ...spec, timeZone: 'UTC', from: '2024-03-25T00:00:00Z', to: '2024-04-08T00:00:00Z' }, log)).toEqual([
      ['2024-03-25', 3, [0, 1, 1, 0, 0, 0, 1]], // a: Monday and Sunday (its Sunday 23:00 UTC event is in the week before); b: Tuesday, Wednesday, Sunday
      ['2024-04-01', 0, [0, 0, 0, 0, 0, 0, 0]],
    ]);
  });

  it('has 31 columns per month and reports empty periods', () => {
    const monthly: StickinessSpec = { ...spec, interval: 'month', from: '2024-02-10T00:00:00Z', to: '2024-03-10T00:00:00Z', timeZone: 'UTC' };
    const r = stickinessReference(monthly, [ev('d', '2024-03-01T00:00:00Z')]);
    expect(r.periods.map((p) => [p.period, p.persons, p.days.length, p.days[0]])).toEqual([
      ['2024-02-01', 0, 31, 0],
      ['2024-03-01', 1, 31, 1],
    ]);
  });
});

describe('validateStickinessSpec', () => {
  const ok: StickinessSpec = { kind: 'stickiness', matcher: { event: 'use' }, interval: 'month', from: '2024-01-01', to: '2024-02-01', timeZone: 'UTC' };
  it('accepts a valid spec', () => expect(validateStickinessSpec(ok)).toEqual({ kind: 'ok', spec: ok }));
  it("accepts as many days as the named period holds: a leap February's 29, a week's 7", () => {
    for (const change of [{ from: '2024-02-01', to: '2024-03-01', personsAt: { period: '2024-02-01', days: 29 } }, { interval: 'week' as const, personsAt: { period: '2024-01-01', days: 7 } }, { personsAt: { period: '2024-01-01', days: 31 } }]) {
      expect(validateStickinessSpec({ ...ok, ...change }).kind).toBe('ok');
    }
  });
  it.each([
    [{ interval: 'day' }, 'interval'],
    [{ matcher: { event: 'use', where: [{ property: 'p', op: 'contains' }] } }, 'matcher.where[0].value'],
    [{ from: '2024-13-01' }, 'from'],
    [{ personsAt: { period: '2024-01-01', days: 32 } }, 'personsAt.days'],
    [{ interval: 'week', personsAt: { period: '2024-01-01', days: 8 } }, 'personsAt.days'],
    [{ from: '2026-02-01', to: '2026-03-01', personsAt: { period: '2026-02-01', days: 29 } }, 'personsAt.days'],
    [{ from: '2024-02-01', to: '2024-03-01', personsAt: { period: '2024-02-01', days: 30 } }, 'personsAt.days'],
    [{ from: '2024-04-01', to: '2024-05-01', personsAt: { period: '2024-04-01', days: 31 } }, 'personsAt.days'],
    [{ personsAt: { period: 'Jan' } }, 'personsAt.period'],
  ])('rejects %j naming %s', (change, path) => {
    const r = validateStickinessSpec({ ...ok, ...change });
    expect(r.kind === 'error' && [r.error.code, r.error.path]).toEqual(['WM_REQUEST_INVALID', path]);
  });
});
