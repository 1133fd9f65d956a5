import { describe, expect, it } from 'vitest';
import { attributeFriction } from '../analytics/friction/friction-attribution.ts';
import { frictionPlan } from '../analytics/friction/friction.plan.ts';
import { groundTruth, type GroundTruthProblem } from '../simulator/ground-truth.ts';
import { scenarioJourney, type Scenario } from '../simulator/simulate.ts';
import { FRICTION_KINDS, type FrictionKind } from './friction-kinds.ts';
import { simulatedFriction } from './simulated-friction.ts';

/**
 * Detection checked against the simulator's planted truth: the detectors run over simulated
 * shop and SaaS data, signals are attributed to the journey map's touchpoints, and a
 * touchpoint-segment pair is *flagged* for a kind of signal when, after a split day, the
 * segment's rate (sessions with the signal there / sessions that reached the touchpoint) is
 * clearly above the rest of the visitors' AND above its own rate before the split (both by
 * more than 5 points and 4 standard errors, on at least 20 sessions after and 5 before). Splits are the start
 * days of the scenario's planted problems.
 */
const OPTIONS = { customers: 5000, days: 30, seed: 20250331, end: '2025-03-31' } as const;
const DIMENSIONS = { 'context.device.type': (c: Ctx) => c.device?.type, 'context.location.country': (c: Ctx) => c.location?.country } as const;
type Ctx = { device?: { type?: string }; location?: { country?: string } };
type Dimension = keyof typeof DIMENSIONS;

/** The signals a planted problem should raise at its touchpoint. */
const SIGNATURE: Partial<Record<GroundTruthProblem['kind'], readonly FrictionKind[]>> = {
  slow_page: ['slow_page'],
  broken_promo: ['rage_click', 'error_click', 'dead_click'],
  u_turn: ['u_turn'],
  form_field_abandon: ['form_abandon_field'],
};

interface Flag {
  readonly touchpointId: string;
  readonly kind: FrictionKind;
  readonly dimension: Dimension;
  readonly value: string;
  readonly after: number;
  readonly rest: number;
  readonly before: number;
  readonly n: number;
}

class Share {
  n = 0;
  k = 0;
  get p() {
    return this.n === 0 ? 0 : this.k / this.n;
  }
}
const clearlyAbove = (a: Share, b: Share) => a.p - b.p > Math.max(0.05, 4 * Math.sqrt((a.p * (1 - a.p)) / a.n + (b.p * (1 - b.p)) / Math.max(1, b.n)));

