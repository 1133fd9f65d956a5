import { range0, type FunnelSqlContext } from './funnel-plan.ts';

/** No start, or none in time: below every time. */
const NONE = '-9223372036854775807';

/**
 * The `arrays` plan (ClickHouse; `ordered` funnels without exclusions): each person's step
 * events (per hold-constant values) in arrays sorted by (time, seq), and a few array passes
 * per step: no join, no window, nothing per attempt.
 *
 * Why it is exact: an attempt's chain (step k = the first later event matching step k)
 * depends on its start only through its previous step, so attempts move through the steps in
 * runs: the attempts waiting for step j are consecutive starts, and the whole run moves on at
 * the next step-j event (an event matching several steps serves the higher step first, so it
 * is one step of each attempt). So per step j, at each event: the run waiting for step j is
 * not empty when something entered it after the last step-j event (`li` >= `ls`, positions of
 * the last of each before the event), and its latest start is the one that entered last
 * (`hb`). The event moves the run on (`out`) when it matches step j; some of the run's
 * attempts get there in time exactly when its latest start does (`ok`). Attempts reach a step
 * in the order of their starts, so the earliest attempt reaching step j + 1 is the first start
 * at or after the time (minus the window) of the first `ok` event of step j. The person's
 * attempt is the earliest one of the furthest step reached; the first `ok` event of the last
 * step completes it.
 */
export function arraysAttempts({ d, spec, n, win, from, to }: FunnelSqlContext): string[] {
  const holds = (spec.holdConstant ?? []).map((_, i) => `h${i}`);
  const group = ['pid', ...holds].join(', ');
  const mask = [`CASE WHEN m0 = 1 AND ts < ${to} THEN 1 ELSE 0 END`, ...range0(n).slice(1).map((k) => `m${k} * ${2 ** k}`)].join(' + ');
  // One sortable number per event: its time from the range start, then seq.
  const key = `bitShiftLeft(toUInt128(ts - ${from}), 64) + sq`;
  // groupArray skips NULLs: nullable values go in one-element tuples.
  const sorted = (column: string) => `arraySort((x, k) -> k, groupArray(${column}), groupArray(${key}))`;
  // The value of the array at the previous position (`first` at the first).
  const before = (array: string, first: string) => `arrayPushFront(arrayPopBack(${array}), ${first})`;
  const last = (positions: string) => before(`arrayFill(x -> x != 0, ${positions})`, '0');
  const columns = [
    'arrayMap(k -> toInt64(bitShiftRight(k, 64)), ks) AS t',
    'arrayEnumerate(ms) AS pos',
    'arrayMap(m -> bitTest(m, 0), ms) AS in1',
    `arrayMap((m, x) -> if(bitTest(m, 0), x, ${NONE}), ms, t) AS h1`,
  ];
  for (const j of range0(n).slice(1)) {
    columns.push(
      `${last(`arrayMap((x, p) -> if(x, p, 0), in${j}, pos)`)} AS li${j}`,
      `${last(`arrayMap((m, p) -> if(bitTest(m, ${j}), p, 0), ms, pos)`)} AS ls${j}`,
      `${before(`arrayFill(x -> x != ${NONE}, h${j})`, NONE)} AS hb${j}`,
      `arrayMap((m, a, b) -> bitTest(m, ${j}) AND a > 0 AND a >= b, ms, li${j}, ls${j}) AS in${j + 1}`,
      `arrayMap((o, x) -> if(o, x, ${NONE}), in${j + 1}, hb${j}) AS h${j + 1}`,
      `arrayFirstIndex((o, x, y) -> o AND x >= y - ${win}, in${j + 1}, hb${j}, t) AS ok${j}`,
    );
  }
  const reached = range0(n).slice(1).reverse();
  const reach = `multiIf(${reached.map((j) => `ok${j} > 0, ${j + 1}`).join(', ')}, has(in1, 1), 1, 0)`;
  const after = `multiIf(${reached.map((j) => `ok${j} > 0, t[ok${j}] - ${win}`).join(', ')}, ${NONE})`;
  return [
    `evs AS (SELECT ${group}, arraySort(groupArray(${key})) AS ks, ${sorted('toUInt32(mask)')} AS ms${spec.breakdown ? `, ${sorted('tuple(bd)')} AS bds` : ''}${spec.interval ? `, ${sorted('tuple(bk)')} AS bks` : ''}
      FROM (SELECT *, ${mask} AS mask FROM base) AS b WHERE mask > 0 GROUP BY ${group})`,
    `runs AS (SELECT *, ${columns.join(',\n      ')} FROM evs)`,
    `picked AS (SELECT *, ${reach} AS reach, arrayFirstIndex((x, m) -> bitTest(m, 0) AND x >= ${after}, t, ms) AS s FROM runs)`,
    `cand AS (SELECT pid, t[s] AS ts, toUInt64(bitAnd(ks[s], ${d.string('18446744073709551615')}::UInt128)) AS sq, ${spec.breakdown ? 'bds[s].1' : 'NULL'} AS bd, ${spec.interval ? 'bks[s].1' : 'NULL'} AS bk, reach,
      if(reach = ${n}, t[ok${n - 1}] - t[s], NULL) AS ttc, 0 AS spoiled FROM picked WHERE reach > 0)`,
  ];
}
