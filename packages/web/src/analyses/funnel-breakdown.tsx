import type { FunnelResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { formatCount, formatDuration, formatPercent } from '../map/format.ts';
import { PersonsLink } from './persons-link.tsx';
import { ValuesLeftOut, type MoreValues } from './values-left-out.tsx';

type Group = NonNullable<FunnelResult['breakdown']>[number];
const name = (g: Group) => g.value ?? '(none)';

/**
 * A funnel split by a value of its first step: conversion per value as bars, and each value's
 * numbers; who entered or converted in a group lists its persons (`onPersons`, with the step reached).
 * `leftOut`: how many values past the breakdown's limit are not shown; `more` shows more of them.
 */
export function FunnelBreakdown({ groups, leftOut, more, title, onPersons }: { groups: readonly Group[]; leftOut: number; more: MoreValues | undefined; title: string; onPersons: (step: number, group: Group) => void }) {
  const last = (g: Group) => g.steps[g.steps.length - 1]!;
  const option = useMemo(
    () => ({
      grid: { left: 120, right: 48, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis', valueFormatter: formatPercent },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: groups.map(name) },
      series: [{ type: 'bar', data: groups.map((g) => last(g).conversionFromStart), itemStyle: { color: '#3b5bdb' }, label: { show: true, position: 'right', formatter: (p: { value: number | null }) => formatPercent(p.value) } }],
    }),
    [groups],
  );
  return (
    <div className="funnel-breakdown" data-testid="funnel-breakdown">
      <h3>{title}</h3>
      <EChart
        option={option}
        height={Math.max(120, 36 * groups.length + 32)}
        label={`Conversion by ${title}: ${groups.map((g) => `${name(g)} ${formatPercent(last(g).conversionFromStart)}`).join(', ')}`}
        onColumn={({ column }) => {
          const group = groups[column];
          if (group && last(group).persons > 0) onPersons(group.steps.length - 1, group);
        }}
      />
      <p className="muted small">
        Click a bar to list who converted from that value.
        <ValuesLeftOut shown={groups.length} leftOut={leftOut} ranked="persons" more={more} />
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Value</th>
            <th>Entered</th>
            <th>Converted</th>
            <th>Conversion</th>
            <th>Median time to convert</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={name(g)} data-breakdown={name(g)}>
              <td>{name(g)}</td>
              <td data-field="entered">
                <PersonsLink count={g.steps[0]!.persons} onClick={() => onPersons(0, g)}>
                  {formatCount(g.steps[0]!.persons)}
                </PersonsLink>
              </td>
              <td data-field="converted">
                <PersonsLink count={last(g).persons} onClick={() => onPersons(g.steps.length - 1, g)}>
                  {formatCount(last(g).persons)}
                </PersonsLink>
              </td>
              <td>{formatPercent(last(g).conversionFromStart)}</td>
              <td>{formatDuration(g.timeToConvert.medianMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
