import { describe, expect, it } from 'vitest';
import { detectErrorClick, rememberClick } from './error-clicks.ts';
import { detectFriction } from './friction-detector.ts';
import { DEFAULT_FRICTION_SETTINGS } from './friction-settings.ts';
import { MAX_RECENT_CLICKS, newSessionState, type FrictionSignal } from './friction-signal.ts';
import { click, device } from './friction-test-events.ts';

const errors = (events: Parameters<typeof detectFriction>[0]) => detectFriction(events).filter((f) => f.signal.kind === 'error_click');

describe('error clicks', () => {
  it('flags an exception within 1 s after a click, at the exception, with both sources', () => {
    const at = device();
    const found = errors([at(0, '$click', click(1, 1)), at(400, '$exception', { path: '/checkout', message: 'TypeError: x' })]);
    expect(found).toHaveLength(1);
    expect(found[0]!.trigger.id).toBe('e2');
    expect(found[0]!.signal.sources).toEqual(['e1', 'e2']);
    expect(found[0]!.signal.properties).toMatchObject({ selector: 'button#apply', message: 'TypeError: x', value: 400, threshold: 1000 });
  });

  it('ignores exceptions later than 1 s, without a click, or in another session; one signal per click', () => {
    const at = device();
    expect(errors([at(0, '$click', click(1, 1)), at(1001, '$exception')])).toHaveLength(0);
    expect(errors([at(0, '$exception')])).toHaveLength(0);
    expect(errors([at(0, '$click', click(1, 1), 's1'), at(10, '$exception', {}, 's2')])).toHaveLength(0);
    expect(errors([at(0, '$click', click(1, 1)), at(10, '$exception'), at(20, '$exception')])).toHaveLength(1);
  });
});

describe('error clicks whose exception arrives first', () => {
  it('pairs a click with an exception that happened after it but was received before it, once', () => {
    const at = device();
    // The SDK sends the exception at once and the click a second later, with the click's own time.
    const exception = at(30, '$exception', { path: '/checkout', message: 'cart total is undefined' });
    const late = at(0, '$click', click(1, 1));
    const found = errors([exception, late]);
    expect(found).toHaveLength(1);
    expect(found[0]!.trigger.id).toBe(late.id);
    expect(found[0]!.signal.sources).toEqual([late.id, exception.id]);
    expect(found[0]!.signal.properties).toMatchObject({ value: 30, message: 'cart total is undefined' });
  });

  it('pairs an error a few ms before its click (batches clock-corrected apart), but not one well before, or more than 1 s after it', () => {
    const skewed = device();
    expect(errors([skewed(173, '$exception'), skewed(200, '$click', click(1, 1))])).toHaveLength(1);
    const at = device();
    expect(errors([at(0, '$exception'), at(300, '$click', click(1, 1))])).toHaveLength(0);
    const at2 = device();
    expect(errors([at2(1500, '$exception'), at2(0, '$click', click(1, 1))])).toHaveLength(0);
  });
});

describe('error clicks under load', () => {
  it('keeps a bounded window of clicks when thousands share one timestamp', () => {
    const state = newSessionState('s1');
    const out: FrictionSignal[] = [];
    for (let i = 0; i < 5000; i++) rememberClick(state, { id: `c${i}`, t: 0, x: 1, y: 1, path: '/', selector: 'button' }, DEFAULT_FRICTION_SETTINGS, out);
    expect(state.errorCandidates).toHaveLength(MAX_RECENT_CLICKS);
    expect(state.errorCandidates.at(-1)!.id).toBe('c4999');
    // The newest click still gets its error.
    const exception = { ...device()(0, '$exception', { message: 'boom' }) };
    detectErrorClick(state, { ...exception, timestamp: 10 }, DEFAULT_FRICTION_SETTINGS, out);
    expect(out.map((f) => f.sources[0])).toEqual(['c4999']);
  });
});
