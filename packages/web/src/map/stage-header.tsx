import type { JourneyStage } from '@waymark/core';
import { useState, type ReactNode } from 'react';
import type { StageNumbers } from '../api/types.ts';
import { formatCompact, formatPercent } from './format.ts';
import { Sparkline } from './sparkline.tsx';
import { Icon } from '../shell/icons.tsx';

export interface StageActions {
  readonly onOpen: (stage: JourneyStage) => void;
  readonly onComment: (target: string, label: string) => void;
  readonly commentCount: (target: string) => number;
  readonly onRename?: ((stageId: string, name: string) => void) | undefined;
  readonly onMove?: ((stageId: string, by: -1 | 1) => void) | undefined;
  readonly onDelete?: ((stageId: string) => void) | undefined;
}

/** A stage's column head: its name, persons reaching it, conversion on, and the funnel behind it. */
export function StageHeader({ stage, numbers, actions, extra }: { stage: JourneyStage; numbers: StageNumbers | undefined; actions: StageActions; extra?: ReactNode }) {
  const [name, setName] = useState(stage.name);
  const count = actions.commentCount(`stage:${stage.id}`);
  return (
    <div className="stage-header" data-stage={stage.id} role="columnheader">
      {actions.onRename ? (
        <input
          className="stage-name-input"
          aria-label={`Name of stage ${stage.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== stage.name && actions.onRename!(stage.id, name.trim())}
        />
      ) : (
        <h2 title={stage.description}>{stage.name}</h2>
      )}
      <button type="button" className="stage-numbers" onClick={() => actions.onOpen(stage)} title="Open the funnel of this stage" aria-label={`Funnel of ${stage.name}`}>
        <span>
          <strong data-field="persons">{numbers ? formatCompact(numbers.persons) : '…'}</strong> persons
        </span>
        <span>
          <strong data-field="conversionToNext">{numbers ? formatPercent(numbers.conversionToNext) : '…'}</strong> to next
        </span>
        <Sparkline values={numbers?.sparkline.map((p) => p.persons) ?? []} width={72} height={18} label={`Persons per period in ${stage.name}`} />
      </button>
      {extra}
      <div className="cell-tools">
        <button type="button" className="icon-button" onClick={() => actions.onComment(`stage:${stage.id}`, stage.name)} aria-label={`Comments on ${stage.name}`}>
          <Icon name="comment" /> {count > 0 ? count : ''}
        </button>
        {actions.onMove && (
          <>
            <button type="button" className="icon-button" onClick={() => actions.onMove!(stage.id, -1)} aria-label={`Move ${stage.name} left`}>
              <Icon name="left" />
            </button>
            <button type="button" className="icon-button" onClick={() => actions.onMove!(stage.id, 1)} aria-label={`Move ${stage.name} right`}>
              <Icon name="right" />
            </button>
            <button type="button" className="icon-button danger" onClick={() => actions.onDelete!(stage.id)} aria-label={`Delete ${stage.name}`}>
              <Icon name="close" />
            </button>
          </>
        )}
      </div>
    </div>
  );
}
