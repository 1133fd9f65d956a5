import type { FrictionEvent } from './friction-detector.ts';

/** Builds one device's events for detector tests: `at(ms, event, properties)`. */
export function device(options: { session?: string; anonymousId?: string; personId?: string; channel?: string } = {}) {
  let n = 0;
  return (t: number, event: string, properties: Record<string, unknown> = {}, session = options.session ?? 's1'): FrictionEvent => ({
    id: `e${++n}`,
    projectId: 'p',
    event,
    timestamp: 1_700_000_000_000 + t,
    sessionId: session,
    channel: options.channel ?? 'web',
    anonymousId: options.anonymousId ?? 'a1',
    userId: null,
    personId: options.personId ?? 'person1',
    properties,
  });
}

export const click = (x: number, y: number, observed = 'mutation', selector = 'button#apply', path = '/checkout') => ({ path, selector, x, y, observed });
