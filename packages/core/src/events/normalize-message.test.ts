import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from './event.ts';
import { normalizeMessage, type NormalizeContext } from './normalize-message.ts';
import type { SegmentMessage } from './segment-schema.ts';

const RECEIVED = Date.UTC(2024, 5, 1, 12, 0, 0);

function ctx(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  let n = 0;
  return { projectId: 'p1', receivedAt: RECEIVED, keyChannel: null, path: 'batch[3]', newId: () => `gen-${++n}`, ...overrides };
}

function ok(message: Record<string, unknown>, overrides: Partial<NormalizeContext> = {}): IncomingEvent {
  const result = normalizeMessage(message as SegmentMessage, ctx(overrides));
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.event;
}

function error(message: Record<string, unknown>, overrides: Partial<NormalizeContext> = {}) {
  const result = normalizeMessage(message as SegmentMessage, ctx(overrides));
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { code: result.error.code, path: result.error.path, status: result.error.status, message: result.error.message };
}

const track = { type: 'track', event: 'Signed Up', userId: 'u1' };

describe('normalizeMessage: timestamps', () => {
  it('corrects the client clock: timestamp = receivedAt - (sentAt - originalTimestamp)', () => {
    // The client clock is 1 h fast; the event happened 5 s before the message was sent.
    const e = ok({ ...track, originalTimestamp: '2024-06-01T13:00:00.000Z', sentAt: '2024-06-01T13:00:05.000Z' });
    expect(e.timestamp).toBe(RECEIVED - 5_000);
    expect(e.receivedAt).toBe(RECEIVED);
  });

  it("uses the batch's sentAt when the message has none, and the message's own over the batch's", () => {
    const batchSentAt = '2024-06-01T11:00:10.000Z';
    expect(ok({ ...track, originalTimestamp: '2024-06-01T11:00:00.000Z' }, { batchSentAt }).timestamp).toBe(RECEIVED - 10_000);
    expect(ok({ ...track, originalTimestamp: '2024-06-01T11:00:00.000Z', sentAt: '2024-06-01T11:00:02.000Z' }, { batchSentAt }).timestamp).toBe(RECEIVED - 2_000);
  });

  it('corrects `timestamp` like originalTimestamp, and prefers originalTimestamp when both are given', () => {
    expect(ok({ ...track, timestamp: '2024-06-01T10:00:00Z', sentAt: '2024-06-01T10:00:01Z' }).timestamp).toBe(RECEIVED - 1_000);
    expect(
      ok({ ...track, timestamp: '2020-01-01T00:00:00Z', originalTimestamp: '2024-06-01T10:00:00Z', sentAt: '2024-06-01T10:00:03Z' }).timestamp,
    ).toBe(RECEIVED - 3_000);
  });

  it('keeps the client time when there is no sentAt, and uses receivedAt when there is no time at all', () => {
    expect(ok({ ...track, timestamp: '2010-12-01 08:26' }).timestamp).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(ok({ ...track, timestamp: '2024-06-01T14:00:00+02:00' }).timestamp).toBe(RECEIVED);
    expect(ok(track).timestamp).toBe(RECEIVED);
    expect(ok({ ...track, timestamp: null }).timestamp).toBe(RECEIVED);
    expect(ok({ ...track, sentAt: '2024-06-01T11:00:00Z' }).timestamp).toBe(RECEIVED);
  });

  it('names the field of an invalid timestamp', () => {
    expect(error({ ...track, originalTimestamp: '2024-02-30T00:00:00Z' })).toMatchObject({
      code: 'WM_INGEST_INVALID_TIMESTAMP',
      path: 'batch[3].originalTimestamp',
      status: 400,
    });
    expect(error({ ...track, timestamp: 'yesterday' })).toMatchObject({ code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'batch[3].timestamp' });
    expect(error({ ...track, timestamp: '2024-06-01T10:00:00Z', sentAt: '25:00' })).toMatchObject({
      code: 'WM_INGEST_INVALID_TIMESTAMP',
      path: 'batch[3].sentAt',
    });
    expect(error({ ...track, timestamp: '2024-06-01T10:00:00Z', sentAt: '2024-06-01' + 'T25:00:00Z' }, { path: '' }).path).toBe('sentAt');
  });

  it("names the batch's own sentAt, not a field of the message, when that one is invalid", () => {
    expect(error({ ...track, timestamp: '2024-06-01T10:00:00Z' }, { batchSentAt: 'not a date' })).toMatchObject({
      code: 'WM_INGEST_INVALID_TIMESTAMP',
      path: 'sentAt',
    });
  });
});

