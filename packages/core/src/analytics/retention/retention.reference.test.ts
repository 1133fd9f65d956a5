import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { retentionReference } from './retention.reference.ts';
import { periodLabel, periodNumber, periodOf } from '../calendar-periods.ts';
import { validateRetentionSpec, type RetentionSpec } from './retention.spec.ts';

let seq = 0;
const ev = (personId: string, event: string, at: string, properties: Record<string, unknown> = {}): AnalysisEvent => ({
  personId, event, timestamp: Date.parse(at), sessionId: null, channel: 'web', properties, seq: seq++,
});
const cohorts = (r: ReturnType<typeof retentionReference>) => r.cohorts.map((c) => [c.cohort, c.size, c.returned]);

describe('retention reference', () => {
  // Weeks in Berlin around the switch to summer time (Sunday 31 March 2024, 02:00 -> 03:00).
  const log = [
    ev('a', 'signup', '2024-03-18T09:00:00Z'),
    ev('a', '$page', '2024-03-25T09:00:00Z'), // week 1
    ev('a', '$page', '2024-04-08T08:00:00Z'), // week 3
    ev('b', 'signup', '2024-03-24T23:30:00Z'), // Monday 00:30 in Berlin (Sunday in UTC)
    ev('b', '$page', '2024-03-31T21:59:59.999Z'), // Sunday 23:59:59.999 CEST: still week 0
    ev('b', '$page', '2024-03-31T22:00:00.000Z'), // Monday 00:00 CEST: week 1
    ev('c', 'signup', '2024-03-31T22:30:00Z'), // Monday 1 April 00:30 CEST
    ev('d', 'signup', '2024-03-04T10:00:00Z'), // first signup before the range: in no cohort
    ev('d', 'signup', '2024-03-19T10:00:00Z'),
    ev('d', '$page', '2024-03-26T10:00:00Z'),
    ev('e', '$page', '2024-03-19T10:00:00Z'), // before e's signup, same week: a return in period 0
    ev('e', 'signup', '2024-03-20T12:00:00Z'),
  ];
  const spec: RetentionSpec = {
    kind: 'retention', cohortEvent: { event: 'signup' }, returnEvent: { event: '$page' }, interval: 'week', periods: 3,
    from: '2024-03-18T00:00:00+01:00', to: '2024-04-08T00:00:00+02:00', timeZone: 'Europe/Berlin',
  };

  it("lists the persons of a cohort, and of one of its cells", () => {
    const persons = (personsAt: RetentionSpec['personsAt']) => retentionReference({ ...spec, personsAt }, log).persons;
    expect(persons({ cohort: '2024-03-18' })).toEqual(['a', 'e']);
    expect(persons({ cohort: '2024-03-18', period: 0 })).toEqual(['e']);
    expect(persons({ cohort: '2024-03-18', period: 3 })).toEqual(['a']);
    expect(persons({ cohort: '2024-03-25', period: 1 })).toEqual(['b']);
    expect(persons({ cohort: '2024-04-01', period: 1 })).toEqual([]);
    expect(retentionReference(spec, log).persons).toBeUndefined();
    expect(() => persons({ cohort: '2024-03-11' })).toThrow(/personsAt.cohort: "2024-03-11" is not a period of the range \(2024-03-18 to 2024-04-01\)/);
  });

  it('counts weekly cohorts by calendar weeks in the time zone, across daylight-saving time', () => {
    const r = retentionReference(spec, log);
    expect(cohorts(r)).toEqual([
      ['2024-03-18', 2, [1, 1, 0, 1]],
      ['2024-03-25', 1, [1, 1, 0, 0]],
      ['2024-04-01', 1, [0, 0, 0, 0]],
    ]);
    expect(r.cohorts[0]!.rates).toEqual([0.5, 0.5, 0, 0.5]);
    expect(r).toMatchObject({ kind: 'retention', interval: 'week', periods: 3 });
  });

  it('counts those back on or after each week, however long after, with returning: onOrAfter', () => {
    // a is back in weeks 1 and 3, b in weeks 0 and 1, e in week 0; f, who signs up in week 2, is back 9 weeks later only.
    const later = [...log, ev('f', 'signup', '2024-04-02T10:00:00Z'), ev('f', '$page', '2024-06-04T10:00:00Z')];
    const onOrAfter = { ...spec, returning: 'onOrAfter' } satisfies RetentionSpec;
    expect(cohorts(retentionReference(onOrAfter, later))).toEqual([
      ['2024-03-18', 2, [2, 1, 1, 1]],
      ['2024-03-25', 1, [1, 1, 0, 0]],
      ['2024-04-01', 2, [1, 1, 1, 1]],
    ]);
    expect(retentionReference({ ...onOrAfter, personsAt: { cohort: '2024-03-18', period: 2 } }, later).persons).toEqual(['a']);
    // Back on each week only, f is back in none of the three after its own.
    expect(cohorts(retentionReference(spec, later))[2]).toEqual(['2024-04-01', 2, [0, 0, 0, 0]]);
  });

  it('puts the same instants in other weeks in UTC', () => {
    const r = retentionReference({ ...spec, timeZone: 'UTC', from: '2024-03-18T00:00:00Z', to: '2024-04-08T00:00:00Z' }, log);
    expect(cohorts(r)).toEqual([
      ['2024-03-18', 3, [1, 2, 0, 1]], // b's Sunday signup is week 0; its pages are in week 1 (Sunday 21:59 and 22:00 UTC)
      ['2024-03-25', 1, [0, 0, 0, 0]], // c signs up on Sunday 31 March in UTC
      ['2024-04-01', 0, [0, 0, 0, 0]],
    ]);
  });

  it('counts days by the calendar on a 23-hour day, the cohort event returning in period 0 when it matches both', () => {
    const days = [
      ev('f', 'open', '2024-03-09T12:00:00-05:00'),
      ev('f', 'open', '2024-03-10T23:30:00-04:00'), // 34.5 hours later, but the next calendar day
      ev('f', 'open', '2024-03-11T00:00:00-04:00'),
      ev('g', 'open', '2024-03-09T23:59:59.999-05:00'),
      ev('g', 'open', '2024-03-12T00:00:00-04:00'), // day 3: beyond periods
    ];
    const r = retentionReference(
      { kind: 'retention', cohortEvent: { event: 'open' }, returnEvent: { event: 'open' }, interval: 'day', periods: 2, from: '2024-03-09T00:00:00-05:00', to: '2024-03-10T00:00:00-05:00', timeZone: 'America/New_York' },
      days,
    );
    expect(cohorts(r)).toEqual([['2024-03-09', 2, [2, 1, 1]]]);
    expect(r.cohorts[0]!.rates).toEqual([1, 0.5, 0.5]);
  });

  it('rounds the range out to whole months and reports empty cohorts', () => {
    const monthly: RetentionSpec = { ...spec, interval: 'month', periods: 1, from: '2024-01-15T00:00:00Z', to: '2024-03-01T00:00:00Z', timeZone: 'UTC' };
    expect(retentionReference(monthly, [])).toEqual({
      kind: 'retention', interval: 'month', periods: 1,
      cohorts: [
        { cohort: '2024-01-01', size: 0, returned: [0, 0], rates: [0, 0] },
        { cohort: '2024-02-01', size: 0, returned: [0, 0], rates: [0, 0] },
      ],
    });
  });

  it('counts a single-event person in their cohort only', () => {
    const r = retentionReference({ ...spec, timeZone: 'UTC', from: '2024-03-18T00:00:00Z', to: '2024-03-25T00:00:00Z' }, [ev('h', 'signup', '2024-03-18T00:00:00Z')]);
    expect(cohorts(r)).toEqual([['2024-03-18', 1, [0, 0, 0, 0]]]);
    const same = retentionReference({ ...spec, returnEvent: { event: 'signup' }, timeZone: 'UTC', from: '2024-03-18T00:00:00Z', to: '2024-03-25T00:00:00Z' }, [ev('h', 'signup', '2024-03-18T00:00:00Z')]);
    expect(cohorts(same)).toEqual([['2024-03-18', 1, [1, 0, 0, 0]]]);
  });

  it('filters by property conditions', () => {
    const r = retentionReference(
      { ...spec, returnEvent: { event: '$page', where: [{ property: 'path', op: 'eq', value: '/pricing' }] }, timeZone: 'UTC', from: '2024-03-18T00:00:00Z', to: '2024-03-25T00:00:00Z' },
      [ev('i', 'signup', '2024-03-18T10:00:00Z'), ev('i', '$page', '2024-03-26T10:00:00Z', { path: '/' }), ev('i', '$page', '2024-04-02T10:00:00Z', { path: '/pricing' })],
    );
    expect(cohorts(r)).toEqual([['2024-03-18', 1, [0, 0, 1, 0]]]);
  });
});

