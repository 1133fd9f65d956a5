import type { PathsResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';

const label = (id: string) => id.slice(id.indexOf(':') + 1);

/** What people did next from a touchpoint's event, as a Sankey. */
export function PathsView({ result }: { result: PathsResult }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 220,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          data: result.nodes.map((n) => ({ name: n.id, value: n.count })),
          links: result.links.map((l) => ({ source: l.source, target: l.target, value: l.count })),
          label: { formatter: (p: { name: string; value: number }) => `${label(p.name)} (${p.value})` },
          lineStyle: { color: 'gradient', opacity: 0.35 },
        },
      ],
    }),
    [result],
  );
  if (result.total === 0) return <p className="empty-state">Nobody did this event in the range.</p>;
  return (
    <div className="analysis paths" data-testid="paths">
      <p className="muted" data-field="reached">
        {result.total} persons; reached each step: {result.reached.join(' → ')}
      </p>
      <EChart option={option} height={420} label={`Paths after the event: ${result.links.length} transitions`} />
    </div>
  );
}
