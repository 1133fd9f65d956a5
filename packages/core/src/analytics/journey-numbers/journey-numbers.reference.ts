import { bucketsIn } from '../analysis-range.ts';
import { byTime, type AnalysisEvent } from '../analysis-event.ts';
import { matchesEvent } from '../matchers/match-event.ts';
import { propertyValue } from '../matchers/property-value.ts';
import { bucketOf } from '../time-buckets.ts';
import type { GoalCounts, JourneyCounts, JourneyNumbersPlan, JourneyUnit, UnitCounts, WindowCounts } from './journey-numbers.plan.ts';

/**
 * The reference meaning of a map's live numbers, per window ([previousFrom, previousTo) and
 * [from, to)) and per unit (touchpoint, or stage = any of its touchpoints):
 * - persons: distinct persons with a matching event in the window; events: matching events;
 * - converted: persons with an event of the next unit strictly later than their first event
 *   of this unit, in the window; time to next: from that first event to the first such event;
 * - goalConverted: persons with a goal event strictly later than their first event of this unit;
 * - repeaters: persons with two or more events of the unit; revenue: the sum of the numeric
 *   `revenue` property of matching events whose name is one of the plan's `revenueEvents`.
 * Reads the events of one project, already restricted to the persons of interest.
 */
export function journeyNumbersReference(plan: JourneyNumbersPlan, events: readonly AnalysisEvent[]): JourneyCounts {
  const sorted = [...events].sort(byTime);
  const sparkline = bucketsIn({ from: plan.from, to: plan.to, timeZone: plan.timeZone }, plan.interval).map((period) => {
    const inPeriod = sorted.filter((e) => e.timestamp >= plan.from && e.timestamp < plan.to && bucketOf(e.timestamp, plan.interval, plan.timeZone) === period);
    const point = (u: JourneyUnit) => {
      const hits = inPeriod.filter((e) => matchesUnit(u, e));
      return { persons: new Set(hits.map((e) => e.personId)).size, events: hits.length };
    };
    return { period, touchpoints: plan.touchpoints.map(point), stages: plan.stages.map(point) };
  });
  return {
    current: windowCounts(plan, sorted.filter((e) => e.timestamp >= plan.from && e.timestamp < plan.to)),
    previous: windowCounts(plan, sorted.filter((e) => e.timestamp >= plan.previousFrom && e.timestamp < plan.previousTo)),
    sparkline,
  };
}

const matchesUnit = (u: JourneyUnit, e: AnalysisEvent) => u.matchers.some((m) => matchesEvent(m, e));

function windowCounts(plan: JourneyNumbersPlan, events: readonly AnalysisEvent[]): WindowCounts {
  const byPerson = new Map<string, AnalysisEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.personId) ?? [];
    list.push(e);
    byPerson.set(e.personId, list);
  }
  const goalTimes = new Map([...byPerson].map(([p, list]) => [p, list.filter((e) => matchesEvent(plan.goal, e)).map((e) => e.timestamp)]));
  const units = (list: readonly JourneyUnit[]) => list.map((u) => unitCounts(plan, u, u.next === null ? null : list[u.next]!, byPerson, goalTimes));
  const goalEvents = events.filter((e) => matchesEvent(plan.goal, e));
  const goal: GoalCounts = {
    persons: new Set(goalEvents.map((e) => e.personId)).size,
    events: goalEvents.length,
    repeaters: [...goalTimes.values()].filter((t) => t.length >= 2).length,
    ...revenueOf(plan, goalEvents),
    mapPersons: [...byPerson.values()].filter((list) => list.some((e) => plan.touchpoints.some((u) => matchesUnit(u, e)))).length,
  };
  return { touchpoints: units(plan.touchpoints), stages: units(plan.stages), goal };
}

function unitCounts(plan: JourneyNumbersPlan, u: JourneyUnit, next: JourneyUnit | null, byPerson: ReadonlyMap<string, AnalysisEvent[]>, goalTimes: ReadonlyMap<string, number[]>): UnitCounts {
  let persons = 0;
  let converted = 0;
  let goalConverted = 0;
  let repeaters = 0;
  const timesToNext: number[] = [];
  const all: AnalysisEvent[] = [];
  for (const [person, list] of byPerson) {
    const own = list.filter((e) => matchesUnit(u, e));
    if (own.length === 0) continue;
    all.push(...own);
    persons++;
    if (own.length >= 2) repeaters++;
    const first = Math.min(...own.map((e) => e.timestamp));
    const later = next === null ? undefined : list.find((e) => e.timestamp > first && matchesUnit(next, e));
    if (later) {
      converted++;
      timesToNext.push(later.timestamp - first);
    }
    if (goalTimes.get(person)!.some((t) => t > first)) goalConverted++;
  }
  return { persons, events: all.length, converted, goalConverted, repeaters, timesToNext: timesToNext.sort((a, b) => a - b), ...revenueOf(plan, all) };
}

function revenueOf(plan: JourneyNumbersPlan, events: readonly AnalysisEvent[]): { revenue: number; revenueEvents: number } {
  const values = events
    .filter((e) => plan.revenueEvents.includes(e.event))
    .map((e) => propertyValue(e.properties, 'revenue')).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return { revenue: values.reduce((a, b) => a + b, 0), revenueEvents: values.length };
}
