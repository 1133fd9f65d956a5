import { useState } from 'react';
import { api } from '../api/client.ts';
import type { SurveyDefinition } from '../api/insight-types.ts';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, routePath } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { useAsync } from '../shell/use-async.ts';
import { surveyScoreType, withStatus } from './survey-draft.ts';
import { SurveyForm } from './survey-form.tsx';
import { SurveyScoresView } from './survey-scores.tsx';

const STATUS_LABEL = { draft: 'Draft', active: 'Active', paused: 'Paused' } as const;

/** The project's surveys: list, create at a touchpoint, activate or pause, and the scores of the one opened. */
export function SurveysScene({ surveyId }: { surveyId: string | undefined }) {
  const { project, canEdit } = useApp();
  const surveys = useAsync(() => api.surveys(project.slug), [project.slug]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = (id: string) => navigate(routePath(project.slug, 'surveys', id));

  async function setStatus(survey: SurveyDefinition, status: 'active' | 'paused') {
    setError(null);
    try {
      await api.saveSurvey(project.slug, survey.id, withStatus(survey, status));
      surveys.reload();
    } catch (e) {
      setError(e);
    }
  }

  const list = surveys.data?.surveys ?? [];
  const selected = list.find((s) => s.id === surveyId);
  return (
    <div className="surveys-scene">
      <div className="toolbar">
        <h2>Surveys</h2>
        <span className="spacer" />
        {canEdit && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New survey
          </button>
        )}
      </div>
      <ErrorNote error={surveys.error ?? error} />
      {surveys.data && list.length === 0 && <p className="empty-state">No survey yet: ask customers at the moments that matter.</p>}
      {list.length > 0 && (
        <table className="table" aria-label="Surveys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Score</th>
              <th>Touchpoint</th>
              <th>Sample</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} data-survey={s.id} className={s.id === surveyId ? 'selected' : ''}>
                <td>
                  <a
                    href={routePath(project.slug, 'surveys', s.id)}
                    onClick={(e) => {
                      e.preventDefault();
                      open(s.id);
                    }}
                  >
                    {s.name}
                  </a>
                </td>
                <td>{surveyScoreType(s)?.toUpperCase() ?? '–'}</td>
                <td>{s.touchpointId ?? ('touchpointId' in s.targeting.trigger ? s.targeting.trigger.touchpointId : '–')}</td>
                <td>
                  {Math.round(s.targeting.sampleRate * 100)}% · every {s.targeting.frequencyCapDays} d
                </td>
                <td data-field="status">{STATUS_LABEL[s.status]}</td>
                <td>
                  {canEdit && s.status !== 'active' && (
                    <button type="button" onClick={() => setStatus(s, 'active')}>
                      Activate
                    </button>
                  )}
                  {canEdit && s.status === 'active' && (
                    <button type="button" onClick={() => setStatus(s, 'paused')}>
                      Pause
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <>
          <h3>{selected.name}</h3>
          <SurveyScoresView project={project.slug} survey={selected} />
        </>
      )}
      {creating && (
        <Dialog title="New survey" onClose={() => setCreating(false)} wide>
          <SurveyForm
            project={project.slug}
            onCancel={() => setCreating(false)}
            onCreated={(s) => {
              setCreating(false);
              surveys.reload();
              open(s.id);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
