import type { JourneyLane, JourneyLaneCard } from '@waymark/core';
import { useState } from 'react';
import { Icon } from '../shell/icons.tsx';

const EMOTIONS: Record<number, string> = { [-2]: '−2 very negative', [-1]: '−1 negative', 0: '0 neutral', 1: '+1 positive', 2: '+2 delighted' };

export interface LaneActions {
  readonly onComment: (target: string, label: string) => void;
  readonly commentCount: (target: string) => number;
  readonly onAdd?: ((lane: JourneyLane, stageId: string) => void) | undefined;
  readonly onUpdate?: ((cardId: string, patch: Partial<Pick<JourneyLaneCard, 'text' | 'emotion' | 'owner'>>) => void) | undefined;
  readonly onMove?: ((cardId: string, by: -1 | 1) => void) | undefined;
  readonly onDelete?: ((cardId: string) => void) | undefined;
}

/** The cards of one lane in one stage; editable in place when the map is being edited. */
export function LaneCell({ lane, stageId, cards, actions }: { lane: JourneyLane; stageId: string; cards: readonly JourneyLaneCard[]; actions: LaneActions }) {
  return (
    <div className={`lane-cell lane-${lane}`} data-lane={lane} data-stage={stageId} role="cell">
      {cards.map((card) => (actions.onUpdate ? <EditableCard key={card.id} card={card} actions={actions} /> : <ReadCard key={card.id} card={card} actions={actions} />))}
      {actions.onAdd && (
        <button type="button" className="add-button" onClick={() => actions.onAdd!(lane, stageId)} aria-label={`Add a card to ${lane.replace('_', ' ')} in this stage`}>
          + card
        </button>
      )}
    </div>
  );
}

function ReadCard({ card, actions }: { card: JourneyLaneCard; actions: LaneActions }) {
  const count = actions.commentCount(`card:${card.id}`);
  return (
    <div className="card" data-card={card.id}>
      {card.emotion !== undefined && <span className={`emotion-score emotion-${Math.sign(card.emotion)}`}>{EMOTIONS[card.emotion]}</span>}
      <p>{card.text}</p>
      {card.owner && <div className="small muted">{card.owner}</div>}
      <button type="button" className="icon-button comment-button" onClick={() => actions.onComment(`card:${card.id}`, card.text)} aria-label="Comments on this card">
        <Icon name="comment" /> {count > 0 ? count : ''}
      </button>
    </div>
  );
}

function EditableCard({ card, actions }: { card: JourneyLaneCard; actions: LaneActions }) {
  const [text, setText] = useState(card.text);
  return (
    <div className="card editing" data-card={card.id}>
      <textarea aria-label="Card text" value={text} rows={2} onChange={(e) => setText(e.target.value)} onBlur={() => text.trim() && text !== card.text && actions.onUpdate!(card.id, { text: text.trim() })} />
      {card.lane === 'emotions' && (
        <select aria-label="Emotion" value={card.emotion ?? 0} onChange={(e) => actions.onUpdate!(card.id, { emotion: Number(e.target.value) })}>
          {[2, 1, 0, -1, -2].map((score) => (
            <option key={score} value={score}>
              {EMOTIONS[score]}
            </option>
          ))}
        </select>
      )}
      {card.lane === 'backstage' && (
        <input aria-label="Owner" placeholder="Owner" defaultValue={card.owner ?? ''} onBlur={(e) => actions.onUpdate!(card.id, { owner: e.target.value.trim() || undefined })} />
      )}
      <div className="cell-tools">
        <button type="button" className="icon-button" onClick={() => actions.onMove!(card.id, -1)} aria-label="Move card left">
          <Icon name="left" />
        </button>
        <button type="button" className="icon-button" onClick={() => actions.onMove!(card.id, 1)} aria-label="Move card right">
          <Icon name="right" />
        </button>
        <button type="button" className="icon-button danger" onClick={() => actions.onDelete!(card.id)} aria-label="Delete card">
          <Icon name="close" />
        </button>
      </div>
    </div>
  );
}
