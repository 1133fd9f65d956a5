import type { ResolvedOptions } from '../options.ts';

/** What an autocapture module gets from the client: a way to send, and the page's lifecycle. */
export interface CaptureContext {
  readonly options: ResolvedOptions;
  /** Sends a track event (stored as `event`), timed when it happened, not when it is sent. */
  capture(event: string, properties: Record<string, unknown>, at?: Date): void;
  /** Sends a page view. */
  page(properties: Record<string, unknown>): void;
  /** Called after the path changed (single-page apps) with the path left. */
  onRouteChange(listener: (previousPath: string) => void): void;
  /** Called when the page is hidden or unloaded: the last moment to send. */
  onHide(listener: () => void): void;
}

/** The `$`-prefixed events of tagless capture: the server's own vocabulary. */
export { AUTOCAPTURE_EVENTS as EVENTS } from '@waymark/core';
