import { byTime, type AnalysisEvent } from '../analysis-event.ts';
import { groupBy } from '../../util/group-by.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { matchesCondition } from '../matchers/match-event.ts';
import { propertyValue } from '../matchers/property-value.ts';
import type { SegmentCondition, SegmentResult, SegmentSpec } from './segment.spec.ts';
import { parseIsoTimestamp } from '../../events/parse-timestamp.ts';

const DAY = 86_400_000;

/**
 * A segment computed from an array of events: the persons with an event at or before `asOf`
 * who meet every `all` condition, at least one `any` condition and no `none` condition.
 */
export function segmentReference(spec: SegmentSpec, events: readonly AnalysisEvent[]): SegmentResult {
  const asOf = parseIsoTimestamp(spec.asOf)!;
  const byPerson = groupBy(events.filter((e) => e.timestamp <= asOf).sort(byTime), (e) => e.personId);
  const members = [...byPerson]
    .filter(([, own]) => isMember(spec, own, asOf))
    .map(([person]) => person)
    .sort();
  return { count: members.length, persons: members.slice(0, spec.limit ?? 100) };
}

/** Whether a person with these events (in time order, none after `asOf`) is in the segment. */
export function isMember(spec: Pick<SegmentSpec, 'all' | 'any' | 'none'>, own: readonly AnalysisEvent[], asOf: number): boolean {
  const meets = (c: SegmentCondition): boolean => {
    if (c.type === 'trait') {
      const path = c.condition.property;
      const carrying = own.filter((e) => e.event === '$identify' && propertyValue(e.properties, path) !== undefined && propertyValue(e.properties, path) !== null);
      const latest = carrying[carrying.length - 1];
      return matchesCondition(c.condition, { ...(latest ?? own[0]!), properties: latest?.properties ?? {} });
    }
    const since = c.withinDays === undefined ? -Infinity : asOf - c.withinDays * DAY;
    const n = own.filter((e) => e.timestamp > since && matchesSelector(c.matcher, e)).length;
    return n >= (c.min ?? 1) && (c.max === undefined || n <= c.max);
  };
  return (spec.all ?? []).every(meets) && (!spec.any?.length || spec.any.some(meets)) && !(spec.none ?? []).some(meets);
}
