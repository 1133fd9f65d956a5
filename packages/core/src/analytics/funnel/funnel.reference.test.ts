import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { breakdownValuesLeftOut } from '../breakdown-limit.ts';
import { funnelReference } from './funnel.reference.ts';
import { validateFunnelSpec, type FunnelSpec } from './funnel.spec.ts';

const T = Date.UTC(2024, 0, 1);
const S = 1000;

/** [person, event, seconds after T, properties?, channel?]: seq is the row's position unless given. */
type Row = readonly [string, string, number, Record<string, unknown>?, string?];
const log = (...rows: Row[]): AnalysisEvent[] =>
  rows.map(([personId, event, at, properties = {}, channel = 'web'], seq) => ({ personId, event, timestamp: T + at * S, sessionId: null, channel, properties, seq }));

const funnel = (events: readonly string[], extra: Partial<FunnelSpec> = {}): FunnelSpec => ({
  kind: 'funnel',
  steps: events.map((event) => ({ event })),
  window: { value: 1, unit: 'hour' },
  order: 'ordered',
  from: '2024-01-01T00:00:00Z',
  to: '2024-01-02T00:00:00Z',
  ...extra,
});

const counts = (spec: FunnelSpec, events: AnalysisEvent[]) => funnelReference(spec, events).overall.steps.map((s) => s.persons);

