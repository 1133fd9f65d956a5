import { bucketsIn } from '../analysis-range.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import type { EventMatcher, PropertyCondition } from '../../journey/journey-map.schema.ts';
import { compileCondition } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { JourneyCounts, JourneyNumbersPlan, SparkPoint, UnitCounts, WindowCounts } from './journey-numbers.plan.ts';

interface Col {
  /** Column suffix: `t3` is the fourth touchpoint, `s0` the first stage. */
  readonly key: string;
  readonly next: string | null;
}

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/**
 * 1 when an event matches any of the matchers, else 0: what `compileMatcher` ORed together
 * means, arranged so the property conditions (JSON reads, the costly part) are evaluated only
 * on rows of the matcher's event name.
 */
function matchFlag(d: SqlDialect, matchers: readonly EventMatcher[]): string {
  if (matchers.length === 0) return '0';
  const byEvent = new Map<string, (readonly PropertyCondition[])[]>();
  for (const m of matchers) byEvent.set(m.event, [...(byEvent.get(m.event) ?? []), m.where ?? []]);
  const whens = [...byEvent].map(([event, alternatives]) => {
    const then = alternatives.some((w) => w.length === 0) ? '1' : flag(alternatives.map((w) => `(${w.map((c) => compileCondition(d, c)).join(' AND ')})`).join(' OR '));
    return `WHEN event = ${d.string(event)} THEN ${then}`;
  });
  return `CASE ${whens.join(' ')} ELSE 0 END`;
}

/**
 * The live numbers of a journey map as one SQL query for a dialect, meaning exactly what
 * `journeyNumbersReference` computes.
 *
 * Plan: read the events of [previousFrom, previousTo) and [from, to) once, flag the
 * touchpoints, stages and goal each matches and its window (0 = the period before, 1 = the
 * range); keep only flagged events. A GROUP BY person and window gives each person's first
 * event of every unit; joined back to the events, a second GROUP BY finds, per unit, the first
 * later event of the next unit, the last goal event and the counts; a last GROUP BY window adds
 * persons up. The sparklines
 * count persons and events per person and period of the range, then per period. One query
 * answers both (UNION ALL, rows told apart by `part`), so the events are read and matched
 * once (DuckDB materializes a CTE read twice).
 */
export function compileJourneyNumbers(d: SqlDialect, plan: JourneyNumbersPlan, projectId: string): CompiledAnalysis<JourneyCounts> {
  const cols: Col[] = [
    ...plan.touchpoints.map((u, i) => ({ key: `t${i}`, next: u.next === null ? null : `t${u.next}` })),
    ...plan.stages.map((u, j) => ({ key: `s${j}`, next: u.next === null ? null : `s${u.next}` })),
  ];
  return {
    queries: [numbersSql(d, plan, projectId, cols)],
    shape: ([rows = []]) => shapeCounts(plan, rows.filter((r) => r['part'] === 'w'), rows.filter((r) => r['part'] === 's')),
  };
}

/** Events of a range, flagged: `m_t{i}` per touchpoint, `m_s{j}` per stage, `g` goal, `a` any touchpoint; only flagged rows. */
function flaggedSql(d: SqlDialect, plan: JourneyNumbersPlan, projectId: string, from: number, extra: readonly string[]): string {
  const tps = plan.touchpoints.map((u, i) => `${matchFlag(d, u.matchers)} AS m_t${i}`);
  const names = [...new Set([...plan.touchpoints.flatMap((u) => u.matchers), plan.goal].map((m) => m.event))];
  const revenue =
    plan.revenueEvents.length === 0
      ? d.nullNumber
      : `CASE WHEN event IN (${plan.revenueEvents.map((n) => d.string(n)).join(', ')}) THEN (CASE WHEN ${d.propertyKind('revenue')} = 'number' THEN ${d.propertyNumber('revenue')} ELSE ${d.nullNumber} END) ELSE ${d.nullNumber} END`;
  // The period before cut short (a range read before it is over): what lies between is not read.
  const gap = plan.previousTo < plan.from ? ` AND (timestamp < ${d.timestamp(plan.previousTo)} OR timestamp >= ${d.timestamp(plan.from)})` : '';
  const columns = ['person_id AS pid', `${d.epochMs()} AS ts`, `${flag(`timestamp >= ${d.timestamp(plan.from)}`)} AS w`, ...extra, ...tps, `${matchFlag(d, [plan.goal])} AS g`, `${revenue} AS rv`];
  const base = `SELECT ${columns.join(', ')}
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(from)} AND timestamp < ${d.timestamp(plan.to)}${gap}
      AND event IN (${names.map((n) => d.string(n)).join(', ')})`;
  // A stage is the union of its touchpoints: its flag is derived from theirs, not matched again.
  const stageFlags = plan.stages.map((s, j) => {
    const own = s.parts ?? [];
    return `${own.length === 0 ? '0' : flag(`${own.map((i) => `m_t${i}`).join(' + ')} > 0`)} AS m_s${j}`;
  });
  const allTps = plan.touchpoints.map((_, i) => `m_t${i}`).join(' + ') || '0';
  return `SELECT *, ${[...stageFlags, `${flag(`${allTps} > 0`)} AS a`].join(', ')}
    FROM (${base}) base WHERE ${allTps} + g > 0`;
}

/** A result column: its name, its value in the window rows, its value in the sparkline rows. */
type Column = readonly [name: string, windows: string, sparkline: string];

