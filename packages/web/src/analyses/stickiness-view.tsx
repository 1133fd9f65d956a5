import { firstOpenPeriod, type PeriodClock, type StickinessResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { formatCount, formatPercent } from '../map/format.ts';
import { stickinessPeriodAt } from './chart-picks.ts';
import { PeriodLabel } from './period-label.tsx';
import { PersonsLink } from './persons-link.tsx';
import { daysActive, PERIOD_HEADING, repeatShare } from './result-summaries.ts';

/**
 * How often persons come back to a touchpoint within a week (or month): persons by days active.
 * A period's persons, each count of days, and each period's part of a bar list those persons
 * (`onPersons`). A period not over at `clock.now` is marked: its persons have had fewer days to
 * come back, so the chart leaves it out (unless no period is over).
 */
export function StickinessView({ result, clock, onPersons }: { result: StickinessResult; clock: PeriodClock; onPersons: (period: string, days?: number) => void }) {
  const { interval } = result;
  const over = firstOpenPeriod(result.periods.map((p) => p.period), interval, clock.now, clock.timeZone);
  const charted = over > 0 ? over : result.periods.length;
  const stacked = useMemo(() => result.periods.slice(0, charted), [result, charted]);
  const totals = useMemo(() => daysActive(stacked), [stacked]);
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: totals.map((_, i) => `${i + 1} ${i === 0 ? 'day' : 'days'}`), name: `days active in a ${interval}`, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: `person-${interval}s` },
      // One segment per period, the earliest at the bottom and palest: a click on one lists its persons.
      series: stacked.map((p, k) => ({
        name: p.period,
        type: 'bar',
        stack: 'periods',
        barMaxWidth: 96,
        data: totals.map((_, i) => p.days[i] ?? 0),
        itemStyle: { color: `hsl(252, 70%, ${stacked.length === 1 ? 58 : Math.round(82 - (k * 40) / (stacked.length - 1))}%)` },
      })),
    }),
    [stacked, totals, interval],
  );
  const columns = daysActive(result.periods).map((_, i) => i);
  return (
    <div className="analysis stickiness" data-testid="stickiness">
      <EChart
        option={option}
        height={280}
        label={`Persons by days active in a ${interval}: ${totals.join(', ')}`}
        onColumn={({ column, value }) => {
          const period = stickinessPeriodAt(stacked, column, value);
          if (period) onPersons(period.period, column + 1);
        }}
      />
      <p className="muted small">Each bar stacks the {interval}s, the latest darkest. Click a part of a bar to list its persons.</p>
      {over < result.periods.length && (
        <p className="muted small" data-testid="open-periods">
          {over === 0
            ? `This ${interval} is not over yet: its persons have had fewer days to come back.`
            : `The chart sums the ${over === 1 ? interval : `${over} ${interval}s`} that are over; the table also has this ${interval}, so far.`}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{PERIOD_HEADING[interval]}</th>
            <th>Persons</th>
            <th>On 2+ days</th>
            {columns.map((i) => (
              <th key={i}>{i + 1}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.periods.map((p) => (
            <tr key={p.period} data-period={p.period}>
              <td>
                <PeriodLabel label={p.period} interval={interval} clock={clock} />
              </td>
              <td data-field="persons">
                <PersonsLink count={p.persons} onClick={() => onPersons(p.period)}>
                  {formatCount(p.persons)}
                </PersonsLink>
              </td>
              <td data-field="repeat">{formatPercent(repeatShare(p))}</td>
              {columns.map((i) => (
                <td key={i} data-field={`days-${i + 1}`}>
                  <PersonsLink count={p.days[i] ?? 0} onClick={() => onPersons(p.period, i + 1)}>
                    {formatCount(p.days[i] ?? 0)}
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