interface Scenario {
  readonly name: string;
  readonly spec: FunnelSpec;
  readonly events: AnalysisEvent[];
  readonly persons: readonly number[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'ordered: later steps must come later; other events between are fine',
    spec: funnel(['a', 'b', 'c']),
    events: log(['p1', 'a', 0], ['p1', 'x', 5], ['p1', 'b', 10], ['p1', 'c', 20], ['p2', 'a', 0], ['p2', 'c', 5], ['p2', 'b', 10], ['p3', 'b', 0], ['p3', 'c', 1]),
    persons: [2, 2, 1],
  },
  {
    name: 'ordered: one event is one step, even if it matches two',
    spec: funnel(['a', 'a']),
    events: log(['p1', 'a', 0], ['p2', 'a', 0], ['p2', 'a', 1]),
    persons: [2, 1],
  },
  {
    name: 'strict: any event between two steps breaks the attempt, a later clean attempt counts',
    spec: funnel(['a', 'b', 'c'], { order: 'strict' }),
    events: log(['p1', 'a', 0], ['p1', 'b', 1], ['p1', 'c', 2], ['p2', 'a', 0], ['p2', 'x', 1], ['p2', 'b', 2], ['p2', 'c', 3], ['p3', 'a', 0], ['p3', 'b', 1], ['p3', 'x', 2], ['p3', 'a', 3], ['p3', 'b', 4], ['p3', 'c', 5]),
    persons: [3, 2, 2],
  },
  {
    name: 'any: steps in any order within the window; the count is how many distinct steps',
    spec: funnel(['a', 'b', 'c'], { order: 'any' }),
    events: log(['p1', 'c', 0], ['p1', 'a', 10], ['p1', 'b', 20], ['p2', 'b', 0], ['p3', 'c', 0], ['p3', 'a', 3601]),
    persons: [3, 1, 1],
  },
  {
    name: 'window: a step exactly one window after the first counts, 1 ms later does not',
    spec: funnel(['a', 'b'], { window: { value: 1, unit: 'minute' } }),
    events: [...log(['p1', 'a', 0], ['p1', 'b', 60]), { ...log(['p2', 'a', 0])[0]!, seq: 10 }, { ...log(['p2', 'b', 60])[0]!, timestamp: T + 60_001, seq: 11 }],
    persons: [2, 1],
  },
  {
    name: 'range: the first step in [from, to); later steps may fall after to, within the window',
    spec: funnel(['a', 'b'], { to: '2024-01-01T01:00:00Z' }),
    events: log(['p1', 'a', 3599], ['p1', 'b', 3700], ['p2', 'a', 3600], ['p2', 'b', 3601], ['p3', 'a', -1], ['p3', 'b', 1]),
    persons: [1, 1],
  },
  {
    name: 'ties: same timestamp counts in arrival order (seq)',
    spec: funnel(['a', 'b'], { order: 'strict' }),
    events: [
      { personId: 'p1', event: 'a', timestamp: T, sessionId: null, channel: 'web', properties: {}, seq: 1 },
      { personId: 'p1', event: 'b', timestamp: T, sessionId: null, channel: 'web', properties: {}, seq: 2 },
      { personId: 'p2', event: 'b', timestamp: T, sessionId: null, channel: 'web', properties: {}, seq: 3 },
      { personId: 'p2', event: 'a', timestamp: T, sessionId: null, channel: 'web', properties: {}, seq: 4 },
    ],
    persons: [2, 1],
  },
  {
    name: 'exclusions: void attempts; a person with only void attempts leaves the funnel',
    spec: funnel(['a', 'b', 'c'], { exclusions: [{ matcher: { event: 'x' }, afterStep: 0, beforeStep: 2 }] }),
    events: log(
      ['p1', 'a', 0], ['p1', 'x', 1], ['p1', 'b', 2], ['p1', 'c', 3], // void: x between a and c
      ['p2', 'a', 0], ['p2', 'b', 1], ['p2', 'c', 2], ['p2', 'x', 3], // x after c: fine
      ['p3', 'a', 0], ['p3', 'x', 1], ['p3', 'b', 2], // never reached c: not void
      ['p4', 'a', 0], ['p4', 'x', 1], ['p4', 'b', 2], ['p4', 'c', 3], ['p4', 'a', 10], ['p4', 'b', 11], ['p4', 'c', 12], // second attempt clean
    ),
    persons: [3, 3, 2],
  },
  {
    name: 'exclusions between later steps only look between those steps',
    spec: funnel(['a', 'b', 'c'], { exclusions: [{ matcher: { event: 'x' }, afterStep: 1, beforeStep: 2 }] }),
    events: log(['p1', 'a', 0], ['p1', 'x', 1], ['p1', 'b', 2], ['p1', 'c', 3], ['p2', 'a', 0], ['p2', 'b', 1], ['p2', 'x', 2], ['p2', 'c', 3]),
    persons: [1, 1, 1],
  },
  {
    name: 'hold constant: every step shares the first step’s value (missing equals missing)',
    spec: funnel(['a', 'b'], { holdConstant: ['k'] }),
    events: log(['p1', 'a', 0, { k: 'x' }], ['p1', 'b', 1, { k: 'y' }], ['p1', 'b', 2, { k: 'x' }], ['p2', 'a', 0, { k: 'x' }], ['p2', 'b', 1, { k: 'y' }], ['p3', 'a', 0], ['p3', 'b', 1]),
    persons: [3, 2],
  },
  {
    name: 'the furthest attempt wins: a later first step can convert when an earlier one cannot',
    spec: funnel(['a', 'b'], { window: { value: 1, unit: 'minute' } }),
    events: log(['p1', 'a', 0], ['p1', 'a', 100], ['p1', 'b', 150]),
    persons: [1, 1],
  },
  { name: 'no events', spec: funnel(['a', 'b']), events: [], persons: [0, 0] },
  { name: 'a single event', spec: funnel(['a', 'b']), events: log(['p1', 'a', 0]), persons: [1, 0] },
];

