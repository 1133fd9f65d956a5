import { personsTable, tableCsv } from '@waymark/core';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { AppLink } from '../shell/app-link.tsx';
import { download, slug } from '../shell/download.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { routePath } from '../shell/router.ts';

/** How many persons behind a number the page is sent and lists; the count, the download and a saved cohort have them all. */
export const LISTED_PERSONS = 200;

/**
 * The persons behind a number, the first of them each a link to their timeline; all of them can
 * be downloaded, or kept as a cohort and then analysed on their own (`onAnalyse`, with the
 * cohort's id). `from` is the analysis request that answers them: the download asks it again
 * (the server has it cached) and the server saves the cohort from it, so the ids do not travel
 * until someone wants them all.
 */
export function PersonsList({ project, title, persons, count, from, onAnalyse }: { project: string; title: string; persons: readonly string[]; count: number; from: object; onAnalyse: (cohort: string) => void }) {
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A list opened from a chart near the top of a long page would otherwise appear out of sight.
  // (Braces: browsers now return a promise from scrollIntoView, which React would take for a cleanup.)
  const element = useRef<HTMLElement>(null);
  useEffect(() => {
    element.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  async function downloadAll() {
    setError(null);
    try {
      const all = (await api.query<{ persons?: readonly string[] }>(project, from)).result.persons ?? [];
      download(new Blob([tableCsv(personsTable({ persons: all }))], { type: 'text/csv' }), `${slug(title) || 'persons'}.csv`);
    } catch (e) {
      setError(e);
    }
  }
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
          {title}: {count.toLocaleString('en-US')} persons
        </h3>
        {count > 0 && !saved && (
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
        {count > 0 && (
          <button type="button" className="link" onClick={downloadAll}>
            Download CSV
          </button>
        )}
      </header>
      <ErrorNote error={error} />
      <ul className="person-links">
        {persons.map((id) => (
          <li key={id}>
            <AppLink to={routePath(project, 'people', id)}>{id}</AppLink>
          </li>
        ))}
      </ul>
      {count > persons.length && <p className="muted small">The first {LISTED_PERSONS} by id are listed; the download and the cohort have them all.</p>}
    </section>
  );
}
