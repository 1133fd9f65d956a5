import { describe, expect, it } from 'vitest';
import { JOURNEY_TEMPLATES } from './templates/index.ts';
import { pointerToPath, validateJourneyMap } from './validate-journey-map.ts';
import type { JourneyMap } from './journey-map.schema.ts';

const clone = (m: JourneyMap): JourneyMap => JSON.parse(JSON.stringify(m)) as JourneyMap;
const shop = () => clone(JOURNEY_TEMPLATES['shop']!);

function expectError(input: unknown, path: string | null, message?: RegExp) {
  const r = validateJourneyMap(input);
  expect(r.kind).toBe('error');
  if (r.kind !== 'error') return;
  expect(r.error.code).toBe('WM_JOURNEY_INVALID');
  expect(r.error.status).toBe(400);
  expect(r.error.path).toBe(path);
  if (message) expect(r.error.message).toMatch(message);
}

describe('journey templates', () => {
  it('has the five templates', () => {
    expect(Object.keys(JOURNEY_TEMPLATES).sort()).toEqual(['home_security', 'patient_care', 'saas', 'shop', 'travel']);
  });

  for (const [id, map] of Object.entries(JOURNEY_TEMPLATES)) {
    it(`${id} validates, survives a JSON round trip, and is substantial`, () => {
      const r = validateJourneyMap(map);
      expect(r.kind === 'error' ? r.error.message : 'ok').toBe('ok');
      const copy: unknown = JSON.parse(JSON.stringify(map));
      expect(validateJourneyMap(copy).kind).toBe('ok');
      expect(copy).toEqual(map);
      expect(map.id).toBe(id);
      expect(map.stages.length).toBeGreaterThanOrEqual(4);
      expect(map.personas.length).toBeGreaterThanOrEqual(2);
      const touchpoints = map.stages.flatMap((s) => s.touchpoints);
      expect(touchpoints.length).toBeGreaterThanOrEqual(10);
      expect(touchpoints.some((t) => t.momentOfTruth)).toBe(true);
      expect(touchpoints.flatMap((t) => t.kpis).length).toBeGreaterThanOrEqual(10);
      for (const s of map.stages) {
        const lanes = new Set(map.lanes.filter((c) => c.stageId === s.id).map((c) => c.lane));
        expect(lanes.size, `stage ${s.id} has every lane`).toBe(6);
      }
    });
  }
});

