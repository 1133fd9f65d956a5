import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { DEFAULT_FRICTION_SETTINGS } from './friction-settings.ts';
import { click, device } from './friction-test-events.ts';

const rage = (events: Parameters<typeof detectFriction>[0], settings = DEFAULT_FRICTION_SETTINGS) =>
  detectFriction(events, settings).filter((f) => f.signal.kind === 'rage_click');

describe('rage clicks', () => {
  it('flags 3 clicks within 1 s and 30 px once per burst, at the third click', () => {
    const at = device();
    const events = [at(0, '$click', click(100, 100)), at(300, '$click', click(110, 95)), at(600, '$click', click(105, 110)), at(900, '$click', click(100, 100)), at(1200, '$click', click(102, 100))];
    const found = rage(events);
    expect(found).toHaveLength(1);
    expect(found[0]!.trigger.id).toBe('e3');
    expect(found[0]!.signal.sources).toEqual(['e1', 'e2', 'e3']);
    expect(found[0]!.signal.properties).toMatchObject({ path: '/checkout', selector: 'button#apply', value: 3, threshold: 3, duration_ms: 600 });
  });

  it('does not flag clicks spread over more than 1 s, or more than 30 px apart', () => {
    const at = device();
    expect(rage([at(0, '$click', click(0, 0)), at(600, '$click', click(0, 0)), at(1001, '$click', click(0, 0))])).toHaveLength(0);
    expect(rage([at(0, '$click', click(0, 0)), at(100, '$click', click(40, 0)), at(200, '$click', click(80, 0))])).toHaveLength(0);
  });

  it('counts a new burst after a pause, and follows the project threshold', () => {
    const at = device();
    const burst = (t: number) => [0, 100, 200].map((d) => at(t + d, '$click', click(5, 5)));
    expect(rage([...burst(0), ...burst(5000)])).toHaveLength(2);
    expect(rage(burst(0), { ...DEFAULT_FRICTION_SETTINGS, rageClickMinClicks: 4 })).toHaveLength(0);
  });

  it('keeps sessions apart', () => {
    const at = device();
    expect(rage([at(0, '$click', click(0, 0), 's1'), at(100, '$click', click(0, 0), 's1'), at(200, '$click', click(0, 0), 's2')])).toHaveLength(0);
  });
});
