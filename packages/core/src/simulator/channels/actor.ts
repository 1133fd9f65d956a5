import type { Writer } from '../writer.ts';

/**
 * Runs `emit` with the writer speaking as someone else (a server-side source such as the
 * email provider or the help desk), then restores the web actor. Called once per email or
 * ticket, not per event.
 */
export function speakAs(w: Writer, userId: string, context: Readonly<Record<string, unknown>>, emit: (w: Writer) => void): void {
  const a = w.anonymousId;
  const u = w.userId;
  const c = w.context;
  w.anonymousId = null;
  w.userId = userId;
  w.context = context;
  emit(w);
  w.anonymousId = a;
  w.userId = u;
  w.context = c;
}
