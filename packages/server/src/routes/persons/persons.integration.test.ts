import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer, EVENT_STORES } from '../../testing/test-server.ts';

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  /**
   * Identity and sessions as scenario tables: submit events at minute offsets, then assert who
   * each id belongs to. Every scenario runs twice: all messages in one batch (resolved within
   * one flush) and one request per message with a read in between (merged in the store).
   */

  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env });
  });
  afterAll(() => server.destroy());

  const BASE = Date.parse('2026-01-05T09:00:00.000Z');
  const MODES = ['one batch', 'one request per message'] as const;
  type Mode = (typeof MODES)[number];

  /** A Segment message at a minute offset; ids are bare and get a per-run prefix. */
  interface Step {
    readonly at: number;
    readonly id: string;
    readonly type: 'track' | 'identify' | 'page' | 'alias';
    readonly anon?: string;
    readonly user?: string;
    readonly previousId?: string;
    readonly event?: string;
    readonly channel?: string;
    readonly traits?: Record<string, unknown>;
    readonly properties?: Record<string, unknown>;
    readonly sessionId?: string | number;
  }

  interface PersonExpectation {
    /** Ids that must all lead to this one person. */
    readonly lookup: readonly string[];
    readonly userIds: readonly string[];
    readonly anonymousIds: readonly string[];
    readonly traits: Record<string, unknown>;
    /** Message ids of the person's events, newest first. */
    readonly events: readonly string[];
    readonly channels?: readonly string[];
    /** [event name, channel] of the timeline, newest first. */
    readonly timeline?: readonly (readonly [string, string])[];
  }

  interface Scenario {
    readonly name: string;
    /** In arrival order (which need not be time order). */
    readonly steps: readonly Step[];
    readonly persons: readonly PersonExpectation[];
  }

  const SCENARIOS: readonly Scenario[] = [
    {
      name: 'anonymous browsing, then identify: one person with both ids and merged traits',
      steps: [
        { at: 0, id: 'm1', type: 'page', anon: 'a1', properties: { path: '/' } },
        { at: 2, id: 'm2', type: 'track', anon: 'a1', event: 'Product Viewed' },
        { at: 5, id: 'm3', type: 'identify', anon: 'a1', user: 'u1', traits: { email: 'ann@example.com', plan: 'free' } },
        { at: 7, id: 'm4', type: 'track', user: 'u1', event: 'Plan Upgraded' },
        { at: 8, id: 'm5', type: 'identify', user: 'u1', traits: { plan: 'pro', name: 'Ann' } },
      ],
      persons: [
        {
          lookup: ['a1', 'u1'],
          userIds: ['u1'],
          anonymousIds: ['a1'],
          traits: { email: 'ann@example.com', plan: 'pro', name: 'Ann' },
          events: ['m5', 'm4', 'm3', 'm2', 'm1'],
        },
      ],
    },
    {
      name: 'anonymous on two devices, then logged in on both: one person with every event',
      steps: [
        { at: 0, id: 'm1', type: 'page', anon: 'laptop' },
        { at: 1, id: 'm2', type: 'page', anon: 'phone' },
        { at: 2, id: 'm3', type: 'identify', anon: 'phone', traits: { newsletter: true } },
        { at: 3, id: 'm4', type: 'track', anon: 'laptop', event: 'Product Added' },
        { at: 10, id: 'm5', type: 'identify', anon: 'laptop', user: 'u2', traits: { email: 'bo@example.com' } },
        { at: 20, id: 'm6', type: 'identify', anon: 'phone', user: 'u2' },
        { at: 21, id: 'm7', type: 'track', anon: 'phone', user: 'u2', event: 'Order Completed' },
      ],
      persons: [
        {
          lookup: ['laptop', 'phone', 'u2'],
          userIds: ['u2'],
          anonymousIds: ['laptop', 'phone'],
          traits: { newsletter: true, email: 'bo@example.com' },
          events: ['m7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1'],
        },
      ],
    },
    {
      name: 'alias(previousId -> userId) merges a legacy user id and an anonymous id',
      steps: [
        { at: 0, id: 'm1', type: 'track', user: 'legacy-42', event: 'Logged In' },
        { at: 1, id: 'm2', type: 'page', anon: 'visitor-9' },
        { at: 5, id: 'm3', type: 'alias', previousId: 'legacy-42', user: 'acct-42' },
        { at: 6, id: 'm4', type: 'track', user: 'acct-42', event: 'Logged In' },
        { at: 7, id: 'm5', type: 'alias', previousId: 'visitor-9', user: 'acct-42' },
      ],
      persons: [
        {
          lookup: ['legacy-42', 'acct-42', 'visitor-9'],
          userIds: ['acct-42', 'legacy-42'],
          anonymousIds: ['visitor-9'],
          traits: {},
          events: ['m5', 'm4', 'm3', 'm2', 'm1'],
        },
      ],
    },
    {
      name: 'a shared device: an anonymous id identified as Alice, then as Bob, does not merge them',
      steps: [
        { at: 0, id: 'm1', type: 'identify', anon: 'kiosk', user: 'alice', traits: { name: 'Alice' } },
        { at: 5, id: 'm2', type: 'page', anon: 'kiosk', user: 'alice' },
        { at: 30, id: 'm3', type: 'identify', anon: 'kiosk', user: 'bob', traits: { name: 'Bob' } },
        { at: 31, id: 'm4', type: 'page', anon: 'kiosk', user: 'bob' },
        // Logged out again: the device still belongs to its first user.
        { at: 40, id: 'm5', type: 'page', anon: 'kiosk' },
      ],
      persons: [
        { lookup: ['alice', 'kiosk'], userIds: ['alice'], anonymousIds: ['kiosk'], traits: { name: 'Alice' }, events: ['m5', 'm2', 'm1'] },
        { lookup: ['bob'], userIds: ['bob'], anonymousIds: [], traits: { name: 'Bob' }, events: ['m4', 'm3'] },
      ],
    },
    {
      name: "a person's cross-channel timeline, newest first, with a late support event",
      steps: [
        { at: 0, id: 'm1', type: 'page', anon: 'carol-browser', user: 'carol', properties: { path: '/pricing' } },
        { at: 60, id: 'm2', type: 'track', user: 'carol', event: 'Email Opened', channel: 'email', properties: { campaign: 'winback' } },
        { at: 180, id: 'm4', type: 'track', user: 'carol', event: 'Survey Answered', channel: 'survey', properties: { nps: 9 } },
        { at: 240, id: 'm5', type: 'track', user: 'carol', event: 'Order Completed', channel: 'store', properties: { total: 120 } },
        // Arrives last, happened third.
        { at: 120, id: 'm3', type: 'track', user: 'carol', event: 'Ticket Created', channel: 'support' },
      ],
      persons: [
        {
          lookup: ['carol', 'carol-browser'],
          userIds: ['carol'],
          anonymousIds: ['carol-browser'],
          traits: {},
          events: ['m5', 'm4', 'm3', 'm2', 'm1'],
          channels: ['email', 'store', 'support', 'survey', 'web'],
          timeline: [
            ['Order Completed', 'store'],
            ['Survey Answered', 'survey'],
            ['Ticket Created', 'support'],
            ['Email Opened', 'email'],
            ['$page', 'web'],
          ],
        },
      ],
    },
  ];

  const prefixOf = (mode: Mode, scenario: number) => `${mode === 'one batch' ? 'b' : 'r'}${scenario}-`;

  function toMessage(step: Step, p: string): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    if (step.channel) context['channel'] = step.channel;
    if (step.sessionId !== undefined) context['sessionId'] = step.sessionId;
    return {
      type: step.type,
      messageId: p + step.id,
      ...(step.anon && { anonymousId: p + step.anon }),
      ...(step.user && { userId: p + step.user }),
      ...(step.previousId && { previousId: p + step.previousId }),
      ...(step.event && { event: step.event }),
      ...(step.traits && { traits: step.traits }),
      ...(step.properties && { properties: step.properties }),
      context,
      timestamp: new Date(BASE + step.at * 60_000).toISOString(),
    };
  }

  /** Sends the steps; per message, a read in between makes each land in the store on its own. */
  async function submit(mode: Mode, steps: readonly Step[], p: string): Promise<void> {
    const messages = steps.map((s) => toMessage(s, p));
    const ok = (accepted: number) => ({ status: 200, body: { success: true, accepted, duplicates: 0, skipped: 0 } });
    if (mode === 'one batch') {
      expect(await postJson(`${server.url}/v1/batch`, { batch: messages }, { authorization: server.writeAuth })).toEqual(ok(messages.length));
      return;
    }
    for (const message of messages) {
      expect(await postJson(`${server.url}/v1/batch`, { batch: [message] }, { authorization: server.writeAuth })).toEqual(ok(1));
      expect((await getJson(`${server.url}/api/projects/default/events?limit=1`, { authorization: server.readAuth })).status).toBe(200);
    }
  }

  interface ApiPerson {
    personId: string;
    userIds: string[];
    anonymousIds: string[];
    traits: Record<string, unknown>;
    firstSeen: string | null;
    lastSeen: string | null;
    eventCount: number;
    channels: string[];
  }

  async function personOf(id: string): Promise<ApiPerson> {
    const answer = await getJson(`${server.url}/api/projects/default/persons/${encodeURIComponent(id)}`, { authorization: server.readAuth });
    expect(answer.status, `person ${id}`).toBe(200);
    return answer.body as ApiPerson;
  }

  async function timelineOf(id: string): Promise<{ id: string; event: string; channel: string; personId: string; sessionId: string; timestamp: string }[]> {
    const answer = await getJson(`${server.url}/api/projects/default/persons/${encodeURIComponent(id)}/events?limit=1000`, { authorization: server.readAuth });
    expect(answer.status).toBe(200);
    return answer.body.events;
  }

  describe('identity scenarios', () => {
    for (const mode of MODES) {
      describe(mode, () => {
        SCENARIOS.forEach((scenario, n) => {
          it(scenario.name, async () => {
            const p = prefixOf(mode, n);
            await submit(mode, scenario.steps, p);
            const personIds: string[] = [];
            for (const expected of scenario.persons) {
              const found = await Promise.all(expected.lookup.map((id) => personOf(p + id)));
              const person = found[0]!;
              for (const [i, other] of found.entries()) expect(other, `lookup by ${expected.lookup[i]}`).toEqual(person);
              expect(await personOf(person.personId)).toEqual(person);
              personIds.push(person.personId);

              expect(person.userIds.slice().sort()).toEqual(expected.userIds.map((id) => p + id).sort());
              expect(person.anonymousIds.slice().sort()).toEqual(expected.anonymousIds.map((id) => p + id).sort());
              expect(person.traits).toEqual(expected.traits);
              expect(person.eventCount).toBe(expected.events.length);
              if (expected.channels) expect(person.channels).toEqual(expected.channels);

              const timeline = await timelineOf(p + expected.lookup[expected.lookup.length - 1]!);
              expect(timeline.map((e) => e.id)).toEqual(expected.events.map((id) => p + id));
              expect(new Set(timeline.map((e) => e.personId))).toEqual(new Set([person.personId]));
              const times = timeline.map((e) => Date.parse(e.timestamp));
              expect(person.firstSeen).toBe(new Date(Math.min(...times)).toISOString());
              expect(person.lastSeen).toBe(new Date(Math.max(...times)).toISOString());
              if (expected.timeline) expect(timeline.map((e) => [e.event, e.channel])).toEqual(expected.timeline);
            }
            expect(new Set(personIds).size, 'distinct persons').toBe(scenario.persons.length);
          });
        });
      });
    }

    it('an unknown id is 404 WM_PERSON_NOT_FOUND, for the profile and the timeline', async () => {
      for (const url of ['/persons/nobody-at-all', '/persons/nobody-at-all/events']) {
        const answer = await getJson(`${server.url}/api/projects/default${url}`, { authorization: server.readAuth });
        expect({ status: answer.status, code: answer.body.error.code, path: answer.body.error.path }).toEqual({ status: 404, code: 'WM_PERSON_NOT_FOUND', path: 'id' });
      }
    });

    it('the timeline pages newest first with a cursor', async () => {
      const p = prefixOf('one batch', 4);
      const first = await getJson(`${server.url}/api/projects/default/persons/${p}carol/events?limit=2`, { authorization: server.readAuth });
      expect(first.body.events.map((e: { id: string }) => e.id)).toEqual([`${p}m5`, `${p}m4`]);
      const second = await getJson(`${server.url}/api/projects/default/persons/${p}carol/events?limit=2&cursor=${first.body.next}`, { authorization: server.readAuth });
      expect(second.body.events.map((e: { id: string }) => e.id)).toEqual([`${p}m3`, `${p}m2`]);
      const byChannel = await getJson(`${server.url}/api/projects/default/persons/${p}carol/events?channel=survey`, { authorization: server.readAuth });
      expect(byChannel.body.events.map((e: { id: string }) => e.id)).toEqual([`${p}m4`]);
    });
  });

  describe('sessions', () => {
    // One device: 10 minutes apart share a session; 31 minutes apart start a new one; exactly 30 do not.
    const steps: Step[] = [
      { at: 0, id: 's0', type: 'page', anon: 'device' },
      { at: 10, id: 's10', type: 'page', anon: 'device' },
      { at: 41, id: 's41', type: 'page', anon: 'device' },
      { at: 71, id: 's71', type: 'track', anon: 'device', event: 'Clicked' },
      { at: 72, id: 'explicit', type: 'track', anon: 'device', event: 'Checkout', sessionId: 'checkout-session-1' },
      { at: 73, id: 's73', type: 'page', anon: 'device' },
      { at: 74, id: 'numeric', type: 'track', anon: 'device', event: 'Tapped', sessionId: 1767600000 },
      { at: 10, id: 'other', type: 'page', anon: 'other-device' },
    ];

    for (const mode of MODES) {
      it(`are assigned per device by inactivity, and an explicit context.sessionId is kept (${mode})`, async () => {
        const p = `${mode === 'one batch' ? 'sb' : 'sr'}-`;
        await submit(mode, steps, p);
        const page = await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth });
        const session = Object.fromEntries(
          (page.body.events as { id: string; sessionId: string }[]).filter((e) => e.id.startsWith(p)).map((e) => [e.id.slice(p.length), e.sessionId]),
        );
        expect(Object.keys(session).sort()).toEqual(steps.map((s) => s.id).sort());
        for (const id of Object.keys(session)) expect(session[id], id).toEqual(expect.any(String));
        expect(session['s10']).toBe(session['s0']);
        expect(session['s41']).not.toBe(session['s10']);
        expect(session['s71']).toBe(session['s41']);
        expect(session['explicit']).toBe('checkout-session-1');
        expect(session['numeric']).toBe('1767600000');
        // A session the client named does not interrupt the device's own.
        expect(session['s73']).toBe(session['s71']);
        expect(session['other']).not.toBe(session['s0']);
        expect(session['other']).not.toBe(session['s10']);
      });
    }

    it('the same events give the same session ids whether sent together or one by one', async () => {
      const page = await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth });
      const events = page.body.events as { id: string; sessionId: string }[];
      const inBatch = events.filter((e) => e.id.startsWith('sb-'));
      const oneByOne = events.filter((e) => e.id.startsWith('sr-'));
      expect(inBatch.length).toBe(steps.length);
      // Derived from device and start time, so equal up to the id prefix of the device.
      const shape = (list: typeof events) => {
        const index = new Map<string, number>();
        return list.map((e) => [e.id.slice(3), index.get(e.sessionId) ?? index.set(e.sessionId, index.size).get(e.sessionId)]);
      };
      expect(shape(oneByOne)).toEqual(shape(inBatch));
    });
  });
});
