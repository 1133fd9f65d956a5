import type { StageFriction, TouchpointFriction } from '../api/insight-types.ts';
import { formatScore, frictionLevel, kindCount, kindLines, LEVEL_LABELS, stageKindCounts } from './friction-data.ts';

/**
 * A touchpoint's friction: the score coloured by level, the level in words (colour is never the
 * only cue) and its two heaviest signals. It opens the friction panel.
 */
export function TouchpointFrictionBadge({ friction, name, onOpen }: { friction: TouchpointFriction | undefined; name: string; onOpen: () => void }) {
  if (!friction) return <div className="friction-badge friction-none small muted">Friction …</div>;
  const level = frictionLevel(friction.score);
  const top = kindLines(friction.signals).slice(0, 2);
  return (
    <button type="button" className={`friction-badge friction-${level}`} data-friction-score={friction.score} data-level={level} onClick={onOpen} aria-label={`Friction at ${name}`}>
      <span className="friction-line">
        <span className="friction-level">{LEVEL_LABELS[level]}</span>
        <span className="friction-score" data-field="frictionScore">
          {formatScore(friction.score)}
        </span>
      </span>
      {top.length > 0 && (
        <span className="friction-kinds small">
          {top.map((k) => (
            <span key={k.kind} data-kind={k.kind} data-count={k.count}>
              {kindCount(k.kind, k.count)}
            </span>
          ))}
        </span>
      )}
    </button>
  );
}

/** A stage's friction: its visit-weighted score and its most frequent signals. */
export function StageFrictionBadge({ friction }: { friction: StageFriction | undefined }) {
  if (!friction) return null;
  const level = frictionLevel(friction.score);
  const top = stageKindCounts(friction).slice(0, 2);
  return (
    <div className={`friction-badge friction-${level} stage-friction`} data-friction-score={friction.score} data-level={level} title="Friction of the stage: its touchpoints' scores weighted by their visits">
      <span className="friction-line">
        <span className="friction-level">{LEVEL_LABELS[level]}</span>
        <span className="friction-score">{formatScore(friction.score)}</span>
      </span>
      {top.length > 0 && <span className="friction-kinds small">{top.map((k) => kindCount(k.kind, k.count)).join(' · ')}</span>}
    </div>
  );
}
