import { expect } from 'vitest';

export interface Answer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
  /** The Set-Cookie lines of the answer. */
  readonly cookies: string[];
}

/**
 * What a browser does for the web app in tests: keeps the session cookie between calls and
 * sends `X-Waymark-Client: web` with changes (unless a test leaves it out).
 */
export class BrowserSession {
  readonly #base: string;
  cookie: string | null = null;

  constructor(base: string) {
    this.#base = base;
  }

  async call(method: string, path: string, body?: unknown, options: { client?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers['cookie'] = `waymark_session=${this.cookie}`;
    if (method !== 'GET' && options.client !== false) headers['x-waymark-client'] = 'web';
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.#base}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const cookies = response.headers.getSetCookie();
    for (const line of cookies) {
      const match = /^waymark_session=([^;]*)/.exec(line);
      if (match) this.cookie = match[1] && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) ? match[1] : null;
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers, cookies };
  }

  get = (path: string, options?: { headers?: Record<string, string> }) => this.call('GET', path, undefined, options);
  post = (path: string, body: unknown = {}, options?: { client?: boolean; headers?: Record<string, string> }) => this.call('POST', path, body, options);

  /** Signs in and expects it to work. */
  async signIn(email: string, password: string): Promise<Answer> {
    const answer = await this.post('/api/auth/login', { email, password });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer;
  }

  /** Signs in with a one-time password and replaces it, as a new member does. */
  async activate(email: string, oneTimePassword: string, newPassword: string): Promise<void> {
    await this.signIn(email, oneTimePassword);
    const changed = await this.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
  }
}

/** Expects an error answer with this status and code. */
export function expectError(answer: Answer, status: number, code: string, path?: string | null): void {
  expect({ status: answer.status, code: answer.body?.error?.code }, JSON.stringify(answer.body)).toEqual({ status, code });
  if (path !== undefined) expect(answer.body.error.path).toBe(path);
}
