import { useRef, type RefObject } from 'react';
import { api, errorText } from '../api/client.ts';
import { download } from '../shell/download.ts';
import { exportMap, type ExportFormat } from './export-map.ts';
import { useAction } from '../shell/use-action.ts';

/** Export the map as PNG, SVG, PDF (for decks) or JSON (to import elsewhere). */
export function ExportMenu({ project, journeyId, name, target }: { project: string; journeyId: string; name: string; target: RefObject<HTMLDivElement | null> }) {
  const { busy, error, run: act } = useAction();
  const menu = useRef<HTMLDetailsElement>(null);

  function run(format: ExportFormat | 'json') {
    if (menu.current) menu.current.open = false;
    void act(async () => {
      if (format === 'json') {
        const body = await api.exportJourney(project, journeyId);
        download(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), `${journeyId}.json`);
      } else if (target.current) {
        await exportMap(target.current, format, name);
      }
    });
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
      {error !== null && <p className="error-note">{errorText(error)}</p>}
    </details>
  );
}
