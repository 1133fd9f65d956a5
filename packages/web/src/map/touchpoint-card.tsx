import type { JourneyTouchpoint } from '@waymark/core';
import type { ReactNode } from 'react';
import type { TouchpointNumbers } from '../api/types.ts';
import { ChannelIcon } from './channel-icon.tsx';
import { formatChange, formatCompact, formatDuration, formatPercent } from './format.ts';
import { KpiBadge } from './kpi-badge.tsx';
import { Sparkline } from './sparkline.tsx';
import { Icon } from '../shell/icons.tsx';

export interface TouchpointActions {
  readonly onOpen: (touchpoint: JourneyTouchpoint) => void;
  /** A KPI's value: the touchpoint's trends over the range. */
  readonly onOpenKpi: (touchpoint: JourneyTouchpoint) => void;
  readonly onComment: (target: string, label: string) => void;
  readonly commentCount: (target: string) => number;
  /** What customers say at the touchpoint: the themes of their words there. */
  readonly onVoice?: ((touchpoint: JourneyTouchpoint) => void) | undefined;
  readonly onEdit?: ((touchpoint: JourneyTouchpoint) => void) | undefined;
  readonly onMove?: ((touchpoint: JourneyTouchpoint, direction: 'up' | 'down' | 'left' | 'right') => void) | undefined;
  readonly onDelete?: ((touchpoint: JourneyTouchpoint) => void) | undefined;
}

/** Relative change of persons against the period before (see `comparedWith`). */
export function personsChange(numbers: TouchpointNumbers | undefined): number | null {
  const before = numbers?.previous?.persons;
  if (!numbers || before === undefined || before === null) return null;
  if (before === 0) return numbers.persons === 0 ? 0 : Infinity;
  return (numbers.persons - before) / before;
}

/** A touchpoint with its live numbers: who came, who went on, who dropped, and its KPIs. */
export function TouchpointCard({ touchpoint, numbers, against, changed, actions, extra }: { touchpoint: JourneyTouchpoint; numbers: TouchpointNumbers | undefined; against: string; changed: boolean; actions: TouchpointActions; extra?: ReactNode }) {
  const change = personsChange(numbers);
  const comments = actions.commentCount(`touchpoint:${touchpoint.id}`);
  return (
    <article className={`touchpoint${changed ? ' changed' : ''}${touchpoint.momentOfTruth ? ' moment' : ''}`} data-touchpoint={touchpoint.id} aria-label={touchpoint.name}>
      <header>
        <ChannelIcon channel={touchpoint.channel} />
        <button type="button" className="link touchpoint-name" onClick={() => actions.onOpen(touchpoint)} title="Open the analyses behind this touchpoint">
          {touchpoint.name}
        </button>
        {touchpoint.momentOfTruth && (
          <span className="moment-mark" title="Moment of truth">
            <Icon name="star" size={12} />
            <span className="sr-only">moment of truth</span>
          </span>
        )}
      </header>
      {touchpoint.owner && <div className="owner small muted">{touchpoint.owner}</div>}
      <button
        type="button"
        className="numbers"
        onClick={() => actions.onOpen(touchpoint)}
        aria-label={`Numbers of ${touchpoint.name}`}
        title={numbers ? `${formatPercent(numbers.conversionToGoal)} reach the goal · median ${formatDuration(numbers.medianTimeToNextMs)} to the next touchpoint · ${formatCompact(numbers.events)} events` : undefined}
      >
        <span className="metric">
          <span className="metric-value" data-field="persons">
            {numbers ? formatCompact(numbers.persons) : '…'}
          </span>
          <span className="metric-label">persons</span>
        </span>
        <span className="metric">
          <span className="metric-value" data-field="conversionToNext">
            {numbers ? formatPercent(numbers.conversionToNext) : '…'}
          </span>
          <span className="metric-label">to next</span>
        </span>
        <span className="metric">
          <span className="metric-value" data-field="dropOff">
            {numbers ? formatPercent(numbers.dropOff) : '…'}
          </span>
          <span className="metric-label">drop-off</span>
        </span>
      </button>
      <div className="trend">
        <Sparkline values={numbers?.sparkline.map((p) => p.persons) ?? []} label={`Persons per period at ${touchpoint.name}`} />
        <span className={`change ${change === null ? '' : change >= 0 ? 'up' : 'down'}`} data-field="change" title={`Persons, against ${against}`}>
          {formatChange(change)}
        </span>
      </div>
      {extra}
      {touchpoint.kpis.length > 0 && (
        <div className="kpis">
          {touchpoint.kpis.map((kpi) => (
            <KpiBadge
              key={kpi.id}
              kpi={kpi}
              numbers={numbers?.kpis.find((k) => k.id === kpi.id)}
              against={against}
              onOpen={() => actions.onOpenKpi(touchpoint)}
              onComment={() => actions.onComment(`kpi:${touchpoint.id}:${kpi.id}`, `${touchpoint.name}: ${kpi.name}`)}
              comments={actions.commentCount(`kpi:${touchpoint.id}:${kpi.id}`)}
            />
          ))}
        </div>
      )}
      <footer className="cell-tools">
        <button type="button" className="icon-button" onClick={() => actions.onComment(`touchpoint:${touchpoint.id}`, touchpoint.name)} aria-label={`Comments on ${touchpoint.name}`}>
          <Icon name="comment" /> {comments > 0 ? comments : ''}
        </button>
        {actions.onVoice && (
          <button type="button" className="icon-button" onClick={() => actions.onVoice!(touchpoint)} aria-label={`What customers say at ${touchpoint.name}`} title="What customers say here">
            <Icon name="quote" />
          </button>
        )}
        {actions.onEdit && (
          <>
            <button type="button" className="icon-button" onClick={() => actions.onEdit!(touchpoint)} aria-label={`Edit ${touchpoint.name}`}>
              <Icon name="edit" />
            </button>
            {(['left', 'up', 'down', 'right'] as const).map((d) => (
              <button key={d} type="button" className="icon-button" onClick={() => actions.onMove!(touchpoint, d)} aria-label={`Move ${touchpoint.name} ${d}`}>
                <Icon name={d} />
              </button>
            ))}
            <button type="button" className="icon-button danger" onClick={() => actions.onDelete!(touchpoint)} aria-label={`Delete ${touchpoint.name}`}>
              <Icon name="close" />
            </button>
          </>
        )}
      </footer>
    </article>
  );
}
