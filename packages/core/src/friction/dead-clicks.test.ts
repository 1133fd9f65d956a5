import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { click, device } from './friction-test-events.ts';

describe('dead clicks', () => {
  it("flags a click the SDK saw nothing happen after, and only that one", () => {
    const at = device();
    const found = detectFriction([at(0, '$click', click(1, 1, 'none')), at(5000, '$click', click(1, 1, 'mutation')), at(9000, '$click', click(1, 1, 'page_change'))]);
    expect(found.map((f) => [f.signal.kind, f.trigger.id])).toEqual([['dead_click', 'e1']]);
    expect(found[0]!.signal.properties).toMatchObject({ path: '/checkout', selector: 'button#apply', value: 'none' });
  });
});
