import type { JourneyLane, JourneyMap, JourneyStage, JourneyTouchpoint } from '@waymark/core';
import type { ReactNode } from 'react';
import type { JourneyVoice } from '../api/insight-types.ts';
import type { JourneyNumbers } from '../api/types.ts';
import { emotionPoints, emotionSourceNote } from '../voice/voice-emotion.ts';
import { EmotionCurve } from './emotion-curve.tsx';
import { LaneCell, type LaneActions } from './lane-cell.tsx';
import { StageHeader, type StageActions } from './stage-header.tsx';
import { comparedWith } from './compared-with.ts';
import { TouchpointCard, type TouchpointActions } from './touchpoint-card.tsx';

const CARD_LANES: readonly { lane: JourneyLane; label: string }[] = [
  { lane: 'actions', label: 'Actions' },
  { lane: 'thoughts', label: 'Thoughts' },
];
const LOWER_LANES: readonly { lane: JourneyLane; label: string }[] = [
  { lane: 'pain_points', label: 'Pain points' },
  { lane: 'opportunities', label: 'Opportunities' },
  { lane: 'backstage', label: 'Backstage' },
];

export interface GridActions {
  readonly stage: StageActions;
  readonly touchpoint: TouchpointActions;
  readonly lane: LaneActions;
  readonly onAddTouchpoint?: ((stage: JourneyStage) => void) | undefined;
  readonly onAddStage?: (() => void) | undefined;
}

/** What other views lay over the map: friction badges under stages and touchpoints, the measured emotions. */
export interface GridOverlays {
  readonly stage?: ((stage: JourneyStage) => ReactNode) | undefined;
  readonly touchpoint?: ((touchpoint: JourneyTouchpoint) => ReactNode) | undefined;
  readonly voice?: JourneyVoice | undefined;
}

/** Owners of a stage: touchpoint owners and backstage card owners, each once. */
const stageOwners = (map: JourneyMap, stage: JourneyStage) =>
  [...new Set([...stage.touchpoints.map((t) => t.owner), ...map.lanes.filter((c) => c.stageId === stage.id).map((c) => c.owner)].filter((o): o is string => !!o))];

/**
 * The living journey map: stages as columns, lanes as rows. The touchpoint row carries the live
 * numbers; the emotion curve spans the stages.
 */
export function MapGrid({ map, numbers, changedIds, actions, overlays = {} }: { map: JourneyMap; numbers: JourneyNumbers | undefined; changedIds: ReadonlySet<string>; actions: GridActions; overlays?: GridOverlays }) {
  const emotionNote = emotionSourceNote(emotionPoints(map, overlays.voice));
  const columns = `8rem repeat(${map.stages.length}, minmax(13.5rem, 1fr))${actions.onAddStage ? ' 6rem' : ''}`;
  const row = (lane: JourneyLane, label: string) => (
    <div className="grid-row" role="row" key={lane}>
      <div className="lane-label" role="rowheader">
        {label}
      </div>
      {map.stages.map((stage) => (
        <LaneCell key={stage.id} lane={lane} stageId={stage.id} cards={map.lanes.filter((c) => c.lane === lane && c.stageId === stage.id)} actions={actions.lane} />
      ))}
      {actions.onAddStage && <div role="cell" />}
    </div>
  );
  const touchpointNumbers = (t: JourneyTouchpoint) => numbers?.touchpoints.find((n) => n.touchpointId === t.id);
  const against = comparedWith(numbers);
  return (
    <div className="map-grid" style={{ gridTemplateColumns: columns }} role="table" aria-label={`Journey map ${map.name}`}>
      <div className="grid-row header-row" role="row">
        <div className="lane-label" role="columnheader">
          Stages
        </div>
        {map.stages.map((stage) => (
          <StageHeader key={`${stage.id}:${stage.name}`} stage={stage} numbers={numbers?.stages.find((s) => s.stageId === stage.id)} actions={actions.stage} extra={overlays.stage?.(stage)} />
        ))}
        {actions.onAddStage && (
          <div role="columnheader">
            <button type="button" className="add-button add-stage" onClick={actions.onAddStage}>
              + stage
            </button>
          </div>
        )}
      </div>
      <div className="grid-row" role="row">
        <div className="lane-label" role="rowheader">
          Touchpoints
        </div>
        {map.stages.map((stage) => (
          <div key={stage.id} className="lane-cell lane-touchpoints" data-stage={stage.id} role="cell">
            {stage.touchpoints.map((t) => (
              <TouchpointCard key={t.id} touchpoint={t} numbers={touchpointNumbers(t)} against={against} changed={changedIds.has(t.id)} actions={actions.touchpoint} extra={overlays.touchpoint?.(t)} />
            ))}
            {stage.touchpoints.length === 0 && <p className="muted small">No touchpoints yet.</p>}
            {actions.onAddTouchpoint && (
              <button type="button" className="add-button" onClick={() => actions.onAddTouchpoint!(stage)}>
                + touchpoint
              </button>
            )}
          </div>
        ))}
        {actions.onAddStage && <div role="cell" />}
      </div>
      {CARD_LANES.map((l) => row(l.lane, l.label))}
      <div className="grid-row" role="row">
        <div className="lane-label" role="rowheader">
          Emotions
          {emotionNote && (
            <span className="emotion-source" data-testid="emotion-source">
              {emotionNote}
            </span>
          )}
        </div>
        <div className="emotion-curve" role="cell" style={{ gridColumn: `2 / span ${map.stages.length}` }}>
          <EmotionCurve map={map} voice={overlays.voice} />
        </div>
        {actions.onAddStage && <div role="cell" />}
      </div>
      {row('emotions', '')}
      {LOWER_LANES.map((l) => row(l.lane, l.label))}
      <div className="grid-row" role="row">
        <div className="lane-label" role="rowheader">
          Owners
        </div>
        {map.stages.map((stage) => (
          <div key={stage.id} className="lane-cell owners" data-stage={stage.id} role="cell">
            {stageOwners(map, stage).map((o) => (
              <span key={o} className="chip">
                {o}
              </span>
            ))}
          </div>
        ))}
        {actions.onAddStage && <div role="cell" />}
      </div>
    </div>
  );
}
