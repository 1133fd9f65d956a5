import { describe, expect, it } from 'vitest';
import { SHOP_JOURNEY, validateFunnelSpec, validateLifecycleSpec, validatePathsSpec, validateRetentionSpec, validateStickinessSpec, validateTrendsSpec } from '@waymark/core';
import { customRange, presetRange } from '../map/date-range.ts';
import {
  chosenFunnelSteps, eventsPhrase, funnelChoices, funnelOrder, funnelSpec, funnelWindow, GOAL_STEP_ID, JOURNEY_FUNNEL, lifecycleSpec, mapEvents, matcherLabel, pathsDirection, pathsSpec, retentionInterval, retentionReturn, retentionSpec, selectorLabel, stageFunnelSteps, stickinessSpec,
  analysisSplit, intervalChoices, measureParam, moreSplitValues, pageInterval, pathsScope, pathsSteps, propertySplit, splitName, splitValues, touchpointEvents, trendsLabels, trendsMeasure, trendsSpec,
} from './analysis-specs.ts';

const range = presetRange(30, 'UTC', Date.parse('2026-11-23T12:00:00Z'));
const VALIDATORS: Record<string, (spec: unknown) => { kind: string; error?: unknown }> = {
  funnel: validateFunnelSpec, paths: validatePathsSpec, retention: validateRetentionSpec, trends: validateTrendsSpec,
  lifecycle: validateLifecycleSpec, stickiness: validateStickinessSpec,
};
const valid = (spec: { kind: string }) => {
  const result = VALIDATORS[spec.kind]!(spec);
  expect(result.kind === 'error' ? result.error : null).toBeNull();
};

