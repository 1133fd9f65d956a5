import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { rangeDays, rangeFromParams, rangeParams } from '../map/date-range.ts';
import { RangePicker } from '../map/map-toolbar.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, useLocation } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { useAsync } from '../shell/use-async.ts';
import { ThemeCard } from './theme-card.tsx';
import { matchTheme } from './themes-format.ts';

/**
 * What customers write about (open survey answers, tickets, reviews): themes with their counts,
 * trend, mood and verbatims, for the whole project or one touchpoint of a map. The filters live
 * in the address, so "what customers say here" from the map is a link.
 */
export function ThemesScene() {
  const { project } = useApp();
  const { params } = useLocation();
  const range = rangeFromParams(params, project.timeZone);
  const journeyId = params.get('journey') ?? '';
  const touchpointId = params.get('touchpoint') ?? '';
  const [search, setSearch] = useState('');
  const journeys = useAsync(() => api.journeys(project.slug), [project.slug]);
  const journey = useAsync(journeyId ? () => api.journey(project.slug, journeyId) : null, [project.slug, journeyId]);
  const themes = useAsync(
    () => api.themes(project.slug, { from: range.from, to: range.to, journey: journeyId && touchpointId ? journeyId : undefined, touchpoint: touchpointId || undefined, interval: 'day' }),
    [project.slug, range.from, range.to, journeyId, touchpointId],
  );
  const touchpoints = useMemo(() => journey.data?.map.stages.flatMap((s) => s.touchpoints.map((t) => ({ id: t.id, name: `${s.name} · ${t.name}` }))) ?? [], [journey.data]);
  const setQuery = (next: { journey?: string; touchpoint?: string; range?: typeof range }) => {
    const query = new URLSearchParams(rangeParams(next.range ?? range));
    const j = next.journey ?? journeyId;
    const t = next.touchpoint ?? (next.journey !== undefined ? '' : touchpointId);
    if (j) query.set('journey', j);
    if (j && t) query.set('touchpoint', t);
    navigate(`${location.pathname}?${query}`, { replace: true });
  };
  const shown = themes.data?.themes.filter((t) => matchTheme(t, search)) ?? [];
  const touchpointName = touchpoints.find((t) => t.id === touchpointId)?.name;
  // The days the answer covers, the last one included.
  const read = themes.data && rangeDays({ ...themes.data.range, timeZone: range.timeZone });
  return (
    <div className="themes-scene">
      <div className="toolbar">
        <h2>{touchpointName ? `What customers say at ${touchpointName}` : 'What customers say'}</h2>
        <span className="spacer" />
        <label className="inline-field">
          <span className="muted small">Map</span>
          <select aria-label="Journey map" value={journeyId} onChange={(e) => setQuery({ journey: e.target.value })}>
            <option value="">Every text</option>
            {journeys.data?.journeys.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
        {journeyId && (
          <label className="inline-field">
            <span className="muted small">Touchpoint</span>
            <select aria-label="Touchpoint" value={touchpointId} onChange={(e) => setQuery({ touchpoint: e.target.value })}>
              <option value="">Any touchpoint</option>
              {touchpoints.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <RangePicker range={range} onChange={(r) => setQuery({ range: r })} />
        <input type="search" aria-label="Search themes" placeholder="Search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorNote error={themes.error} />
      {themes.loading && !themes.data && <p className="empty-state">Reading what customers wrote…</p>}
      {themes.data && (
        <div className={themes.loading ? 'refreshing' : ''} data-testid="themes" data-loaded={themes.loading ? 'false' : 'true'}>
          <p className="muted small">
            {themes.data.texts.toLocaleString('en-US')} texts from {read?.first} to {read?.last}
            {themes.data.truncated && ' (the newest of them: the range holds more)'}
          </p>
          {shown.length === 0 ? (
            <p className="empty-state">No theme {search ? 'matches the search' : 'in these texts'}.</p>
          ) : (
            <ol className="themes">
              {shown.map((t) => (
                <ThemeCard key={t.key} theme={t} interval={themes.data!.interval} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
