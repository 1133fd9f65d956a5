import { readRange } from '../analysis-range.ts';
import { compileMatcher } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { shapePaths, type PathsResult, type PathStepRow } from './paths.shape.ts';
import { PAGE_EVENT, pathsPlan, type PathsSpec } from './paths.spec.ts';

/**
 * Paths as one query for any dialect: one window pass over the events in range (two with
 * `collapseRepeats`), sorted per person (or session) by time then arrival, with no join.
 *
 * A row is at step j after the first anchor when the anchor is j rows back and no anchor comes
 * earlier: `lag(is_anchor, j)` for j = 0..steps and a running count of anchors tell it in the
 * same pass (before the anchor: `lead`, and no anchor earlier than the row). The labels one and
 * two steps back come from the same window, so the rows of every step group straight into the
 * (step, before, from, to) counts `shapePaths` reads.
 *
 * @example
 * const { queries, shape } = compilePaths(DUCKDB_DIALECT, spec, 'proj_1');
 * const result = shape([await engine.query(queries[0])]);
 */
export function compilePaths(d: SqlDialect, spec: PathsSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<PathsResult> {
  const plan = pathsPlan(spec);
  const range = readRange(spec, defaultTimeZone);
  const anchor = compileMatcher(d, plan.matcher);
  const partition = plan.scope === 'session' ? 'person_id, session_id' : 'person_id';
  const w = (frame = '') => `OVER (PARTITION BY ${partition} ORDER BY ts, seq${frame})`;
  const upTo = w(' ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
  const label = `CASE WHEN event = ${d.string(PAGE_EVENT)} AND ${d.propertyKind('path')} = 'string' THEN ${d.string(`${PAGE_EVENT} `)} || ${d.propertyString('path')} ELSE event END`;
  const filters = [
    `project_id = ${d.string(projectId)}`,
    `timestamp >= ${d.timestamp(range.from)}`,
    `timestamp < ${d.timestamp(range.to)}`,
    ...(plan.scope === 'session' ? ['session_id IS NOT NULL'] : []),
    ...(plan.include ? [`(event IN (${plan.include.map(d.string).join(', ')}) OR (${anchor}))`] : []),
  ];
  const base = `SELECT person_id, session_id, timestamp AS ts, seq, ${label} AS label, CASE WHEN ${anchor} THEN 1 ELSE 0 END AS a
    FROM events_resolved WHERE ${filters.join(' AND ')}`;
  const after = plan.direction === 'after';
  // Collapsing keeps the first anchor and the events whose label differs from the one before
  // them in the walk (after: the previous event; before: the next one).
  const sequence = !plan.collapseRepeats
    ? base
    : `SELECT person_id, session_id, ts, seq, label, first_anchor AS a FROM (
        SELECT person_id, session_id, ts, seq, label,
          CASE WHEN a = 1 AND sum(a) ${upTo} = 1 THEN 1 ELSE 0 END AS first_anchor,
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
  const sql = `SELECT step, before_label, from_label, label AS to_label, count(*) AS n FROM (
    SELECT step, label, CASE WHEN step >= 2 THEN near2 END AS before_label, CASE WHEN step >= 1 THEN near1 END AS from_label FROM (
      SELECT label, near1, near2, ${step} AS step FROM (
        SELECT label, a, sum(a) ${upTo} AS seen, ${flags.join(', ')},
          ${near}(label, 1) ${w()} AS near1, ${near}(label, 2) ${w()} AS near2
        FROM (${sequence}) AS s
      ) AS f
    ) AS g WHERE step IS NOT NULL
  ) AS p
  GROUP BY step, before_label, from_label, label`;
  return {
    queries: [sql],
    shape([rows = []]) {
      return shapePaths(plan, rows.map(toStepRow));
    },
  };
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toStepRow(row: Readonly<Record<string, unknown>>): PathStepRow {
  return { step: Number(row['step']), before: text(row['before_label']), from: text(row['from_label']), to: String(row['to_label']), count: Number(row['n']) };
}

