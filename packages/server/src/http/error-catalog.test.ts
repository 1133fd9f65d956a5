import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, ERROR_CODES } from '@waymark/core';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(WM_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => ({ code: m[1]!, status: Number(m[2]) }));

describe('the error catalog', () => {
  it('documents every code once, with its status, in docs/errors.md', () => {
    expect(documented.map((d) => d.code).sort()).toEqual([...ERROR_CODES].sort());
    for (const { code, status } of documented) expect(ERROR_CATALOG[code as keyof typeof ERROR_CATALOG].status, code).toBe(status);
  });

  it('has unique codes, statuses an HTTP client understands, and a message for each', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^WM_[A-Z]+(_[A-Z]+)*$/);
      // 429: sign-in throttling (WM_AUTH_THROTTLED), which clients know to back off from.
      expect([400, 401, 403, 404, 409, 413, 415, 429, 500, 503]).toContain(ERROR_CATALOG[code].status);
      expect(ERROR_CATALOG[code].message.length).toBeGreaterThan(5);
    }
  });
});