describe('funnelReference scenarios', () => {
  it.each(SCENARIOS)('$name', ({ spec, events, persons }) => {
    expect(validateFunnelSpec(spec).kind).toBe('ok');
    expect(counts(spec, events)).toEqual(persons);
  });

  it('rates and drop-off come from the counts', () => {
    const r = funnelReference(funnel(['a', 'b', 'c']), log(['p1', 'a', 0], ['p1', 'b', 1], ['p1', 'c', 2], ['p2', 'a', 0], ['p2', 'b', 1], ['p3', 'a', 0], ['p4', 'a', 0]));
    expect(r.overall.steps).toEqual([
      { index: 0, name: 'a', persons: 4, conversionFromPrevious: 1, conversionFromStart: 1, dropOff: 0 },
      { index: 1, name: 'b', persons: 2, conversionFromPrevious: 0.5, conversionFromStart: 0.5, dropOff: 2 },
      { index: 2, name: 'c', persons: 1, conversionFromPrevious: 0.5, conversionFromStart: 0.25, dropOff: 1 },
    ]);
    const empty = funnelReference(funnel(['a', 'b']), []);
    expect(empty.overall.steps[1]).toEqual({ index: 1, name: 'b', persons: 0, conversionFromPrevious: null, conversionFromStart: null, dropOff: 0 });
    expect(empty.overall.timeToConvert).toEqual({ converters: 0, medianMs: null, p90Ms: null, histogram: [] });
  });

  it('time to convert: median and p90 as the lower value at rank (n - 1) * p, equal-width histogram from the fastest to the slowest', () => {
    const events = log(['p1', 'a', 0], ['p1', 'b', 10], ['p2', 'a', 0], ['p2', 'b', 20], ['p3', 'a', 0], ['p3', 'b', 90], ['p4', 'a', 0]);
    const t = funnelReference(funnel(['a', 'b'], { histogramBuckets: 2 }), events).overall.timeToConvert;
    // Times 10 s, 20 s, 90 s. Median: rank floor(2 * 0.5) + 1 = 2nd, 20 s; p90: rank floor(2 * 0.9) + 1 = 2nd, 20 s.
    // Histogram width ceil((90000 - 10000 + 1) / 2) = 40001 ms.
    expect(t).toEqual({
      converters: 3,
      medianMs: 20_000,
      p90Ms: 20_000,
      histogram: [
        { fromMs: 10_000, toMs: 50_001, persons: 2 },
        { fromMs: 50_001, toMs: 90_002, persons: 1 },
      ],
    });
  });

  it('the time to convert is the kept attempt’s, from its first step to its last', () => {
    const t = funnelReference(funnel(['a', 'b'], { window: { value: 1, unit: 'minute' } }), log(['p1', 'a', 0], ['p1', 'a', 100], ['p1', 'b', 150])).overall.timeToConvert;
    expect(t.medianMs).toBe(50_000);
  });

  it('breakdown: the first step’s value; most persons first, then by value, null last', () => {
    const events = log(
      ['p1', 'a', 0, { plan: 'pro' }], ['p1', 'b', 1, { plan: 'free' }],
      ['p2', 'a', 0, { plan: 'free' }],
      ['p3', 'a', 0], ['p3', 'b', 1],
      ['p4', 'a', 0, { plan: 1 }],
      ['p5', 'a', 0, { plan: 'pro' }],
      // equal attempts: the earliest one's value
      ['p6', 'a', 0, { plan: 'free' }], ['p6', 'a', 5, { plan: 'pro' }],
    );
    const r = funnelReference(funnel(['a', 'b'], { breakdown: { property: 'plan' } }), events);
    expect(r.breakdown!.map((g) => [g.value, g.steps.map((s) => s.persons)])).toEqual([
      ['free', [2, 0]],
      ['pro', [2, 1]],
      ['1', [1, 0]],
      [null, [1, 1]],
    ]);
    expect(r.breakdownValues).toBe(4);
    // At most `limit` groups, the first ones of that order; breakdownValues still counts them all.
    const two = funnelReference(funnel(['a', 'b'], { breakdown: { property: 'plan', limit: 2 } }), events);
    expect([two.breakdown!.map((g) => g.value), two.breakdownValues, breakdownValuesLeftOut(two)]).toEqual([['free', 'pro'], 4, 2]);
    expect(two.overall).toEqual(r.overall);
    const byChannel = funnelReference(funnel(['a', 'b'], { breakdown: { by: 'channel' } }), log(['p1', 'a', 0, {}, 'email'], ['p1', 'b', 1, {}, 'web'], ['p2', 'a', 0]));
    expect(byChannel.breakdown!.map((g) => [g.value, g.steps[1]!.persons])).toEqual([
      ['email', 1],
      ['web', 0],
    ]);
  });

  it('conversion over time: by the period of the first step, every period of the range', () => {
    const events = log(['p1', 'a', 0], ['p1', 'b', 1], ['p2', 'a', 86_400 + 10], ['p3', 'a', 86_400 + 20], ['p3', 'b', 86_400 + 30]);
    const r = funnelReference(funnel(['a', 'b'], { to: '2024-01-04T00:00:00Z', interval: 'day' }), events);
    expect(r.overall.overTime).toEqual([
      { bucket: '2024-01-01', entered: 1, converted: 1, conversionRate: 1 },
      { bucket: '2024-01-02', entered: 2, converted: 1, conversionRate: 0.5 },
      { bucket: '2024-01-03', entered: 0, converted: 0, conversionRate: null },
    ]);
  });

  it('an any-of step is completed by an event matching any of its matchers, and named after them', () => {
    // p1 and p2 reach the stage through different touchpoints; p3 only through one that is not in it.
    const events = log(['p1', 'a', 0], ['p1', 'search', 1], ['p1', 'buy', 2], ['p2', 'a', 0], ['p2', 'browse', 1], ['p3', 'a', 0], ['p3', 'ad', 1], ['p3', 'buy', 2]);
    const stage = { anyOf: [{ event: 'search' }, { event: 'browse' }] };
    const spec = funnel(['a'], { steps: [{ event: 'a' }, stage, { event: 'buy' }] });
    expect(counts(spec, events)).toEqual([3, 2, 1]);
    expect(funnelReference(spec, events).overall.steps.map((s) => s.name)).toEqual(['a', 'search or browse', 'buy']);
    expect(funnelReference({ ...spec, steps: [{ event: 'a' }, { ...stage, name: 'Discovery' }, { event: 'buy' }] }, events).overall.steps[1]!.name).toBe('Discovery');
    // One matcher in an any-of step is that matcher.
    expect(funnelReference(funnel(['a'], { steps: [{ anyOf: [{ event: 'a' }] }, { anyOf: [{ event: 'buy' }] }] }), events).overall).toEqual(funnelReference(funnel(['a', 'buy']), events).overall);
  });

  it('persons at a step: converted reached it, dropped reached the one before but not it', () => {
    const events = log(['p1', 'a', 0], ['p1', 'b', 1], ['p1', 'c', 2], ['p2', 'a', 0], ['p2', 'b', 1], ['p3', 'a', 0]);
    const at = (step: number, outcome: 'converted' | 'dropped') => funnelReference(funnel(['a', 'b', 'c'], { personsAt: { step, outcome } }), events).persons;
    expect(at(0, 'converted')).toEqual(['p1', 'p2', 'p3']);
    expect(at(1, 'converted')).toEqual(['p1', 'p2']);
    expect(at(1, 'dropped')).toEqual(['p3']);
    expect(at(2, 'dropped')).toEqual(['p2']);
  });

  it("persons of one breakdown group: the group of their kept attempt's first step", () => {
    const events = [...log(['p1', 'a', 0], ['p1', 'b', 1], ['p2', 'a', 0], ['p3', 'a', 0], ['p3', 'b', 2])].map((e) => (e.personId === 'p1' ? { ...e, channel: 'email' } : e));
    const at = (breakdown: string | null) => funnelReference(funnel(['a', 'b'], { breakdown: { by: 'channel' }, personsAt: { step: 1, outcome: 'converted', breakdown } }), events).persons;
    expect(at('email')).toEqual(['p1']);
    expect(at('web')).toEqual(['p3']);
    expect(at(null)).toEqual([]);
  });
});