describe('calendar period numbers', () => {
  it('count whole days, Monday weeks and months, and invert', () => {
    expect(periodNumber('1970-01-01', 'day')).toBe(0);
    expect(periodNumber('1970-01-05', 'week')).toBe(0);
    expect(periodNumber('1970-02-01', 'month')).toBe(1);
    expect(periodNumber('2024-04-01', 'week') - periodNumber('2024-03-25', 'week')).toBe(1);
    for (const interval of ['day', 'week', 'month'] as const) {
      for (const n of [-3, 0, 1, 2830, 19813]) expect(periodNumber(periodLabel(n, interval), interval)).toBe(n);
    }
    expect(periodOf(Date.parse('2024-03-31T22:00:00Z'), 'week', 'Europe/Berlin')).toBe(periodNumber('2024-04-01', 'week'));
  });
});

describe('validateRetentionSpec', () => {
  const ok: RetentionSpec = {
    kind: 'retention', cohortEvent: { event: 'signup' }, returnEvent: { event: '$page' }, interval: 'week', periods: 8, from: '2024-01-01', to: '2024-03-01', timeZone: 'Europe/Berlin',
  };
  it('accepts a valid spec, with or without a time zone', () => {
    expect(validateRetentionSpec(ok)).toEqual({ kind: 'ok', spec: ok });
    const { timeZone: _, ...noZone } = ok;
    expect(validateRetentionSpec(noZone, { defaultTimeZone: 'Asia/Kolkata' }).kind).toBe('ok');
  });
  it.each([
    [{ periods: 0 }, 'periods'],
    [{ periods: 53 }, 'periods'],
    [{ periods: 1.5 }, 'periods'],
    [{ interval: 'hour' }, 'interval'],
    [{ cohortEvent: {} }, 'cohortEvent'],
    [{ cohortEvent: { event: 3 } }, 'cohortEvent.event'],
    [{ returnEvent: { anyOf: [{ event: 'x' }, { event: 'y', where: [{ property: 'p', op: 'exists', value: 1 }] }] } }, 'returnEvent.anyOf[1].where[0].value'],
    [{ returnEvent: { event: 'x', where: [{ property: 'p', op: 'in', value: 'a' }] } }, 'returnEvent.where[0].value'],
    [{ cohortEvent: { event: 'x', where: [{ property: 'p', op: 'gt', value: 'a' }] } }, 'cohortEvent.where[0].value'],
    [{ personsAt: { cohort: '2024-01-01', period: 99 } }, 'personsAt.period'],
    [{ personsAt: { cohort: 'January' } }, 'personsAt.cohort'],
    [{ personsAt: { cohort: '2024-01-01', also: 1 } }, 'personsAt.also'],
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2023-12-31' }, 'to'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ kind: 'trends' }, 'kind'],
  ])('rejects %j naming %s', (change, path) => {
    const r = validateRetentionSpec({ ...ok, ...change });
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect([r.error.code, r.error.path]).toEqual(['WM_REQUEST_INVALID', path]);
  });
  it('rejects an unknown field', () => {
    const r = validateRetentionSpec({ ...ok, cohorts: 3 });
    expect(r.kind === 'error' && r.error.path).toBe('cohorts');
  });
});
