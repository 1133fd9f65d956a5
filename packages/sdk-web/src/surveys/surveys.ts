import type { Answer, Survey } from './survey.ts';
import { showSurvey } from './widget.ts';

interface Who {
  readonly writeKey: string;
  readonly anonymousId: string;
  readonly userId: string | null;
}

/** Autocaptured interactions do not trigger surveys, except page views: asking after every click would be a request per click. */
const isTrigger = (event: string) => event === '$page' || !event.startsWith('$');

/**
 * Asks the server which surveys this person should see after an event (the server knows the
 * targeting, sampling and frequency caps), shows at most one at a time, and sends what was
 * shown and answered. Answers come back as `Survey Answered` events on the server.
 */
export class Surveys {
  readonly #host: string;
  readonly #who: () => Who;
  #asking = false;
  #showing = false;

  constructor(host: string, who: () => Who) {
    this.#host = host;
    this.#who = who;
  }

  /** Called after each event the SDK sends. */
  afterEvent(event: string, properties: Record<string, unknown>): void {
    if (this.#asking || this.#showing || !isTrigger(event)) return;
    this.#asking = true;
    void this.#post<{ surveys: Survey[] }>('/v1/surveys/eligible', { event: { event, properties }, path: location.pathname })
      .then((answer) => {
        const survey = answer?.surveys?.[0];
        if (survey && !this.#showing) this.show(survey);
      })
      .finally(() => {
        this.#asking = false;
      });
  }

  show(survey: Survey): void {
    this.#showing = true;
    showSurvey(survey, {
      shown: () => void this.#post(`/v1/surveys/${encodeURIComponent(survey.id)}/shown`, {}),
      finished: (answers: Answer[]) => {
        this.#showing = false;
        if (answers.length > 0) void this.#post(`/v1/surveys/${encodeURIComponent(survey.id)}/responses`, { answers, context: { page: { path: location.pathname, url: location.href } } });
      },
    });
  }

  async #post<T>(path: string, body: Record<string, unknown>): Promise<T | null> {
    const who = this.#who();
    try {
      const response = await fetch(`${this.#host}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ writeKey: who.writeKey, anonymousId: who.anonymousId, ...(who.userId ? { userId: who.userId } : {}), ...body }),
        keepalive: true,
      });
      return response.ok ? ((await response.json()) as T) : null;
    } catch {
      return null;
    }
  }
}
