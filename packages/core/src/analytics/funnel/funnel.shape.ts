import { groupBy } from '../../util/group-by.ts';
import { compareBreakdownValues, DEFAULT_BREAKDOWN_LIMIT } from '../breakdown-limit.ts';
import { bucketsIn, type AnalysisRange } from '../analysis-range.ts';
import type { FunnelOrder, FunnelSpec } from './funnel.spec.ts';
import { selectorName } from '../matchers/event-selector.ts';
import { windowMs } from './funnel.spec.ts';

/**
 * What the reference and the SQL both compute, as counts: the result is shaped from these by
 * one function, so rates (divisions) happen once, in JS, and the engines agree exactly.
 */
export interface FunnelAggregates {
  /** Persons per breakdown value, bucket and `reached` (1..n: how many steps their attempt reached). */
  readonly counts: readonly { readonly breakdown: string | null; readonly bucket: string | null; readonly reached: number; readonly persons: number }[];
  /**
   * Times to convert (ms) of converters at the ranks `convertRanks` asks for, per group (`all`:
   * everyone; `breakdown`: one breakdown value), ranks from 1 in ascending order.
   */
  readonly ranks: readonly { readonly group: TimeGroup; readonly breakdown: string | null; readonly rank: number; readonly ms: number }[];
  /** Converters per histogram bin (see `binWidth`), per group. */
  readonly bins: readonly { readonly group: TimeGroup; readonly breakdown: string | null; readonly bin: number; readonly persons: number }[];
  /** The persons `personsAt` asks for (any order), or null. */
  readonly persons: readonly string[] | null;
}
export type TimeGroup = 'all' | 'breakdown';

export interface FunnelStepResult {
  readonly index: number;
  /** The step's event name. */
  readonly name: string;
  /** Persons who reached this step (in `any` order: who did at least index + 1 of the steps). */
  readonly persons: number;
  /** persons / persons of the previous step (step 0: 1); null when that is 0. */
  readonly conversionFromPrevious: number | null;
  /** persons / persons of step 0; null when that is 0. */
  readonly conversionFromStart: number | null;
  /** Persons who reached the previous step but not this one (0 for step 0). */
  readonly dropOff: number;
}

export interface TimeToConvert {
  /** Persons who reached the last step. */
  readonly converters: number;
  /** The lower value at rank (n - 1) * p of the ascending times, as every analysis takes percentiles; null without converters. */
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  /** Equal-width bins from the fastest to the slowest converter: [fromMs, toMs). */
  readonly histogram: readonly { readonly fromMs: number; readonly toMs: number; readonly persons: number }[];
}

export interface FunnelPeriod {
  /** The period of the first step (`bucketOf` label). */
  readonly bucket: string;
  readonly entered: number;
  readonly converted: number;
  /** converted / entered; null when nobody entered. */
  readonly conversionRate: number | null;
}

export interface FunnelGroup {
  readonly steps: readonly FunnelStepResult[];
  readonly timeToConvert: TimeToConvert;
  /** With `interval`: every period of the range, in order. */
  readonly overTime?: readonly FunnelPeriod[];
}

export interface FunnelResult {
  readonly kind: 'funnel';
  readonly order: FunnelOrder;
  readonly windowMs: number;
  readonly overall: FunnelGroup;
  /**
   * With `breakdown`: one group per value of the first step (null: it had none), most persons
   * first, then by value (null last); at most `breakdown.limit` of them.
   */
  readonly breakdown?: readonly (FunnelGroup & { readonly value: string | null })[];
  /** With `breakdown`: how many values the first step has, groups left out included. */
  readonly breakdownValues?: number;
  /** With `personsAt`: the person ids, sorted. */
  readonly persons?: readonly string[];
}

export const DEFAULT_HISTOGRAM_BUCKETS = 10;

/** The 1-based ranks whose times the result needs among n converters: min, median, p90, max. */
export const convertRanks = (n: number): number[] => [...new Set([1, medianRank(n), p90Rank(n), n])];

/** 1-based ranks of the median and p90 among n: floor((n - 1) * p) + 1. */
const medianRank = (n: number) => Math.floor((n - 1) / 2) + 1;
const p90Rank = (n: number) => Math.floor((9 * (n - 1)) / 10) + 1;

