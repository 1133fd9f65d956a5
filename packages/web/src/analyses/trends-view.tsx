import { breakdownValuesLeftOut, firstOpenPeriod, sameLine, type Interval, type PeriodClock, type TrendLine, type TrendsResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart, PALETTE } from '../charts/echart.tsx';
import { CutPeriodsNote, openPeriodsArea, OpenPeriodsNote, rangeCuts } from '../charts/open-periods.tsx';
import { hasLonePoint } from '../charts/lone-points.ts';
import { trendLineAt } from './chart-picks.ts';
import { formatChange, formatCount } from '../map/format.ts';
import { PersonsLink } from './persons-link.tsx';
import { changeFromPrevious, cutShortValues } from './result-summaries.ts';
import { ValuesLeftOut, type MoreValues } from './values-left-out.tsx';

const NO_LINES: readonly TrendLine[] = [];
/** An instant as people of the project's time zone read it: "24 Nov 2026, 21:10". */
const pointIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
/** A series' name, and its channel when the trend is split (no channel: "none"). */
const lineName = (labels: readonly string[], line: TrendLine, split: boolean) => `${labels[line.series] ?? line.label}${split ? ` · ${line.breakdown ?? 'none'}` : ''}`;

/**
 * Persons and events per period for a touchpoint's events; the period before as dashed lines,
 * period for period, and (a range not over yet) a ring where the period before up to the same
 * point is cut short. A line's total lists the persons behind it (`onPersons`, with the line's name);
 * a click on the chart, those of the nearest line in that period (a dashed one: of the period before).
 * The periods not over at `clock.now` are shaded. A split past its limit says what it leaves
 * out, and `more` shows more of it.
 */
export function TrendsView({ result, interval, clock, labels, split, more, onPersons }: {
  result: TrendsResult; interval: Interval; clock: PeriodClock; labels: readonly string[]; split: boolean; more: MoreValues | undefined;
  onPersons: (line: TrendLine, name: string, at?: { bucket: string; previous: boolean }) => void;
}) {
  const previous = result.previous?.lines ?? NO_LINES;
  const soFar = result.previous?.soFar;
  const open = firstOpenPeriod(result.buckets, interval, clock.now, clock.timeZone);
  const cuts = useMemo(() => rangeCuts(result.buckets, interval, clock), [result, interval, clock]);
  // Against the whole range before, a range not over yet can only have counted part of its last period:
  // it is compared with the period before up to the same point when the answer has it.
  const settled = open === result.buckets.length;
  const leftOut = breakdownValuesLeftOut(result);
  const option = useMemo(() => {
    const name = (line: TrendLine) => lineName(labels, line, split);
    // A line and its period before share a color.
    const color = (line: TrendLine) => PALETTE[Math.max(0, result.lines.findIndex(sameLine(line))) % PALETTE.length];
    return {
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll', data: result.lines.map(name) },
      xAxis: { type: 'category', data: result.buckets },
      yAxis: { type: 'value' },
      series: [
        ...result.lines.map((line) => ({ name: name(line), type: 'line', showSymbol: hasLonePoint(line.values), data: line.values, itemStyle: { color: color(line) } })),
        ...previous.map((line) => ({
          name: `${name(line)}, period before`,
          type: 'line',
          showSymbol: hasLonePoint(line.values),
          data: line.values,
          itemStyle: { color: color(line) },
          lineStyle: { type: 'dashed', opacity: 0.6 },
        })),
        // The period before up to the same point, where it differs from the whole: in the period it cuts short.
        ...result.lines.flatMap((line) => {
          const data = cutShortValues(soFar, line);
          return data ? [{ name: `${name(line)}, period before up to the same point`, type: 'line', data, showSymbol: true, symbol: 'emptyCircle', symbolSize: 9, itemStyle: { color: color(line) } }] : [];
        }),
        // No bars: only the shading of the periods not over, which a bar series draws over whole columns.
        { type: 'bar', data: [], silent: true, markArea: openPeriodsArea(result.buckets, open, cuts) },
      ],
    };
  }, [result, previous, soFar, labels, split, open, cuts]);
  return (
    <div className="analysis trends" data-testid="trends">
      <EChart
        option={option}
        height={340}
        label="Trends over the range"
        onColumn={({ column, value }) => {
          const lines = [...result.lines.map((line) => ({ ...line, previous: false })), ...previous.map((line) => ({ ...line, previous: true }))];
          const line = trendLineAt(lines, column, value);
          const bucket = (line?.previous ? result.previous?.buckets : result.buckets)?.[column];
          if (line && bucket !== undefined) onPersons(line, lineName(labels, line, split), { bucket, previous: line.previous });
        }}
      />
      <p className="muted small">
        Click the chart to list the persons of the nearest line in that period (a dashed line: of the period before).
        <OpenPeriodsNote count={result.buckets.length - open} interval={interval} />
        <CutPeriodsNote cuts={cuts} interval={interval} />
        {soFar && ` A ring: the period before up to the same point (${pointIn(soFar.until, clock.timeZone)}).`}
        <ValuesLeftOut shown={(result.breakdownValues ?? 0) - leftOut} leftOut={leftOut} ranked="events" more={more} />
      </p>
      <ul className="inline-list">
        {result.lines.map((line, i) => {
          const before = previous.find(sameLine(line));
          const base = soFar ? soFar.lines.find(sameLine(line)) : before;
          const change = changeFromPrevious(line, base);
          const compared = soFar
            ? `period before, up to the same point (${pointIn(soFar.until, clock.timeZone)}): ${formatCount(base?.total)}; all of it: ${formatCount(before?.total)}`
            : `period before: ${formatCount(before?.total)}${settled ? '' : `, all of it; this range's last ${interval} is not over`}`;
          return (
            <li key={i} data-line={i}>
              {lineName(labels, line, split)}:{' '}
              <strong data-field="total">
                <PersonsLink count={line.total ?? 0} onClick={() => onPersons(line, lineName(labels, line, split))}>
                  {formatCount(line.total)}
                </PersonsLink>
              </strong>
              {change !== null && (
                <span className={change < 0 ? 'muted down' : 'muted'} data-field="change" title={compared}>
                  {' '}
                  ({formatChange(change)}
                  {soFar ? ' like for like' : settled ? '' : ' so far'})
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
