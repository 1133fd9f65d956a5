import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../packages/server/src/testing/build-sdk.ts';
import { basic, getJson, postJson, type TestServer } from '../packages/server/src/testing/test-server.ts';
import type { FrictionResult, FrictionSession, SessionReplay, SurveyDefinition, SurveyScores, ThemesResult } from '../packages/web/src/api/insight-types.ts';
import { formatScore, kindLines } from '../packages/web/src/friction/friction-data.ts';
import { formatCount } from '../packages/web/src/map/format.ts';
import { firstSignIn, text } from './support/app-page.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { buildWebApp } from './support/build-web-app.ts';
import { startDemoServer } from './support/demo-server.ts';
import { startTestShop } from './support/test-shop.ts';

if (!hasChromium) console.warn(`skipped: ${NO_CHROMIUM}`);

const REPLAY_IMAGE = fileURLToPath(new URL('../docs/images/replay.png', import.meta.url));
const NEW_PASSWORD = 'a long new password 42';

/** What customers wrote to support about the shop: enough for a few themes whatever the demo's size. */
const TICKETS = [
  ...Array.from({ length: 6 }, (_, i) => `The promo code SAVE${i} does not work at checkout`),
  ...Array.from({ length: 5 }, (_, i) => `My delivery was late again, order ${i} took two weeks`),
  ...Array.from({ length: 4 }, (_, i) => `Great customer service, thank you ${['Ann', 'Bo', 'Cy', 'Di'][i]}!`),
];

/** A map of the test shop: its home page is a touchpoint, so the recorded visit's friction lands there. */
const shopMap = {
  id: 'test-shop',
  name: 'Test shop',
  description: '',
  goal: { name: 'Sign-ups', metric: 'conversion_rate', matcher: { event: '$form_submit' }, target: 0.1, direction: 'higher_is_better' },
  personas: [],
  stages: [
    {
      id: 'visit',
      name: 'Visit',
      description: '',
      touchpoints: [
        { id: 'home', stageId: 'visit', name: 'Shop home', channel: 'web', matchers: [{ event: '$page', where: [{ property: 'title', op: 'eq', value: 'Test shop' }] }], kpis: [], momentOfTruth: false },
      ],
    },
  ],
  lanes: [{ id: 'hope', lane: 'emotions', stageId: 'visit', text: 'Hopeful', emotion: 1 }],
};

