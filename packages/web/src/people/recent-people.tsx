import { api } from '../api/client.ts';
import type { StoredEvent } from '../api/types.ts';
import { ChannelIcon } from '../map/channel-icon.tsx';
import { AppLink } from '../shell/app-link.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { routePath } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';

/** The persons of the latest events, each once with their latest event: a way in without an id. */
export function latestPersons(events: readonly StoredEvent[]): StoredEvent[] {
  const seen = new Map<string, StoredEvent>();
  for (const e of events) if (e.personId && !seen.has(e.personId)) seen.set(e.personId, e);
  return [...seen.values()];
}

export function RecentPeople({ project }: { project: string }) {
  const events = useAsync(() => api.events(project, { limit: 500 }), [project]);
  if (events.error) return <ErrorNote error={events.error} />;
  if (!events.data) return <p className="muted">Loading…</p>;
  const persons = latestPersons(events.data.events).slice(0, 50);
  if (persons.length === 0) return <p className="empty-state">No events yet: send some to `/v1/batch` with a write key.</p>;
  return (
    <table className="table" aria-label="Recently active people">
      <thead>
        <tr>
          <th>Person</th>
          <th>Latest event</th>
          <th>Channel</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody>
        {persons.map((e) => (
          <tr key={e.personId}>
            <td>
              <AppLink to={routePath(project, 'people', e.personId!)}>{e.userId ?? e.personId}</AppLink>
            </td>
            <td>{e.event}</td>
            <td>
              <ChannelIcon channel={e.channel} />
            </td>
            <td>{new Date(e.timestamp).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
