import { WaymarkError } from '@waymark/core';

/** WM_AUTH_THROTTLED, with the wait the answer's `Retry-After` header carries. */
export class ThrottledError extends WaymarkError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('WM_AUTH_THROTTLED', 'email', `too many failed sign-ins for this email: retry in ${Math.ceil(retryAfterSeconds / 60)} min`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Failed sign-ins per email: after `limit` failures within `windowMs`, further attempts for
 * that email are refused until the oldest failure leaves the window. Counting per email,
 * whether it exists or not, keeps the throttle from telling which emails have accounts.
 * Kept in memory: a restart forgets it, which only gives a guesser one more window.
 */
export class LoginThrottle {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, number[]>();

  constructor(options: { limit: number; windowMs: number } = { limit: 10, windowMs: 15 * 60_000 }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
  }

  /** Milliseconds until `email` may try again; 0 when it may now. */
  retryAfter(email: string, now: number): number {
    const recent = this.#recent(email, now);
    return recent.length < this.#limit ? 0 : recent[recent.length - this.#limit]! + this.#windowMs - now;
  }

  fail(email: string, now: number): void {
    this.#failures.set(email, [...this.#recent(email, now), now]);
    // Guessing over many emails must not grow memory without bound.
    if (this.#failures.size > 10_000) for (const key of [...this.#failures.keys()]) if (this.#recent(key, now).length === 0) this.#failures.delete(key);
  }

  succeed(email: string): void {
    this.#failures.delete(email);
  }

  #recent(email: string, now: number): number[] {
    return (this.#failures.get(email) ?? []).filter((at) => at > now - this.#windowMs);
  }
}
