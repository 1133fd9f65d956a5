import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { device } from './friction-test-events.ts';

const turns = (events: Parameters<typeof detectFriction>[0]) => detectFriction(events).filter((f) => f.signal.kind === 'u_turn');
const page = (path: string) => ({ path, load_time_ms: 500 });

describe('U-turns', () => {
  it('flags the page left for the previous one within 5 s, at the return', () => {
    const at = device();
    const found = turns([at(0, '$page', page('/cart')), at(10_000, '$page', page('/info')), at(14_500, '$page', page('/cart'))]);
    expect(found).toHaveLength(1);
    expect(found[0]!.signal).toEqual({ kind: 'u_turn', sources: ['e2', 'e3'], properties: { path: '/info', back_to: '/cart', value: 4000, threshold: 5000 } });
  });

  it('counts the time on the page from when it finished loading', () => {
    const at = device();
    const found = turns([at(0, '$page', page('/cart')), at(10_000, '$page', { path: '/info', load_time_ms: 3000 }), at(17_500, '$page', page('/cart'))]);
    expect(found.map((f) => f.signal.properties['value'])).toEqual([4500]);
  });

  it('does not flag a stay over 5 s, a reload, or a move on', () => {
    const at = device();
    expect(turns([at(0, '$page', page('/cart')), at(10_000, '$page', page('/info')), at(15_501, '$page', page('/cart'))])).toHaveLength(0);
    expect(turns([at(0, '$page', page('/a')), at(1000, '$page', page('/a')), at(2000, '$page', page('/a'))])).toHaveLength(0);
    expect(turns([at(0, '$page', page('/a')), at(1000, '$page', page('/b')), at(2000, '$page', page('/c'))])).toHaveLength(0);
  });

  it('counts bouncing back and forth as U-turns on the page bounced off only', () => {
    const at = device();
    const found = turns(['/cart', '/info', '/cart', '/info', '/cart'].map((p, i) => at(i * 3000, '$page', page(p))));
    expect(found.map((f) => f.signal.properties['path'])).toEqual(['/info', '/info']);
  });
});
