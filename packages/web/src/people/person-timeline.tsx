import { api } from '../api/client.ts';
import type { StoredEvent } from '../api/types.ts';
import { ChannelIcon } from '../map/channel-icon.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, routePath } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';

const detail = (e: StoredEvent) => {
  const props = Object.entries(e.properties).slice(0, 4);
  return props.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · ');
};

/** One person across channels: profile, then every event newest first, grouped by day. */
export function PersonTimeline({ project, personId }: { project: string; personId: string }) {
  const person = useAsync(() => api.person(project, personId), [project, personId]);
  const events = useAsync(() => api.personEvents(project, personId), [project, personId]);
  if (person.error) return <ErrorNote error={person.error} />;
  const p = person.data;
  let day = '';
  let session: string | null = null;
  const replayLink = (id: string) => (
    <a
      className="session-link small"
      href={routePath(project, 'sessions', id)}
      onClick={(e) => {
        e.preventDefault();
        navigate(routePath(project, 'sessions', id));
      }}
      title="Watch this session's replay"
    >
      ▶ session {id.slice(0, 12)}
    </a>
  );
  return (
    <div className="person" data-testid="person-timeline">
      <header className="person-header">
        <h2>{p?.userIds[0] ?? personId}</h2>
        {p && (
          <div className="small muted">
            {p.eventCount.toLocaleString('en-US')} events · first seen {p.firstSeen?.slice(0, 10) ?? '–'} · last seen {p.lastSeen?.slice(0, 10) ?? '–'} · channels: {p.channels.join(', ')}
          </div>
        )}
        {p && Object.keys(p.traits).length > 0 && (
          <dl className="traits">
            {Object.entries(p.traits).slice(0, 12).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </header>
      <ErrorNote error={events.error} />
      {events.loading && <p className="muted">Loading the timeline…</p>}
      <ol className="timeline">
        {events.data?.events.map((e) => {
          const d = e.timestamp.slice(0, 10);
          const heading = d !== day ? ((day = d), <li key={`d-${d}`} className="timeline-day">{d}</li>) : null;
          // Newest first: a session's link heads its events, where the session changes.
          const sessionHead = e.sessionId && e.sessionId !== session ? <li key={`s-${e.id}`} className="timeline-session" data-session={e.sessionId}>{replayLink(e.sessionId)}</li> : null;
          session = e.sessionId;
          return [
            heading,
            sessionHead,
            <li key={e.id} className="timeline-event">
              <ChannelIcon channel={e.channel} />
              <time dateTime={e.timestamp}>{e.timestamp.slice(11, 19)}</time>
              <strong>{e.event}</strong>
              <span className="muted small">{detail(e)}</span>
            </li>,
          ];
        })}
      </ol>
      {events.data?.next && <p className="muted small">Older events are not shown.</p>}
    </div>
  );
}
