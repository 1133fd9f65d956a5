import type { TrendsResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart, PALETTE } from '../charts/echart.tsx';
import { formatCount } from '../map/format.ts';

/** Persons and events per period for a touchpoint's events. */
export function TrendsView({ result, labels }: { result: TrendsResult; labels: readonly string[] }) {
  const option = useMemo(
    () => ({
      color: PALETTE,
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: result.buckets },
      yAxis: { type: 'value' },
      series: result.lines.map((line) => ({ name: labels[line.series] ?? line.label, type: 'line', showSymbol: false, data: line.values })),
    }),
    [result, labels],
  );
  return (
    <div className="analysis trends" data-testid="trends">
      <EChart option={option} height={340} label="Trends over the range" />
      <ul className="inline-list">
        {result.lines.map((line, i) => (
          <li key={i}>
            {labels[line.series] ?? line.label}: <strong>{formatCount(line.total)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
