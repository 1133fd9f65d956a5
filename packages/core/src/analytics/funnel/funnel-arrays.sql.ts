import { packedKey } from '../sql/clickhouse-packed-key.ts';
import { range0, type FunnelSqlContext } from './funnel-plan.ts';

/** No start, or none in time: below every time. */
const NONE = '-9223372036854775807';

/**
 * The `arrays` plan (ClickHouse; `ordered` funnels without exclusions): each person's step
 * events (per hold-constant values) in arrays sorted by (time, seq), and four array passes per
 * step: no join, no window, nothing per attempt.
 *
 * Why it is exact: an attempt's chain (step k = the first later event matching step k)
 * depends on its start only through its previous step, so attempts move through the steps in
 * runs: the attempts waiting for step j are consecutive starts, and the whole run moves on at
 * the next step-j event (an event matching several steps serves the higher step first, so it
 * is one step of each attempt). So per step j, the run's state after each event is one number
 * (`c`): the latest start (time + 1) when attempts entered the run there, -1 when a step-j
 * event emptied it, 0 when the event changed nothing; carried forward (`arrayFill`) and read
 * one event late, it is the run each event finds (`hb`, > 0 when not empty). A step-j event
 * moves that run into the next (`e`); some of its attempts get there in time exactly when its
 * latest start does (`ok`). Attempts reach a step in the order of their starts, so the
 * earliest attempt reaching step j + 1 is the first start at or after the time (minus the
 * window) of the first `ok` event of step j. The person's attempt is the earliest one of the
 * furthest step reached; the first `ok` event of the last step completes it.
 */
export function arraysAttempts({ spec, n, win, from, to }: FunnelSqlContext): string[] {
  const holds = (spec.holdConstant ?? []).map((_, i) => `h${i}`);
  const group = ['pid', ...holds].join(', ');
  const mask = [`CASE WHEN m0 = 1 AND ts < ${to} THEN 1 ELSE 0 END`, ...range0(n).slice(1).map((k) => `m${k} * ${2 ** k}`)].join(' + ');
  // One sortable number per event, which also carries its step mask, so one sort gives both:
  // its time from the range start (44 bits, over 500 years; a range is at most about 11), then
  // seq, then the mask (20 bits: at most 20 steps).
  const packed = packedKey(20);
  const key = packed.pack(`ts - ${from}`, 'sq', 'mask');
  // groupArray skips NULLs: nullable values go in one-element tuples.
  const sorted = (column: string) => `arraySort((x, k) -> k, groupArray(${column}), groupArray(${key}))`;
  const columns = [`arrayMap(k -> ${packed.time('k')}, ks) AS t`, 'arrayMap((m, x) -> if(bitTest(m, 0), x + 1, 0), ms, t) AS e1'];
  for (const j of range0(n).slice(1)) {
    columns.push(
      `arrayMap((e, m) -> if(e > 0, e, if(bitTest(m, ${j}), -1, 0)), e${j}, ms) AS c${j}`,
      `arrayPushFront(arrayPopBack(arrayFill(x -> x != 0, c${j})), 0) AS hb${j}`,
      `arrayMap((m, h) -> if(bitTest(m, ${j}) AND h > 0, h, 0), ms, hb${j}) AS e${j + 1}`,
      `arrayFirstIndex((e, x) -> e > 0 AND e - 1 >= x - ${win}, e${j + 1}, t) AS ok${j}`,
    );
  }
  const reached = range0(n).slice(1).reverse();
  const reach = `multiIf(${reached.map((j) => `ok${j} > 0, ${j + 1}`).join(', ')}, arrayExists(e -> e > 0, e1), 1, 0)`;
  const after = `multiIf(${reached.map((j) => `ok${j} > 0, t[ok${j}] - ${win}`).join(', ')}, ${NONE})`;
  return [
    `evs AS (SELECT ${group}, arraySort(groupArray(${key})) AS ks, arrayMap(k -> ${packed.payload('k')}, ks) AS ms${spec.breakdown ? `, ${sorted('tuple(bd)')} AS bds` : ''}${spec.interval ? `, ${sorted('tuple(bk)')} AS bks` : ''}
      FROM (SELECT *, ${mask} AS mask FROM base) AS b WHERE mask > 0 GROUP BY ${group})`,
    `runs AS (SELECT *, ${columns.join(',\n      ')} FROM evs)`,
    `picked AS (SELECT *, ${reach} AS reach, arrayFirstIndex((x, m) -> bitTest(m, 0) AND x >= ${after}, t, ms) AS s FROM runs)`,
    `cand AS (SELECT pid, t[s] AS ts, ${packed.seq('ks[s]')} AS sq, ${spec.breakdown ? 'bds[s].1' : 'NULL'} AS bd, ${spec.interval ? 'bks[s].1' : 'NULL'} AS bk, reach,
      if(reach = ${n}, t[ok${n - 1}] - t[s], NULL) AS ttc, 0 AS spoiled FROM picked WHERE reach > 0)`,
  ];
}
