import { useState } from 'react';
import { api } from '../api/client.ts';
import type { JourneyChange } from '../api/types.ts';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAsync } from '../shell/use-async.ts';


/** Every saved version: compare any one with the current, and restore it (as a new version). */
export function VersionsPanel({ project, journeyId, current, canRestore, onRestored, onClose }: {
  project: string; journeyId: string; current: number; canRestore: boolean; onRestored: () => void; onClose: () => void;
}) {
  const versions = useAsync(() => api.versions(project, journeyId), [project, journeyId]);
  const [compared, setCompared] = useState<{ version: number; changes: JourneyChange[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function compare(version: number) {
    setError(null);
    try {
      setCompared({ version, changes: (await api.compare(project, journeyId, version, current)).changes });
    } catch (e) {
      setError(e);
    }
  }

  async function restore(version: number) {
    if (!confirm(`Restore version ${version}? It becomes a new version; nothing is lost.`)) return;
    try {
      await api.restore(project, journeyId, version);
      onRestored();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Dialog title="Version history" onClose={onClose} wide>
      <ErrorNote error={versions.error ?? error} />
      <table className="table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Saved</th>
            <th>By</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...(versions.data?.versions ?? [])]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version}>
                <td>v{v.version}{v.version === current && ' (current)'}</td>
                <td>{new Date(v.createdAt).toLocaleString()}</td>
                <td>{v.author}</td>
                <td className="actions">
                  {v.version !== current && (
                    <button type="button" className="link" onClick={() => compare(v.version)}>
                      Compare with current
                    </button>
                  )}
                  {canRestore && v.version !== current && (
                    <button type="button" className="link" onClick={() => restore(v.version)}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {compared && (
        <section>
          <h3>
            v{compared.version} → v{current}: {compared.changes.length} change{compared.changes.length === 1 ? '' : 's'}
          </h3>
          <ul className="change-list">
            {compared.changes.map((c, i) => (
              <li key={i} className={`change-${c.kind}`}>
                <strong>{c.kind}</strong> {c.entity} <code>{c.id}</code>
                {c.fields?.length ? ` (${c.fields.join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
