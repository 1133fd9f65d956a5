import { useRef, useState, type RefObject } from 'react';
import { api, errorText } from '../api/client.ts';
import { download, exportMap, type ExportFormat } from './export-map.ts';

/** Export the map as PNG, SVG, PDF (for decks) or JSON (to import elsewhere). */
export function ExportMenu({ project, journeyId, name, target }: { project: string; journeyId: string; name: string; target: RefObject<HTMLDivElement | null> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);

  async function run(format: ExportFormat | 'json') {
    if (menu.current) menu.current.open = false;
    setBusy(true);
    setError(null);
    try {
      if (format === 'json') {
        const body = await api.exportJourney(project, journeyId);
        download(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), `${journeyId}.json`);
      } else if (target.current) {
        await exportMap(target.current, format, name);
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="export-menu" ref={menu}>
      <summary className="button">{busy ? 'Exporting…' : 'Export'}</summary>
      <div className="popover menu" role="menu">
        {(['png', 'svg', 'pdf', 'json'] as const).map((f) => (
          <button key={f} type="button" role="menuitem" disabled={busy} onClick={() => run(f)}>
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      {error && <p className="error-note">{error}</p>}
    </details>
  );
}
