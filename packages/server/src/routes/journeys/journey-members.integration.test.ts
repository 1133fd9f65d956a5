import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_JOURNEY } from '@waymark/core';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { BrowserSession, expectError } from '../auth/browser-session.ts';

/** Journey maps as members use them: who may change what, whose name versions and comments carry, who saw what. */
describe('journey maps and member roles', () => {
  let server: TestServer;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  const base = '/api/projects/default/journeys';

  beforeAll(async () => {
    server = await startTestServer();
    const owner = new BrowserSession(server.url);
    await owner.activate(server.owner.email, server.owner.password, 'owner password 1');
    const add = async (email: string, role: string, name: string) => {
      const created = await owner.post('/api/members', { email, role, name });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const session = new BrowserSession(server.url);
      await session.activate(email, created.body.oneTimePassword, `${email} password`);
      return session;
    };
    editor = await add('eddie@example.com', 'editor', 'Eddie');
    viewer = await add('vera@example.com', 'viewer', 'Vera');
  });
  afterAll(() => server.destroy());

  it('an editor creates and saves maps and comments under their name', async () => {
    const created = await editor.post(base, { template: 'shop' });
    expect(created.status).toBe(201);
    expect(created.body.updatedBy).toBe('Eddie');
    const map = { ...created.body.map, name: 'Shop, by Eddie' };
    const saved = await editor.call('PUT', `${base}/shop`, { map, baseVersion: 1 });
    expect(saved.body).toMatchObject({ version: 2, updatedBy: 'Eddie' });
    expect((await editor.get(`${base}/shop/versions`)).body.versions.map((v: { author: string }) => v.author)).toEqual(['Eddie', 'Eddie']);
    const comment = await editor.post(`${base}/shop/comments`, { target: 'touchpoint:cart', text: 'Cart abandonment is up' });
    expect(comment.body.author).toBe('Eddie');
  });

  it('a viewer reads, and may not change anything: nothing is stored', async () => {
    expect((await viewer.get(`${base}/shop`)).status).toBe(200);
    expect((await viewer.get(`${base}/shop/numbers`)).status).toBe(200);
    expectError(await viewer.call('PUT', `${base}/shop`, { map: SHOP_JOURNEY, baseVersion: 2 }), 403, 'WM_AUTH_FORBIDDEN_ROLE');
    expectError(await viewer.post(base, { template: 'saas' }), 403, 'WM_AUTH_FORBIDDEN_ROLE');
    expectError(await viewer.post(`${base}/shop/comments`, { target: 'goal', text: 'x' }), 403, 'WM_AUTH_FORBIDDEN_ROLE');
    expectError(await viewer.post(`${base}/shop/restore`, { version: 1 }), 403, 'WM_AUTH_FORBIDDEN_ROLE');
    expectError(await viewer.call('DELETE', `${base}/shop`), 403, 'WM_AUTH_FORBIDDEN_ROLE');
    expect((await viewer.get(`${base}/shop/versions`)).body.versions).toHaveLength(2);
    expect((await viewer.get(base)).body.journeys.map((j: { id: string }) => j.id)).toEqual(['shop']);
    expect((await viewer.get(`${base}/shop/comments`)).body.comments).toHaveLength(1);
  });

  it('each member has their own "last seen" version', async () => {
    expect((await viewer.post(`${base}/shop/seen`, { version: 1 })).status).toBe(204);
    expect((await editor.post(`${base}/shop/seen`, { version: 2 })).status).toBe(204);
    expect((await viewer.get(`${base}/shop`)).body.lastSeenVersion).toBe(1);
    expect((await editor.get(`${base}/shop`)).body.lastSeenVersion).toBe(2);
    const since = await viewer.get(`${base}/shop/compare?from=1&to=2`);
    expect(since.body.changes).toEqual([expect.objectContaining({ kind: 'changed', entity: 'map', fields: ['name'] })]);
  });
});
