import type { JourneyGoal } from '@waymark/core';
import type { JourneyNumbers } from '../api/types.ts';
import { formatChange, formatMetric, STATUS_LABEL } from './format.ts';
import { Icon } from '../shell/icons.tsx';

/** The North Star across the top: the one outcome the journey exists for, against its target. */
export function GoalBar({ goal, numbers, against, onComment, commentCount }: { goal: JourneyGoal; numbers: JourneyNumbers['goal'] | undefined; against: string; onComment: () => void; commentCount: number }) {
  const status = numbers?.status ?? 'no_data';
  return (
    <section className={`goal-bar kpi-${status}`} aria-label="North Star goal" data-status={status}>
      <div>
        <div className="small muted">North Star</div>
        <strong>{goal.name}</strong>
        {goal.description && <div className="small muted">{goal.description}</div>}
      </div>
      <div className="goal-value">
        <span className="big" data-field="goal">
          {numbers ? formatMetric(goal.metric, numbers.value, goal.unit) : '…'}
        </span>
        <span className="kpi-status">{STATUS_LABEL[status]}</span>
      </div>
      <div className="small">
        target {goal.direction === 'higher_is_better' ? '≥' : '≤'} {formatMetric(goal.metric, goal.target, goal.unit)}
        <br />
        vs {against}: {formatChange(numbers?.change)}
      </div>
      <button type="button" className="icon-button" onClick={onComment} aria-label="Comments on the goal">
        <Icon name="comment" /> {commentCount > 0 ? commentCount : ''}
      </button>
    </section>
  );
}
