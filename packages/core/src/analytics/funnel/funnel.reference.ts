import { personsBucket, readRange, type AnalysisRange } from '../analysis-range.ts';
import { groupBy } from '../../util/group-by.ts';
import { byTime, type AnalysisEvent } from '../analysis-event.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { propertyText, propertyValue } from '../matchers/property-value.ts';
import { bucketOf } from '../time-buckets.ts';
import { binWidth, convertRanks, DEFAULT_HISTOGRAM_BUCKETS, shapeFunnel, type FunnelAggregates, type FunnelResult, type TimeGroup } from './funnel.shape.ts';
import { breakdownPath, windowMs, type FunnelSpec } from './funnel.spec.ts';


/** Where one person ended up: the attempt that got furthest (docs/analytics/funnel.md). */
export interface FunnelOutcome {
  readonly personId: string;
  /** Steps the attempt reached, 1..n. */
  readonly reached: number;
  /** Breakdown text of the attempt's first event (null: none, or no breakdown asked). */
  readonly breakdown: string | null;
  /** Period of the attempt's first event (null without `interval`). */
  readonly bucket: string | null;
  /** Milliseconds from the first to the last step, for converters. */
  readonly convertMs: number | null;
}

interface Attempt {
  readonly start: number;
  readonly reached: number;
  /** Positions (in the person's sorted events) of step events; in `any` order [start, completing event]. */
  readonly positions: readonly number[];
  readonly convertMs: number | null;
  readonly void: boolean;
}

/** The text a breakdown or hold-constant property has on an event. */
const textOf = (e: AnalysisEvent, path: string): string | null => (path === '$channel' ? e.channel : propertyText(propertyValue(e.properties, path)));

/**
 * The funnel computed from events: the executable definition the SQL must equal.
 *
 * @example
 * funnelReference({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' },
 *   order: 'ordered', from: '2024-01-01', to: '2024-02-01' }, events).overall.steps[1].conversionFromStart
 */
export function funnelReference(spec: FunnelSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): FunnelResult {
  const range = readRange(spec, defaultTimeZone);
  return shapeFunnel(spec, range, aggregateOutcomes(spec, funnelOutcomes(spec, events, range), personsBucket(range, spec.interval!, spec.personsAt?.bucket)));
}

/** Every person's outcome: persons with no attempt, or only void ones, are left out. */
export function funnelOutcomes(spec: FunnelSpec, events: readonly AnalysisEvent[], range: AnalysisRange): FunnelOutcome[] {
  const limit = range.to + windowMs(spec);
  const byPerson = groupBy(events.filter((e) => e.timestamp >= range.from && e.timestamp < limit), (e) => e.personId);
  const path = breakdownPath(spec);
  const outcomes: FunnelOutcome[] = [];
  for (const [personId, list] of byPerson) {
    list.sort(byTime);
    let best: Attempt | null = null;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (e.timestamp >= range.to) break;
      const candidate = spec.order === 'any' ? spec.steps.some((s) => matchesSelector(s, e)) : matchesSelector(spec.steps[0]!, e);
      if (!candidate) continue;
      const attempt = spec.order === 'any' ? anyOrder(spec, list, i) : inOrder(spec, list, i);
      if (!attempt.void && (best === null || attempt.reached > best.reached)) best = attempt;
    }
    if (best === null) continue;
    const first = list[best.start]!;
    outcomes.push({
      personId,
      reached: best.reached,
      breakdown: path === null ? null : textOf(first, path),
      bucket: spec.interval ? bucketOf(first.timestamp, spec.interval, range.timeZone) : null,
      convertMs: best.convertMs,
    });
  }
  return outcomes;
}

/** The values hold-constant properties have on an event, as one comparable key. */
const holdKey = (spec: FunnelSpec, e: AnalysisEvent) => JSON.stringify((spec.holdConstant ?? []).map((p) => textOf(e, p)));

/**
 * `ordered`: each next step is the first later event (by time, then arrival) that matches it;
 * `strict`: it must be the very next event of the person, whatever its name.
 */
function inOrder(spec: FunnelSpec, list: readonly AnalysisEvent[], start: number): Attempt {
  const deadline = list[start]!.timestamp + windowMs(spec);
  const key = holdKey(spec, list[start]!);
  const positions = [start];
  for (let k = 1; k < spec.steps.length; k++) {
    const previous = positions[k - 1]!;
    let found = -1;
    for (let j = previous + 1; j < list.length && list[j]!.timestamp <= deadline; j++) {
      if (matchesSelector(spec.steps[k]!, list[j]!) && holdKey(spec, list[j]!) === key) {
        found = j;
        break;
      }
      if (spec.order === 'strict') break;
    }
    if (found < 0) break;
    positions.push(found);
  }
  return finish(spec, list, positions, positions);
}

