import { firstOpenPeriod, type FunnelPeriod, type Interval, type PeriodClock } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { CutPeriodsNote, openPeriodsArea, OpenPeriodsNote, rangeCuts } from '../charts/open-periods.tsx';
import { formatPercent } from '../map/format.ts';
import { funnelPeriodAt } from './chart-picks.ts';

/**
 * Persons who entered the funnel per period (bars) and the share of them who converted (line).
 * A period's bars list who entered then, or who of them converted (`onPersons`). Periods that
 * end less than the window before `clock.now` are shaded: some who entered then can still convert.
 */
export function FunnelOverTime({ periods, interval, windowDays, clock, onPersons }: {
  periods: readonly FunnelPeriod[]; interval: Interval; windowDays: number; clock: PeriodClock; onPersons: (bucket: string, outcome: 'converted' | 'entered') => void;
}) {
  const labels = useMemo(() => periods.map((p) => p.bucket), [periods]);
  // A period is settled when its last entrant's window is over: it ended at least a window ago.
  const open = firstOpenPeriod(labels, interval, clock.now - windowDays * 86_400_000, clock.timeZone);
  const cuts = useMemo(() => rangeCuts(labels, interval, clock), [labels, interval, clock]);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: 'persons' },
        { type: 'value', name: 'conversion', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) }, splitLine: { show: false } },
      ],
      series: [
        { name: 'Entered', type: 'bar', data: periods.map((p) => p.entered), itemStyle: { color: '#d0d9ff' }, markArea: openPeriodsArea(labels, open, cuts) },
        { name: 'Converted', type: 'bar', barGap: '-100%', data: periods.map((p) => p.converted), itemStyle: { color: '#3b5bdb' } },
        { name: 'Conversion', type: 'line', yAxisIndex: 1, connectNulls: false, data: periods.map((p) => p.conversionRate), itemStyle: { color: '#e8590c' }, tooltip: { valueFormatter: formatPercent } },
      ],
    }),
    [periods, labels, open, cuts],
  );
  return (
    <>
      <EChart
        option={option}
        height={260}
        label={`Conversion over time: ${periods.map((p) => `${p.bucket} ${p.converted} of ${p.entered}`).join(', ')}`}
        onColumn={({ column, value }) => {
          const period = periods[column];
          const outcome = period && funnelPeriodAt(period, value);
          if (outcome) onPersons(period.bucket, outcome);
        }}
      />
      <p className="muted small">
        Click a period's bars to list who entered then, or who of them converted.
        <OpenPeriodsNote count={labels.length - open} interval={interval} because={`within ${windowDays === 1 ? 'a day' : `${windowDays} days`} of now: some who entered then can still convert`} />
        <CutPeriodsNote cuts={cuts} interval={interval} />
      </p>
    </>
  );
}
