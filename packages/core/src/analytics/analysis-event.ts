import type { WaymarkEvent } from '../events/event.ts';

/**
 * What an analysis reads of an event: who (the resolved person), what, when, in which visit and
 * channel, with which properties. Reference implementations take arrays of these; the SQL of
 * every dialect reads the same columns from `events_resolved`.
 */
export interface AnalysisEvent {
  readonly personId: string;
  readonly event: string;
  /** Epoch milliseconds, UTC. */
  readonly timestamp: number;
  readonly sessionId: string | null;
  readonly channel: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Arrival order: breaks ties between events with the same timestamp. */
  readonly seq: number;
}

export const toAnalysisEvent = (e: WaymarkEvent, seq: number): AnalysisEvent => ({
  personId: e.personId ?? '',
  event: e.event,
  timestamp: e.timestamp,
  sessionId: e.sessionId,
  channel: e.channel,
  properties: e.properties,
  seq,
});

/** Events in the order every analysis reads them: by time, then by arrival. */
export const byTime = (a: AnalysisEvent, b: AnalysisEvent) => a.timestamp - b.timestamp || a.seq - b.seq;
