import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { device } from './friction-test-events.ts';

const slow = (events: Parameters<typeof detectFriction>[0]) => detectFriction(events).filter((f) => f.signal.kind === 'slow_page');

describe('slow pages', () => {
  it('flags a load over 2 s at the page view, and not again for its LCP', () => {
    const at = device();
    const found = slow([at(0, '$page', { path: '/a', load_time_ms: 2001 }), at(2300, '$web_vitals', { path: '/a', lcp_ms: 4000 })]);
    expect(found.map((f) => f.signal.properties)).toEqual([{ path: '/a', metric: 'load_time_ms', value: 2001, threshold: 2000 }]);
  });

  it('flags an LCP over 2.5 s of a page that loaded in time, and nothing at the limits', () => {
    const at = device();
    const found = slow([at(0, '$page', { path: '/a', load_time_ms: 2000 }), at(2300, '$web_vitals', { path: '/a', lcp_ms: 2600 })]);
    expect(found.map((f) => [f.trigger.id, f.signal.sources, f.signal.properties['metric']])).toEqual([['e2', ['e1', 'e2'], 'lcp_ms']]);
    expect(slow([at(0, '$page', { path: '/b', load_time_ms: 1000 }), at(1300, '$web_vitals', { path: '/b', lcp_ms: 2500 })])).toHaveLength(0);
  });
});
