import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_TEMPLATES, SHOP_JOURNEY, type JourneyMap } from '@waymark/core';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

const copy = (map: JourneyMap): JourneyMap => JSON.parse(JSON.stringify(map)) as JourneyMap;

describe('journey maps: storage, versions, comments', () => {
  let server: TestServer;
  let api: string;
  let auth: Record<string, string>;

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  };
  const get = (path: string) => getJson(`${api}${path}`, auth);
  const post = (path: string, body: unknown) => postJson(`${api}${path}`, body, auth);
  const put = (path: string, body: unknown) => send('PUT', path, body);
  const del = (path: string) => send('DELETE', path);
  /** A bad request answers 400 naming the field, and stores nothing. */
  const refused = async (answer: Promise<{ status: number; body: any }>, path: string, code = 'WM_REQUEST_INVALID') => {
    const before = JSON.stringify((await get('/journeys')).body);
    const { status, body } = await answer;
    expect(body?.error?.code, JSON.stringify(body)).toBe(code);
    expect(status).toBe(code.endsWith('NOT_FOUND') ? 404 : code.endsWith('EXISTS') || code.endsWith('CONFLICT') ? 409 : 400);
    expect(body.error.path).toBe(path);
    expect(JSON.stringify((await get('/journeys')).body)).toBe(before);
  };

  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default`;
    auth = { authorization: server.readAuth };
  });
  afterAll(() => server.destroy());

  it('create a map from a template, list it, read it', async () => {
    const created = await post('/journeys', { template: 'shop' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'shop', name: SHOP_JOURNEY.name, version: 1, updatedBy: expect.stringContaining('key') });
    expect(created.body.map).toEqual(JSON.parse(JSON.stringify(SHOP_JOURNEY)));
    expect(created.body.createdAt).toBe(created.body.updatedAt);

    const list = await get('/journeys');
    expect(list.body.journeys).toEqual([
      { id: 'shop', name: SHOP_JOURNEY.name, version: 1, updatedAt: created.body.updatedAt, updatedBy: created.body.updatedBy, touchpoints: 22, stages: 5 },
    ]);
    const read = await get('/journeys/shop');
    expect(read.body).toEqual({ ...created.body, lastSeenVersion: null });
  });

  it('create every template, a blank map and an imported map; refuse an id that exists', async () => {
    for (const id of Object.keys(JOURNEY_TEMPLATES).filter((t) => t !== 'shop')) expect((await post('/journeys', { template: id })).status).toBe(201);
    const blank = await post('/journeys', { blank: { id: 'onboarding', name: 'Onboarding' } });
    expect(blank.status).toBe(201);
    expect(blank.body.map).toMatchObject({ id: 'onboarding', name: 'Onboarding', stages: [{ touchpoints: [] }] });
    const imported = await post('/journeys', { map: { ...copy(SHOP_JOURNEY), id: 'imported', name: 'Imported' } });
    expect(imported.status).toBe(201);
    await refused(post('/journeys', { template: 'shop' }), 'template', 'WM_JOURNEY_EXISTS');
    await refused(post('/journeys', { blank: { id: 'onboarding', name: 'Again' } }), 'blank.id', 'WM_JOURNEY_EXISTS');
    await refused(post('/journeys', { map: { ...copy(SHOP_JOURNEY), id: 'imported' } }), 'map.id', 'WM_JOURNEY_EXISTS');
    expect((await get('/journeys')).body.journeys.map((j: { id: string }) => j.id)).toEqual(['home_security', 'imported', 'onboarding', 'patient_care', 'saas', 'shop', 'travel']);
  });

  it('refuse bad creations naming the field, storing nothing', async () => {
    const bad = copy(SHOP_JOURNEY);
    bad.id = 'bad-import';
    bad.stages[2]!.touchpoints[0]!.matchers[0]!.event = '';
    await refused(post('/journeys', { map: bad }), 'map.stages[2].touchpoints[0].matchers[0].event', 'WM_JOURNEY_INVALID');
    await refused(post('/journeys', { map: { ...copy(SHOP_JOURNEY), id: 'Not Valid' } }), 'map.id', 'WM_JOURNEY_INVALID');
    await refused(post('/journeys', { template: 'nope' }), 'template');
    await refused(post('/journeys', { blank: { id: 'x', name: '' } }), 'blank.name', 'WM_JOURNEY_INVALID');
    await refused(post('/journeys', { blank: { id: 'x' } }), 'blank.name');
    await refused(post('/journeys', { template: 'saas', blank: { id: 'x', name: 'X' } }), 'blank');
    await refused(post('/journeys', {}), 'template');
    await refused(post('/journeys', { templat: 'shop' }), 'templat');
    await refused(post('/journeys', 'not json'), null as unknown as string, 'WM_INGEST_MALFORMED_JSON');
  });

  it('save versions with optimistic concurrency: 409 on a stale base, nothing stored', async () => {
    const v1 = (await get('/journeys/shop')).body;
    const edited = copy(v1.map);
    edited.stages[0]!.touchpoints[1]!.name = 'Site search';
    const v2 = await put('/journeys/shop', { map: edited, baseVersion: 1 });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ id: 'shop', version: 2, createdAt: v1.createdAt });
    expect(v2.body.map.stages[0].touchpoints[1].name).toBe('Site search');

    const stale = copy(v1.map);
    stale.name = 'Someone else';
    const conflict = await put('/journeys/shop', { map: stale, baseVersion: 1 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'WM_JOURNEY_VERSION_CONFLICT', path: 'baseVersion' });
    expect((await get('/journeys/shop')).body.version).toBe(2);
    expect((await get('/journeys/shop?version=1')).body.map.stages[0].touchpoints[1].name).toBe('On-site search');
  });

  it('let exactly one of two saves from the same base win', async () => {
    const latest = (await get('/journeys/imported')).body;
    const edit = (name: string) => put('/journeys/imported', { map: { ...latest.map, name }, baseVersion: latest.version });
    const answers = await Promise.all([edit('Mine'), edit('Theirs')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.name;
    expect((await get('/journeys/imported')).body).toMatchObject({ version: latest.version + 1, name: winner });
  });

  it('refuse bad updates naming the field', async () => {
    const map = (await get('/journeys/shop')).body.map as JourneyMap;
    await refused(put('/journeys/shop', { map: { ...map, id: 'other' }, baseVersion: 2 }), 'map.id');
    await refused(put('/journeys/shop', { map: { ...map, stages: [] }, baseVersion: 2 }), 'map.stages', 'WM_JOURNEY_INVALID');
    await refused(put('/journeys/shop', { map }), 'baseVersion');
    await refused(put('/journeys/shop', { map, baseVersion: '2' }), 'baseVersion');
    await refused(put('/journeys/shop', { map, baseVersion: 0 }), 'baseVersion');
    await refused(put('/journeys/nope', { map: { ...map, id: 'nope' }, baseVersion: 1 }), 'id', 'WM_JOURNEY_NOT_FOUND');
    expect((await get('/journeys/shop/versions')).body.versions).toHaveLength(2);
  });

  it('list versions newest first, restore an old one as the new latest', async () => {
    const versions = await get('/journeys/shop/versions');
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.versions[0]).toEqual({ version: 2, name: SHOP_JOURNEY.name, createdAt: expect.any(String), author: expect.stringContaining('key') });

    const restored = await post('/journeys/shop/restore', { version: 1 });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(3);
    expect(restored.body.map).toEqual((await get('/journeys/shop?version=1')).body.map);
    await refused(post('/journeys/shop/restore', { version: 9 }), 'version', 'WM_JOURNEY_VERSION_NOT_FOUND');
    await refused(post('/journeys/shop/restore', {}), 'version');
    await refused(post('/journeys/nope/restore', { version: 1 }), 'id', 'WM_JOURNEY_NOT_FOUND');
    expect((await get('/journeys/shop/versions')).body.versions).toHaveLength(3);
  });

  it('compare two versions, and show what changed since the caller last looked', async () => {
    const compared = await get('/journeys/shop/compare?from=1&to=2');
    expect(compared.status).toBe(200);
    expect(compared.body).toEqual({
      from: 1,
      to: 2,
      changes: [
        {
          kind: 'changed',
          entity: 'touchpoint',
          id: 'search',
          stageId: 'discovery',
          fields: ['name'],
          before: expect.objectContaining({ name: 'On-site search' }),
          after: expect.objectContaining({ name: 'Site search' }),
        },
      ],
    });
    expect((await get('/journeys/shop/compare?from=1&to=3')).body.changes).toEqual([]);

    expect((await get('/journeys/shop')).body.lastSeenVersion).toBeNull();
    const seen = await send('POST', '/journeys/shop/seen', { version: 1 });
    expect(seen.status).toBe(204);
    const now = (await get('/journeys/shop')).body;
    expect(now.lastSeenVersion).toBe(1);
    expect((await get(`/journeys/shop/compare?from=${now.lastSeenVersion}&to=${now.version}`)).body.changes).toEqual([]);
    expect((await send('POST', '/journeys/shop/seen', { version: 2 })).status).toBe(204);
    expect((await get('/journeys/shop')).body.lastSeenVersion).toBe(2);

    for (const [query, path, code] of [
      ['from=1&to=99', 'to', 'WM_JOURNEY_VERSION_NOT_FOUND'],
      ['from=99&to=1', 'from', 'WM_JOURNEY_VERSION_NOT_FOUND'],
      ['from=1', 'querystring.to', 'WM_REQUEST_INVALID'],
      ['from=x&to=1', 'querystring.from', 'WM_REQUEST_INVALID'],
    ] as const) {
      const answer = await get(`/journeys/shop/compare?${query}`);
      expect(answer.body.error, query).toMatchObject({ code, path });
    }
    await refused(post('/journeys/shop/seen', { version: 42 }), 'version', 'WM_JOURNEY_VERSION_NOT_FOUND');
    await refused(post('/journeys/shop/seen', { version: 'latest' }), 'version');
    expect((await get('/journeys/shop')).body.lastSeenVersion).toBe(2);
    expect((await get('/journeys/shop?version=99')).body.error).toMatchObject({ code: 'WM_JOURNEY_VERSION_NOT_FOUND', path: 'version' });
    await refused(get('/journeys/shop?version=zero'), 'querystring.version');
  });

  it('duplicate the latest version as version 1 of a new map', async () => {
    const copyOf = await post('/journeys/shop/duplicate', { id: 'shop-eu', name: 'Shop (EU)' });
    expect(copyOf.status).toBe(201);
    expect(copyOf.body).toMatchObject({ id: 'shop-eu', name: 'Shop (EU)', version: 1 });
    const source = (await get('/journeys/shop')).body.map;
    expect(copyOf.body.map).toEqual({ ...source, id: 'shop-eu', name: 'Shop (EU)' });
    await refused(post('/journeys/shop/duplicate', { id: 'shop-eu', name: 'Again' }), 'id', 'WM_JOURNEY_EXISTS');
    await refused(post('/journeys/shop/duplicate', { id: 'Bad Id', name: 'X' }), 'id', 'WM_JOURNEY_INVALID');
    await refused(post('/journeys/shop/duplicate', { id: 'fine' }), 'name');
    await refused(post('/journeys/nope/duplicate', { id: 'fine', name: 'X' }), 'id', 'WM_JOURNEY_NOT_FOUND');
  });

  it('export a map as a JSON file that imports back to the same map', async () => {
    const exported = await send('GET', '/journeys/shop/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="shop.json"');
    const map = JSON.parse(exported.text) as JourneyMap;
    expect(map).toEqual((await get('/journeys/shop')).body.map);
    expect(JSON.parse((await send('GET', '/journeys/shop/export?version=2')).text).stages[0].touchpoints[1].name).toBe('Site search');

    const reimported = await post('/journeys', { map: { ...map, id: 'shop-roundtrip' } });
    expect(reimported.status).toBe(201);
    const again = JSON.parse((await send('GET', '/journeys/shop-roundtrip/export')).text);
    expect(again).toEqual({ ...map, id: 'shop-roundtrip' });
    await refused(send('GET', '/journeys/nope/export'), 'id', 'WM_JOURNEY_NOT_FOUND');
    await refused(send('GET', '/journeys/shop/export?version=77'), 'version', 'WM_JOURNEY_VERSION_NOT_FOUND');
  });

  it('comment on cells of the map, list and delete comments', async () => {
    const targets = ['touchpoint:cart', 'stage:purchase', 'kpi:cart:cart_to_checkout', 'card:purchase-pain-points-1', 'goal', 'persona:deal_seeker'];
    const made = [];
    for (const target of targets) {
      const answer = await post('/journeys/shop/comments', { target, text: `About ${target}` });
      expect(answer.status, target).toBe(201);
      expect(answer.body).toEqual({ id: expect.stringMatching(/^cmt_/), target, text: `About ${target}`, author: expect.stringContaining('key'), createdAt: expect.any(String) });
      made.push(answer.body);
    }
    expect((await get('/journeys/shop/comments')).body.comments).toEqual(made);
    expect((await get('/journeys/shop-eu/comments')).body.comments).toEqual([]);

    expect((await del(`/journeys/shop/comments/${made[0].id}`)).status).toBe(204);
    expect((await get('/journeys/shop/comments')).body.comments).toEqual(made.slice(1));
    expect((await del(`/journeys/shop/comments/${made[0].id}`)).body.error).toMatchObject({ code: 'WM_JOURNEY_COMMENT_NOT_FOUND', path: 'commentId' });
    expect((await del(`/journeys/shop-eu/comments/${made[1].id}`)).status).toBe(404);

    const count = async () => (await get('/journeys/shop/comments')).body.comments.length;
    for (const [body, path] of [
      [{ target: 'touchpoint:nope', text: 'x' }, 'target'],
      [{ target: 'kpi:cart', text: 'x' }, 'target'],
      [{ target: 'kpi:cart:nope', text: 'x' }, 'target'],
      [{ target: 'lane:actions', text: 'x' }, 'target'],
      [{ target: 'goal', text: '' }, 'text'],
      [{ target: 'goal', text: '   ' }, 'text'],
      [{ text: 'x' }, 'target'],
      [{ target: 'goal', text: 'x', extra: 1 }, 'extra'],
    ] as const) {
      const before = await count();
      const answer = await post('/journeys/shop/comments', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.path).toBe(path);
      expect(await count()).toBe(before);
    }
    await refused(post('/journeys/nope/comments', { target: 'goal', text: 'x' }), 'id', 'WM_JOURNEY_NOT_FOUND');
    await refused(get('/journeys/nope/comments'), 'id', 'WM_JOURNEY_NOT_FOUND');
  });

  it('delete a map softly: gone from the list and reads, its history kept; the id can start again', async () => {
    expect((await del('/journeys/shop-eu')).status).toBe(204);
    expect((await get('/journeys')).body.journeys.map((j: { id: string }) => j.id)).not.toContain('shop-eu');
    expect((await get('/journeys/shop-eu')).body.error).toMatchObject({ code: 'WM_JOURNEY_NOT_FOUND', path: 'id' });
    await refused(del('/journeys/shop-eu'), 'id', 'WM_JOURNEY_NOT_FOUND');
    await refused(put('/journeys/shop-eu', { map: { ...copy(SHOP_JOURNEY), id: 'shop-eu' }, baseVersion: 1 }), 'id', 'WM_JOURNEY_NOT_FOUND');

    const again = await post('/journeys', { map: { ...copy(SHOP_JOURNEY), id: 'shop-eu', name: 'Shop (EU) again' } });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(2);
    expect((await get('/journeys/shop-eu/versions')).body.versions.map((v: { name: string }) => v.name)).toEqual(['Shop (EU) again', 'Shop (EU)']);
  });

  it('refuse callers without a secret key of the project', async () => {
    expect((await getJson(`${api}/journeys`)).status).toBe(401);
    expect((await getJson(`${api}/journeys`, { authorization: server.writeAuth })).status).toBeGreaterThanOrEqual(401);
    expect((await postJson(`${api}/journeys`, { template: 'shop' }, { authorization: 'Bearer nope' })).status).toBe(401);
  });
});
