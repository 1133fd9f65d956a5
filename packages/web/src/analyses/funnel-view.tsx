import { breakdownValuesLeftOut, type FunnelResult, type Interval, type PeriodClock } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { formatCount, formatDuration, formatPercent } from '../map/format.ts';
import type { FunnelPersonsAt } from './analysis-specs.ts';
import type { MoreValues } from './values-left-out.tsx';
import { funnelOutcomeAt } from './chart-picks.ts';
import { FunnelBreakdown } from './funnel-breakdown.tsx';
import { FunnelOverTime } from './funnel-over-time.tsx';

/**
 * A funnel: persons per step as bars with the drop-off between steps, conversion, and the time
 * to convert (median, p90, histogram), conversion over time and, when split, per value. Each step,
 * in the table and as a bar, offers the persons behind its numbers. `timing` is what conversion
 * over time needs to shade the periods whose entrants can still convert.
 */
export function FunnelView({ result, labels, split, more, timing, onPersons }: {
  result: FunnelResult; labels: readonly string[]; split?: string | undefined; more?: MoreValues | undefined; timing: { interval: Interval; windowDays: number; clock: PeriodClock }; onPersons: (at: FunnelPersonsAt) => void;
}) {
  const { steps, timeToConvert } = result.overall;
  const bars = useMemo(() => {
    // A count does not fit inside a bar under a tenth of the tallest: it goes on top, in dark.
    const tallest = Math.max(1, ...steps.map((s) => s.persons + s.dropOff));
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 120, overflow: 'break' } },
      yAxis: { type: 'value', name: 'persons' },
      series: [
        {
          name: 'Converted',
          type: 'bar',
          stack: 'f',
          data: steps.map((s) => (s.persons < tallest / 10 ? { value: s.persons, label: { position: 'top', color: '#1e293b' } } : s.persons)),
          itemStyle: { color: '#3b5bdb' },
          label: { show: true, position: 'insideTop', color: '#fff', formatter: ({ value }: { value: number }) => formatCount(value) },
        },
        { name: 'Dropped off', type: 'bar', stack: 'f', data: steps.map((s) => s.dropOff), itemStyle: { color: '#ffc9c9' } },
      ],
    };
  }, [steps, labels]);
  const histogram = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: timeToConvert.histogram.map((b) => formatDuration(b.fromMs)), name: 'time to convert', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: 'persons' },
      series: [{ type: 'bar', data: timeToConvert.histogram.map((b) => b.persons), itemStyle: { color: '#0ca678' } }],
    }),
    [timeToConvert],
  );
  const last = steps[steps.length - 1];
  return (
    <div className="analysis funnel" data-testid="funnel">
      <div className="stat-row">
        <div className="stat">
          <span className="stat-value" data-field="conversion">
            {formatPercent(last?.conversionFromStart)}
          </span>
          <span className="stat-label">conversion, first to last step</span>
        </div>
        <div className="stat">
          <span className="stat-value">{formatDuration(timeToConvert.medianMs)}</span>
          <span className="stat-label">median time to convert</span>
        </div>
        <div className="stat">
          <span className="stat-value">{formatDuration(timeToConvert.p90Ms)}</span>
          <span className="stat-label">90th percentile</span>
        </div>
      </div>
      <EChart
        option={bars}
        height={300}
        label={`Funnel: ${steps.map((s, i) => `${labels[i]} ${s.persons} persons`).join(', ')}`}
        onColumn={({ column, value }) => {
          const step = steps[column];
          const outcome = step && funnelOutcomeAt(step, value);
          if (outcome) onPersons({ step: step.index, outcome });
        }}
      />
      <p className="muted small">Click a step's bar to list who reached it, or its pale part for who dropped before it.</p>
      <table className="table">
        <thead>
          <tr>
            <th>Step</th>
            <th>Persons</th>
            <th>From previous</th>
            <th>Dropped</th>
            <th>Persons behind</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={s.index} data-step={s.index}>
              <td>{labels[i]}</td>
              <td data-field="persons">{formatCount(s.persons)}</td>
              <td>{formatPercent(s.conversionFromPrevious)}</td>
              <td>{i === 0 ? '–' : formatCount(s.dropOff)}</td>
              <td className="actions">
                <button type="button" className="link" onClick={() => onPersons({ step: s.index, outcome: 'converted' })}>
                  reached
                </button>
                {i > 0 && (
                  <button type="button" className="link" onClick={() => onPersons({ step: s.index, outcome: 'dropped' })}>
                    dropped
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.breakdown && <FunnelBreakdown groups={result.breakdown} leftOut={breakdownValuesLeftOut(result)} more={more} title={`By ${split ?? 'channel'} of the first step`} onPersons={(step, group) => onPersons({ step, outcome: 'converted', breakdown: group.value })} />}
      {result.overall.overTime && (
        <>
          <h3>Conversion over time</h3>
          <FunnelOverTime periods={result.overall.overTime} {...timing} onPersons={(bucket, outcome) => onPersons({ step: outcome === 'entered' ? 0 : steps.length - 1, outcome: 'converted', bucket })} />
        </>
      )}
      <h3>Time to convert</h3>
      {timeToConvert.converters > 0 ? <EChart option={histogram} height={200} label="Histogram of the time to convert" /> : <p className="muted">Nobody converted in this range.</p>}
    </div>
  );
}