describe('normalizeMessage: ids', () => {
  it('keeps the messageId as the event id', () => {
    expect(ok({ ...track, messageId: 'm-42' }).id).toBe('m-42');
  });

  it('generates an id for a message without one, a new one each time', () => {
    const context = ctx();
    const a = normalizeMessage(track as SegmentMessage, context);
    const b = normalizeMessage(track as SegmentMessage, context);
    expect(a.kind === 'ok' && a.event.id).toBe('gen-1');
    expect(b.kind === 'ok' && b.event.id).toBe('gen-2');
  });

  it('turns numeric ids into strings and empty ones into null', () => {
    const e = ok({ type: 'track', event: 'x', userId: 42, anonymousId: '' });
    expect(e.userId).toBe('42');
    expect(e.anonymousId).toBeNull();
  });

  it('keeps a session id chosen by the client, numeric or not', () => {
    expect(ok({ ...track, context: { sessionId: 's-1' } }).sessionId).toBe('s-1');
    expect(ok({ ...track, context: { sessionId: 1717243200000 } }).sessionId).toBe('1717243200000');
    expect(ok({ ...track, context: { sessionId: '' } }).sessionId).toBeNull();
    expect(ok(track).sessionId).toBeNull();
  });
});

describe('normalizeMessage: channel', () => {
  const library = (name: string) => ({ library: { name, version: '1.0.0' } });

  it("takes the event's own context.channel first", () => {
    expect(ok({ ...track, context: { channel: 'email', ...library('analytics-node') } }, { keyChannel: 'support' }).channel).toBe('email');
    expect(ok({ ...track, context: { channel: 'kiosk' } }).channel).toBe('kiosk');
  });

  it("then the key's channel", () => {
    expect(ok({ ...track, context: library('analytics-node') }, { keyChannel: 'support' }).channel).toBe('support');
    // A context.channel that is not a channel token does not count.
    expect(ok({ ...track, context: { channel: 'Not A Channel' } }, { keyChannel: 'support' }).channel).toBe('support');
    expect(ok({ ...track, context: { channel: 7 } }, { keyChannel: 'store' }).channel).toBe('store');
  });

  it('then the library, then the call type', () => {
    expect(ok({ ...track, context: library('analytics-node') }).channel).toBe('server');
    expect(ok({ ...track, context: library('@rudderstack/rudder-sdk-node') }).channel).toBe('server');
    expect(ok({ ...track, context: library('analytics-ios') }).channel).toBe('mobile');
    expect(ok({ ...track, context: library('analytics.js') }).channel).toBe('web');
    expect(ok({ type: 'screen', name: 'Home', userId: 'u1' }).channel).toBe('mobile');
    expect(ok({ type: 'page', name: 'Home', userId: 'u1' }).channel).toBe('web');
    expect(ok(track).channel).toBe('web');
  });
});

describe('normalizeMessage: integrations', () => {
  it.each([
    [{ Waymark: false }, 'skip'],
    [{ All: false }, 'skip'],
    [{ All: false, Waymark: false }, 'skip'],
    [{ All: false, Waymark: true }, 'ok'],
    [{ All: true }, 'ok'],
    [{ Mixpanel: false }, 'ok'],
    [{ Waymark: { anything: 1 } }, 'ok'],
    [{}, 'ok'],
  ])('integrations %j -> %s', (integrations, kind) => {
    const result = normalizeMessage({ ...track, integrations } as SegmentMessage, ctx());
    expect(result.kind).toBe(kind);
    if (result.kind === 'skip') expect(result.reason).toBe('disabled_by_integrations');
  });

  it('skips before checking the rest, like Segment drops a disabled call', () => {
    expect(normalizeMessage({ type: 'track', integrations: { Waymark: false } } as SegmentMessage, ctx()).kind).toBe('skip');
  });
});

