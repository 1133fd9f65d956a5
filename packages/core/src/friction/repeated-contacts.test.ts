import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { device } from './friction-test-events.ts';

const DAY = 86_400_000;

describe('repeated contacts', () => {
  it("flags a person's second ticket on the same topic within 7 days, across devices and sessions", () => {
    const a = device({ channel: 'support', anonymousId: 'x', session: 's1' });
    const b = device({ channel: 'support', anonymousId: 'y', session: 's9' });
    const first = a(0, 'Ticket Created', { topic: 'promo_code' });
    const second = { ...b(6 * DAY, 'Ticket Created', { topic: 'promo_code' }), id: 'later' };
    const found = detectFriction([first, second]);
    expect(found.map((f) => f.signal)).toEqual([{ kind: 'repeated_contact', sources: ['e1', 'later'], properties: { topic: 'promo_code', value: 6 * DAY, threshold: 7 * DAY } }]);
  });

  it('ignores another topic, a gap over 7 days, tickets on another channel and other persons', () => {
    const at = device({ channel: 'support' });
    expect(detectFriction([at(0, 'Ticket Created', { topic: 'a' }), at(DAY, 'Ticket Created', { topic: 'b' })])).toEqual([]);
    expect(detectFriction([at(0, 'Ticket Created', { topic: 'a' }), at(7 * DAY + 1, 'Ticket Created', { topic: 'a' })])).toEqual([]);
    const web = device({ channel: 'web' });
    expect(detectFriction([web(0, 'Ticket Created', { topic: 'a' }), web(DAY, 'Ticket Created', { topic: 'a' })])).toEqual([]);
    const other = device({ channel: 'support', personId: 'person2' });
    expect(detectFriction([at(0, 'Ticket Created', { topic: 'a' }), { ...other(DAY, 'Ticket Created', { topic: 'a' }), id: 'z' }])).toEqual([]);
  });
});
