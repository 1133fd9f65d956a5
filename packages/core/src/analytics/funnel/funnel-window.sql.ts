import { flag, range0, type FunnelSqlContext } from './funnel-plan.ts';

/**
 * The general plan: window functions over each person's events (partitioned by the
 * hold-constant values too) find every attempt's step events, for any order.
 */
export function windowAttempts(ctx: FunnelSqlContext): string[] {
  if (ctx.spec.order === 'strict') return strictAttempts(ctx);
  return [...numbered(ctx), ...(ctx.spec.order === 'ordered' ? orderedAttempts(ctx) : anyAttempts(ctx))];
}

const AFTER = 'ORDER BY rn DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
const FROM_HERE = 'ORDER BY rn DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

/** Only events that match a step or an exclusion, numbered per person; `nx{j}`: the next exclusion j event. */
function numbered({ spec, n }: FunnelSqlContext): string[] {
  const xs = (spec.exclusions ?? []).map((_, j) => `x${j}`);
  const relevant = [...range0(n).map((k) => `m${k}`), ...xs].join(' + ');
  const next = xs.map((x, j) => `, coalesce(min(CASE WHEN ${x} = 1 THEN rn END) OVER (PARTITION BY pid ${AFTER}), 0) AS nx${j}`).join('');
  return [
    `num AS (SELECT *, CAST(row_number() OVER (PARTITION BY pid ORDER BY ts, sq) AS BIGINT) AS rn FROM base WHERE ${relevant} > 0)`,
    `ex AS (SELECT *${next} FROM num)`,
  ];
}

/**
 * Level k (from n-2 down to 0) gives every row, seen as a step-k event, its greedy chain:
 * `r{k}_{j}` / `t{k}_{j}` the row number and time of its step-j event (0: none), and `a{k}_{x}`
 * the next exclusion-x event after the chain's afterStep event (for afterStep > k).
 */
function orderedAttempts({ d, spec, n, win, to, part }: FunnelSqlContext): string[] {
  const exclusions = spec.exclusions ?? [];
  const ctes: string[] = [];
  let from = 'ex';
  for (let k = n - 2; k >= 0; k--) {
    const next = `m${k + 1}`;
    const fetch = (value: string, alias: string) => `coalesce(${d.lastNonNull(`CASE WHEN ${next} = 1 THEN ${value} END`)} OVER (PARTITION BY ${part} ${AFTER}), 0) AS ${alias}`;
    const cols: string[] = [];
    for (let j = k + 1; j < n; j++) {
      cols.push(fetch(j === k + 1 ? 'rn' : `r${k + 1}_${j}`, `r${k}_${j}`), fetch(j === k + 1 ? 'ts' : `t${k + 1}_${j}`, `t${k}_${j}`));
    }
    for (const [x, e] of exclusions.entries()) {
      if (e.afterStep > k) cols.push(fetch(e.afterStep === k + 1 ? `nx${x}` : `a${k + 1}_${x}`, `a${k}_${x}`));
    }
    ctes.push(`lv${k} AS (SELECT *, ${cols.join(', ')} FROM ${from})`);
    from = `lv${k}`;
  }
  const within = (j: number) => `r0_${j} > 0 AND t0_${j} <= ts + ${win}`;
  const reach = ['1', ...range0(n).slice(1).map((j) => flag(within(j)))].join(' + ');
  const spoiled = exclusions.map((e, x) => {
    const next = e.afterStep === 0 ? `nx${x}` : `a0_${x}`;
    return `(${within(e.beforeStep)} AND ${next} > 0 AND ${next} < r0_${e.beforeStep})`;
  });
  ctes.push(`cand AS (SELECT pid, ts, sq, bd, bk, ${reach} AS reach, t0_${n - 1} - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
    FROM lv0 WHERE m0 = 1 AND ts < ${to})`);
  return ctes;
}

/**
 * Step k is the k-th next event of the person (of any name). Only step events can lie between
 * two steps, so an exclusion applies when one of the steps between its afterStep and beforeStep matches it.
 */
function strictAttempts({ spec, n, win, to }: FunnelSqlContext): string[] {
  const holds = spec.holdConstant ?? [];
  const w = 'OVER (PARTITION BY pid ORDER BY ts, sq)';
  const leads = range0(n)
    .slice(1)
    .flatMap((k) => [`coalesce(lead(m${k}, ${k}) ${w}, 0) AS lm${k}`, `lead(ts, ${k}) ${w} AS lt${k}`, ...holds.map((_, i) => `lead(h${i}, ${k}) ${w} AS lh${k}_${i}`)]);
  const ok = (k: number) =>
    flag([`lm${k} = 1`, `lt${k} <= ts + ${win}`, ...holds.map((_, i) => `(lh${k}_${i} = h${i} OR (lh${k}_${i} IS NULL AND h${i} IS NULL))`)].join(' AND '));
  const reach = `CASE ${range0(n)
    .slice(1)
    .map((k) => `WHEN ${ok(k)} = 0 THEN ${k}`)
    .join(' ')} ELSE ${n} END`;
  const spoiled = (spec.exclusions ?? []).flatMap((e, x) => {
    const between = range0(e.beforeStep).slice(e.afterStep + 1);
    if (between.length === 0) return [];
    leads.push(...between.map((k) => `coalesce(lead(x${x}, ${k}) ${w}, 0) AS lx${k}_${x}`));
    return [`(${ok(e.beforeStep)} = 1 AND ${range0(e.beforeStep).slice(1).map((k) => `${ok(k)} = 1`).join(' AND ') || 'true'} AND (${between.map((k) => `lx${k}_${x} = 1`).join(' OR ')}))`];
  });
  return [
    `seqs AS (SELECT *, ${leads.join(', ')} FROM base)`,
    `cand AS (SELECT pid, ts, sq, bd, bk, ${reach} AS reach, lt${n - 1} - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
      FROM seqs WHERE m0 = 1 AND ts < ${to})`,
  ];
}

/** From a row matching any step: each step's first event at or after it (`f{k}` row, `ft{k}` time). */
function anyAttempts({ spec, n, win, to, part }: FunnelSqlContext): string[] {
  const w = `OVER (PARTITION BY ${part} ${FROM_HERE})`;
  const firsts = range0(n).flatMap((k) => [
    `coalesce(min(CASE WHEN m${k} = 1 THEN rn END) ${w}, 0) AS f${k}`,
    `coalesce(min(CASE WHEN m${k} = 1 THEN ts END) ${w}, 0) AS ft${k}`,
  ]);
  const covered = (k: number) => `f${k} > 0 AND ft${k} <= ts + ${win}`;
  const complete = range0(n).map(covered).join(' AND ');
  const last = `greatest(${range0(n).map((k) => `f${k}`).join(', ')})`;
  const spoiled = (spec.exclusions ?? []).map((_, x) => `(${complete} AND nx${x} > 0 AND nx${x} < ${last})`);
  return [
    `firsts AS (SELECT *, ${firsts.join(', ')} FROM ex)`,
    `cand AS (SELECT pid, ts, sq, bd, bk, ${range0(n).map((k) => flag(covered(k))).join(' + ')} AS reach,
      greatest(${range0(n).map((k) => `ft${k}`).join(', ')}) - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
      FROM firsts WHERE ${range0(n).map((k) => `m${k}`).join(' + ')} > 0 AND ts < ${to})`,
  ];
}

