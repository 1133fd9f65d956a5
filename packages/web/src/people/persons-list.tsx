import { personsTable, tableCsv } from '@waymark/core';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { AppLink } from '../shell/app-link.tsx';
import { download, slug } from '../shell/download.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { routePath } from '../shell/router.ts';

/**
 * The persons behind a number, each a link to their timeline; the list can be downloaded, or kept
 * as a cohort and then analysed on its own (`onAnalyse`, with the cohort's id). `from` is the
 * analysis request that answered them: the server saves the cohort from it, so the ids are not
 * sent back.
 */
export function PersonsList({ project, title, persons, from, onAnalyse }: { project: string; title: string; persons: readonly string[]; from: object; onAnalyse: (cohort: string) => void }) {
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A list opened from a chart near the top of a long page would otherwise appear out of sight.
  // (Braces: browsers now return a promise from scrollIntoView, which React would take for a cleanup.)
  const element = useRef<HTMLElement>(null);
  useEffect(() => {
    element.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  async function save() {
    setError(null);
    try {
      const cohort = await api.saveCohort(project, title.slice(0, 200), { from });
      setSaved(cohort);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section ref={element} className="persons-list" data-testid="persons-list">
      <header className="row">
        <h3>
          {title}: {persons.length.toLocaleString('en-US')} persons
        </h3>
        {persons.length > 0 && !saved && (
          <button type="button" onClick={save}>
            Save as cohort
          </button>
        )}
        {saved && <span className="muted">Saved as cohort “{saved.name}”.</span>}
        {saved && (
          <button type="button" className="link" onClick={() => onAnalyse(saved.id)}>
            Analyse only them
          </button>
        )}
        {persons.length > 0 && (
          <button type="button" className="link" onClick={() => download(new Blob([tableCsv(personsTable({ persons }))], { type: 'text/csv' }), `${slug(title) || 'persons'}.csv`)}>
            Download CSV
          </button>
        )}
      </header>
      <ErrorNote error={error} />
      <ul className="person-links">
        {persons.slice(0, 200).map((id) => (
          <li key={id}>
            <AppLink to={routePath(project, 'people', id)}>{id}</AppLink>
          </li>
        ))}
      </ul>
      {persons.length > 200 && <p className="muted small">The first 200 are listed; the cohort keeps them all.</p>}
    </section>
  );
}
