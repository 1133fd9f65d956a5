import { flag, range0, type FunnelSqlContext } from './funnel-plan.ts';

/**
 * The `asof` plan (`ordered` funnels): from every start, one ASOF join per step finds the
 * first later event matching it (of the same person and hold-constant values): the greedy
 * chain of the definition, one sorted merge per step instead of a window pass over all events.
 * The order of events is one number, (time, seq) as a 128-bit key. An exclusion is one more
 * ASOF join: the first matching event after the chain's afterStep event, which voids the
 * attempt when it comes before its beforeStep event. DuckDB only (128-bit keys, structs).
 *
 * A chain goes on to step k + 1 only while step k came within the window: later steps come
 * later still, so an attempt that missed step k reaches k steps whatever follows. Most starts
 * stop early (17% of the bench's product-mix views find an add within a week, 1.6% a checkout too),
 * so the later joins read far fewer rows than there are starts.
 */
export function asofAttempts({ spec, n, win, to }: FunnelSqlContext): string[] {
  const holds = (spec.holdConstant ?? []).map((_, i) => i);
  const exclusions = spec.exclusions ?? [];
  // NULL-safe equality of held values: the value (or '') and whether it is missing.
  const heldColumns = holds.map((i) => `, coalesce(h${i}, '') AS hv${i}, h${i} IS NULL AS hn${i}`).join('');
  const sameHeld = holds.map((i) => ` AND e.hv${i} = c.hv${i} AND e.hn${i} = c.hn${i}`).join('');
  const key = '((CAST(ts AS HUGEINT) << 64) + sq)';
  const within = (j: number) => `t${j} IS NOT NULL AND t${j} <= ts + ${win}`;
  const ctes = [
    `c0 AS (SELECT pid, ts, sq, bd, bk, ${key} AS k0${heldColumns} FROM base WHERE m0 = 1 AND ts < ${to})`,
    ...range0(n)
      .slice(1)
      .map((k) => `e${k} AS (SELECT pid, ts AS t, ${key} AS k${heldColumns} FROM base WHERE m${k} = 1)`),
    ...exclusions.map((_, x) => `xe${x} AS (SELECT pid, ${key} AS k FROM base WHERE x${x} = 1)`),
  ];
  for (const k of range0(n).slice(1)) {
    const going = k === 1 ? 'c0' : `(SELECT * FROM c${k - 1} WHERE ${within(k - 1)})`;
    ctes.push(`c${k} AS (SELECT c.*, e.k AS k${k}, e.t AS t${k} FROM ${going} c ASOF LEFT JOIN e${k} e ON e.pid = c.pid${sameHeld} AND e.k > c.k${k - 1})`);
  }
  // Every attempt once, from the join where its chain stopped, with the keys its exclusions
  // read and the time of the last step (NULL past where it stopped: an exclusion voids only an
  // attempt that reached its beforeStep in time, so what it finds for those does not matter).
  const carried = new Map([[`t${n - 1}`, n - 1], ...exclusions.flatMap((e) => [[`k${e.afterStep}`, e.afterStep], [`k${e.beforeStep}`, e.beforeStep], [`t${e.beforeStep}`, e.beforeStep]] as const)]);
  const columns = (k: number) => [...carried].map(([c, step]) => `${step <= k ? c : 'NULL'} AS ${c}`);
  const stopped = range0(n - 1)
    .slice(1)
    .map((k) => `SELECT pid, ts, sq, bd, bk, ${[...columns(k), `${k} AS reach`].join(', ')} FROM c${k} WHERE NOT (${within(k)})`);
  const last = `SELECT pid, ts, sq, bd, bk, ${[...columns(n - 1), `${n - 1} + ${flag(within(n - 1))} AS reach`].join(', ')} FROM c${n - 1}`;
  ctes.push(`ends AS (${[...stopped, last].join('\n      UNION ALL ')})`);
  let chain = 'ends';
  for (const [x, e] of exclusions.entries()) {
    ctes.push(`cx${x} AS (SELECT c.*, e.k AS nx${x} FROM ${chain} c ASOF LEFT JOIN xe${x} e ON e.pid = c.pid AND e.k > c.k${e.afterStep})`);
    chain = `cx${x}`;
  }
  const spoiled = exclusions.map((e, x) => `(${within(e.beforeStep)} AND nx${x} IS NOT NULL AND nx${x} < k${e.beforeStep})`);
  ctes.push(
    `att AS (SELECT pid, ts, sq, bd, bk, reach, t${n - 1} - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled FROM ${chain})`,
    // The person's attempt already here, by one aggregate (the least of -reach, time, seq):
    // cheaper on DuckDB than ranking every attempt in a window.
    `kept AS (SELECT pid, min(struct_pack(r := -reach, ts := ts, sq := sq, bd := bd, bk := bk, ttc := ttc)) AS a FROM att WHERE spoiled = 0 GROUP BY pid)`,
    `cand AS (SELECT pid, a.ts AS ts, a.sq AS sq, a.bd AS bd, a.bk AS bk, -a.r AS reach, a.ttc AS ttc, 0 AS spoiled FROM kept)`,
  );
  return ctes;
}
