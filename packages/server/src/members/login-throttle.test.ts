import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('the sign-in throttle', () => {
  it('refuses an email after the limit of failures until the oldest leaves the window', () => {
    const throttle = new LoginThrottle({ limit: 3, windowMs: 1000 });
    throttle.fail('a@x', 0);
    throttle.fail('a@x', 100);
    expect(throttle.retryAfter('a@x', 150)).toBe(0);
    throttle.fail('a@x', 200);
    expect(throttle.retryAfter('a@x', 250)).toBe(750);
    expect(throttle.retryAfter('b@x', 250)).toBe(0);
    expect(throttle.retryAfter('a@x', 999)).toBe(1);
    expect(throttle.retryAfter('a@x', 1000)).toBe(0);
  });

  it('counts the newest failures once more than the limit have piled up', () => {
    const throttle = new LoginThrottle({ limit: 2, windowMs: 1000 });
    for (const at of [0, 10, 500, 600]) throttle.fail('a@x', at);
    expect(throttle.retryAfter('a@x', 700)).toBe(800);
  });

  it('forgets an email on success', () => {
    const throttle = new LoginThrottle({ limit: 1, windowMs: 1000 });
    throttle.fail('a@x', 0);
    expect(throttle.retryAfter('a@x', 1)).toBeGreaterThan(0);
    throttle.succeed('a@x');
    expect(throttle.retryAfter('a@x', 1)).toBe(0);
  });
});
