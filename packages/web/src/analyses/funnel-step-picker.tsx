import type { FunnelChoice } from './analysis-specs.ts';

/** Which steps the funnel goes through (a stage's touchpoints, or the journey's stages), and whether it ends at the map's goal. */
export function FunnelStepPicker({ choices, goal, skip, toGoal, onChange }: { choices: readonly FunnelChoice[]; goal: string; skip: readonly string[]; toGoal: boolean; onChange: (skip: string[], toGoal: boolean) => void }) {
  const toggle = (id: string, on: boolean) => onChange(on ? skip.filter((s) => s !== id) : [...skip, id], toGoal);
  return (
    <fieldset className="step-picker" aria-label="Funnel steps">
      <span className="muted small">Steps</span>
      {choices.map((c) => (
        <label key={c.id} className="checkbox">
          <input type="checkbox" checked={!skip.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
          {c.name}
        </label>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={toGoal} onChange={(e) => onChange([...skip], e.target.checked)} />
        then the goal: {goal}
      </label>
    </fieldset>
  );
}
