import { cohortPeriodState, type PeriodClock, type RetentionResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { formatCount, formatPercent } from '../map/format.ts';
import { PeriodLabel } from './period-label.tsx';
import { PersonsLink } from './persons-link.tsx';
import { retentionCurve } from './result-summaries.ts';

/**
 * Retention: the curve of every cohort together, then the cohorts as a heat map table (darker is
 * more persons coming back). A cohort's size and each cell with persons in it list those persons
 * (`onPersons`). A cell whose period has not begun at `clock.now` is left blank (nobody could have
 * come back yet), and one still going on says so. `orLater`: the result counts persons back in a
 * period or any later one.
 */
export function RetentionView({ result, orLater, clock, onPersons }: { result: RetentionResult; orLater: boolean; clock: PeriodClock; onPersons: (cohort: string, period?: number) => void }) {
  const periods = useMemo(() => Array.from({ length: result.periods + 1 }, (_, k) => k), [result.periods]);
  const { interval } = result;
  const stateOf = (cohort: string, k: number) => cohortPeriodState(cohort, k, interval, clock);
  // The last cell of the last cohort is the latest period of the table.
  const last = result.cohorts.at(-1);
  const open = last !== undefined && stateOf(last.cohort, result.periods).state !== 'over';
  const curve = useMemo(() => retentionCurve(result, clock), [result, clock]);
  const option = useMemo(() => {
    const after = (k: number) => (k === 0 ? `same ${interval}` : `+${k}`);
    // Every period of the table, so that where the curve stops shows how far the cohorts have lived.
    const shares = periods.map((k) => (curve[k] ? curve[k].returned / curve[k].size : null));
    return {
      grid: { left: 56, right: 24, top: 28, bottom: 40 },
      tooltip: {
        trigger: 'axis',
        formatter: (items: { dataIndex: number }[]) => {
          const p = curve[items[0]!.dataIndex];
          if (!p) return `${after(items[0]!.dataIndex)}: no cohort has lived through it yet`;
          return `${after(p.k)}: ${formatPercent(shares[p.k])} back<br>${formatCount(p.returned)} of ${formatCount(p.size)} persons, ${p.cohorts} ${p.cohorts === 1 ? 'cohort' : 'cohorts'}`;
        },
      },
      xAxis: { type: 'category', data: periods.map(after), name: `${interval}s after the cohort's`, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [{ type: 'line', name: 'back', data: shares, symbolSize: 8, lineStyle: { width: 3 }, label: { show: true, position: 'top', formatter: ({ value }: { value: number }) => formatPercent(value) } }],
    };
  }, [curve, interval, periods]);
  return (
    <div className="analysis retention" data-testid="retention">
      {curve.length > 0 && (
        <>
          <EChart option={option} height={220} label={`Retention curve: ${curve.map((p) => formatPercent(p.returned / p.size)).join(', ')}`} />
          <p className="muted small">
            Of the persons of every cohort that has lived through a {interval}, the share back in it{orLater && ' or later'}. Click a cell of the table to list persons.
          </p>
        </>
      )}
      <table className="table heatmap">
        <thead>
          <tr>
            <th>Cohort ({interval})</th>
            <th>Persons</th>
            {periods.map((k) => (
              <th key={k}>{k === 0 ? 'same' : `+${k}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <td>
                <PeriodLabel label={c.cohort} interval={interval} clock={clock} />
              </td>
              <td data-field="size">
                <PersonsLink count={c.size} onClick={() => onPersons(c.cohort)}>
                  {formatCount(c.size)}
                </PersonsLink>
              </td>
              {periods.map((k) => {
                const { label, state } = stateOf(c.cohort, k);
                if (state === 'future') return <td key={k} data-field={`returned-${k}`} data-state={state} title={`the ${interval} of ${label} has not begun`} />;
                const rate = c.rates[k] ?? 0;
                const counted = `${c.returned[k] ?? 0} of ${c.size}`;
                return (
                  <td
                    key={k}
                    data-field={`returned-${k}`}
                    data-state={state}
                    style={{ background: `rgba(59, 91, 219, ${Math.min(1, rate * 1.6).toFixed(2)})`, color: rate > 0.35 ? '#fff' : undefined }}
                    title={state === 'current' ? `${counted} so far: the ${interval} of ${label} is not over` : counted}
                  >
                    {c.size ? (
                      <PersonsLink count={c.returned[k] ?? 0} onClick={() => onPersons(c.cohort, k)}>
                        {formatPercent(rate)}
                      </PersonsLink>
                    ) : (
                      '–'
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <p className="muted small" data-testid="open-periods">
          A dashed cell's {interval} is not over yet: its share can still grow. Blank cells are {interval}s that have not begun.
        </p>
      )}
    </div>
  );
}
