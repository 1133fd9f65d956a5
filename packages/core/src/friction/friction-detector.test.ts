import { describe, expect, it } from 'vitest';
import type { WaymarkEvent } from '../events/event.ts';
import { FrictionDetector, frictionSignalId, signalEvent } from './friction-detector.ts';
import { FRICTION_DEFINITIONS, FRICTION_KINDS } from './friction-kinds.ts';
import { click, device } from './friction-test-events.ts';

describe('FrictionDetector', () => {
  it('keeps a bounded number of devices (least recently seen dropped)', () => {
    const detector = new FrictionDetector({ maxDevices: 10 });
    for (let i = 0; i < 100; i++) detector.observe(device({ anonymousId: `d${i}` })(0, '$click', click(0, 0)));
    expect(detector.size.devices).toBe(10);
  });

  it('gives a signal the same id whatever else happened: derived from its sources', () => {
    const at = device();
    const events = [at(0, '$click', click(0, 0, 'none'))];
    const a = new FrictionDetector().observe(events[0]!)[0]!;
    const b = new FrictionDetector().observe(events[0]!)[0]!;
    expect(frictionSignalId('p', a)).toBe(frictionSignalId('p', b));
    expect(frictionSignalId('p', a)).not.toBe(frictionSignalId('q', a));
  });

  it('stores a signal as a track event 1 ms after its trigger, in its session', () => {
    const trigger: WaymarkEvent = { id: 'c1', projectId: 'p', type: 'track', event: '$click', anonymousId: 'a', userId: null, personId: 'pp', sessionId: 's', channel: 'web', timestamp: 1000, receivedAt: 2000, properties: {}, context: { x: 1 } };
    const e = signalEvent(trigger, { kind: 'dead_click', sources: ['c1'], properties: { path: '/' } }, 1);
    expect(e).toMatchObject({ type: 'track', event: '$dead_click', timestamp: 1001, sessionId: 's', personId: 'pp', properties: { path: '/', kind: 'dead_click', source_ids: ['c1'], trigger_id: 'c1' } });
  });

  it('has a definition and a distinct event for every kind', () => {
    const events = FRICTION_KINDS.map((k) => FRICTION_DEFINITIONS[k].event);
    expect(new Set(events).size).toBe(FRICTION_KINDS.length);
    for (const e of events) expect(e.startsWith('$')).toBe(true);
  });
});