function detect(scenario: Scenario) {
  const options = { ...OPTIONS, scenario };
  const truth = groundTruth(options);
  const { events, analysis, signals } = simulatedFriction(options);
  const journey = scenarioJourney(scenario);
  const plan = frictionPlan(journey, Date.parse(`${truth.start}T00:00:00Z`), Date.parse(`${truth.end}T00:00:00Z`) + 86_400_000);
  const { visits, signals: attributed } = attributeFriction(analysis, plan);
  const sessions = new Map<string, { start: number; ctx: Ctx }>();
  for (const e of events) {
    if (e.sessionId === null) continue;
    const s = sessions.get(e.sessionId);
    if (!s) sessions.set(e.sessionId, { start: e.timestamp, ctx: e.context as Ctx });
    else if (s.ctx.device === undefined && (e.context as Ctx).device !== undefined) s.ctx = e.context as Ctx;
  }
  const hit = new Set(attributed.map((s) => `${s.tp}\u0000${s.kind}\u0000${s.sessionId}`));
  const problems = truth.problems.filter((p) => SIGNATURE[p.kind]);
  const splits = [...new Set(problems.map((p) => Date.parse(p.startTimestamp)))];
  const flags: Flag[] = [];
  let tested = 0;
  plan.touchpoints.forEach((tp, i) => {
    for (const kind of FRICTION_KINDS) {
      if (!attributed.some((s) => s.tp === i && s.kind === kind)) continue;
      for (const dimension of Object.keys(DIMENSIONS) as Dimension[]) {
        const values = new Set([...visits[i]!].map((id) => DIMENSIONS[dimension](sessions.get(id)!.ctx)).filter((v): v is string => typeof v === 'string'));
        for (const value of values) {
          for (const split of splits) {
            const after = new Share();
            const rest = new Share();
            const before = new Share();
            for (const id of visits[i]!) {
              const s = sessions.get(id)!;
              const mine = DIMENSIONS[dimension](s.ctx) === value;
              const share = s.start >= split ? (mine ? after : rest) : mine ? before : null;
              if (!share) continue;
              share.n++;
              if (hit.has(`${i}\u0000${kind}\u0000${id}`)) share.k++;
            }
            tested++;
            if (after.n >= 20 && before.n >= 5 && clearlyAbove(after, rest) && clearlyAbove(after, before)) {
              flags.push({ touchpointId: tp.id, kind, dimension, value, after: after.p, rest: rest.p, before: before.p, n: after.n });
              break;
            }
          }
        }
      }
    }
  });
  const isPlanted = (f: Flag) => problems.some((p) => p.touchpointId === f.touchpointId && SIGNATURE[p.kind]!.includes(f.kind) && p.segment.property === f.dimension && p.segment.value === f.value);
  const found = problems.filter((p) => flags.some((f) => isPlanted(f) && f.touchpointId === p.touchpointId && f.value === p.segment.value));
  const falseAlarms = [...new Set(flags.filter((f) => !isPlanted(f)).map((f) => `${f.touchpointId}/${f.kind}/${f.value}`))];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  // Core has no console type (no runtime I/O); the test prints its numbers all the same.
  (globalThis as unknown as { console: { log(text: string): void } }).console.log(
    `${scenario}: ${events.length} events, ${signals} signals, ${tested} touchpoint-kind-segment-split tests; recall ${found.length}/${problems.length}; false alarms ${falseAlarms.length}\n` +
      flags.map((f) => `  ${isPlanted(f) ? 'planted' : 'FALSE  '} ${f.touchpointId} ${f.kind} ${f.value}: ${pct(f.after)} after (n=${f.n}) vs ${pct(f.rest)} rest, ${pct(f.before)} before`).join('\n'),
  );
  return { truth, problems, flags, found, falseAlarms, plan, attributed, events };
}

describe('friction detection against the planted truth', () => {
  it('shop: flags the slow shipping step (mobile), the broken promo (DE) and the shipping-page U-turns (GB), nothing else', () => {
    const r = detect('shop');
    expect(r.problems.map((p) => p.kind).sort()).toEqual(['broken_promo', 'slow_page', 'u_turn']);
    expect(r.found.length / r.problems.length).toBe(1);
    expect(r.falseAlarms).toEqual([]);
    expect(r.flags.filter((f) => f.touchpointId === r.truth.control.touchpointId)).toEqual([]);
    // The broken promo shows as rage and error clicks, not only dead clicks.
    expect(r.flags.filter((f) => f.touchpointId === 'coupon' && f.value === 'DE').map((f) => f.kind)).toEqual(expect.arrayContaining(['rage_click', 'error_click']));
  });

  it('saas: flags the phone field of the mobile signup form, nothing else', () => {
    const r = detect('saas');
    expect(r.problems.map((p) => p.kind)).toEqual(['form_field_abandon']);
    // The signals name the planted field: phone abandonment is mobile-only and after the start.
    const start = r.problems[0]!.startTimestamp;
    const phone = r.events.filter((e) => e.event === '$form_abandon_field' && e.properties['field'] === 'phone');
    const device = (e: (typeof phone)[number]) => (e.context as Ctx).device?.type;
    expect(phone.length).toBeGreaterThan(50);
    expect(phone.filter((e) => device(e) !== 'mobile' || new Date(e.timestamp).toISOString() < start)).toEqual([]);
    expect(r.found.length / r.problems.length).toBe(1);
    expect(r.falseAlarms).toEqual([]);
    expect(r.flags.filter((f) => f.touchpointId === r.truth.control.touchpointId)).toEqual([]);
  });
});