/** Histogram bin width (ms): the span from the fastest to the slowest converter in at most `buckets` bins, at least 1 ms. */
export const binWidth = (min: number, max: number, buckets: number): number => Math.max(1, Math.ceil((max - min + 1) / buckets));

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const groupKey = (group: TimeGroup, breakdown: string | null) => `${group}:${JSON.stringify(breakdown)}`;

/** The funnel result from its aggregates: the one place rates, percentiles and the layout are made. */
export function shapeFunnel(spec: FunnelSpec, range: AnalysisRange, agg: FunnelAggregates): FunnelResult {
  const n = spec.steps.length;
  const ranks = new Map<string, Map<number, number>>();
  for (const r of agg.ranks) {
    const key = groupKey(r.group, r.breakdown);
    if (!ranks.has(key)) ranks.set(key, new Map());
    ranks.get(key)!.set(r.rank, r.ms);
  }
  const bins = new Map<string, Map<number, number>>();
  for (const b of agg.bins) {
    const key = groupKey(b.group, b.breakdown);
    if (!bins.has(key)) bins.set(key, new Map());
    bins.get(key)!.set(b.bin, b.persons);
  }
  const buckets = spec.interval ? bucketsIn(range, spec.interval) : null;

  const group = (counts: FunnelAggregates['counts'], key: string): FunnelGroup => {
    const reached = new Array<number>(n + 1).fill(0);
    for (const c of counts) reached[c.reached] = (reached[c.reached] ?? 0) + c.persons;
    const persons: number[] = [];
    for (let k = n - 1, sum = 0; k >= 0; k--) persons[k] = sum += reached[k + 1]!;
    const steps = spec.steps.map((step, k) => ({
      index: k,
      name: selectorName(step),
      persons: persons[k]!,
      conversionFromPrevious: ratio(persons[k]!, persons[Math.max(0, k - 1)]!),
      conversionFromStart: ratio(persons[k]!, persons[0]!),
      dropOff: k === 0 ? 0 : persons[k - 1]! - persons[k]!,
    }));
    const out: FunnelGroup = { steps, timeToConvert: timeToConvert(persons[n - 1]!, ranks.get(key), bins.get(key), spec.histogramBuckets ?? DEFAULT_HISTOGRAM_BUCKETS) };
    if (!buckets) return out;
    const overTime = buckets.map((bucket) => {
      let entered = 0;
      let converted = 0;
      for (const c of counts) {
        if (c.bucket !== bucket) continue;
        entered += c.persons;
        if (c.reached === n) converted += c.persons;
      }
      return { bucket, entered, converted, conversionRate: ratio(converted, entered) };
    });
    return { ...out, overTime };
  };

  const result: FunnelResult = { kind: 'funnel', order: spec.order, windowMs: windowMs(spec), overall: group(agg.counts, groupKey('all', null)) };
  let out: FunnelResult = result;
  if (spec.breakdown) {
    const groups = [...groupBy(agg.counts, (c) => c.breakdown)].map(([value, counts]) => ({ value, ...group(counts, groupKey('breakdown', value)) }));
    groups.sort((a, b) => b.steps[0]!.persons - a.steps[0]!.persons || compareBreakdownValues(a.value, b.value));
    out = { ...out, breakdown: groups.slice(0, spec.breakdown.limit ?? DEFAULT_BREAKDOWN_LIMIT), breakdownValues: groups.length };
  }
  if (spec.personsAt) out = { ...out, persons: [...(agg.persons ?? [])].sort() };
  return out;
}

function timeToConvert(converters: number, ranks: Map<number, number> | undefined, bins: Map<number, number> | undefined, buckets: number): TimeToConvert {
  if (converters === 0 || !ranks) return { converters, medianMs: null, p90Ms: null, histogram: [] };
  const at = (rank: number) => {
    const ms = ranks.get(rank);
    if (ms === undefined) throw new Error(`funnel: no time to convert at rank ${rank} of ${converters}`);
    return ms;
  };
  const min = at(1);
  const max = at(converters);
  const width = binWidth(min, max, buckets);
  const histogram = [];
  for (let bin = 0; bin <= Math.floor((max - min) / width); bin++) {
    histogram.push({ fromMs: min + bin * width, toMs: min + (bin + 1) * width, persons: bins?.get(bin) ?? 0 });
  }
  return { converters, medianMs: at(medianRank(converters)), p90Ms: at(p90Rank(converters)), histogram };
}
