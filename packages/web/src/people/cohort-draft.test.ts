import { validateSegmentSpec } from '@waymark/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSegment, draftOf, newRule, ruleAt, segmentGroups, type DraftRule, type RuleKind } from './cohort-draft.ts';

const viewed: DraftRule = { ...newRule('did'), matcher: { event: 'Product Viewed' }, min: 2 };
const german: DraftRule = { ...newRule('trait'), condition: { property: 'country', op: 'eq', value: 'DE' } };
const bought: DraftRule = { ...newRule('did_not'), matcher: { event: 'Order Completed' }, withinDays: null };

describe('a cohort drafted from rules', () => {
  it('puts the rules in the groups a segment takes: positive ones all or any, "did not" ones none', () => {
    expect(segmentGroups('all', [viewed, german, bought])).toEqual({
      all: [{ type: 'behavior', matcher: { event: 'Product Viewed' }, min: 2, withinDays: 30 }, { type: 'trait', condition: { property: 'country', op: 'eq', value: 'DE' } }],
      none: [{ type: 'behavior', matcher: { event: 'Order Completed' } }],
    });
    expect(Object.keys(segmentGroups('any', [viewed, german]))).toEqual(['any']);
    expect(segmentGroups('all', [])).toEqual({});
  });

  it('makes segments the API accepts, and finds the rule an error names in any of them', () => {
    const kinds = fc.constantFrom<RuleKind>('did', 'did_not', 'trait');
    fc.assert(
      fc.property(fc.array(kinds, { minLength: 1, maxLength: 8 }), fc.constantFrom('all' as const, 'any' as const), fc.nat(), (ruleKinds, match, pick) => {
        const rules = ruleKinds.map((kind, i) => ({ ...newRule(kind), matcher: { event: `e${i}` }, condition: { property: `p${i}`, op: 'eq' as const, value: i } }));
        const groups = segmentGroups(match, rules);
        expect(validateSegmentSpec({ kind: 'segment', ...groups, asOf: '2026-11-24T00:00:00Z' }).kind).toBe('ok');
        // Each rule at its place in its group is found again from that place's field path.
        const [group, conditions] = Object.entries(groups)[pick % Object.keys(groups).length]!;
        const k = pick % conditions.length;
        const i = ruleAt(match, rules, `${group}[${k}].matcher.event`);
        // Every rule's event and property are its own, so the condition tells which rule made it.
        expect(Object.values(segmentGroups(match, [rules[i]!]))).toEqual([[conditions[k]]]);
      }),
    );
    expect(ruleAt('all', [viewed], 'name')).toBe(-1);
    expect(ruleAt('all', [viewed], 'any[0].matcher')).toBe(-1);
  });

  it('reads a saved segment back as rules that save the same segment, unless the builder cannot show it', () => {
    const rule = fc.record({
      kind: fc.constantFrom<RuleKind>('did', 'did_not', 'trait'),
      event: fc.constantFrom('a', 'b'),
      min: fc.integer({ min: 1, max: 4 }),
      max: fc.option(fc.integer({ min: 4, max: 9 })),
      withinDays: fc.option(fc.integer({ min: 1, max: 90 })),
    });
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.constantFrom('all' as const, 'any' as const), (drafted, match) => {
        const rules = drafted.map((r) => ({ ...newRule(r.kind), matcher: { event: r.event }, min: r.min, max: r.max, withinDays: r.withinDays, condition: { property: r.event, op: 'exists' as const } }));
        const groups = segmentGroups(match, rules);
        const read = draftOf(groups)!;
        expect(segmentGroups(read.match, read.rules)).toEqual(groups);
      }),
    );
    const did = { type: 'behavior' as const, matcher: { event: 'a' } };
    expect(draftOf({ all: [did], any: [did] })).toBeNull();
    expect(draftOf({ all: [{ ...did, matcher: { anyOf: [{ event: 'a' }, { event: 'b' }] } }] })).toBeNull();
    expect(draftOf({ none: [{ ...did, min: 2 }] })).toBeNull();
    expect(draftOf({ none: [{ type: 'trait', condition: { property: 'plan', op: 'exists' } }] })).toBeNull();
    expect(draftOf({ none: [did] })).toEqual({ match: 'all', rules: [{ ...newRule('did_not'), matcher: { event: 'a' }, withinDays: null }] });
  });

  it('describes a saved cohort in words', () => {
    expect(describeSegment(segmentGroups('all', [viewed, german, bought]))).toBe('did Product Viewed at least 2 times in the last 30 days, and country = DE; and did not do Order Completed');
    const cheap = { ...viewed, min: 1, withinDays: null, matcher: { event: 'Product Viewed', where: [{ property: 'price', op: 'lt' as const, value: 10 }] } };
    expect(describeSegment(segmentGroups('any', [cheap, german]))).toBe('any of: did Product Viewed (price < 10), or country = DE');
    expect(describeSegment(segmentGroups('all', [{ ...viewed, max: 5 }, { ...viewed, max: 2 }]))).toBe('did Product Viewed 2 to 5 times in the last 30 days, and did Product Viewed exactly 2 times in the last 30 days');
  });
});
