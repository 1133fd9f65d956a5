import type { AnalysisEvent } from '../analytics/analysis-event.ts';
import type { WaymarkEvent } from '../events/event.ts';
import { normalizeMessage } from '../events/normalize-message.ts';
import { IdentityGraph } from '../identity/identity-graph.ts';
import { resolveEvents } from '../identity/resolve-events.ts';
import { Sessionizer } from '../sessions/sessionizer.ts';
import { simulate, type SimulateOptions } from '../simulator/simulate.ts';
import { FrictionDetector, signalEvent } from './friction-detector.ts';
import { DEFAULT_FRICTION_SETTINGS, type FrictionSettings } from './friction-settings.ts';

/**
 * The simulator's messages as the store would hold them: normalized, persons and sessions
 * resolved in order, and the friction signals inserted after their triggers, as analysis events
 * (a signal takes its trigger's `seq`). For the detection check against the ground truth and
 * the benchmark; production runs the same steps in the store path.
 */
export function simulatedFriction(options: SimulateOptions, settings: FrictionSettings = DEFAULT_FRICTION_SETTINGS): { readonly events: WaymarkEvent[]; readonly analysis: AnalysisEvent[]; readonly signals: number } {
  const incoming = [];
  let n = 0;
  for (const m of simulate(options)) {
    const r = normalizeMessage(m, { projectId: 'sim', receivedAt: Date.parse(m.timestamp ?? '') || 0, keyChannel: null, path: '', newId: () => `gen-${n++}` });
    if (r.kind === 'ok') incoming.push(r.event);
  }
  const resolved = resolveEvents(incoming, new IdentityGraph(), new Sessionizer()).events;
  const detector = new FrictionDetector({ settings: () => settings });
  const events: WaymarkEvent[] = [];
  const analysis: AnalysisEvent[] = [];
  let signals = 0;
  resolved.forEach((e, seq) => {
    events.push(e);
    analysis.push(toAnalysis(e, seq));
    detector.observe(e).forEach((signal, k) => {
      const stored = signalEvent(e, signal, k + 1);
      events.push(stored);
      analysis.push(toAnalysis(stored, seq));
      signals++;
    });
  });
  return { events, analysis, signals };
}

const toAnalysis = (e: WaymarkEvent, seq: number): AnalysisEvent => ({ personId: e.personId ?? '', event: e.event, timestamp: e.timestamp, sessionId: e.sessionId, channel: e.channel, properties: e.properties, seq });