describe('normalizeMessage: required fields', () => {
  it.each([
    [{ event: 'x', userId: 'u' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].type'],
    [{ type: 'click', event: 'x', userId: 'u' }, 'WM_INGEST_UNKNOWN_TYPE', 'batch[3].type'],
    [{ type: 'Track', event: 'x', userId: 'u' }, 'WM_INGEST_UNKNOWN_TYPE', 'batch[3].type'],
    [{ type: 'track', userId: 'u' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].event'],
    [{ type: 'track', event: '', userId: 'u' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].event'],
    [{ type: 'track', event: 'x' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].userId'],
    [{ type: 'identify', userId: '', anonymousId: null, traits: {} }, 'WM_INGEST_MISSING_FIELD', 'batch[3].userId'],
    [{ type: 'page', name: 'Home' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].userId'],
    [{ type: 'group', userId: 'u' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].groupId'],
    [{ type: 'group', userId: 'u', groupId: '' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].groupId'],
    [{ type: 'alias', userId: 'u' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].previousId'],
    [{ type: 'alias', previousId: 'a', anonymousId: 'a' }, 'WM_INGEST_MISSING_FIELD', 'batch[3].userId'],
  ])('%j fails with %s at %s', (message, code, path) => {
    expect(error(message)).toMatchObject({ code, path, status: 400 });
  });

  it('gives bare paths for a single call', () => {
    expect(error({ type: 'track', userId: 'u' }, { path: '' }).path).toBe('event');
  });

  it("uses the endpoint's type when the body has none", () => {
    expect(ok({ event: 'x', userId: 'u' }, { defaultType: 'track' }).type).toBe('track');
    expect(ok({ userId: 'u', traits: { plan: 'pro' } }, { defaultType: 'identify' }).type).toBe('identify');
  });

  it('accepts an alias with previousId and userId only', () => {
    const e = ok({ type: 'alias', previousId: 'anon-1', userId: 'u1' });
    expect(e).toMatchObject({ type: 'alias', event: '$alias', previousId: 'anon-1', userId: 'u1', anonymousId: null, properties: { previousId: 'anon-1' } });
  });
});

describe('normalizeMessage: shape of the event', () => {
  it('keeps track properties and context as given', () => {
    const e = ok({ ...track, anonymousId: 'a1', properties: { plan: 'pro' }, context: { locale: 'de' } });
    expect(e).toMatchObject({ projectId: 'p1', type: 'track', event: 'Signed Up', anonymousId: 'a1', userId: 'u1', properties: { plan: 'pro' }, context: { locale: 'de' }, traits: null, previousId: null });
  });

  it('names system events and folds page name and category into properties', () => {
    expect(ok({ type: 'page', userId: 'u', name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } })).toMatchObject({
      event: '$page',
      properties: { path: '/pricing', name: 'Pricing', category: 'Docs' },
    });
    expect(ok({ type: 'screen', userId: 'u' })).toMatchObject({ event: '$screen', properties: {} });
  });

  it('keeps identify and group traits, with the group id in the properties', () => {
    expect(ok({ type: 'identify', userId: 'u', traits: { email: 'a@b.c' } })).toMatchObject({ event: '$identify', traits: { email: 'a@b.c' }, properties: { email: 'a@b.c' } });
    expect(ok({ type: 'group', userId: 'u', groupId: 9, traits: { name: 'Acme' } })).toMatchObject({ event: '$group', traits: { name: 'Acme' }, properties: { name: 'Acme', groupId: '9' } });
    expect(ok({ type: 'identify', userId: 'u' }).traits).toEqual({});
  });
});
