import { currentPath } from '../dom.ts';
import { EVENTS, type CaptureContext } from './capture.ts';

/** A broken page can throw in a loop: at most this many errors per page view. */
const MAX_PER_PAGE = 20;

/** Uncaught errors and unhandled promise rejections. */
export function captureErrors(ctx: CaptureContext): void {
  let sent = 0;
  ctx.onRouteChange(() => {
    sent = 0;
  });
  const send = (properties: Record<string, unknown>) => {
    if (sent++ < MAX_PER_PAGE) ctx.capture(EVENTS.exception, { path: currentPath(), ...properties });
  };
  window.addEventListener('error', (event) => {
    if (!(event instanceof ErrorEvent)) return; // a resource that failed to load, not a script error
    send({ message: String(event.message).slice(0, 500), source: event.filename || null, lineno: event.lineno || null, type: event.error?.name ?? 'Error' });
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as unknown;
    const message = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'unhandled promise rejection';
    send({ message: message.slice(0, 500), source: null, lineno: null, type: reason instanceof Error ? reason.name : 'UnhandledRejection' });
  });
}
