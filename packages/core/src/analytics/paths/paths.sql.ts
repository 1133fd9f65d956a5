import { readRange } from '../analysis-range.ts';
import { packedKey } from '../sql/clickhouse-packed-key.ts';
import { compileSelector } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { shapePaths, type PathAtStep, type PathsResult, type PathStepRow } from './paths.shape.ts';
import { PAGE_EVENT, PATHS_OTHER, pathsPlan, type PathsPlan, type PathsSpec } from './paths.spec.ts';

/**
 * How the SQL reads paths; both return the same (step, before, from, to) counts:
 * - `window`: one window pass over the events (two with `collapseRepeats`); any engine.
 * - `arrays`: each sequence's labels in an array sorted by (time, seq), sliced from the first
 *   anchor (ClickHouse only: it needs its array functions).
 */
export const PATHS_SQL_PLANS = ['window', 'arrays'] as const;
export type PathsSqlPlan = (typeof PATHS_SQL_PLANS)[number];

/** Whether a plan runs on an engine. */
export const pathsPlanRuns = (plan: PathsSqlPlan, d: SqlDialect): boolean => plan === 'window' || d.name === 'clickhouse';

/**
 * Paths as one query: the dialect's preferred plan (`plan` forces one, for tests).
 *
 * @example
 * const { queries, shape } = compilePaths(DUCKDB_DIALECT, spec, 'proj_1');
 * const result = shape([await engine.query(queries[0])]);
 */
export function compilePaths(
  d: SqlDialect,
  spec: PathsSpec,
  projectId: string,
  defaultTimeZone = 'UTC',
  plan: PathsSqlPlan = pathsPlanRuns(d.plans.paths, d) ? d.plans.paths : 'window',
): CompiledAnalysis<PathsResult> {
  if (!pathsPlanRuns(plan, d)) throw new Error(`paths: the ${plan} plan does not run on ${d.name}`);
  const paths = pathsPlan(spec);
  const range = readRange(spec, defaultTimeZone);
  const anchor = compileSelector(d, paths.matcher);
  const label = `CASE WHEN event = ${d.string(PAGE_EVENT)} AND ${d.propertyKind('path')} = 'string' THEN ${d.string(`${PAGE_EVENT} `)} || ${d.propertyString('path')} ELSE event END`;
  const filters = [
    `project_id = ${d.string(projectId)}`,
    `timestamp >= ${d.timestamp(range.from)}`,
    `timestamp < ${d.timestamp(range.to)}`,
    ...(paths.scope === 'session' ? ['session_id IS NOT NULL'] : []),
    ...(paths.include ? [`(event IN (${paths.include.map(d.string).join(', ')}) OR (${anchor}))`] : []),
  ];
  const parts: PathsSqlParts = { d, plan: paths, from: range.from, label, anchor, filters: filters.join(' AND ') };
  const sql = plan === 'arrays' ? arraysSql : windowSql;
  const at = spec.personsAt;
  return {
    queries: at ? [sql(parts), sql(parts, at)] : [sql(parts)],
    shape([rows = [], atStep = []]) {
      return shapePaths(paths, rows.map(toStepRow), at && { ...at, paths: atStep.map(toPathAtStep) });
    },
  };
}

/** personsAt's node. Each plan, given it, returns the paths at its step that may be at the node, by person. */
type NodeAt = NonNullable<PathsSpec['personsAt']>;

/** The condition on a path's label at personsAt's step: its label, or none for `$other` (which `shapePaths` sorts out). */
const labelIs = (d: SqlDialect, at: NodeAt, column: string) => (at.label === PATHS_OTHER ? '' : ` AND ${column} = ${d.string(at.label)}`);

interface PathsSqlParts {
  readonly d: SqlDialect;
  readonly plan: PathsPlan;
  /** The range start (epoch ms). */
  readonly from: number;
  /** An event's node label, whether it matches the anchor, and which events are read. */
  readonly label: string;
  readonly anchor: string;
  readonly filters: string;
}

/**
 * The `arrays` plan: per sequence, its events in one array sorted by one key of (time, seq),
 * each event a small number: its label's position in the list of the range's labels (found
 * first: the event names, and the labels of page views), times two, plus one for an anchor.
 * Gathering numbers per person is a fraction of the cost of gathering label strings. The walk
 * is the array from the first anchor on (or back from it, reversed), without repeated labels
 * when collapsing, cut at `steps`; ARRAY JOIN gives its step rows, counted by label position,
 * which become labels at the end.
 */
