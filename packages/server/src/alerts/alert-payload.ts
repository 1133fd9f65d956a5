/** What a webhook receives (and an email shows) when a rule trips. */
export interface AlertPayload {
  /** `<rule id>:<event id>`: the same alert never comes twice, so receivers may dedupe on it. */
  readonly alertId: string;
  readonly projectId: string;
  readonly rule: { readonly id: string; readonly name: string };
  readonly event: AlertEventView;
  readonly person: { readonly personId: string; readonly userId: string | null; readonly anonymousId: string | null; readonly link: string };
  /** Session ids of the triggering event and the recent timeline, newest first. */
  readonly sessions: readonly string[];
  /** The person's last 20 events, newest first. */
  readonly timeline: readonly AlertEventView[];
}

export interface AlertEventView {
  readonly id: string;
  readonly event: string;
  readonly channel: string;
  readonly timestamp: string;
  readonly sessionId: string | null;
  readonly properties: Readonly<Record<string, unknown>>;
}
