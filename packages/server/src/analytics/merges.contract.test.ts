import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IdentityGraph,
  normalizeMessage,
  resolveEvents,
  Sessionizer,
  toAnalysisEvent,
  trendsReference,
  funnelReference,
  type IncomingEvent,
  type SegmentMessage,
} from '@waymark/core';
import { basic, bearer, postJson, startTestServer, type TestServer, EVENT_STORES } from '../testing/test-server.ts';
import { AnalysisRunner } from './run-analysis.ts';

const START = Date.parse('2026-04-01T00:00:00Z');

/** Random logs where anonymous browsing is later identified, devices are shared, and aliases merge persons. */
interface Row {
  kind: 'track' | 'identify' | 'alias';
  anon: number;
  user: number | null;
  prev: number;
  event: string;
  minute: number;
}

const log: fc.Arbitrary<Row[]> = fc.array(
  fc.record({
    kind: fc.constantFrom('track', 'track', 'track', 'identify', 'alias'),
    anon: fc.integer({ min: 0, max: 4 }),
    user: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    prev: fc.integer({ min: 0, max: 4 }),
    event: fc.constantFrom('view', 'add', 'buy'),
    minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  }),
  { minLength: 1, maxLength: 30 },
);

function messages(rows: Row[], run: number): SegmentMessage[] {
  return rows.map((r, i) => {
    const base = { messageId: `r${run}-${i}`, timestamp: new Date(START + r.minute * 60_000).toISOString() };
    if (r.kind === 'alias') return { ...base, type: 'alias', previousId: `a${r.prev}`, userId: `u${r.user ?? 0}` };
    if (r.kind === 'identify') return { ...base, type: 'identify', anonymousId: `a${r.anon}`, userId: `u${r.user ?? 0}` };
    return { ...base, type: 'track', event: r.event, anonymousId: `a${r.anon}`, ...(r.user !== null && { userId: `u${r.user}` }) };
  });
}

/** The persons every event belongs to once all merges are applied: what analyses must count. */
function resolvedEvents(batch: SegmentMessage[]) {
  const incoming = batch.map((m) => {
    const r = normalizeMessage(m, { projectId: 'p', receivedAt: START, keyChannel: null, path: '', newId: () => 'x' });
    if (r.kind !== 'ok') throw new Error('invalid message in the generator');
    return r.event as IncomingEvent;
  });
  const resolved = resolveEvents(incoming, new IdentityGraph(), new Sessionizer());
  const into = new Map(resolved.merges.map((m) => [m.from, m.into]));
  const final = (p: string): string => (into.has(p) ? final(into.get(p)!) : p);
  return resolved.events.map((e, i) => toAnalysisEvent({ ...e, personId: final(e.personId!) }, i));
}

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  describe('analyses through the store, with identity merges', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env });
    });
    afterAll(() => server.destroy());

    it('count merged persons once, exactly as the reference does on the resolved log, before and after folding', async () => {
      let run = 0;
      // After which flushes the store folds its merges: later merges then chain onto folded events.
      const folds = fc.array(fc.boolean(), { minLength: 8, maxLength: 8 });
      await fc.assert(
        fc.asyncProperty(log, folds, async (rows, foldAfter) => {
          run++;
          const project = await server.runtime.projects.createProject({ name: `merges ${run}`, slug: `merges-${run}` });
          const write = await server.runtime.projects.createKey(project.id, 'write', { name: 'w', channel: null });
          const read = await server.runtime.projects.createKey(project.id, 'secret', { name: 'r', channel: null });
          const batch = messages(rows, run);
          // In several flushes, so persons merged later have events already stored under their old id.
          for (let i = 0; i < batch.length; i += 4) {
            expect((await postJson(`${server.url}/v1/batch`, { batch: batch.slice(i, i + 4) }, { authorization: basic(write.token) })).status).toBe(200);
            await server.runtime.pipeline.waitVisible();
            if (foldAfter[i / 4]) await server.runtime.events.foldMerges();
          }

          const events = resolvedEvents(batch);
          const range = { from: new Date(START).toISOString(), to: new Date(START + 4 * 86_400_000).toISOString(), timeZone: 'UTC' };
          const trends = { kind: 'trends' as const, series: [{ matcher: { event: 'view' }, measure: 'persons' as const }, { matcher: { event: '$identify' }, measure: 'persons' as const }], interval: 'day' as const, ...range };
          const funnel = { kind: 'funnel' as const, steps: [{ event: 'view' }, { event: 'add' }, { event: 'buy' }], window: { value: 2, unit: 'day' as const }, order: 'ordered' as const, ...range };
          for (const [spec, reference] of [
            [trends, trendsReference(trends, events)],
            [funnel, funnelReference(funnel, events)],
          ] as const) {
            const answer = await postJson(`${server.url}/api/projects/${project.id}/query`, spec, { authorization: bearer(read.token) });
            expect(answer.status).toBe(200);
            expect(answer.body.result, JSON.stringify(batch)).toEqual(JSON.parse(JSON.stringify(reference)));
          }

          // Folded completely, every stored event carries its person; the answers (run afresh, not from the cache) are the same.
          await server.runtime.events.foldMerges();
          expect(await server.runtime.events.foldMerges()).toBe(0);
          const [moved] = await server.runtime.events.query(`SELECT count(*) AS n FROM events_resolved WHERE project_id = '${project.id}' AND person_id <> stored_person_id`);
          expect(Number(moved!['n'])).toBe(0);
          const fresh = new AnalysisRunner(server.runtime.engine);
          for (const [spec, reference] of [
            [trends, trendsReference(trends, events)],
            [funnel, funnelReference(funnel, events)],
          ] as const) {
            const answer = await fresh.run(spec, { projectId: project.id, timeZone: 'UTC', dataVersion: 0 });
            expect(JSON.parse(JSON.stringify(answer.result)), JSON.stringify(batch)).toEqual(JSON.parse(JSON.stringify(reference)));
          }
        }),
        { numRuns: 25 },
      );
    });
  });
});
