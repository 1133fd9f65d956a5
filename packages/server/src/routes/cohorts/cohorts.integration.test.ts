import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { getJson, postJson, startTestServer, tempDataDir, type TestServer, EVENT_STORES } from '../../testing/test-server.ts';

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  describe('cohorts', () => {
    let server: TestServer;
    let api: string;
    const trend = { kind: 'trends', series: [{ matcher: { event: 'Order Completed' }, measure: 'count' }], interval: 'month', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

    beforeAll(async () => {
      server = await startTestServer({ env });
      api = `${server.url}/api/projects/default`;
      const batch = [
        { type: 'identify', userId: 'ann', traits: { plan: 'pro' }, timestamp: '2026-01-02T10:00:00Z' },
        { type: 'identify', userId: 'bob', traits: { plan: 'free' }, timestamp: '2026-01-02T10:00:00Z' },
        { type: 'identify', userId: 'cat', traits: { plan: 'pro' }, timestamp: '2026-01-02T10:00:00Z' },
        ...['ann', 'ann', 'bob', 'cat', 'cat', 'cat'].map((userId, i) => ({ type: 'track', userId, event: 'Order Completed', timestamp: `2026-01-1${i}T12:00:00Z` })),
        { type: 'track', userId: 'cat', event: 'Ticket Created', timestamp: '2026-01-20T12:00:00Z' },
      ];
      expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
    });
    afterAll(() => server.destroy());

    it('restrict any analysis to a saved segment: pro customers who never opened a ticket', async () => {
      const created = await postJson(
        `${api}/cohorts`,
        { name: 'Happy pro', all: [{ type: 'trait', condition: { property: 'plan', op: 'eq', value: 'pro' } }], none: [{ type: 'behavior', matcher: { event: 'Ticket Created' } }] },
        { authorization: server.readAuth },
      );
      expect(created.status).toBe(201);
      const persons = await getJson(`${api}/cohorts/${created.body.id}/persons`, { authorization: server.readAuth });
      const ann = await getJson(`${api}/persons/ann`, { authorization: server.readAuth });
      expect(persons.body).toEqual({ count: 1, persons: [ann.body.personId] });

      const everyone = await postJson(`${api}/query`, trend, { authorization: server.readAuth });
      const happy = await postJson(`${api}/query`, { ...trend, cohort: created.body.id }, { authorization: server.readAuth });
      expect(everyone.body.result.lines[0].total).toBe(6);
      expect(happy.body.result.lines[0].total).toBe(2);
    });

    it('keep a fixed list of persons, and list cohorts', async () => {
      const bob = await getJson(`${api}/persons/bob`, { authorization: server.readAuth });
      const fixed = await postJson(`${api}/cohorts`, { name: 'Bob only', persons: [bob.body.personId] }, { authorization: server.readAuth });
      expect(fixed.status).toBe(201);
      const answer = await postJson(`${api}/query`, { ...trend, cohort: fixed.body.id }, { authorization: server.readAuth });
      expect(answer.body.result.lines[0].total).toBe(1);
      const list = await getJson(`${api}/cohorts`, { authorization: server.readAuth });
      expect(list.body.cohorts.map((c: { name: string }) => c.name)).toEqual(['Happy pro', 'Bob only']);
      // A fixed list shows its size, not its ids: those are in the event store.
      expect(list.body.cohorts[1].definition).toEqual({ kind: 'persons', count: 1 });
    });

    /** The rows of the event store's member sets, of every cohort. */
    const storedMembers = async () => Number((await server.runtime.engine.query('SELECT count(*) AS n FROM member_sets'))[0]!['n']);

    it('keep a fixed list of 250,000 persons, redefine it, and leave no member set behind', async () => {
      const auth = { authorization: server.readAuth };
      const put = (id: string, body: object) => fetch(`${api}/cohorts/${id}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const [ann, bob] = await Promise.all(['ann', 'bob'].map(async (u) => (await getJson(`${api}/persons/${u}`, auth)).body.personId as string));
      const before = await storedMembers();
      // A funnel's drop-offs on a large store: more ids than an SQL list holds well (about 8 MB of JSON).
      const many = [...Array.from({ length: 249_999 }, (_, i) => `visitor-${i}-of-a-large-store`), bob!];
      const fixed = await postJson(`${api}/cohorts`, { name: 'Dropped at checkout', persons: many }, auth);
      expect(fixed.status).toBe(201);
      expect(fixed.body.definition).toEqual({ kind: 'persons', count: 250_000 });
      expect(await storedMembers()).toBe(before + 250_000);
      const total = async () => (await postJson(`${api}/query`, { ...trend, cohort: fixed.body.id }, auth)).body.result.lines[0].total;
      expect(await total()).toBe(1); // bob's order; the other ids have no events
      expect((await getJson(`${api}/cohorts/${fixed.body.id}/persons`, auth)).body).toEqual({ count: 1, persons: [bob] });

      // Redefined, it counts its new persons, and the old set goes.
      expect((await put(fixed.body.id, { name: 'Ann', persons: [ann, ann] })).status).toBe(200);
      expect(await total()).toBe(2);
      await expect.poll(storedMembers).toBe(before + 1);
      // Refused (an unknown cohort, a bad id), a change leaves no set behind either.
      expect((await put('coh_nope', { name: 'Nobody', persons: ['x', 'y'] })).status).toBe(404);
      expect((await put(fixed.body.id, { name: 'Bad', persons: ['x', ''] })).status).toBe(400);
      await expect.poll(storedMembers).toBe(before + 1);
      expect(await total()).toBe(2);
      expect((await fetch(`${api}/cohorts/${fixed.body.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      await expect.poll(storedMembers).toBe(before);
    });

    it('keep the persons behind a number, read on the server from the analysis that answers them', async () => {
      const auth = { authorization: server.readAuth };
      // Who ordered in January, of the persons of the segment saved first ("Happy pro": ann).
      const happy = (await getJson(`${api}/cohorts`, auth)).body.cohorts.find((c: { name: string }) => c.name === 'Happy pro').id as string;
      for (const [from, expected] of [
        [{ ...trend, personsAt: { series: 0 } }, ['ann', 'bob', 'cat']],
        [{ ...trend, personsAt: { series: 0 }, cohort: happy }, ['ann']],
      ] as const) {
        const answered = (await postJson(`${api}/query`, from, auth)).body.result.persons as string[];
        const ids = await Promise.all(expected.map(async (u) => (await getJson(`${api}/persons/${u}`, auth)).body.personId as string));
        expect(answered).toEqual(ids.sort());
        const saved = await postJson(`${api}/cohorts`, { name: 'Ordered in January', from }, auth);
        expect([saved.status, saved.body.definition]).toEqual([201, { kind: 'persons', count: expected.length }]);
        expect((await getJson(`${api}/cohorts/${saved.body.id}/persons`, auth)).body).toEqual({ count: expected.length, persons: answered });
        expect((await fetch(`${api}/cohorts/${saved.body.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      }
    });

    it.each([
      [{ name: 'No number', from: trend }, 'from.personsAt'],
      [{ name: 'Bad spec', from: { ...trend, interval: 'fortnight', personsAt: { series: 0 } } }, 'from.interval'],
      [{ name: 'No such series', from: { ...trend, personsAt: { series: 3 } } }, 'from.personsAt.series'],
      [{ name: 'Segment', from: { kind: 'segment', all: [{ type: 'behavior', matcher: { event: 'Order Completed' } }], asOf: '2026-02-01T00:00:00Z', personsAt: {} } }, 'from.personsAt'],
      [{ name: 'Both', persons: ['x'], from: { ...trend, personsAt: { series: 0 } } }, 'from'],
    ])('refuse to save %j from an analysis, naming %s, and write nothing', async (body, path) => {
      const before = await storedMembers();
      const answer = await postJson(`${api}/cohorts`, body, { authorization: server.readAuth });
      expect([answer.status, answer.body.error.code]).toEqual([400, 'WM_REQUEST_INVALID']);
      expect(answer.body.error.path).toBe(path);
      expect(await storedMembers()).toBe(before);
    });

    it("name what the analysis request in 'from' names and does not exist inside it, and write nothing", async () => {
      const before = await storedMembers();
      const answer = await postJson(`${api}/cohorts`, { name: 'Of nobody', from: { ...trend, personsAt: { series: 0 }, cohort: 'coh_nope' } }, { authorization: server.readAuth });
      expect([answer.status, answer.body.error.path]).toEqual([404, 'from.cohort']);
      expect(answer.body.error.message).toMatch(/^from\.cohort: /);
      const bad = await postJson(`${api}/cohorts`, { name: 'Bad range', from: { ...trend, from: 'soon', personsAt: { series: 0 } } }, { authorization: server.readAuth });
      expect([bad.status, bad.body.error.path, bad.body.error.message]).toEqual([400, 'from.from', 'from.from: "from" must be an ISO-8601 date or date-time']);
      expect(await storedMembers()).toBe(before);
    });

    it('still read a fixed list saved with its ids in its definition', async () => {
      const auth = { authorization: server.readAuth };
      const bob = (await getJson(`${api}/persons/bob`, auth)).body.personId as string;
      const projectId = (await getJson(`${server.url}/api/projects/default`, auth)).body.id as string;
      await server.runtime.state.createCohort({ id: 'coh_older', projectId, name: 'Saved long ago', definition: { kind: 'persons', persons: [bob, 'nobody'] }, createdAt: new Date().toISOString() });
      expect((await postJson(`${api}/query`, { ...trend, cohort: 'coh_older' }, auth)).body.result.lines[0].total).toBe(1);
      expect((await getJson(`${api}/cohorts`, auth)).body.cohorts.find((c: { id: string }) => c.id === 'coh_older').definition).toEqual({ kind: 'persons', count: 2 });
      expect((await fetch(`${api}/cohorts/coh_older`, { method: 'DELETE', headers: auth })).status).toBe(204);
    });

    it('refuse a fixed list over a million persons, and a body over the limit', async () => {
      const auth = { authorization: server.readAuth };
      const over = await postJson(`${api}/cohorts`, { name: 'Too many', persons: Array.from({ length: 1_000_001 }, (_, i) => `p${i}`) }, auth);
      expect([over.status, over.body.error.code, over.body.error.path]).toEqual([400, 'WM_REQUEST_INVALID', 'persons']);
      const huge = await postJson(`${api}/cohorts`, { name: 'Huge', persons: ['x'.repeat(65 * 1024 * 1024)] }, auth);
      expect([huge.status, huge.body.error.code, huge.body.error.message]).toEqual([413, 'WM_REQUEST_TOO_LARGE', "the request body is over 64 MB, this endpoint's limit"]);
      // Other read and management bodies keep the 1 MB default, with the same error.
      const query = await postJson(`${api}/query`, { ...trend, pad: 'x'.repeat(2 * 1024 * 1024) }, auth);
      expect([query.status, query.body.error.code, query.body.error.message]).toEqual([413, 'WM_REQUEST_TOO_LARGE', "the request body is over 1 MB, this endpoint's limit"]);
    });

    it.each([
      [{ name: 'empty' }, 'all'],
      [{ name: 'bad person', persons: ['ok', ''] }, 'persons[1]'],
      [{ name: 'bad op', all: [{ type: 'trait', condition: { property: 'plan', op: 'like', value: 'x' } }] }, 'all[0].condition.op'],
      [{ name: 'no event', none: [{ type: 'behavior', matcher: { event: '' }, withinDays: 30 }] }, 'none[0].matcher.event'],
      [{ name: 'no days', all: [{ type: 'behavior', matcher: { event: 'x' }, withinDays: 0 }] }, 'all[0].withinDays'],
      [{ name: 'max below min', any: [{ type: 'behavior', matcher: { event: 'x' }, min: 3, max: 2 }] }, 'any[0].max'],
      [{ name: 'max below the default min', all: [{ type: 'behavior', matcher: { event: 'x' }, max: 0 }] }, 'all[0].max'],
      [{ all: [] }, 'name'],
      [{ name: '   ', all: [{ type: 'trait', condition: { property: 'plan', op: 'exists' } }] }, 'name'],
      [{ name: 'dots', all: [{ type: 'trait', condition: { property: '..', op: 'exists' } }] }, 'all[0].condition.property'],
      [{ name: 'any key', none: [{ type: 'behavior', matcher: { event: 'x', where: [{ property: 'items.*', op: 'exists' }] } }] }, 'none[0].matcher.where[0].property'],
      [{ name: 'list and conditions', persons: ['x'], all: [{ type: 'trait', condition: { property: 'plan', op: 'exists' } }] }, 'persons'],
      [{ name: 'analysis and conditions', none: [{ type: 'x' }], from: { kind: 'trends', personsAt: {} } }, 'from'],
    ])('refuse %j naming %s', async (body, path) => {
      const answer = await postJson(`${api}/cohorts`, body, { authorization: server.readAuth });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('WM_REQUEST_INVALID');
      expect(answer.body.error.path).toBe(path);
    });

    it('delete a cohort: analyses naming it then answer 404, and so does deleting it again', async () => {
      const temp = await postJson(`${api}/cohorts`, { name: 'Passing', persons: ['x'] }, { authorization: server.readAuth });
      const remove = (auth: string) => fetch(`${api}/cohorts/${temp.body.id}`, { method: 'DELETE', headers: { authorization: auth } });
      // The write key only sends events.
      const writer = await remove(`Bearer ${server.credentials.writeKey}`);
      expect([writer.status, ((await writer.json()) as { error: { code: string } }).error.code]).toEqual([403, 'WM_AUTH_WRITE_KEY_CANNOT_READ']);
      expect((await remove(server.readAuth)).status).toBe(204);
      const list = await getJson(`${api}/cohorts`, { authorization: server.readAuth });
      expect(list.body.cohorts.map((c: { id: string }) => c.id)).not.toContain(temp.body.id);
      expect((await postJson(`${api}/query`, { ...trend, cohort: temp.body.id }, { authorization: server.readAuth })).body.error.code).toBe('WM_COHORT_NOT_FOUND');
      const again = await remove(server.readAuth);
      expect([again.status, ((await again.json()) as { error: { code: string; path: string } }).error]).toEqual([404, expect.objectContaining({ code: 'WM_COHORT_NOT_FOUND', path: 'cohort' })]);
    });

    it('redefine a cohort: the analyses naming it count its new persons at once, and a bad definition changes nothing', async () => {
      const auth = { authorization: server.readAuth };
      const put = (id: string, body: object, headers: Record<string, string> = auth) => fetch(`${api}/cohorts/${id}`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const created = await postJson(`${api}/cohorts`, { name: 'Pro', all: [{ type: 'trait', condition: { property: 'plan', op: 'eq', value: 'pro' } }] }, auth);
      const counted = async () => (await postJson(`${api}/query`, { ...trend, cohort: created.body.id }, auth)).body.result.lines[0].total;
      expect(await counted()).toBe(5); // ann 2, cat 3

      const free = { name: 'Free', all: [{ type: 'trait', condition: { property: 'plan', op: 'eq', value: 'free' } }] };
      const updated = await put(created.body.id, free);
      expect(updated.status).toBe(200);
      expect(await updated.json()).toEqual({ ...created.body, name: 'Free', definition: { kind: 'segment', all: free.all } });
      expect(await counted()).toBe(1); // bob, though the analysis was just answered for the old definition

      const bad = await put(created.body.id, { name: 'Broken', all: [{ type: 'behavior', matcher: { event: '' } }] });
      expect([bad.status, ((await bad.json()) as { error: { path: string } }).error.path]).toEqual([400, 'all[0].matcher.event']);
      const writer = await put(created.body.id, free, { authorization: `Bearer ${server.credentials.writeKey}` });
      expect(writer.status).toBe(403);
      const unknown = await put('coh_nope', free);
      expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, 'WM_COHORT_NOT_FOUND']);
      const listed = (await getJson(`${api}/cohorts`, auth)).body.cohorts.find((c: { id: string }) => c.id === created.body.id);
      expect(listed).toEqual({ ...created.body, name: 'Free', definition: { kind: 'segment', all: free.all } });
      expect(await counted()).toBe(1);
      await fetch(`${api}/cohorts/${created.body.id}`, { method: 'DELETE', headers: auth });
    });

    it("list a cohort's persons now: how many, and the first of them by id, as many as asked", async () => {
      const auth = { authorization: server.readAuth };
      const ids = await Promise.all(['ann', 'bob', 'cat'].map(async (u) => (await getJson(`${api}/persons/${u}`, auth)).body.personId as string));
      const sorted = [...ids].sort();
      const buyers = await postJson(`${api}/cohorts`, { name: 'Buyers', all: [{ type: 'behavior', matcher: { event: 'Order Completed' } }] }, auth);
      // A fixed list counts its persons who have events: not an id nobody has.
      const fixed = await postJson(`${api}/cohorts`, { name: 'Ann, Bob and a stranger', persons: [ids[0], ids[1], 'nobody-at-all'] }, auth);
      const persons = async (id: string, limit: number) => (await getJson(`${api}/cohorts/${id}/persons?limit=${limit}`, auth)).body;
      expect(await persons(buyers.body.id, 2)).toEqual({ count: 3, persons: sorted.slice(0, 2) });
      expect(await persons(buyers.body.id, 0)).toEqual({ count: 3, persons: [] });
      expect(await persons(fixed.body.id, 10)).toEqual({ count: 2, persons: [ids[0], ids[1]].sort() });
      expect(await persons(fixed.body.id, 0)).toEqual({ count: 2, persons: [] });
      const unknown = await getJson(`${api}/cohorts/${fixed.body.id}/persons?limit=2&bogus=1`, auth);
      expect([unknown.status, unknown.body.error.path]).toEqual([400, 'querystring.bogus']);
      for (const id of [buyers.body.id, fixed.body.id]) await fetch(`${api}/cohorts/${id}`, { method: 'DELETE', headers: auth });
    });

    it("keep a fixed list's persons when they turn out to be someone else: an anonymous buyer who signs in later", async () => {
      const auth = { authorization: server.readAuth };
      const send = async (batch: object[]) => {
        expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
        await server.runtime.pipeline.waitVisible();
      };
      const personOf = async (id: string) => (await getJson(`${api}/persons/${id}`, auth)).body.personId as string;
      await send([
        { type: 'identify', userId: 'dee', timestamp: '2026-01-03T10:00:00Z' },
        { type: 'track', userId: 'dee', event: 'Order Completed', timestamp: '2026-01-04T10:00:00Z' },
        { type: 'track', anonymousId: 'visitor-9', event: 'Order Completed', timestamp: '2026-01-05T10:00:00Z' },
      ]);
      const visitor = await personOf('visitor-9');
      const fixed = await postJson(`${api}/cohorts`, { name: 'Anonymous buyers', persons: [visitor] }, auth);
      const total = async () => (await postJson(`${api}/query`, { ...trend, cohort: fixed.body.id }, auth)).body.result.lines[0].total;
      expect(await total()).toBe(1);

      // The visitor signs in as dee: one person now, under dee's id, with both orders.
      await send([{ type: 'identify', anonymousId: 'visitor-9', userId: 'dee', timestamp: '2026-01-06T10:00:00Z' }]);
      const dee = await personOf('dee');
      expect(await personOf('visitor-9')).toBe(dee);
      expect(dee).not.toBe(visitor);
      expect(await total()).toBe(2);
      expect((await getJson(`${api}/cohorts/${fixed.body.id}/persons`, auth)).body).toEqual({ count: 1, persons: [dee] });
      // And so once the merge is folded into the stored events.
      expect(await server.runtime.events.foldMerges()).toBeGreaterThan(0);
      expect(await total()).toBe(2);
      expect((await getJson(`${api}/cohorts/${fixed.body.id}/persons`, auth)).body).toEqual({ count: 1, persons: [dee] });
      await fetch(`${api}/cohorts/${fixed.body.id}`, { method: 'DELETE', headers: auth });
    });

    it('answer 404 for an unknown cohort, in a query too', async () => {
      const persons = await getJson(`${api}/cohorts/coh_nope/persons`, { authorization: server.readAuth });
      expect([persons.status, persons.body.error]).toEqual([404, expect.objectContaining({ code: 'WM_COHORT_NOT_FOUND', path: 'cohort' })]);
      const query = await postJson(`${api}/query`, { ...trend, cohort: 'coh_nope' }, { authorization: server.readAuth });
      expect([query.status, query.body.error]).toEqual([404, expect.objectContaining({ code: 'WM_COHORT_NOT_FOUND', path: 'cohort' })]);
    });
  });

  it('move a fixed list saved with its ids in its definition into a member set at the next start, so it follows merges', async () => {
    const dataDir = tempDataDir();
    // Merges are folded when the test says: one folded before the list moves would leave its old id in the set.
    const foldOnRequest = { ...env, WAYMARK_FOLD_MERGES_MINUTES: '0' };
    try {
      const trend = { kind: 'trends', series: [{ matcher: { event: 'Order Completed' }, measure: 'count' }], interval: 'month', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
      let server = await startTestServer({ dataDir, env: foldOnRequest });
      const auth = { authorization: server.readAuth };
      const send = async (batch: object[]) => {
        expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
        await server.runtime.pipeline.waitVisible();
      };
      const api = () => `${server.url}/api/projects/default`;
      const personOf = async (id: string) => (await getJson(`${api()}/persons/${id}`, auth)).body.personId as string;
      await send([
        { type: 'track', userId: 'bob', event: 'Order Completed', timestamp: '2026-01-04T10:00:00Z' },
        { type: 'track', anonymousId: 'visitor-7', event: 'Order Completed', timestamp: '2026-01-05T10:00:00Z' },
        { type: 'track', userId: 'eve', event: 'Order Completed', timestamp: '2026-01-05T11:00:00Z' },
      ]);
      const [bob, visitor] = [await personOf('bob'), await personOf('visitor-7')];
      const projectId = (await getJson(api(), auth)).body.id as string;
      const definition = { kind: 'persons', persons: [visitor, bob, bob, 'nobody'] } as const;
      await server.runtime.state.createCohort({ id: 'coh_inline', projectId, name: 'Saved long ago', definition: { ...definition, persons: [...definition.persons] }, createdAt: new Date().toISOString() });
      // The visitor signs in as dee, who has ordered before.
      await send([
        { type: 'track', userId: 'dee', event: 'Order Completed', timestamp: '2026-01-03T10:00:00Z' },
        { type: 'identify', anonymousId: 'visitor-7', userId: 'dee', timestamp: '2026-01-06T10:00:00Z' },
      ]);
      await server.stop();

      server = await startTestServer({ dataDir, env: foldOnRequest });
      const dee = await personOf('dee');
      const moved = (await server.runtime.state.findCohort(projectId, 'coh_inline'))!;
      expect(moved).toMatchObject({ name: 'Saved long ago', definition: { kind: 'persons', members: expect.stringMatching(/^mem_/), count: 3 } });
      const total = async () => (await postJson(`${api()}/query`, { ...trend, cohort: 'coh_inline' }, auth)).body.result.lines[0].total;
      // bob's order, and both of dee's: the visitor's and the one before signing in.
      expect(await total()).toBe(3);
      expect((await getJson(`${api()}/cohorts/coh_inline/persons`, auth)).body).toEqual({ count: 2, persons: [bob, dee].sort() });
      expect(await server.runtime.events.foldMerges()).toBeGreaterThan(0);
      expect(await total()).toBe(3);
      await server.stop();

      // Moved once: the next start leaves it as it is.
      server = await startTestServer({ dataDir, env: foldOnRequest });
      expect(await server.runtime.state.findCohort(projectId, 'coh_inline')).toEqual(moved);
      expect(await total()).toBe(3);
      await server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