describe('the analyses behind the map', () => {
  it("funnels a stage's touchpoints, borrowing the next stage's first one for a stage of one", () => {
    const purchase = SHOP_JOURNEY.stages.find((s) => s.id === 'purchase')!;
    expect(stageFunnelSteps(SHOP_JOURNEY, purchase).map((t) => t.id)).toEqual(purchase.touchpoints.map((t) => t.id));
    const single = { ...SHOP_JOURNEY, stages: [{ ...purchase, touchpoints: purchase.touchpoints.slice(0, 1) }, ...SHOP_JOURNEY.stages.slice(3)] };
    expect(stageFunnelSteps(single, single.stages[0]!).map((t) => t.id)).toEqual(['checkout_start', 'order_confirmation']);
  });

  it('leaves the touchpoints people untick out of a funnel, and can end it at the goal', () => {
    const purchase = SHOP_JOURNEY.stages.find((s) => s.id === 'purchase')!;
    const all = purchase.touchpoints.map((t) => t.id);
    expect(chosenFunnelSteps(SHOP_JOURNEY, purchase, new Set(), false).map((s) => s.id)).toEqual(all);
    const skipped = chosenFunnelSteps(SHOP_JOURNEY, purchase, new Set([all[1]!, 'not-a-touchpoint']), true);
    expect(skipped.map((s) => s.id)).toEqual([...all.filter((id) => id !== all[1]), GOAL_STEP_ID]);
    expect(skipped.at(-1)).toEqual({ id: GOAL_STEP_ID, name: SHOP_JOURNEY.goal.name, step: SHOP_JOURNEY.goal.matcher });
    expect(skipped[0]!.step).toEqual(purchase.touchpoints[0]!.matchers[0]);
  });

  it('reaches a touchpoint through any of its events, and a stage of the whole journey through any event of its touchpoints', () => {
    const twoEvents = { ...SHOP_JOURNEY.stages[0]!.touchpoints[0]!, id: 'two', name: 'Two ways in', matchers: [{ event: 'A' }, { event: 'B' }] };
    const map = { ...SHOP_JOURNEY, stages: [{ ...SHOP_JOURNEY.stages[0]!, touchpoints: [twoEvents, ...SHOP_JOURNEY.stages[0]!.touchpoints] }, ...SHOP_JOURNEY.stages.slice(1)] };
    expect(funnelChoices(map, map.stages[0]!)[0]!.step).toEqual({ anyOf: [{ event: 'A' }, { event: 'B' }], name: 'Two ways in' });
    const journey = funnelChoices(map, JOURNEY_FUNNEL);
    const staged = map.stages.filter((s) => s.touchpoints.length > 0);
    expect(journey.map((c) => c.id)).toEqual(staged.map((s) => s.id));
    for (const [i, stage] of staged.entries()) {
      const matchers = stage.touchpoints.flatMap((t) => t.matchers);
      expect(journey[i]!.step).toEqual(matchers.length === 1 ? matchers[0] : { anyOf: matchers, name: stage.name });
    }
    expect(selectorLabel(journey[0]!.step)).toBe(`${staged[0]!.name} (any of ${staged[0]!.touchpoints.flatMap((t) => t.matchers).length} events)`);
    valid(funnelSpec(chosenFunnelSteps(map, JOURNEY_FUNNEL, new Set(), true).map((c) => c.step), range, { breakdown: 'channel' }));
  });

  it('keeps every event of a large stage, each once, and at most 20 steps with the goal', () => {
    const base = SHOP_JOURNEY.stages[0]!.touchpoints[0]!;
    const many = Array.from({ length: 25 }, (_, i) => ({ ...base, id: `t${i}`, name: `T${i}`, matchers: [{ event: `e${i}` }, { event: 'shared' }] }));
    const map = { ...SHOP_JOURNEY, stages: [{ ...SHOP_JOURNEY.stages[0]!, touchpoints: many }, ...SHOP_JOURNEY.stages.slice(1)] };
    const [first] = funnelChoices(map, JOURNEY_FUNNEL);
    expect('anyOf' in first!.step && first!.step.anyOf.length).toBe(26);
    const toGoal = chosenFunnelSteps(map, map.stages[0]!, new Set(), true);
    expect([toGoal.length, toGoal.at(-1)!.id]).toEqual([20, GOAL_STEP_ID]);
    valid(funnelSpec(toGoal.map((c) => c.step), range));
    valid(funnelSpec(chosenFunnelSteps(map, JOURNEY_FUNNEL, new Set(), true).map((c) => c.step), range));
  });

  it('writes specs the server accepts', () => {
    const steps = funnelChoices(SHOP_JOURNEY, SHOP_JOURNEY.stages[2]!).map((c) => c.step);
    valid(funnelSpec(steps, range));
    valid(funnelSpec(steps, range, { personsAt: { step: 2, outcome: 'dropped' } }));
    valid(funnelSpec(steps, range, { breakdown: 'channel' }));
    const byCategory = funnelSpec(steps, range, { breakdown: propertySplit('category') });
    valid(byCategory);
    expect(byCategory.breakdown).toEqual({ property: 'category' });
    // Asked to show more values, the split says how many.
    const hundred = funnelSpec(steps, range, { breakdown: 'channel', values: 100 });
    valid(hundred);
    expect(hundred.breakdown).toEqual({ property: '$channel', limit: 100 });
    for (const hold of ['checkout_id', '$channel']) {
      const held = funnelSpec(steps, range, { hold });
      valid(held);
      expect(held.holdConstant).toEqual([hold]);
    }
    expect(funnelSpec(steps, range)).not.toHaveProperty('holdConstant');
    // An excluded event between the first step and the last, in every order.
    for (const order of ['ordered', 'strict', 'any'] as const) {
      const excluding = funnelSpec(steps, range, { order, exclude: 'Coupon Denied' });
      valid(excluding);
      expect(excluding.exclusions).toEqual([{ matcher: { event: 'Coupon Denied' }, afterStep: 0, beforeStep: steps.length - 1 }]);
    }
    for (const order of ['ordered', 'strict', 'any'] as const) valid(funnelSpec(steps, range, { windowDays: 1, order, personsAt: { step: 1, outcome: 'dropped' } }));
    expect([funnelWindow('7'), funnelWindow('8'), funnelWindow(null)]).toEqual([7, 30, 30]);
    expect([funnelOrder('any'), funnelOrder('loose'), funnelOrder(null)]).toEqual(['any', 'ordered', 'ordered']);
    valid(pathsSpec({ event: 'Cart Viewed' }, range, { include: mapEvents(SHOP_JOURNEY) }));
    valid(pathsSpec({ event: 'Cart Viewed' }, range, { include: mapEvents(SHOP_JOURNEY), direction: 'before' }));
    const longer = pathsSpec({ event: 'Cart Viewed' }, range, { steps: 8, scope: 'session' });
    valid(longer);
    expect([longer.steps, longer.scope, pathsSpec({ event: 'Cart Viewed' }, range).steps]).toEqual([8, 'session', 4]);
    expect([pathsSteps('6'), pathsSteps('7'), pathsSteps(null), pathsScope('session'), pathsScope('visit'), pathsScope(null)]).toEqual([6, 4, 4, 'session', 'person', 'person']);
    valid(retentionSpec({ event: 'Product Viewed' }, { event: 'Product Viewed' }, range));
    // What the address says, or the default for anything else.
    expect([pathsDirection('before'), pathsDirection('sideways'), pathsDirection(null)]).toEqual(['before', 'after', 'after']);
    expect([retentionReturn('touchpoint'), retentionReturn('goal'), retentionReturn('elsewhere')]).toEqual(['touchpoint', 'goal', 'goal']);
    for (const interval of ['day', 'week', 'month'] as const) valid(retentionSpec({ event: 'Product Viewed' }, SHOP_JOURNEY.goal.matcher, range, interval));
    expect([retentionInterval('month'), retentionInterval('fortnight'), retentionInterval(null)]).toEqual(['month', 'week', 'week']);
    valid(retentionSpec({ event: 'Product Viewed' }, SHOP_JOURNEY.goal.matcher, range));
    valid(trendsSpec({ event: 'Coupon Entered' }, range));
    const year = customRange('2026-01-01', '2026-12-31', 'UTC')!;
    for (const r of [presetRange(7, 'UTC'), range, year]) {
      valid(lifecycleSpec({ event: 'Product Viewed' }, r));
      valid(stickinessSpec({ event: 'Product Viewed' }, r));
    }
    expect([stickinessSpec({ event: 'x' }, range).interval, stickinessSpec({ event: 'x' }, year).interval]).toEqual(['week', 'month']);
    expect([lifecycleSpec({ event: 'x' }, range).interval, lifecycleSpec({ event: 'x' }, year).interval]).toEqual(['day', 'week']);
  });

  it("asks every analysis of a touchpoint about any of its events", () => {
    const coupon = SHOP_JOURNEY.stages.flatMap((s) => s.touchpoints).find((t) => t.matchers.length === 3)!;
    const events = touchpointEvents(coupon);
    expect(events).toEqual({ anyOf: coupon.matchers, name: coupon.name });
    const product = SHOP_JOURNEY.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'product_page')!;
    expect(touchpointEvents(product)).toEqual(product.matchers[0]);
    valid(pathsSpec(events, range, { include: mapEvents(SHOP_JOURNEY) }));
    valid(retentionSpec(events, SHOP_JOURNEY.goal.matcher, range));
    valid(lifecycleSpec(events, range));
    valid(stickinessSpec(events, range));
    for (const interval of ['day', 'week', 'month']) valid(lifecycleSpec(events, range, interval));
    for (const interval of ['week', 'month']) valid(stickinessSpec(events, range, interval));
    const trends = trendsSpec(events, range);
    valid(trends);
    // The touchpoint's persons and events, then each event's count, each line named.
    expect(trends.series.map((s) => [s.matcher, s.measure])).toEqual([[events, 'persons'], [events, 'count'], ...coupon.matchers.map((m) => [m, 'count'])]);
    expect(trendsLabels(coupon)).toEqual([`${coupon.name}: persons`, `${coupon.name}: events`, ...coupon.matchers.map((m) => `${matcherLabel(m)}: events`)]);
    // A touchpoint of one event is named too, not by its event and conditions.
    expect(trendsLabels(product)).toEqual([`${product.name}: persons`, `${product.name}: events`]);
    // Given the page's names, the spec's lines carry them, so the API's answer and its CSV say the same (at most 200 characters).
    const named = trendsSpec(events, range, { labels: trendsLabels(coupon) });
    valid(named);
    expect(named.series.map((s) => 'label' in s && s.label)).toEqual(trendsLabels(coupon));
    const long = trendsSpec(events, range, { labels: ['x'.repeat(300)] });
    valid(long);
    expect(long.series.map((s) => 'label' in s && s.label)).toEqual(['x'.repeat(200), ...trends.series.slice(1).map(() => false)]);
    // Split by channel: the touchpoint's persons and events only, per channel.
    const split = trendsSpec(events, range, { split: 'channel' });
    valid(split);
    expect([split.series.length, split.breakdown]).toEqual([2, { property: '$channel' }]);
    expect(trendsLabels(coupon, { split: 'channel' })).toEqual([`${coupon.name}: persons`, `${coupon.name}: events`]);
    // By a property of the events, per week: the same two lines, per value.
    const byCoupon = trendsSpec(events, range, { split: propertySplit('coupon_id'), interval: 'week' });
    valid(byCoupon);
    expect([byCoupon.series.length, byCoupon.breakdown, byCoupon.interval]).toEqual([2, { property: 'coupon_id' }, 'week']);
    // A measure of a property replaces the persons and events: one line, named by it.
    const average = trendsSpec(product.matchers[0]!, range, { measure: { measure: 'avg', property: 'price' }, split: propertySplit('category') });
    valid(average);
    expect(average.series).toEqual([{ matcher: product.matchers[0], measure: 'avg', property: 'price' }]);
    expect(average.breakdown).toEqual({ property: 'category' });
    const thousand = trendsSpec(events, range, { split: propertySplit('coupon_id'), values: 1000 });
    valid(thousand);
    expect(thousand.breakdown).toEqual({ property: 'coupon_id', limit: 1000 });
    expect(trendsLabels(product, { measure: { measure: 'p90', property: 'price' } })).toEqual([`${product.name}: 90th percentile price`]);
    // Read while the range is not over, the period before is also counted up to the same point; a range over (or not begun) does without.
    const noon = Date.parse('2026-11-23T12:00:00Z');
    const live = trendsSpec(events, range, { asOf: noon });
    valid(live);
    expect(live.asOf).toBe('2026-11-23T12:00:00.000Z');
    expect(trendsSpec(events, range, { asOf: Date.parse(range.to) }).asOf).toBeUndefined();
    expect(trendsSpec(events, range, { asOf: Date.parse(range.from) }).asOf).toBeUndefined();
    expect(eventsPhrase({ anyOf: [{ event: 'A' }, { event: 'B' }, { event: 'C', where: [{ property: 'k', op: 'eq', value: 1 }] }] })).toBe('“A”, “B” or “C where k eq 1”');
    expect(eventsPhrase({ event: 'A' })).toBe('“A”');
  });

  it('reads the split, the measure and the interval of trends from the address, or nothing for anything else', () => {
    expect([analysisSplit('channel'), analysisSplit('property:category'), analysisSplit('property:'), analysisSplit('plan'), analysisSplit(null)]).toEqual(['channel', 'property:category', undefined, undefined, undefined]);
    expect([splitName('channel'), splitName(propertySplit('a:b'))]).toEqual(['channel', '“a:b”']);
    // How many values a split shows: 100 or 1,000 on asking, else the API's default; each asks for the next.
    expect(['100', '1000', '25', '50', 'x', null].map(splitValues)).toEqual([100, 1000, undefined, undefined, undefined, undefined]);
    expect([undefined, 100, 1000].map(moreSplitValues)).toEqual([100, 1000, undefined]);
    // The property is everything after the measure's colon: property names may hold colons.
    expect(trendsMeasure('avg:price')).toEqual({ measure: 'avg', property: 'price' });
    expect(trendsMeasure('p90:a:b')).toEqual({ measure: 'p90', property: 'a:b' });
    expect([trendsMeasure('avg:'), trendsMeasure('count:price'), trendsMeasure('avg'), trendsMeasure(null)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(trendsMeasure(measureParam({ measure: 'sum', property: 'a:b' }))).toEqual({ measure: 'sum', property: 'a:b' });
    // Each analysis's periods: hours over a month at most, days active in a week or a month; the default otherwise.
    const year = customRange('2026-01-01', '2026-12-31', 'UTC')!;
    expect([intervalChoices('trends', range), intervalChoices('trends', year)]).toEqual([['hour', 'day', 'week', 'month'], ['day', 'week', 'month']]);
    expect([intervalChoices('lifecycle', range), intervalChoices('stickiness', range)]).toEqual([['day', 'week', 'month'], ['week', 'month']]);
    expect([pageInterval('trends', 'hour', range), pageInterval('trends', 'hour', year), pageInterval('trends', 'month', year), pageInterval('trends', 'fortnight', range), pageInterval('trends', null, range)])
      .toEqual(['hour', 'week', 'month', 'day', 'day']);
    expect([pageInterval('lifecycle', 'hour', range), pageInterval('stickiness', 'day', range), pageInterval('stickiness', null, year), pageInterval('stickiness', 'week', year)]).toEqual(['day', 'week', 'month', 'week']);
    expect(lifecycleSpec({ event: 'A' }, range, 'month').interval).toBe('month');
    expect(stickinessSpec({ event: 'A' }, range, 'day').interval).toBe('week');
  });

  it('follows paths through the events of the map only', () => {
    const events = mapEvents(SHOP_JOURNEY);
    expect(events).toContain('Cart Viewed');
    expect(events).toContain('Order Completed');
    expect(events.filter((e) => e === 'Order Completed')).toHaveLength(1);
    expect(events.some((e) => e === '$click' || e === '$web_vitals')).toBe(false);
  });

  it('names a matcher with its conditions', () => {
    expect(matcherLabel({ event: 'Checkout Step Viewed', where: [{ property: 'step', op: 'eq', value: 2 }] })).toBe('Checkout Step Viewed where step eq 2');
  });
});