describe('validateJourneyMap', () => {
  it('names the bad field of a nested touchpoint matcher', () => {
    const m = shop() as unknown as { stages: { touchpoints: { matchers: { event: unknown }[] }[] }[] };
    m.stages[2]!.touchpoints[0]!.matchers[0]!.event = 42;
    expectError(m, 'stages[2].touchpoints[0].matchers[0].event');
  });

  it('reports a missing field and an unknown field', () => {
    const m = shop() as unknown as Record<string, unknown>;
    delete m['goal'];
    expectError(m, 'goal', /required/);
    const n = shop() as unknown as { stages: Record<string, unknown>[] };
    n.stages[1]!['colour'] = 'red';
    expectError(n, 'stages[1].colour', /not a known field/);
  });

  it('lists the allowed values of a closed set', () => {
    const m = shop();
    (m.lanes[0] as { lane: string }).lane = 'feelings';
    expectError(m, 'lanes[0].lane', /one of actions, thoughts, emotions/);
    const k = shop();
    (k.stages[0]!.touchpoints[0]!.kpis[0] as { direction: string }).direction = 'up';
    expectError(k, 'stages[0].touchpoints[0].kpis[0].direction', /higher_is_better/);
  });

  it('rejects bad ids and a non-object', () => {
    const m = shop();
    m.stages[0]!.id = 'Has Spaces';
    expectError(m, 'stages[0].id', /must be lowercase letters, digits, "_" or "-" \(at most 64\), starting with a letter or digit$/);
    // Each pattern's error says what that field takes: a channel, at most 32, starting with a letter.
    const c = shop();
    c.stages[0]!.touchpoints[0]!.channel = '1-web';
    expectError(c, 'stages[0].touchpoints[0].channel', /must be lowercase letters, digits, "_" or "-" \(at most 32\), starting with a letter: web, email/);
    expectError('nope', null);
  });

  it('checks that ids are unique', () => {
    const m = shop();
    m.stages[1]!.id = m.stages[0]!.id;
    expectError(m, 'stages[1].id', /duplicate stage id "discovery"/);
    const t = shop();
    t.stages[1]!.touchpoints[1]!.id = t.stages[0]!.touchpoints[0]!.id;
    expectError(t, 'stages[1].touchpoints[1].id', /duplicate touchpoint/);
    const p = shop();
    p.personas[2]!.id = p.personas[0]!.id;
    expectError(p, 'personas[2].id', /duplicate persona/);
    const c = shop();
    c.lanes[3]!.id = c.lanes[0]!.id;
    expectError(c, 'lanes[3].id', /duplicate lane card/);
  });

  it('checks stage references', () => {
    const m = shop();
    m.stages[2]!.touchpoints[1]!.stageId = 'discovery';
    expectError(m, 'stages[2].touchpoints[1].stageId', /"purchase"/);
    const c = shop();
    c.lanes[4]!.stageId = 'nowhere';
    expectError(c, 'lanes[4].stageId', /no stage has the id "nowhere"/);
  });

  it('checks emotions and condition values', () => {
    const m = shop();
    const emotional = m.lanes.findIndex((c) => c.lane === 'emotions');
    m.lanes[emotional]!.emotion = 3;
    expectError(m, `lanes[${emotional}].emotion`);
    delete m.lanes[emotional]!.emotion;
    expectError(m, `lanes[${emotional}].emotion`, /needs an emotion/);
    const a = shop();
    a.lanes[0]!.emotion = 1;
    expectError(a, 'lanes[0].emotion', /only emotions cards/);

    const w = shop();
    w.stages[2]!.touchpoints[1]!.matchers[0]!.where = [{ property: 'step', op: 'in', value: 1 }];
    expectError(w, 'stages[2].touchpoints[1].matchers[0].where[0].value', /non-empty array/);
    w.stages[2]!.touchpoints[1]!.matchers[0]!.where = [{ property: 'step', op: 'not_in', value: Array.from({ length: 1001 }, (_, i) => i) }];
    expectError(w, 'stages[2].touchpoints[1].matchers[0].where[0].value', /at most 1,000 values/);
    w.stages[2]!.touchpoints[1]!.matchers[0]!.where = [{ property: 'step', op: 'in', value: ['a', ['b']] }];
    expectError(w, 'stages[2].touchpoints[1].matchers[0].where[0].value[1]', /strings, numbers or booleans/);
    w.stages[2]!.touchpoints[1]!.matchers[0]!.where = [{ property: 'cart..total', op: 'exists' }];
    expectError(w, 'stages[2].touchpoints[1].matchers[0].where[0].property', /no empty key/);
    const x = shop();
    x.personas[0]!.segment = { all: [{ property: 'plan', op: 'exists', value: 'pro' }] };
    expectError(x, 'personas[0].segment.all[0].value', /takes no value/);
    const o = shop();
    o.personas[1]!.segment = { any: [{ property: 'plan', op: 'like' as 'eq', value: 'pro' }] };
    expectError(o, 'personas[1].segment.any[0].op', /one of eq, neq/);
  });

  it('prefixes paths when asked', () => {
    const m = shop();
    m.name = '';
    const r = validateJourneyMap(m, { path: 'body' });
    expect(r.kind === 'error' && r.error.path).toBe('body.name');
  });

  it('converts JSON pointers to paths', () => {
    expect(pointerToPath('/stages/2/touchpoints/0/name')).toBe('stages[2].touchpoints[0].name');
    expect(pointerToPath('/a~1b/0')).toBe('a/b[0]');
    expect(pointerToPath('')).toBe('');
  });
});