describe('funnel persons of one period', () => {
  // p1 enters on day 1 and converts; p2 enters on day 2 and drops; p3 enters on day 2 and converts.
  const events = log(['p1', 'a', 0], ['p1', 'b', 1], ['p2', 'a', 86_400 + 10], ['p3', 'a', 86_400 + 20], ['p3', 'b', 86_400 + 30]);
  const spec = (personsAt: FunnelSpec['personsAt']) => funnel(['a', 'b'], { to: '2024-01-04T00:00:00Z', interval: 'day', personsAt });

  it('are those whose kept attempt started in it', () => {
    expect(funnelReference(spec({ step: 0, outcome: 'converted', bucket: '2024-01-02' }), events).persons).toEqual(['p2', 'p3']);
    expect(funnelReference(spec({ step: 1, outcome: 'converted', bucket: '2024-01-02' }), events).persons).toEqual(['p3']);
    expect(funnelReference(spec({ step: 1, outcome: 'dropped', bucket: '2024-01-02' }), events).persons).toEqual(['p2']);
    expect(funnelReference(spec({ step: 1, outcome: 'converted', bucket: '2024-01-01' }), events).persons).toEqual(['p1']);
    expect(funnelReference(spec({ step: 0, outcome: 'converted', bucket: '2024-01-03' }), events).persons).toEqual([]);
  });

  it('name a period of the range', () => {
    expect(() => funnelReference(spec({ step: 0, outcome: 'converted', bucket: '2024-01-04' }), events)).toThrow(/personsAt.bucket: "2024-01-04" is not a period of the range/);
    const noInterval = validateFunnelSpec({ ...funnel(['a', 'b']), personsAt: { step: 0, outcome: 'converted', bucket: '2024-01-01' } });
    expect(noInterval.kind === 'error' && noInterval.error.path).toBe('personsAt.bucket');
  });
});