function numbersSql(d: SqlDialect, plan: JourneyNumbersPlan, projectId: string, cols: readonly Col[]): string {
  const firsts = cols.map((c) => `min(CASE WHEN m_${c.key} = 1 THEN ts END) AS f_${c.key}`);
  const per = cols.flatMap((c) => [
    `min(f_${c.key}) AS pf_${c.key}`,
    `sum(m_${c.key}) AS pe_${c.key}`,
    ...(c.next === null ? [] : [`min(CASE WHEN m_${c.next} = 1 AND ts > f_${c.key} THEN ts END) AS pn_${c.key}`]),
    `sum(CASE WHEN m_${c.key} = 1 THEN rv END) AS pr_${c.key}`,
    `sum(CASE WHEN m_${c.key} = 1 AND rv IS NOT NULL THEN 1 ELSE 0 END) AS prn_${c.key}`,
  ]);
  const goalPer = [
    'max(CASE WHEN g = 1 THEN ts END) AS plg',
    'sum(g) AS pge',
    'sum(CASE WHEN g = 1 THEN rv END) AS pgr',
    'sum(CASE WHEN g = 1 AND rv IS NOT NULL THEN 1 ELSE 0 END) AS pgrn',
    'max(a) AS pa',
  ];
  const perPeriod = cols.flatMap((c) => [`max(m_${c.key}) AS h_${c.key}`, `sum(m_${c.key}) AS e_${c.key}`]);
  const noTimes = d.sortedNumbers(d.nullNumber);
  const columns: Column[] = [
    ['w', 'w', '1'],
    ['bk', 'NULL', 'bk'],
    ...cols.flatMap((c): Column[] => [
      [`persons_${c.key}`, `count(pf_${c.key})`, `sum(h_${c.key})`],
      [`events_${c.key}`, `sum(pe_${c.key})`, `sum(e_${c.key})`],
      [`conv_${c.key}`, c.next === null ? '0' : `count(pn_${c.key})`, '0'],
      [`goal_${c.key}`, `sum(CASE WHEN plg > pf_${c.key} THEN 1 ELSE 0 END)`, '0'],
      [`rep_${c.key}`, `sum(CASE WHEN pe_${c.key} >= 2 THEN 1 ELSE 0 END)`, '0'],
      [`times_${c.key}`, c.next === null ? noTimes : d.sortedNumbers(`pn_${c.key} - pf_${c.key}`), noTimes],
      [`rev_${c.key}`, `sum(pr_${c.key})`, '0'],
      [`revn_${c.key}`, `sum(prn_${c.key})`, '0'],
    ]),
    ['goal_persons', 'count(plg)', '0'],
    ['goal_events', 'sum(pge)', '0'],
    ['goal_repeaters', 'sum(CASE WHEN pge >= 2 THEN 1 ELSE 0 END)', '0'],
    ['goal_revenue', 'sum(pgr)', '0'],
    ['goal_revenue_events', 'sum(pgrn)', '0'],
    ['map_persons', 'sum(pa)', '0'],
  ];
  const select = (side: 1 | 2) => columns.map((c) => `${c[side]} AS ${c[0]}`).join(', ');
  const bucket = `${d.bucket(plan.interval, plan.timeZone)} AS bk`;
  return `WITH flagged AS (${flaggedSql(d, plan, projectId, plan.previousFrom, [bucket])}),
    firsts AS (SELECT pid, w, ${firsts.join(', ')} FROM flagged GROUP BY pid, w),
    per AS (SELECT pid, w, ${[...per, ...goalPer].join(', ')} FROM flagged JOIN firsts USING (pid, w) GROUP BY pid, w),
    periods AS (SELECT pid, bk, ${perPeriod.join(', ')} FROM flagged WHERE w = 1 GROUP BY pid, bk)
    SELECT 'w' AS part, ${select(1)} FROM per GROUP BY w
    UNION ALL
    SELECT 's' AS part, ${select(2)} FROM periods GROUP BY bk`;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x) => x !== null).map(Number) : []);

function shapeCounts(plan: JourneyNumbersPlan, windows: readonly Record<string, unknown>[], spark: readonly Record<string, unknown>[]): JourneyCounts {
  const window = (w: number): WindowCounts => {
    const row = windows.find((r) => num(r['w']) === w) ?? {};
    const unit = (key: string): UnitCounts => ({
      persons: num(row[`persons_${key}`]),
      events: num(row[`events_${key}`]),
      converted: num(row[`conv_${key}`]),
      goalConverted: num(row[`goal_${key}`]),
      repeaters: num(row[`rep_${key}`]),
      timesToNext: numbers(row[`times_${key}`]),
      revenue: num(row[`rev_${key}`]),
      revenueEvents: num(row[`revn_${key}`]),
    });
    return {
      touchpoints: plan.touchpoints.map((_, i) => unit(`t${i}`)),
      stages: plan.stages.map((_, j) => unit(`s${j}`)),
      goal: {
        persons: num(row['goal_persons']),
        events: num(row['goal_events']),
        repeaters: num(row['goal_repeaters']),
        revenue: num(row['goal_revenue']),
        revenueEvents: num(row['goal_revenue_events']),
        mapPersons: num(row['map_persons']),
      },
    };
  };
  const byPeriod = new Map(spark.map((r) => [String(r['bk']), r]));
  const sparkline = bucketsIn({ from: plan.from, to: plan.to, timeZone: plan.timeZone }, plan.interval).map((period): SparkPoint => {
    const row = byPeriod.get(period) ?? {};
    const point = (key: string) => ({ persons: num(row[`persons_${key}`]), events: num(row[`events_${key}`]) });
    return { period, touchpoints: plan.touchpoints.map((_, i) => point(`t${i}`)), stages: plan.stages.map((_, j) => point(`s${j}`)) };
  });
  return { current: window(1), previous: window(0), sparkline };
}
