import { firstOpenPeriod, LIFECYCLE_STATUSES, type LifecycleResult, type LifecycleStatus, type PeriodClock } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { openPeriodsArea, OpenPeriodsNote } from '../charts/open-periods.tsx';
import { lifecycleStatusAt } from './chart-picks.ts';
import { formatCount } from '../map/format.ts';
import { PeriodLabel } from './period-label.tsx';
import { PersonsLink } from './persons-link.tsx';
import { PERIOD_HEADING, quickRatio } from './result-summaries.ts';

const STATUS: Record<LifecycleStatus, { label: string; color: string }> = {
  new: { label: 'New', color: '#0ca678' },
  returning: { label: 'Returning', color: '#3b5bdb' },
  resurrecting: { label: 'Resurrecting', color: '#f59f00' },
  dormant: { label: 'Dormant', color: '#e03131' },
};

export const statusLabel = (status: LifecycleStatus): string => STATUS[status].label;

/**
 * Per period, the persons a touchpoint gained and lost: stacked above the axis, dormant below.
 * Each count in the table, and each bar, lists its persons (`onPersons`). The periods not over at
 * `clock.now` are shaded.
 */
export function LifecycleView({ result, clock, onPersons }: { result: LifecycleResult; clock: PeriodClock; onPersons: (period: string, status: LifecycleStatus) => void }) {
  const labels = useMemo(() => result.periods.map((p) => p.period), [result]);
  const open = firstOpenPeriod(labels, result.interval, clock.now, clock.timeZone);
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(Math.abs(v)) },
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: 'persons', axisLabel: { formatter: (v: number) => formatCount(Math.abs(v)) } },
      series: LIFECYCLE_STATUSES.map((status, i) => ({
        name: STATUS[status].label,
        type: 'bar',
        // One stack: ECharts stacks negative values down from zero, so the dormant bar hangs under the active one.
        stack: 'persons',
        itemStyle: { color: STATUS[status].color },
        data: result.periods.map((p) => (status === 'dormant' ? -p.dormant : p[status])),
        markArea: i === 0 ? openPeriodsArea(labels, open) : undefined,
      })),
    }),
    [result, labels, open],
  );
  const ratio = quickRatio(result);
  return (
    <div className="analysis lifecycle" data-testid="lifecycle">
      <div className="stat-row">
        <div className="stat">
          <span className="stat-value" data-field="quick-ratio">
            {ratio === null ? '–' : ratio.toFixed(2)}
          </span>
          <span className="stat-label">quick ratio: (new + resurrecting) / dormant</span>
        </div>
      </div>
      <EChart
        option={option}
        height={320}
        label={`Lifecycle per ${result.interval}: new, returning, resurrecting and dormant persons`}
        onColumn={({ column, value }) => {
          const period = result.periods[column];
          const status = period && lifecycleStatusAt(period, value);
          if (status) onPersons(period.period, status);
        }}
      />
      <p className="muted small">
        Click a bar to list its persons.
        <OpenPeriodsNote count={labels.length - open} interval={result.interval} />
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{PERIOD_HEADING[result.interval]}</th>
            {LIFECYCLE_STATUSES.map((s) => (
              <th key={s}>{STATUS[s].label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.periods.map((p) => (
            <tr key={p.period} data-period={p.period}>
              <td>
                <PeriodLabel label={p.period} interval={result.interval} clock={clock} />
              </td>
              {LIFECYCLE_STATUSES.map((s) => (
                <td key={s} data-field={s}>
                  <PersonsLink count={p[s]} onClick={() => onPersons(p.period, s)}>
                    {formatCount(p[s])}
                  </PersonsLink>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