describe('validateFunnelSpec', () => {
  const bad = (patch: Record<string, unknown>) => {
    const r = validateFunnelSpec({ ...funnel(['a', 'b']), ...patch });
    return r.kind === 'error' ? [r.error.code, r.error.path] : ['ok', null];
  };

  it('accepts a full spec', () => {
    expect(
      bad({ exclusions: [{ matcher: { event: 'x' }, afterStep: 0, beforeStep: 1 }], breakdown: { by: 'channel' }, holdConstant: ['k'], interval: 'week', timeZone: 'Europe/Berlin', histogramBuckets: 20, personsAt: { step: 1, outcome: 'dropped' } }),
    ).toEqual(['ok', null]);
  });

  it.each([
    [{ steps: [{ event: 'a' }] }, 'steps'],
    [{ steps: [{ event: 'a' }, { event: 'b', where: [{ property: 'k', op: 'in', value: 'x' }] }] }, 'steps[1].where[0].value'],
    [{ window: { value: 1, unit: 'week' } }, 'window.unit'],
    [{ window: { value: 400, unit: 'day' } }, 'window.value'],
    [{ order: 'loose' }, 'order'],
    [{ exclusions: [{ matcher: { event: 'x' }, afterStep: 0, beforeStep: 2 }] }, 'exclusions[0].beforeStep'],
    [{ exclusions: [{ matcher: { event: 'x' }, afterStep: 1, beforeStep: 1 }] }, 'exclusions[0].afterStep'],
    [{ breakdown: { by: 'device' } }, 'breakdown.by'],
    [{ breakdown: { by: 'channel', limit: 0 } }, 'breakdown.limit'],
    [{ breakdown: { property: 'plan', limit: 1001 } }, 'breakdown.limit'],
    [{ personsAt: { step: 0, outcome: 'dropped' } }, 'personsAt.step'],
    [{ personsAt: { step: 2, outcome: 'converted' } }, 'personsAt.step'],
    [{ personsAt: { step: 1, outcome: 'converted', breakdown: 'web' } }, 'personsAt.breakdown'],
    [{ breakdown: { by: 'channel' }, personsAt: { step: 1, outcome: 'converted', breakdown: 7 } }, 'personsAt.breakdown'],
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2023-12-31T00:00:00Z' }, 'to'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ extra: 1 }, 'extra'],
    [{ steps: [{ event: 'a' }, { anyOf: [] }] }, 'steps[1].anyOf'],
    [{ steps: [{ event: 'a' }, { anyOf: [{ event: 'b' }], also: 1 }] }, 'steps[1].also'],
    [{ steps: [{ event: 'a' }, { event: 3 }] }, 'steps[1].event'],
    [{ steps: [{ event: 'a' }, { anyOf: [{ event: 'b' }, { event: 'c', where: [{ property: 'k', op: 'gt', value: 'x' }] }] }] }, 'steps[1].anyOf[1].where[0].value'],
  ])('%j is rejected at %s', (patch, path) => {
    expect(bad(patch)).toEqual(['WM_REQUEST_INVALID', path]);
  });

  it('says what a step takes when it is neither form', () => {
    const r = validateFunnelSpec({ ...funnel(['a', 'b']), steps: [{ event: 'a' }, { events: ['b'] }] });
    expect(r.kind === 'error' && r.error.message).toBe('steps[1]: expected an event matcher {event, where?}, or {anyOf: [1 to 100 event matchers], name?}');
  });

  it('an any-order funnel takes only exclusions over the whole funnel', () => {
    const spec = { ...funnel(['a', 'b', 'c'], { order: 'any' }), exclusions: [{ matcher: { event: 'x' }, afterStep: 0, beforeStep: 1 }] };
    const r = validateFunnelSpec(spec);
    expect(r.kind === 'error' && r.error.path).toBe('exclusions[0].afterStep');
  });
});
