import { FRICTION_SOURCE_EVENTS, signalEvent, type FrictionDetector, type ResolvedBatch, type WaymarkEvent } from '@waymark/core';
import type { SerializedRow } from '../event-store.ts';

/**
 * Runs the friction detectors over a resolved batch, in log order, and returns the batch with
 * each signal placed right after the event that completed it. A signal's row takes its
 * trigger's log position (`seq`) and context, so it commits, and on ClickHouse is rolled back,
 * together with its trigger; its timestamp is the trigger's plus its ordinal in milliseconds,
 * so (timestamp, seq) stays unique. Only the properties of events a detector reads are parsed.
 */
export function withFrictionSignals<R extends SerializedRow>(
  batch: ResolvedBatch,
  rows: readonly R[],
  detector: FrictionDetector,
): { readonly batch: ResolvedBatch; readonly rows: readonly SerializedRow[]; readonly signals: number } {
  let events: WaymarkEvent[] | null = null;
  let out: SerializedRow[] | null = null;
  for (let i = 0; i < batch.events.length; i++) {
    const e = batch.events[i]!;
    const row = rows[i]!;
    if (FRICTION_SOURCE_EVENTS.has(e.event)) {
      const properties = parseProperties(row.properties);
      const signals = detector.observe({ ...e, properties });
      if (signals.length > 0) {
        events ??= batch.events.slice(0, i);
        out ??= rows.slice(0, i);
        events.push(e);
        out.push(row);
        signals.forEach((signal, k) => {
          const stored = signalEvent(e, signal, k + 1);
          events!.push(stored);
          out!.push({ seq: row.seq, properties: JSON.stringify(stored.properties), context: row.context });
        });
        continue;
      }
    }
    if (events !== null) {
      events.push(e);
      out!.push(row);
    }
  }
  if (events === null) return { batch, rows, signals: 0 };
  return { batch: { ...batch, events }, rows: out!, signals: events.length - batch.events.length };
}

function parseProperties(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