/** `any`: from an event matching some step, each step's first matching event within the window (an event may count for several steps). */
function anyOrder(spec: FunnelSpec, list: readonly AnalysisEvent[], start: number): Attempt {
  const deadline = list[start]!.timestamp + windowMs(spec);
  const key = holdKey(spec, list[start]!);
  const firsts: number[] = [];
  for (const step of spec.steps) {
    for (let j = start; j < list.length && list[j]!.timestamp <= deadline; j++) {
      if (matchesSelector(step, list[j]!) && holdKey(spec, list[j]!) === key) {
        firsts.push(j);
        break;
      }
    }
  }
  // Exclusions of an `any` funnel span it whole: from the first event to the one completing it.
  const positions = firsts.length === spec.steps.length ? [start, ...new Array<number>(spec.steps.length - 2).fill(start), Math.max(...firsts)] : [start];
  return finish(spec, list, firsts, positions);
}

function finish(spec: FunnelSpec, list: readonly AnalysisEvent[], reachedSteps: readonly number[], positions: readonly number[]): Attempt {
  const start = positions[0]!;
  const n = spec.steps.length;
  const reached = reachedSteps.length;
  const convertMs = reached === n ? list[Math.max(...reachedSteps)]!.timestamp - list[start]!.timestamp : null;
  const spoiled = (spec.exclusions ?? []).some((x) => {
    if (positions[x.beforeStep] === undefined) return false;
    for (let j = positions[x.afterStep]! + 1; j < positions[x.beforeStep]!; j++) if (matchesSelector(x.matcher, list[j]!)) return true;
    return false;
  });
  return { start, reached, positions, convertMs, void: spoiled };
}

/** Counts, ranks and bins of outcomes, as the SQL computes them. */
export function aggregateOutcomes(spec: FunnelSpec, outcomes: readonly FunnelOutcome[], bucket?: string): FunnelAggregates {
  const n = spec.steps.length;
  const counts = new Map<string, { breakdown: string | null; bucket: string | null; reached: number; persons: number }>();
  for (const o of outcomes) {
    const key = JSON.stringify([o.breakdown, o.bucket, o.reached]);
    const row = counts.get(key) ?? { breakdown: o.breakdown, bucket: o.bucket, reached: o.reached, persons: 0 };
    row.persons++;
    counts.set(key, row);
  }
  const ranks: FunnelAggregates['ranks'][number][] = [];
  const bins: FunnelAggregates['bins'][number][] = [];
  const timeGroups: [TimeGroup, string | null, FunnelOutcome[]][] = [['all', null, [...outcomes]]];
  if (spec.breakdown) {
    for (const value of new Set(outcomes.map((o) => o.breakdown))) timeGroups.push(['breakdown', value, outcomes.filter((o) => o.breakdown === value)]);
  }
  for (const [group, breakdown, members] of timeGroups) {
    const times = members.filter((o) => o.reached === n).map((o) => o.convertMs!).sort((a, b) => a - b);
    if (times.length === 0) continue;
    for (const rank of convertRanks(times.length)) ranks.push({ group, breakdown, rank, ms: times[rank - 1]! });
    const min = times[0]!;
    const width = binWidth(min, times[times.length - 1]!, spec.histogramBuckets ?? DEFAULT_HISTOGRAM_BUCKETS);
    const perBin = new Map<number, number>();
    for (const t of times) perBin.set(Math.floor((t - min) / width), (perBin.get(Math.floor((t - min) / width)) ?? 0) + 1);
    for (const [bin, persons] of perBin) bins.push({ group, breakdown, bin, persons });
  }
  let persons: string[] | null = null;
  if (spec.personsAt) {
    const { step, outcome, breakdown } = spec.personsAt;
    persons = outcomes
      .filter((o) => (outcome === 'converted' ? o.reached > step : o.reached === step) && (breakdown === undefined || o.breakdown === breakdown) && (bucket === undefined || o.bucket === bucket))
      .map((o) => o.personId);
  }
  return { counts: [...counts.values()], ranks, bins, persons };
}
