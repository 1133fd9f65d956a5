import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCondition, CONDITION_OPS, matchesCondition, type AnalysisEvent, type PropertyCondition } from '@waymark/core';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'A', "o'clock", 'back\\slash', 'x y', ''),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -2.25, 1e21, 1.5e-7),
  fc.boolean(),
);
const value = fc.oneof(scalar, fc.constant(null), fc.constant({ nested: 1 }), fc.constant([1, 2]));
const properties = fc.record({ p: value, q: value, 'obj': fc.record({ k: value }) }, { requiredKeys: [] });
const condition: fc.Arbitrary<PropertyCondition> = fc
  .record({ property: fc.constantFrom('p', 'q', 'obj.k', 'missing', '$channel'), op: fc.constantFrom(...CONDITION_OPS), one: scalar, many: fc.array(scalar, { maxLength: 3 }) })
  .map(({ property, op, one, many }) => (op === 'in' || op === 'not_in' ? { property, op, value: many } : op === 'exists' || op === 'not_exists' ? { property, op } : { property, op, value: one }));

describe.each(ENGINES)('property conditions on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  it('select exactly the events the reference matcher selects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(properties, { minLength: 1, maxLength: 12 }), fc.array(condition, { minLength: 1, maxLength: 6 }), async (props, conditions) => {
        const events: AnalysisEvent[] = props.map((p, i) => ({ personId: `p${i}`, event: 'e', timestamp: 1_700_000_000_000 + i, sessionId: null, channel: i % 2 ? 'web' : 'email', properties: p, seq: i }));
        await engine.load(events);
        for (const c of conditions) {
          const rows = await engine.query<{ seq: number }>(`SELECT seq FROM events_resolved WHERE project_id = '${TEST_PROJECT}' AND ${compileCondition(engine.dialect, c)} ORDER BY seq`);
          const expected = events.filter((e) => matchesCondition(c, e)).map((e) => e.seq);
          expect(rows.map((r) => Number(r.seq)), JSON.stringify(c)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
