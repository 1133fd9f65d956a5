import { useEffect, useState, type FormEvent } from 'react';
import type { SavedCohort } from '../api/client.ts';
import { navigate, routePath } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { CohortBuilder } from './cohort-builder.tsx';
import type { CohortRules } from './cohort-draft.ts';
import { PersonTimeline } from './person-timeline.tsx';
import { RecentPeople } from './recent-people.tsx';
import { SavedCohorts } from './saved-cohorts.tsx';

/** Find a person by any of their ids and read their cross-channel timeline; build cohorts from conditions, and the saved ones. */
export function PeopleScene({ personId }: { personId: string | undefined }) {
  const { project } = useApp();
  const [id, setId] = useState(personId ?? '');
  // Saving a cohort, new or edited, lists the cohorts again.
  const [saved, setSaved] = useState(0);
  const [editing, setEditing] = useState<{ cohort: SavedCohort; draft: CohortRules } | null>(null);
  const changed = () => {
    setEditing(null);
    setSaved((n) => n + 1);
  };
  useEffect(() => setId(personId ?? ''), [personId]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (id.trim()) navigate(routePath(project.slug, 'people', id.trim()));
  };
  return (
    <div className="people-scene">
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">
          <span className="muted small">Person</span>
          <input value={id} onChange={(e) => setId(e.target.value)} placeholder="person id, user id or anonymous id" aria-label="Person id" size={40} />
        </label>
        <button type="submit">Show timeline</button>
      </form>
      {personId ? <PersonTimeline key={personId} project={project.slug} personId={personId} /> : (
        <>
          <h2>Recently active</h2>
          <RecentPeople project={project.slug} />
          <h2>Cohorts</h2>
          {editing ? (
            <section className="new-cohort" data-testid="edit-cohort">
              <h3>Edit “{editing.cohort.name}”</h3>
              <CohortBuilder key={editing.cohort.id} project={project.slug} editing={editing} onSaved={changed} onCancel={() => setEditing(null)} />
            </section>
          ) : (
            <details className="new-cohort">
              <summary>New cohort from conditions</summary>
              <CohortBuilder project={project.slug} onSaved={changed} />
            </details>
          )}
          <SavedCohorts project={project.slug} version={saved} onEdit={(cohort, draft) => setEditing({ cohort, draft })} />
        </>
      )}
    </div>
  );
}
