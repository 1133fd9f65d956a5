import type { JourneyMap, JourneyStage } from '@waymark/core';
import { stageFunnelSteps } from './analysis-specs.ts';

/** Which of a stage's touchpoints the funnel goes through, and whether it ends at the map's goal. */
export function FunnelStepPicker({ map, stage, skip, toGoal, onChange }: { map: JourneyMap; stage: JourneyStage; skip: readonly string[]; toGoal: boolean; onChange: (skip: string[], toGoal: boolean) => void }) {
  const touchpoints = stageFunnelSteps(map, stage);
  const toggle = (id: string, on: boolean) => onChange(on ? skip.filter((s) => s !== id) : [...skip, id], toGoal);
  return (
    <fieldset className="step-picker" aria-label="Funnel steps">
      <span className="muted small">Steps</span>
      {touchpoints.map((t) => (
        <label key={t.id} className="checkbox">
          <input type="checkbox" checked={!skip.includes(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} />
          {t.name}
        </label>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={toGoal} onChange={(e) => onChange([...skip], e.target.checked)} />
        then the goal: {map.goal.name}
      </label>
    </fieldset>
  );
}
