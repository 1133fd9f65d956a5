import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { JourneyChange, JourneyComment } from '../api/types.ts';
import { useAsync } from '../shell/use-async.ts';

/**
 * What someone else changed since this member last looked at the map: compared once when the
 * map opens, then the version is marked seen.
 */
export function useChangesSinceLastLook(project: string, journeyId: string | undefined, version: number | undefined, lastSeen: number | null | undefined) {
  const [changes, setChanges] = useState<{ since: number; changes: JourneyChange[] } | null>(null);
  // Once per opened map: saving one's own edit (a new version) must not announce it as news.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!journeyId || version === undefined || opened.current === `${project}/${journeyId}`) return;
    opened.current = `${project}/${journeyId}`;
    setChanges(null);
    (async () => {
      if (typeof lastSeen === 'number' && lastSeen < version) {
        const compared = await api.compare(project, journeyId, lastSeen, version).catch(() => null);
        if (compared) setChanges({ since: lastSeen, changes: compared.changes });
      }
      if (lastSeen !== version) await api.markSeen(project, journeyId, version).catch(() => undefined);
    })();
  }, [project, journeyId, version, lastSeen]);
  return changes;
}

/** The comments of a map, counted per target for the badges on the cells. */
export function useComments(project: string, journeyId: string | undefined) {
  const state = useAsync(() => (journeyId ? api.comments(project, journeyId) : Promise.resolve({ comments: [] as JourneyComment[] })), [project, journeyId]);
  const comments = state.data?.comments ?? [];
  const counts = new Map<string, number>();
  for (const c of comments) counts.set(c.target, (counts.get(c.target) ?? 0) + 1);
  return { comments, count: (target: string) => counts.get(target) ?? 0, reload: state.reload };
}
