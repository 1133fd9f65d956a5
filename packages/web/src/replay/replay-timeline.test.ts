import { describe, expect, it } from 'vitest';
import { entryDetail, formatOffset, frictionLabel, recordingOffset, recordingSpan } from './replay-timeline.ts';

describe('the replay timeline', () => {
  it('marks the friction signals and exceptions, and no other event', () => {
    expect(['$rage_click', '$dead_click', '$error_click', '$slow_page', '$u_turn', '$form_abandon', '$form_abandon_field', '$repeated_contact', '$exception'].map(frictionLabel)).not.toContain(null);
    expect(frictionLabel('$form_abandon_field')).toBe('Form abandoned');
    expect(['$page', '$click', 'Order Completed', '$form_submit', 'rage_click'].map(frictionLabel)).toEqual([null, null, null, null, null]);
  });

  it('seeks to the moment of an event, never before the recording starts', () => {
    const start = Date.parse('2026-03-02T10:00:00Z');
    expect(recordingOffset('2026-03-02T10:01:05.500Z', start)).toBe(65_500);
    expect(recordingOffset('2026-03-02T09:59:00Z', start)).toBe(0);
    expect(formatOffset(65_500)).toBe('1:05');
    expect(formatOffset(0)).toBe('0:00');
  });

  it('says where an event happened from its properties', () => {
    expect(entryDetail({ event: '$rage_click', type: 'track', timestamp: '', properties: { path: '/cart', selector: '#coupon', value: 4 } })).toBe('path: /cart · selector: #coupon');
    expect(entryDetail({ event: 'x', type: 'track', timestamp: '', properties: null })).toBe('');
  });

  it('has no span to play without a snapshot and a second event', () => {
    expect(recordingSpan([])).toBeNull();
    expect(recordingSpan([{ timestamp: 5 }])).toBeNull();
    expect(recordingSpan([{ timestamp: 5 }, { timestamp: 9 }])).toEqual({ start: 5, end: 9 });
  });
});
