import { PATHS_OTHER, type PathNode, type PathsResult } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { formatCount } from '../map/format.ts';
import type { PathsDirection } from './analysis-specs.ts';
import { pathsLinkAt } from './chart-picks.ts';
import { PersonsLink } from './persons-link.tsx';

const label = (id: string) => id.slice(id.indexOf(':') + 1);
export const nodeName = (node: PathNode) => (node.label === PATHS_OTHER ? 'Other' : node.label);
/** Where a step is: the event itself, or so many steps after (or before) it. */
export const stepPhrase = (step: number, direction: PathsDirection) => (step === 0 ? 'the event' : `${step} ${step === 1 ? 'step' : 'steps'} ${direction}`);

/**
 * What people did next from a touchpoint's event, or what led to it, as a Sankey. Paths before
 * an event count their steps back from it, so their links are turned around to flow into it.
 * Under it, each step's nodes; each count, and each node of the Sankey, lists its persons
 * (`onPersons`); a link of the Sankey, the persons along it (with the node it comes `from`).
 */
export function PathsView({ result, direction, onPersons }: { result: PathsResult; direction: PathsDirection; onPersons: (node: PathNode, from?: PathNode) => void }) {
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
          links: result.links.map((l) => (direction === 'after' ? { source: l.source, target: l.target, value: l.count } : { source: l.target, target: l.source, value: l.count })),
          label: { formatter: (p: { name: string; value: number }) => `${label(p.name)} (${p.value})` },
          lineStyle: { color: 'gradient', opacity: 0.35 },
        },
      ],
    }),
    [result, direction],
  );
  if (result.total === 0) return <p className="empty-state">Nobody did this event in the range.</p>;
  // The event, and the steps anyone reached.
  const shownSteps = result.reached.flatMap((persons, step) => (step === 0 || persons > 0 ? [step] : []));
  return (
    <div className="analysis paths" data-testid="paths">
      <p className="muted" data-field="reached">
        {formatCount(result.total)} {result.scope === 'session' ? 'sessions' : 'persons'}; reached each step{direction === 'before' && ' back from the event'}: {result.reached.map(formatCount).join(' → ')}
      </p>
      {result.links.length === 0 ? (
        // A Sankey of the event alone draws its labels over one another: say what it would show.
        <p className="empty-state" data-field="no-steps">
          Nothing {direction === 'after' ? 'came after' : 'came before'} the event {result.scope === 'session' ? 'in its session' : 'in the range'}, among the events followed.
        </p>
      ) : (
        <>
          <EChart
            option={option}
            height={420}
            label={`Paths ${direction} the event: ${result.links.length} transitions`}
            onClick={({ dataType, name, data }) => {
              const node = dataType === 'node' && result.nodes.find((n) => n.id === name);
              const link = dataType === 'edge' && pathsLinkAt(result, direction, data as { source: string; target: string });
              if (node) onPersons(node);
              if (link) onPersons(link.node, link.from);
            }}
          />
          <p className="muted small">Click a node to list its persons, or a link for those along it.</p>
        </>
      )}
      <div className="path-steps" data-testid="path-steps">
        {shownSteps.map((step) => (
          <div key={step} data-step={step}>
            <h4>{stepPhrase(step, direction)}</h4>
            <ul>
              {result.nodes
                .filter((n) => n.step === step)
                .map((n) => (
                  <li key={n.id} data-node={n.id}>
                    <span title={n.label}>{nodeName(n)}</span>
                    <PersonsLink count={n.count} onClick={() => onPersons(n)}>
                      {formatCount(n.count)}
                    </PersonsLink>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
