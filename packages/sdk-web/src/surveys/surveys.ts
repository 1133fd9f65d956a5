import type { Answer, Survey } from './survey.ts';
import { showSurvey } from './widget.ts';

interface Who {
  readonly writeKey: string;
  readonly anonymousId: string;
  readonly userId: string | null;
}

/** Autocaptured interactions do not trigger surveys, except page views: asking after every click would be a request per click. */
const isTrigger = (event: string) => event === '$page' || !event.startsWith('$');

/** How long the names of the events that can trigger a survey are trusted before they are asked again. */
const TRIGGERS_TTL_MS = 5 * 60_000;

/**
 * Asks the server which surveys this person should see after an event (the server knows the
 * targeting, sampling and frequency caps), shows at most one at a time, and sends what was
 * shown and answered. Answers come back as `Survey Answered` events on the server. It asks
 * only after events whose name can trigger a survey, a list it fetches once per few minutes,
 * so a page's other events cost no request.
 */
export class Surveys {
  readonly #host: string;
  readonly #who: () => Who;
  #triggers: Promise<ReadonlySet<string> | null> | null = null;
  #triggersAt = 0;
  #asking = false;
  #showing = false;

  constructor(host: string, who: () => Who) {
    this.#host = host;
    this.#who = who;
  }

  /** Called after each event the SDK sends. */
  afterEvent(event: string, properties: Record<string, unknown>): void {
    if (!isTrigger(event)) return;
    const path = location.pathname;
    void this.#triggerNames().then((names) => {
      if (!names?.has(event) || this.#asking || this.#showing) return;
      this.#asking = true;
      return this.#post<{ surveys: Survey[] }>('/v1/surveys/eligible', { ...this.#visitor(), event: { event, properties }, path })
        .then((answer) => {
          const survey = answer?.surveys?.[0];
          if (survey && !this.#showing) this.show(survey);
        })
        .finally(() => {
          this.#asking = false;
        });
    });
  }

  /** The trigger names, fetched again when stale; a failed fetch is retried on the next event. */
  #triggerNames(): Promise<ReadonlySet<string> | null> {
    if (!this.#triggers || Date.now() - this.#triggersAt > TRIGGERS_TTL_MS) {
      this.#triggersAt = Date.now();
      this.#triggers = this.#post<{ events: string[] }>('/v1/surveys/triggers', {}).then((answer) => {
        if (!answer) this.#triggers = null;
        return answer ? new Set(answer.events) : null;
      });
    }
    return this.#triggers;
  }

  show(survey: Survey): void {
    this.#showing = true;
    showSurvey(survey, {
      shown: () => void this.#post(`/v1/surveys/${encodeURIComponent(survey.id)}/shown`, this.#visitor()),
      finished: (answers: Answer[]) => {
        this.#showing = false;
        if (answers.length > 0) void this.#post(`/v1/surveys/${encodeURIComponent(survey.id)}/responses`, { ...this.#visitor(), answers, context: { page: { path: location.pathname, url: location.href } } });
      },
    });
  }

  /** Who is asking or answering: every call but the trigger names is about one visitor. */
  #visitor(): Record<string, string> {
    const who = this.#who();
    return { anonymousId: who.anonymousId, ...(who.userId ? { userId: who.userId } : {}) };
  }

  async #post<T>(path: string, body: Record<string, unknown>): Promise<T | null> {
    try {
      const response = await fetch(`${this.#host}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ writeKey: this.#who().writeKey, ...body }),
        keepalive: true,
      });
      return response.ok ? ((await response.json()) as T) : null;
    } catch {
      return null;
    }
  }
}
