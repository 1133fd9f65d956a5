import { useState } from 'react';
import { api, type SavedCohort } from '../api/client.ts';
import { formatCount } from '../map/format.ts';
import { AppLink } from '../shell/app-link.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { routePath } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';
import { describeSegment, draftOf, type CohortRules } from './cohort-draft.ts';

/** The project's saved cohorts: what each is, how many persons it holds now, analysing only them, or deleting one. `version` changes when one is added. */
export function SavedCohorts({ project, version, onEdit }: { project: string; version: number; onEdit: (cohort: SavedCohort, draft: CohortRules) => void }) {
  const cohorts = useAsync(() => api.cohorts(project), [project, version]);
  const [error, setError] = useState<unknown>(null);
  async function remove(cohort: SavedCohort) {
    if (!window.confirm(`Delete the cohort “${cohort.name}”? Analyses that name it stop working.`)) return;
    setError(null);
    try {
      await api.deleteCohort(project, cohort.id);
      cohorts.reload();
    } catch (e) {
      setError(e);
    }
  }
  if (cohorts.error) return <ErrorNote error={cohorts.error} />;
  if (!cohorts.data) return <p className="muted">Loading…</p>;
  if (cohorts.data.cohorts.length === 0) return <p className="empty-state">No cohort yet: build one from conditions above, or open the persons behind any number of an analysis and save them.</p>;
  const analyses = `${routePath(project, 'analyses')}?cohort=`;
  return (
    <>
      <ErrorNote error={error} />
      <table className="table" aria-label="Saved cohorts">
        <thead>
          <tr>
            <th>Cohort</th>
            <th>Who</th>
            <th>Persons now</th>
            <th>Saved</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {cohorts.data.cohorts.map((c) => {
            // The builder edits segments, those it can show (some written through the API it cannot).
            const draft = c.definition.kind === 'segment' ? draftOf(c.definition) : null;
            return (
            <tr key={c.id} data-cohort={c.id}>
              <td>{c.name}</td>
              <td data-field="definition">{c.definition.kind === 'persons' ? `a fixed list of ${formatCount(c.definition.count)}` : describeSegment(c.definition)}</td>
              <td data-field="size">
                <CohortSize project={project} id={c.id} version={version} />
              </td>
              <td>{new Date(c.createdAt).toLocaleString()}</td>
              <td className="row">
                <AppLink to={`${analyses}${encodeURIComponent(c.id)}`}>Analyse</AppLink>
                {draft && (
                  <button type="button" className="link" onClick={() => onEdit(c, draft)}>
                    Edit
                  </button>
                )}
                <button type="button" className="link" onClick={() => void remove(c)}>
                  Delete
                </button>
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** A cohort's persons now (conditions are evaluated, so it is asked for, not read from the definition), again when a cohort changes (`version`). */
function CohortSize({ project, id, version }: { project: string; id: string; version: number }) {
  const size = useAsync(() => api.cohortSize(project, id), [project, id, version]);
  return <>{size.data ? formatCount(size.data.count) : size.error ? '–' : '…'}</>;
}