function arraysSql({ d, plan, from, label, anchor, filters }: PathsSqlParts, at?: NodeAt): string {
  const group = plan.scope === 'session' ? 'person_id, session_id' : 'person_id';
  const page = d.string(PAGE_EVENT);
  // Only page views have a label other than their event name. The event column has few
  // values (LowCardinality), so listing and looking up names is done on its dictionary.
  const labels = `arrayDistinct(arrayConcat(
      (SELECT groupArray(toString(event)) FROM (SELECT DISTINCT event FROM events_resolved WHERE ${filters} AND event != ${page}) AS names),
      (SELECT groupUniqArray(${label}) FROM events_resolved WHERE ${filters} AND event = ${page})))`;
  const position = (of: string) => `transform(${of}, node_labels, arrayEnumerate(node_labels), toUInt32(0))`;
  const code = `if(event = ${page}, ${position(label)}, ${position('event')}) * 2 + toUInt8(${anchor})`;
  // One sortable number per event that also carries its code, so sorting it is the whole
  // gathering: its time from the range start (39 bits, 17 years; a range is at most about 10),
  // then seq, then the code (25 bits: fewer than 2^24 labels).
  const packed = packedKey(25);
  const key = packed.pack(`toUnixTimestamp64Milli(timestamp) - ${from}`, 'seq', code);
  const after = plan.direction === 'after';
  const keep = plan.steps + 1;
  // Without collapsing, only the first steps + 1 labels of the walk matter.
  const walk = after
    ? `arraySlice(labels, at${plan.collapseRepeats ? '' : `, ${keep}`})`
    : `arrayReverse(arraySlice(labels, ${plan.collapseRepeats ? '1, at' : `greatest(1, at - ${plan.steps}), least(at, ${keep})`}))`;
  const path = plan.collapseRepeats ? `arraySlice(arrayFilter((l, p, i) -> i = 1 OR l != p, walk, ${back('walk')}, arrayEnumerate(walk)), 1, ${keep})` : 'walk';
  const name = (position: string) => `if(${position} = 0, NULL, node_labels[${position}])`;
  const counts = `SELECT step, ${name('b')} AS before_label, ${name('f')} AS from_label, node_labels[t] AS to_label, n FROM (
    SELECT toInt64(step - 1) AS step, b, f, t, count() AS n FROM walks
    ARRAY JOIN path AS t, ${back('path')} AS f, ${back(back('path'))} AS b, arrayEnumerate(path) AS step
    GROUP BY step, b, f, t
  ) AS counted`;
  const persons = at && `SELECT DISTINCT person_id, ${name('b')} AS before_label, ${name('f')} AS from_label, node_labels[t] AS to_label FROM walks
    ARRAY JOIN path AS t, ${back('path')} AS f, ${back(back('path'))} AS b, arrayEnumerate(path) AS step
    WHERE step = ${at.step + 1}${labelIs(d, at, 'node_labels[t]')}`;
  return `WITH ${labels} AS node_labels,
  seqs AS (
    SELECT person_id, arrayMap(k -> ${packed.payload('k')}, arraySort(groupArray(${key}))) AS cs, arrayFirstIndex(x -> bitTest(x, 0), cs) AS at
    FROM events_resolved WHERE ${filters}
    GROUP BY ${group} HAVING at > 0 AND throwIf(length(node_labels) >= ${2 ** 24}, 'paths: more than 16,777,215 different steps in the range') = 0
  ), walks AS (
    SELECT person_id, ${path} AS path FROM (SELECT person_id, ${walk} AS walk FROM (SELECT person_id, arrayMap(x -> bitShiftRight(x, 1), cs) AS labels, at FROM seqs) AS s) AS w
  )
  ${persons ?? counts}`;
}

/** An array's values one position later, with 0 (no label) first. */
const back = (array: string) => `arrayPushFront(arrayPopBack(${array}), 0)`;

