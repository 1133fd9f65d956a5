import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { AUTOCAPTURE_EVENTS } from '../events/autocapture.ts';
import { SegmentMessage } from '../events/segment-schema.ts';
import type { EventMatcher } from '../journey/journey-map.schema.ts';
import { validateJourneyMap } from '../journey/validate-journey-map.ts';
import { groundTruth } from './ground-truth.ts';
import { estimateEvents, scenarioJourney, simulate, SCENARIOS, type SimulateOptions } from './simulate.ts';

const base = { customers: 300, days: 60, seed: 7, end: '2025-03-31' } as const;
const serialize = (o: SimulateOptions) => Array.from(simulate(o), (m) => JSON.stringify(m));
const nameOf = (m: SegmentMessage) => (m.type === 'track' ? m.event! : m.type === 'page' ? '$page' : `$${m.type}`);

function lookup(m: SegmentMessage, path: string): unknown {
  const props = (m.type === 'identify' ? m.traits : m.properties) ?? {};
  const from: unknown = path.includes('.') ? m : props;
  let v: unknown = from;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function matches(m: SegmentMessage, matcher: EventMatcher): boolean {
  if (nameOf(m) !== matcher.event) return false;
  return (matcher.where ?? []).every(({ property, op, value }) => {
    const v = lookup(m, property);
    if (op === 'eq') return v === value;
    if (op === 'in') return (value as unknown[]).includes(v);
    if (op === 'contains') return typeof v === 'string' && v.includes(String(value));
    throw new Error(`test evaluator lacks op ${op}`);
  });
}

describe.each(SCENARIOS)('simulate(%s)', (scenario) => {
  const options = { ...base, scenario };

  it('is deterministic: same options, same bytes; another seed, other bytes', () => {
    const a = serialize(options);
    expect(a.length).toBeGreaterThan(1000);
    expect(serialize(options)).toEqual(a);
    const b = serialize({ ...options, seed: 8 });
    expect(b.slice(0, 500)).not.toEqual(a.slice(0, 500));
  });

  it('emits valid Segment messages, unique ids, each customer in time order, nothing outside the period', () => {
    const ids = new Set<string>();
    const lastByCustomer = new Map<string, string>();
    let i = 0;
    for (const m of simulate(options)) {
      if (i++ % 7 === 0) expect(Value.Check(SegmentMessage, m), JSON.stringify([...Value.Errors(SegmentMessage, m)][0])).toBe(true);
      expect(ids.has(m.messageId!)).toBe(false);
      ids.add(m.messageId!);
      const ts = m.timestamp!;
      expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(ts >= '2025-01-31T00:00:00.000Z' && ts < '2025-04-01T00:00:00.000Z').toBe(true);
      expect(Date.parse(ts)).not.toBeNaN();
      expect(m.anonymousId ?? m.userId).toBeTruthy();
      expect(typeof (m.context as { channel?: unknown }).channel).toBe('string');
      const customer = m.messageId!.split('-').slice(0, 4).join('-');
      if (!m.messageId!.includes('-spend-')) {
        expect(ts >= (lastByCustomer.get(customer) ?? '')).toBe(true);
        lastByCustomer.set(customer, ts);
      }
    }
  });

  it('speaks every event of its journey map (each touchpoint matcher is hit)', () => {
    const map = scenarioJourney(scenario);
    expect(validateJourneyMap(map).kind).toBe('ok');
    const matchers = map.stages.flatMap((s) => s.touchpoints.flatMap((t) => t.matchers.map((m) => ({ touchpoint: t.id, m }))));
    const hit = new Set<number>();
    for (const msg of simulate({ ...options, customers: 3000 })) {
      matchers.forEach(({ m }, i) => {
        if (!hit.has(i) && matches(msg, m)) hit.add(i);
      });
      if (hit.size === matchers.length) break;
    }
    const missed = matchers.filter((_, i) => !hit.has(i)).map(({ touchpoint, m }) => `${touchpoint}: ${JSON.stringify(m)}`);
    expect(missed).toEqual([]);
  });

  it('uses the autocapture vocabulary and several channels; merges anonymous visitors into people', () => {
    const names = new Set<string>();
    const channels = new Set<string>();
    let merges = 0;
    let spend = 0;
    for (const m of simulate({ ...options, customers: 1000 })) {
      names.add(nameOf(m));
      channels.add((m.context as { channel: string }).channel);
      if (m.type === 'identify' && m.anonymousId && m.userId) merges++;
      if (m.event === 'Marketing Spend') {
        spend++;
        expect(m.anonymousId).toMatch(/^spend:(paid_search|social)$/);
        expect(m.properties).toMatchObject({ currency: 'USD' });
      }
    }
    for (const e of Object.values(AUTOCAPTURE_EVENTS)) expect(names, e).toContain(e);
    expect([...channels].sort()).toEqual(scenario === 'shop' ? ['ads', 'email', 'server', 'store', 'support', 'survey', 'web'] : ['ads', 'email', 'server', 'support', 'survey', 'web']);
    expect(merges).toBeGreaterThan(50);
    expect(spend).toBe(60 * 4);
  });

  it('reports ground truth for its own problems, starting partway through the period', () => {
    const truth = groundTruth({ ...options, customers: 20000, days: 90 });
    expect(truth.problems.length).toBeGreaterThanOrEqual(2);
    const touchpoints = new Set(scenarioJourney(scenario).stages.flatMap((s) => s.touchpoints.map((t) => `${s.id}/${t.id}`)));
    for (const p of truth.problems) {
      expect(p.scenario).toBe(scenario);
      expect(touchpoints).toContain(`${p.stageId}/${p.touchpointId}`);
      expect(p.start > truth.start && p.start < truth.end).toBe(true);
      expect(p.expectedAffected).toBeGreaterThan(0);
      expect(p.expectedLostRevenue.amount).toBeGreaterThan(0);
    }
    expect(touchpoints).toContain(`${truth.control.stageId}/${truth.control.touchpointId}`);
    expect(JSON.parse(JSON.stringify(truth))).toEqual(truth);
  });

  it('estimates the number of events within 15%', () => {
    const o = { ...options, customers: 2000 };
    let n = 0;
    for (const _ of simulate(o)) n++;
    expect(Math.abs(estimateEvents(o) - n) / n).toBeLessThan(0.15);
  });
});

describe('simulate options', () => {
  it('rejects bad options', () => {
    expect(() => simulate({ ...base, scenario: 'bank' as 'shop' }).next()).toThrow(/scenario/);
    expect(() => simulate({ ...base, scenario: 'shop', end: '31/03/2025' }).next()).toThrow(/end/);
    expect(() => simulate({ ...base, scenario: 'shop', days: 0 }).next()).toThrow(/days/);
  });

  it('gives a customer the same journey whatever the number of customers', () => {
    const small = serialize({ ...base, scenario: 'shop', customers: 20 }).filter((s) => !s.includes('Marketing Spend'));
    const large = serialize({ ...base, scenario: 'shop', customers: 40 }).filter((s) => !s.includes('Marketing Spend'));
    expect(large.slice(0, small.length)).toEqual(small);
  });
});
