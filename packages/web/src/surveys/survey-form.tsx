import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { SurveyDefinition } from '../api/insight-types.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAsync } from '../shell/use-async.ts';
import { DEFAULT_PROMPTS, draftToSurvey, newDraft, SCORE_TYPE_LABELS, SCORE_TYPES, type ScoreType, type SurveyDraft } from './survey-draft.ts';

/** A new NPS, CSAT or CES survey at a touchpoint of a map: the question, its open follow-up, sampling and frequency cap. */
export function SurveyForm({ project, onCreated, onCancel }: { project: string; onCreated: (survey: SurveyDefinition) => void; onCancel: () => void }) {
  const journeys = useAsync(() => api.journeys(project), [project]);
  const [draft, setDraft] = useState<SurveyDraft>(newDraft());
  const journeyId = draft.journeyId || journeys.data?.journeys[0]?.id || '';
  const journey = useAsync(journeyId ? () => api.journey(project, journeyId) : null, [project, journeyId]);
  const stages = useMemo(() => journey.data?.map.stages ?? [], [journey.data]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<SurveyDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const check = draftToSurvey({ ...draft, journeyId });
    if (check.kind === 'error') return setError(new Error(check.message));
    setSaving(true);
    setError(null);
    try {
      onCreated(await api.createSurvey(project, check.body));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="editor-form survey-form" onSubmit={submit} aria-label="New survey">
      <label>
        Name
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="After checkout" required />
      </label>
      <div className="form-grid">
        <label>
          Journey map
          <select value={journeyId} onChange={(e) => set({ journeyId: e.target.value, touchpointId: '' })}>
            {journeys.data?.journeys.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Touchpoint
          <select value={draft.touchpointId} onChange={(e) => set({ touchpointId: e.target.value })}>
            <option value="">Pick a touchpoint</option>
            {stages.map((s) => (
              <optgroup key={s.id} label={s.name}>
                {s.touchpoints.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="matcher">
        <legend>Questions</legend>
        <div className="tabs" role="group" aria-label="Score">
          {SCORE_TYPES.map((type: ScoreType) => (
            <button
              key={type}
              type="button"
              className={draft.type === type ? 'segmented active' : 'segmented'}
              aria-pressed={draft.type === type}
              // The default question follows the score until the author writes their own.
              onClick={() => set({ type, prompt: Object.values(DEFAULT_PROMPTS).includes(draft.prompt) ? DEFAULT_PROMPTS[type] : draft.prompt })}
            >
              {SCORE_TYPE_LABELS[type]}
            </button>
          ))}
        </div>
        <label>
          Question
          <input value={draft.prompt} onChange={(e) => set({ prompt: e.target.value })} />
        </label>
        <label>
          Follow-up open question <span className="muted small">(empty for none)</span>
          <input value={draft.followUp} onChange={(e) => set({ followUp: e.target.value })} />
        </label>
      </fieldset>
      <div className="form-grid">
        <label>
          Sample (% of persons)
          <input type="number" min={0} max={100} step={1} value={draft.samplePercent} onChange={(e) => set({ samplePercent: e.target.valueAsNumber })} />
        </label>
        <label>
          Ask a person at most once every (days)
          <input type="number" min={0} step={1} value={draft.frequencyCapDays} onChange={(e) => set({ frequencyCapDays: e.target.valueAsNumber })} />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} /> Activate now
      </label>
      <ErrorNote error={error} />
      <div className="panel-footer">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Creating…' : 'Create survey'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
