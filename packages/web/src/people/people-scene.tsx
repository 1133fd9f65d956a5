import { useEffect, useState, type FormEvent } from 'react';
import { navigate, routePath } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { CohortBuilder } from './cohort-builder.tsx';
import { PersonTimeline } from './person-timeline.tsx';
import { RecentPeople } from './recent-people.tsx';
import { SavedCohorts } from './saved-cohorts.tsx';

/** Find a person by any of their ids and read their cross-channel timeline; build cohorts from conditions, and the saved ones. */
export function PeopleScene({ personId }: { personId: string | undefined }) {
  const { project } = useApp();
  const [id, setId] = useState(personId ?? '');
  const [saved, setSaved] = useState(0);
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
          <details className="new-cohort">
            <summary>New cohort from conditions</summary>
            <CohortBuilder project={project.slug} onSaved={() => setSaved((n) => n + 1)} />
          </details>
          <SavedCohorts project={project.slug} version={saved} />
        </>
      )}
    </div>
  );
}
