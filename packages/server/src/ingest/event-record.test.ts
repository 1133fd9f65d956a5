import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, type IncomingEvent } from '@waymark/core';
import { decodeRecord, encodeRecord } from './event-record.ts';

const text = fc.string({ unit: 'binary', maxLength: 20 });
const event = fc.record({
  projectId: fc.string({ minLength: 1, maxLength: 10 }),
  id: text,
  type: fc.constantFrom(...MESSAGE_TYPES),
  event: text,
  anonymousId: fc.option(text, { nil: null }),
  userId: fc.option(text, { nil: null }),
  sessionId: fc.option(text, { nil: null }),
  channel: fc.constantFrom('web', 'support', 'email'),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  receivedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  previousId: fc.option(text, { nil: null }),
  traits: fc.option(fc.dictionary(text, fc.jsonValue()), { nil: null }),
  properties: fc.dictionary(text, fc.jsonValue()),
  context: fc.dictionary(text, fc.jsonValue()),
});

describe('event log records', () => {
  it('decode what was encoded, whatever the text holds (tabs, newlines, backslashes, \\N)', () => {
    fc.assert(
      fc.property(event, (e) => {
        const properties = JSON.stringify(e.properties);
        const context = JSON.stringify(e.context);
        const line = encodeRecord(e as IncomingEvent, properties, context);
        expect(line).not.toMatch(/\n/);
        const back = decodeRecord(line);
        expect(back.properties).toBe(properties);
        expect(back.context).toBe(context);
        expect({ ...back.event, properties: e.properties, context: e.context, traits: back.event.traits }).toEqual({ ...e, traits: e.traits === null ? null : JSON.parse(JSON.stringify(e.traits)) });
      }),
    );
  });

  it('keeps a literal \\N text apart from null', () => {
    const e = { projectId: 'p', id: '\\N', type: 'track', event: 'x', anonymousId: '\\N', userId: null, sessionId: null, channel: 'web', timestamp: 1, receivedAt: 2, previousId: null, traits: null, properties: {}, context: {} } as const;
    const back = decodeRecord(encodeRecord(e as unknown as IncomingEvent, '{}', '{}')).event;
    expect(back.anonymousId).toBe('\\N');
    expect(back.id).toBe('\\N');
    expect(back.userId).toBeNull();
  });
});