describe.skipIf(!hasChromium)('replay, friction, surveys and themes in a real browser', { timeout: 60_000 }, () => {
  let server: TestServer;
  let shop: Awaited<ReturnType<typeof startTestShop>>;
  let browser: Browser;
  let page: Page;
  /** The recorded visit of the test shop. */
  let sessionId = '';
  const api = <T>(url: string) => getJson(`${server.url}/api/projects/default${url}`, { authorization: server.readAuth }) as Promise<{ status: number; body: T }>;

  /** A visitor of the shop who rage-clicks the coupon button and hits the broken cart button, recorded with the real SDK. */
  async function recordVisit() {
    const visitor = await browser.newPage();
    await visitor.goto(`${shop.url}/`, { waitUntil: 'load' });
    await visitor.waitForFunction(() => (window as unknown as { rrweb?: unknown }).rrweb !== undefined);
    await visitor.waitForTimeout(600);
    for (let i = 0; i < 4; i++) await visitor.click('#apply-coupon', { delay: 10 });
    await visitor.waitForTimeout(1100);
    await visitor.click('#buggy');
    await visitor.waitForTimeout(1200);
    // Leaving hides the page, which sends what is left by beacon, and keeps it alive until handed over (as the SDK test does).
    await visitor.goto('about:blank');
    await visitor.close();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const signals = (await api<{ events: { sessionId: string }[] }>('/events?event=%24rage_click&limit=10')).body.events;
      if (signals[0]) {
        sessionId = signals[0].sessionId;
        const replay = await api<SessionReplay>(`/sessions/${sessionId}/replay`);
        if (replay.body.events.some((e) => e.type === 2) && replay.body.timeline.some((e) => e.event === '$exception')) return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const latest = (await api<{ events: { event: string; sessionId: string }[] }>('/events?limit=40')).body.events;
    const replay = sessionId ? await api<SessionReplay>(`/sessions/${sessionId}/replay`) : null;
    throw new Error(`the visit was not recorded with its friction: ${JSON.stringify(latest.map((e) => [e.event, e.sessionId]))} ${JSON.stringify(replay?.body.timeline.map((e) => e.event))} ${replay?.body.events.length}`);
  }

  beforeAll(async () => {
    [server] = await Promise.all([startDemoServer({ customers: 200, days: 14 }), buildWebApp(), buildSdk()]);
    shop = await startTestShop(server.url, server.credentials.writeKey, 0);
    browser = await launchChromium();
    await recordVisit();
    expect((await postJson(`${server.url}/api/projects/default/journeys`, { map: shopMap }, { authorization: server.readAuth })).status).toBe(201);
    const batch = TICKETS.map((text, i) => ({ type: 'track', event: 'Ticket Created', userId: `writer-${i}`, timestamp: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(), properties: { text, topic: 'shop' }, context: { channel: 'support' } }));
    expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: basic(server.credentials.writeKey) })).status).toBe(200);
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await firstSignIn(page, server.url, server.owner.email, server.owner.password, NEW_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.destroy();
  });

  it("shows each touchpoint's and stage's friction as the API counts it, once toggled on", async () => {
    await page.goto(`${server.url}/p/default/map/test-shop?range=7`);
    await page.locator('.map-export-area[data-loaded="true"]').waitFor();
    expect(await page.locator('.friction-badge').count()).toBe(0);
    await page.getByRole('button', { name: 'Friction' }).click();
    await page.locator('.map-export-area[data-friction="loaded"]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('friction')).toBe('1');

    const area = page.locator('.map-export-area');
    const range = { from: (await area.getAttribute('data-from'))!, to: (await area.getAttribute('data-to'))! };
    const friction = (await api<FrictionResult>(`/friction?${new URLSearchParams({ journey: 'test-shop', ...range })}`)).body;
    const home = friction.stages[0]!.touchpoints[0]!;
    expect(home.signals.rage_click?.sessions).toBeGreaterThanOrEqual(1);
    expect(home.score).toBeGreaterThan(0);

    const badge = page.locator('[data-touchpoint="home"] .friction-badge');
    expect(Number(await badge.getAttribute('data-friction-score'))).toBe(home.score);
    expect(await text(page, '[data-touchpoint="home"] [data-field=frictionScore]')).toBe(formatScore(home.score));
    const top = kindLines(home.signals).slice(0, 2);
    expect(await badge.locator('[data-kind]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-kind'), Number(n.getAttribute('data-count'))]))).toEqual(top.map((k) => [k.kind, k.count]));
    expect(Number(await page.locator('.stage-header[data-stage="visit"] .friction-badge').getAttribute('data-friction-score'))).toBe(friction.stages[0]!.score);
  });

  it("lists a touchpoint's signals and sessions, and a session opens its replay showing the recorded page", async () => {
    await page.locator('[data-touchpoint="home"] .friction-badge').click();
    const panel = page.getByRole('dialog', { name: 'Friction at Shop home' });
    await panel.waitFor();
    await panel.locator('tr[data-kind="rage_click"] [data-field=sessions]').click();
    await panel.locator('.friction-sessions[data-loaded="true"]').waitFor();
    const area = page.locator('.map-export-area');
    const query = new URLSearchParams({ journey: 'test-shop', touchpoint: 'home', kind: 'rage_click', from: (await area.getAttribute('data-from'))!, to: (await area.getAttribute('data-to'))! });
    const sessions = (await api<{ sessions: FrictionSession[] }>(`/friction/sessions?${query}`)).body.sessions;
    expect(sessions.map((s) => s.sessionId)).toContain(sessionId);
    expect(await panel.locator('.friction-sessions li[data-session]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-session')))).toEqual(sessions.map((s) => s.sessionId));

    await panel.locator(`li[data-session="${sessionId}"] a`).click();
    await page.waitForURL(`**/p/default/sessions/${encodeURIComponent(sessionId)}`);
    // The replayed page, rebuilt by rrweb inside the player's frame.
    const frame = page.frameLocator('[data-testid=replay-player] .replayer-wrapper iframe');
    await expect.poll(() => frame.locator('h1').textContent({ timeout: 1000 }).catch(() => null), { timeout: 20_000 }).toBe('Test shop');
    expect(await frame.locator('#apply-coupon').textContent()).toBe('Apply coupon');
    // A picture of the replayed page; `WAYMARK_SCREENSHOT=1` keeps it as the docs' picture.
    const picture = await page.screenshot();
    expect(picture.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(picture.length).toBeGreaterThan(20_000);
    if (process.env['WAYMARK_SCREENSHOT'] === '1') {
      mkdirSync(path.dirname(REPLAY_IMAGE), { recursive: true });
      writeFileSync(REPLAY_IMAGE, picture);
    }
  });

  it("highlights the session's friction on its timeline, and an entry seeks the player to its moment", async () => {
    const replay = (await api<SessionReplay>(`/sessions/${sessionId}/replay`)).body;
    const rows = page.locator('.replay-timeline li');
    expect(await rows.count()).toBe(replay.timeline.length);
    for (const name of ['$rage_click', '$dead_click', '$exception']) {
      expect(await page.locator(`.replay-timeline li[data-event="${name}"]`).first().getAttribute('class'), name).toContain('friction');
    }
    expect(await page.locator('.replay-timeline li[data-event="$page"]').first().getAttribute('class')).not.toContain('friction');

    const entry = replay.timeline.find((e) => e.event === '$rage_click')!;
    const offset = Math.max(0, Date.parse(entry.timestamp) - replay.events[0]!.timestamp);
    await page.locator('.replay-timeline li[data-event="$rage_click"] button').first().click();
    expect(Number(await page.locator('.replay-stage').getAttribute('data-offset'))).toBe(offset);
    const clock = (ms: number) => `${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
    await expect.poll(() => text(page, '.rr-timeline__time')).toBe(clock(offset));
  });

  it("links each session of a person's timeline to its replay", async () => {
    const replay = (await api<SessionReplay>(`/sessions/${sessionId}/replay`)).body;
    await page.goto(`${server.url}/p/default/people/${encodeURIComponent(replay.personId!)}`);
    const link = page.locator(`.timeline-session[data-session="${sessionId}"] a`);
    await link.click();
    await page.waitForURL(`**/p/default/sessions/${encodeURIComponent(sessionId)}`);
    await page.locator('[data-testid=replay-player]').waitFor();
  });

  it("counts the friction of a cohort's persons only, on the map and in the sessions behind a badge", async () => {
    const area = page.locator('.map-export-area');
    await page.goto(`${server.url}/p/default/map/test-shop?range=7`);
    await area.and(page.locator('[data-loaded="true"]')).waitFor({ timeout: 20_000 });
    const week = { from: (await area.getAttribute('data-from'))!, to: (await area.getAttribute('data-to'))! };
    const everyone = async (q: Record<string, string>) => (await api<FrictionResult>(`/friction?${new URLSearchParams({ journey: 'test-shop', ...q })}`)).body.stages[0]!.touchpoints[0]!;
    const recorded = (await api<{ sessions: FrictionSession[] }>(`/friction/sessions?${new URLSearchParams({ journey: 'test-shop', touchpoint: 'home', ...week })}`)).body.sessions.find((s) => s.sessionId === sessionId)!;
    const cohort = async (name: string, persons: string[]) => (await postJson(`${server.url}/api/projects/default/cohorts`, { name, persons }, { authorization: server.readAuth })).body.id as string;
    for (const [persons, hasFriction] of [[[recorded.personId], true], [['somebody-else'], false]] as const) {
      const id = await cohort(`only ${persons[0]}`, [...persons]);
      await page.goto(`${server.url}/p/default/map/test-shop?range=7&friction=1&cohort=${id}`);
      await page.locator('.map-export-area[data-friction="loaded"]').waitFor({ timeout: 20_000 });
      const range = { from: (await area.getAttribute('data-from'))!, to: (await area.getAttribute('data-to'))! };
      const home = await everyone({ ...range, cohort: id });
      expect(home.score > 0, persons[0]).toBe(hasFriction);
      expect(Number(await page.locator('[data-touchpoint="home"] .friction-badge').getAttribute('data-friction-score'))).toBe(home.score);
      if (!hasFriction) expect((await everyone(range)).score).toBeGreaterThan(0);
      // The sessions behind the badge: theirs (none for somebody else, though everyone has some).
      await page.locator('[data-touchpoint="home"] .friction-badge').click();
      const panel = page.getByRole('dialog', { name: 'Friction at Shop home' });
      await panel.locator('.friction-sessions[data-loaded="true"]').waitFor();
      const theirs = (await api<{ sessions: FrictionSession[] }>(`/friction/sessions?${new URLSearchParams({ journey: 'test-shop', touchpoint: 'home', ...range, cohort: id })}`)).body.sessions;
      expect(theirs.map((s) => s.personId)).toEqual(hasFriction ? theirs.map(() => recorded.personId) : []);
      expect(theirs.length > 0).toBe(hasFriction);
      expect(await panel.locator('.friction-sessions li[data-session]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-session')))).toEqual(theirs.map((s) => s.sessionId));
    }
  });

  it('creates a survey at a touchpoint through the form, activates it, and shows its answers on the survey and the map', async () => {
    await page.goto(`${server.url}/p/default/surveys`);
    await page.getByRole('button', { name: 'New survey' }).click();
    const form = page.getByRole('form', { name: 'New survey' });
    await form.getByLabel('Name').fill('Home page CSAT');
    await form.getByLabel('Journey map').selectOption({ label: 'Test shop' });
    await form.getByLabel('Touchpoint').selectOption({ label: 'Shop home' });
    await form.getByRole('button', { name: 'CSAT (1-5)' }).click();
    await form.getByLabel('Follow-up open question').fill('What would make it better?');
    await form.getByLabel('Sample (% of persons)').fill('50');
    await form.getByLabel('Ask a person at most once every (days)').fill('14');
    await form.getByRole('button', { name: 'Create survey' }).click();
    await page.locator('tr[data-survey] [data-field=status]').first().waitFor();

    const surveys = (await api<{ surveys: SurveyDefinition[] }>('/surveys')).body.surveys;
    const survey = surveys.find((s) => s.name === 'Home page CSAT')!;
    expect(survey).toMatchObject({
      status: 'draft',
      touchpointId: 'home',
      questions: [
        { type: 'csat', prompt: 'How satisfied are you with this?', required: true },
        { type: 'text', prompt: 'What would make it better?' },
      ],
      targeting: { trigger: { journeyId: 'test-shop', touchpointId: 'home' }, sampleRate: 0.5, frequencyCapDays: 14 },
    });
    expect(new URL(page.url()).pathname).toBe(`/p/default/surveys/${survey.id}`);

    await page.locator(`tr[data-survey="${survey.id}"]`).getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => text(page, `tr[data-survey="${survey.id}"] [data-field=status]`)).toBe('Active');
    expect((await api<SurveyDefinition>(`/surveys/${survey.id}`)).body.status).toBe('active');

    for (const [user, score] of [['ann', 5], ['bo', 4], ['cy', 2]] as const) {
      const answer = await postJson(`${server.url}/api/projects/default/surveys/${survey.id}/responses`, { userId: user, answers: [{ questionId: 'csat', score }] }, { authorization: server.readAuth });
      expect(answer.status).toBe(200);
    }
    const scores = (await api<SurveyScores>(`/surveys/${survey.id}/scores?interval=week`)).body;
    expect(scores.overall.responses).toBe(3);
    await page.reload();
    await page.locator('[data-testid=survey-scores] .chart[data-rendered=true]').waitFor();
    expect(await text(page, '[data-testid=survey-scores] [data-field=responses]')).toBe(formatCount(scores.overall.responses));
    expect(await text(page, '[data-testid=survey-scores] [data-field=csat]')).toBe(`${Math.round(scores.overall.csat!.score)}%`);

    // The map's emotion lane is now measured at the stage of that touchpoint, and says from what.
    await page.goto(`${server.url}/p/default/map/test-shop?range=7`);
    await expect.poll(() => text(page, '[data-testid=emotion-source]')).toBe('from 3 answers (every stage)');
    expect(await page.locator('[data-touchpoint="home"] .voice-chip').getAttribute('data-responses')).toBe('3');

    await page.goto(`${server.url}/p/default/surveys/${survey.id}`);
    await page.locator(`tr[data-survey="${survey.id}"]`).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => text(page, `tr[data-survey="${survey.id}"] [data-field=status]`)).toBe('Paused');
    expect((await api<SurveyDefinition>(`/surveys/${survey.id}`)).body.status).toBe('paused');
  });

  it("charts an NPS survey's score per week with its confidence band", async () => {
    const nps = { name: 'Relationship NPS', status: 'active', questions: [{ id: 'nps', type: 'nps', prompt: 'Recommend us?', required: true }], targeting: { trigger: { event: { event: '$page' } }, sampleRate: 1, frequencyCapDays: 0 }, touchpointId: 'home' };
    const created = await postJson(`${server.url}/api/projects/default/surveys`, nps, { authorization: server.readAuth });
    expect(created.status).toBe(201);
    for (const [user, score] of [['dee', 10], ['eli', 9], ['fay', 3], ['gus', 8]] as const) {
      await postJson(`${server.url}/api/projects/default/surveys/${created.body.id}/responses`, { userId: user, answers: [{ questionId: 'nps', score }] }, { authorization: server.readAuth });
    }
    const scores = (await api<SurveyScores>(`/surveys/${created.body.id}/scores?interval=week`)).body;
    await page.goto(`${server.url}/p/default/surveys/${created.body.id}`);
    await page.locator('[data-testid=survey-scores] .chart[data-rendered=true]').waitFor();
    expect(await text(page, '[data-testid=survey-scores] [data-field=nps]')).toBe(String(Math.round(scores.overall.nps!.score)));
    const week = scores.overTime.find((p) => p.responses > 0)!;
    expect(await page.locator('[data-testid=survey-scores] .chart').getAttribute('aria-label')).toContain(`${week.period} ${week.nps!.score} (95 %: ${week.nps!.ci.low} to ${week.nps!.ci.high})`);
  });

  it('refuses a survey without a touchpoint, saying so, and creates nothing', async () => {
    await page.getByRole('button', { name: 'New survey' }).click();
    const form = page.getByRole('form', { name: 'New survey' });
    await form.getByLabel('Name').fill('No touchpoint');
    await form.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => text(page, '[role=dialog] [role=alert]')).toContain('touchpoint');
    await page.keyboard.press('Escape');
    expect((await api<{ surveys: SurveyDefinition[] }>('/surveys')).body.surveys.map((s) => s.name)).not.toContain('No touchpoint');
  });

  it('lists the themes the API finds, with their counts, in its order', async () => {
    await page.goto(`${server.url}/p/default/themes?range=30`);
    await page.locator('[data-testid=themes][data-loaded=true]').waitFor({ timeout: 20_000 });
    const from = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 - 30 * 86_400_000).toISOString();
    const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000).toISOString();
    const themes = (await api<ThemesResult>(`/text/themes?${new URLSearchParams({ from, to, interval: 'day' })}`)).body.themes;
    expect(themes.length).toBeGreaterThan(2);
    const shown = await page.locator('li.theme').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-theme'), n.querySelector('[data-field=count]')!.textContent]));
    expect(shown).toEqual(themes.map((t) => [t.key, formatCount(t.count)]));
    expect(await page.locator('li.theme').first().locator('.verbatim').count()).toBe(Math.min(3, themes[0]!.examples.length));
    // The days read, the last one included (a UTC project: the day before the exclusive end).
    const lastDay = new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
    expect(await page.locator('[data-testid=themes] > p.muted').first().textContent()).toContain(`texts from ${from.slice(0, 10)} to ${lastDay}`);

    await page.getByLabel('Search themes').fill(themes[1]!.label);
    await expect.poll(() => page.locator(`li.theme[data-theme="${themes[1]!.key}"]`).count()).toBe(1);
  });

  it('reads what customers say at one touchpoint, from the map', async () => {
    await page.goto(`${server.url}/p/default/map/test-shop?range=7`);
    await page.getByRole('button', { name: 'What customers say at Shop home' }).click();
    await page.waitForURL('**/p/default/themes?**');
    const params = new URL(page.url()).searchParams;
    expect([params.get('journey'), params.get('touchpoint')]).toEqual(['test-shop', 'home']);
    await page.locator('[data-testid=themes][data-loaded=true]').waitFor({ timeout: 20_000 });
    await expect.poll(() => text(page, '.themes-scene h2')).toBe('What customers say at Visit · Shop home');
  });
});
