import { useCallback, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { AppLink } from '../shell/app-link.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { routePath } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { useAsync } from '../shell/use-async.ts';
import { ReplayPlayer, type PlayerHandle } from './replay-player.tsx';
import { recordingOffset, recordingSpan } from './replay-timeline.ts';
import { ReplayTimelineList } from './replay-timeline-list.tsx';

const PLAYER_WIDTH = 760;

/** A session's replay: the recording played without its idle time, beside the session's events; an event seeks the player. */
export function ReplayScene({ sessionId }: { sessionId: string | undefined }) {
  const { project } = useApp();
  const replay = useAsync(sessionId ? () => api.replay(project.slug, sessionId) : null, [project.slug, sessionId]);
  const player = useRef<PlayerHandle | null>(null);
  const [seeked, setSeeked] = useState<{ index: number; offset: number } | null>(null);
  const onReady = useCallback((handle: PlayerHandle | null) => (player.current = handle), []);

  if (!sessionId) return <p className="empty-state">Open a session from a person's timeline or from the friction of a touchpoint on the map.</p>;
  if (replay.error) return <ErrorNote error={replay.error} />;
  if (!replay.data) return <div className="empty-state">Loading the recording…</div>;
  const data = replay.data;
  const span = recordingSpan(data.events);
  const seek = (index: number) => {
    if (!span) return;
    const offset = recordingOffset(data.timeline[index]!.timestamp, span.start);
    player.current?.goto(offset);
    setSeeked({ index, offset });
  };
  return (
    <div className="replay-scene">
      <header className="toolbar">
        <h2>Session {data.sessionId}</h2>
        {data.personId && (
          <AppLink to={routePath(project.slug, 'people', data.personId)}>{data.personId}</AppLink>
        )}
        <span className="muted small">
          {new Date(data.start).toLocaleString()} · {data.timeline.length.toLocaleString('en-US')} events · {data.chunks.length} recorded chunks
        </span>
      </header>
      <div className="replay-body">
        {span ? (
          <div className="replay-stage" data-offset={seeked?.offset ?? ''}>
            <ReplayPlayer events={data.events} width={PLAYER_WIDTH} onReady={onReady} />
          </div>
        ) : (
          <p className="empty-state replay-stage" style={{ width: PLAYER_WIDTH }}>
            This session was not recorded: its events are listed beside.
          </p>
        )}
        <ReplayTimelineList timeline={data.timeline} recordingStart={span?.start ?? null} selected={seeked?.index ?? null} onSelect={seek} />
      </div>
    </div>
  );
}
