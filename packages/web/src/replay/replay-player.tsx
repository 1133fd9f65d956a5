import Player from 'rrweb-player';
import 'rrweb-player/dist/style.css';
import { useEffect, useRef } from 'react';
import type { SessionReplay } from '../api/insight-types.ts';

/** What the replay scene drives: seeking, and where the player is. */
export interface PlayerHandle {
  goto(offsetMs: number): void;
  currentOffset(): number;
}

// rrweb-player is a Svelte component; its typings name Svelte's base class, which the app does
// not install, so the few members used are declared here.
interface RrwebPlayer {
  goto(offsetMs: number, play?: boolean): void;
  getReplayer(): { getCurrentTime(): number };
  $destroy(): void;
}

/**
 * The rrweb player on a session's recording, skipping the idle stretches. It mounts once per
 * recording and is destroyed with the component (React's strict mode mounts twice).
 */
export function ReplayPlayer({ events, width, onReady }: { events: SessionReplay['events']; width: number; onReady: (handle: PlayerHandle | null) => void }) {
  const target = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  useEffect(() => {
    const node = target.current;
    if (!node) return;
    const player = new Player({
      target: node,
      props: { events: events as never, width, height: Math.round(width * 0.56), skipInactive: true, autoPlay: true, showController: true, mouseTail: false },
    }) as unknown as RrwebPlayer;
    ready.current({
      goto: (offset) => player.goto(offset, false),
      currentOffset: () => player.getReplayer().getCurrentTime(),
    });
    return () => {
      ready.current(null);
      player.$destroy();
      node.replaceChildren();
    };
  }, [events, width]);
  return <div ref={target} className="replay-player" data-testid="replay-player" />;
}