/**
 * The `window` plan: one window pass over the events in range (two with `collapseRepeats`),
 * sorted per person (or session) by time then arrival, with no join.
 *
 * A row is at step j after the first anchor when the anchor is j rows back and no anchor comes
 * earlier: `lag(is_anchor, j)` for j = 0..steps and a running count of anchors tell it in the
 * same pass (before the anchor: `lead`, and no anchor earlier than the row). The labels one and
 * two steps back come from the same window, so the rows of every step group straight into the
 * (step, before, from, to) counts `shapePaths` reads.
 */
function windowSql({ d, plan, label, anchor, filters }: PathsSqlParts, at?: NodeAt): string {
  const partition = plan.scope === 'session' ? 'person_id, session_id' : 'person_id';
  const w = (frame = '') => `OVER (PARTITION BY ${partition} ORDER BY ts, seq${frame})`;
  const upTo = w(' ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
  const base = `SELECT person_id, session_id, timestamp AS ts, seq, ${label} AS label, CASE WHEN ${anchor} THEN 1 ELSE 0 END AS a
    FROM events_resolved WHERE ${filters}`;
  const after = plan.direction === 'after';
  // Collapsing keeps the first anchor and the events whose label differs from the one before
  // them in the walk (after: the previous event; before: the next one).
  const sequence = !plan.collapseRepeats
    ? base
    : `SELECT person_id, session_id, ts, seq, label, first_anchor AS a FROM (
        SELECT person_id, session_id, ts, seq, label,
          CASE WHEN a = 1 AND ${d.countWhere('a = 1')} ${upTo} = 1 THEN 1 ELSE 0 END AS first_anchor,
          CASE WHEN ${
            after
              ? `row_number() ${w()} = 1 OR label <> lag(label, 1) ${w()}`
              : `row_number() ${w()} = count(*) ${w(' ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING')} OR label <> lead(label, 1) ${w()}`
          } THEN 1 ELSE 0 END AS fresh
        FROM (${base}) AS b
      ) AS m WHERE fresh = 1 OR first_anchor = 1`;
  const near = after ? 'lag' : 'lead';
  const offsets = Array.from({ length: plan.steps + 1 }, (_, j) => j);
  const flags = offsets.slice(1).map((j) => `${near}(a, ${j}, 0) ${w()} AS a${j}`);
  const flag = (j: number) => (j === 0 ? 'a' : `a${j}`);
  // after: the earliest anchor within `steps` rows back, if no anchor is further back;
  // before: the nearest anchor within `steps` rows ahead, if no anchor is earlier than the row.
  const step = after
    ? `CASE WHEN seen = ${offsets.map(flag).join(' + ')} AND seen >= 1 THEN CASE ${[...offsets].reverse().map((j) => `WHEN ${flag(j)} = 1 THEN ${j}`).join(' ')} END END`
    : `CASE WHEN seen - a = 0 THEN CASE ${offsets.map((j) => `WHEN ${flag(j)} = 1 THEN ${j}`).join(' ')} END END`;
  const rows = `SELECT person_id, step, label, CASE WHEN step >= 2 THEN near2 END AS before_label, CASE WHEN step >= 1 THEN near1 END AS from_label FROM (
      SELECT person_id, label, near1, near2, ${step} AS step FROM (
        SELECT person_id, label, a, ${d.countWhere('a = 1')} ${upTo} AS seen, ${flags.join(', ')},
          ${near}(label, 1) ${w()} AS near1, ${near}(label, 2) ${w()} AS near2
        FROM (${sequence}) AS s
      ) AS f
    ) AS g WHERE step IS NOT NULL`;
  if (at) return `SELECT DISTINCT person_id, before_label, from_label, label AS to_label FROM (${rows}) AS p WHERE step = ${at.step}${labelIs(d, at, 'label')}`;
  return `SELECT step, before_label, from_label, label AS to_label, count(*) AS n FROM (${rows}) AS p
  GROUP BY step, before_label, from_label, label`;
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toStepRow(row: Readonly<Record<string, unknown>>): PathStepRow {
  return { step: Number(row['step']), before: text(row['before_label']), from: text(row['from_label']), to: String(row['to_label']), count: Number(row['n']) };
}

const toPathAtStep = (row: Readonly<Record<string, unknown>>): PathAtStep => ({
  personId: String(row['person_id']), before: text(row['before_label']), from: text(row['from_label']), to: String(row['to_label']),
});

