import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bucketOf, personsTable, tableCsv } from '@waymark/core';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/src/testing/test-server.ts';
import type { JourneyNumbers } from '../packages/web/src/api/types.ts';
import { presetRange } from '../packages/web/src/map/date-range.ts';
import { comparedWith } from '../packages/web/src/map/compared-with.ts';
import { formatChange, formatCompact, formatCount, formatMetric, formatPercent } from '../packages/web/src/map/format.ts';
import { apiFromPage, clickChartColumn, mapLoaded, text } from './support/app-page.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { buildWebApp } from './support/build-web-app.ts';
import { startDemoServer } from './support/demo-server.ts';

if (!hasChromium) console.warn(`skipped: ${NO_CHROMIUM}`);

const NEW_PASSWORD = 'a long new password 42';
/** `WAYMARK_SCREENSHOT=1` also writes the README's picture of the demo map. */
const SCREENSHOT = process.env['WAYMARK_SCREENSHOT'] === '1';
const README_IMAGE = fileURLToPath(new URL('../docs/images/journey-map.png', import.meta.url));

async function numbersFor(page: Page, journey: string, range: { from: string; to: string }, interval = 'day') {
  const query = new URLSearchParams({ ...range, interval });
  const answer = await apiFromPage<JourneyNumbers>(page, 'GET', `/api/projects/default/journeys/${journey}/numbers?${query}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

describe.skipIf(!hasChromium)('the web app in a real browser', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** The demo map's id, as the journey list gives it. */
  let journey = '';
  const journeyUrl = (suffix = '') => `/api/projects/default/journeys/${journey}${suffix}`;
  /** `POST /query` from the page over the map's range: the numbers the page must show. */
  const queryOver = async <T,>(range: { from: string; to: string }, spec: object) =>
    (await apiFromPage<{ result: T }>(page, 'POST', '/api/projects/default/query', { ...spec, from: range.from, to: range.to })).body.result;
  const downloads = mkdtempSync(path.join(tmpdir(), 'waymark-downloads-'));
  /** The CSV file a click on `button` downloads: its name and its lines. */
  const downloadCsv = async (button: Locator) => {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), button.click()]);
    const saved = path.join(downloads, file.suggestedFilename());
    await file.saveAs(saved);
    return { name: file.suggestedFilename(), lines: readFileSync(saved, 'utf8').split('\r\n').filter(Boolean) };
  };

  beforeAll(async () => {
    // The README's picture deserves a fuller shop than the checks need.
    [server] = await Promise.all([startDemoServer(SCREENSHOT ? { customers: 2000, days: 90 } : { customers: 300, days: 30 }), buildWebApp()]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('signs in with the one-time password, requires a new one, and lands on the demo map', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill(server.owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => text(page, '[role=alert]')).toBeTruthy();

    await page.getByLabel('Password').fill(server.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Current password').fill('not the password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    // The server's refusal is shown as its message; the form stays.
    await expect.poll(() => text(page, '[role=alert]')).toBeTruthy();

    await page.getByLabel('Current password').fill(server.owner.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await mapLoaded(page);
    expect(new URL(page.url()).pathname).toBe('/p/default/map');
    journey = (await apiFromPage<{ journeys: { id: string }[] }>(page, 'GET', '/api/projects/default/journeys')).body.journeys[0]!.id;
    expect(await page.locator('[data-touchpoint]').count()).toBeGreaterThan(10);
  });

  it('shows the same numbers as the API for the same range, and refetches for another range', async () => {
    for (const preset of ['30 days', '7 days']) {
      await page.getByRole('button', { name: preset }).click();
      const range = await mapLoaded(page);
      const numbers = await numbersFor(page, journey, range);
      const map = (await apiFromPage<{ map: { stages: { touchpoints: { id: string; kpis: { id: string; unit?: string }[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
      const unit = (tp: string, kpi: string) => map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === tp)?.kpis.find((k) => k.id === kpi)?.unit;
      expect(numbers.touchpoints.some((t) => t.persons > 0)).toBe(true);
      for (const t of numbers.touchpoints) {
        const card = `[data-touchpoint="${t.touchpointId}"]`;
        expect(await text(page, `${card} [data-field=persons]`), t.touchpointId).toBe(formatCompact(t.persons));
        expect(await text(page, `${card} [data-field=conversionToNext]`), t.touchpointId).toBe(formatPercent(t.conversionToNext));
        expect(await text(page, `${card} [data-field=dropOff]`), t.touchpointId).toBe(formatPercent(t.dropOff));
        for (const k of t.kpis) {
          const kpi = page.locator(`${card} [data-kpi="${k.id}"]`);
          expect(await kpi.getAttribute('data-status'), `${t.touchpointId}.${k.id}`).toBe(k.status);
          expect(await kpi.locator('[data-value]').textContent(), `${t.touchpointId}.${k.id}`).toBe(formatMetric(k.metric, k.value, unit(t.touchpointId, k.id)));
          // A KPI's change says, on hover, what it is against: while the range is not over, the period before up to the same point.
          if (k.change !== null) expect(await kpi.locator('.kpi-main').getAttribute('title')).toContain(`; ${formatChange(k.change)} against ${comparedWith(numbers)}`);
        }
      }
      for (const s of numbers.stages) {
        expect(await text(page, `.stage-header[data-stage="${s.stageId}"] [data-field=persons]`)).toBe(formatCompact(s.persons));
      }
      expect(await page.locator('.goal-bar').getAttribute('data-status')).toBe(numbers.goal.status);
      expect(await text(page, '.goal-bar [data-field=goal]')).toBe(formatMetric('repeat_rate', numbers.goal.value));
    }
    if (SCREENSHOT) {
      await page.getByRole('button', { name: '30 days' }).click();
      await mapLoaded(page);
      await page.locator('.emotion-curve .chart[data-rendered=true]').waitFor();
      mkdirSync(path.dirname(README_IMAGE), { recursive: true });
      await page.screenshot({ path: README_IMAGE });
    }
  });

  it('refetches the numbers of a persona', async () => {
    await page.getByLabel('Persona').selectOption({ label: 'Dana, the deal seeker' });
    const range = await mapLoaded(page);
    expect(new URL(page.url()).searchParams.get('persona')).toBe('deal_seeker');
    const everyone = await numbersFor(page, journey, range);
    const query = new URLSearchParams({ ...range, interval: 'day', persona: 'deal_seeker' });
    const dana = (await apiFromPage<JourneyNumbers>(page, 'GET', journeyUrl(`/numbers?${query}`))).body;
    const first = dana.touchpoints[0]!;
    expect(first.persons).toBeLessThan(everyone.touchpoints[0]!.persons);
    expect(await text(page, `[data-touchpoint="${first.touchpointId}"] [data-field=persons]`)).toBe(formatCompact(first.persons));
    await page.getByLabel('Persona').selectOption({ label: 'Everyone' });
    await mapLoaded(page);
  });

  it('adds a stage and a card, saves them, and takes comments on a cell', async () => {
    await page.getByRole('button', { name: 'Edit map' }).click();
    page.once('dialog', (d) => void d.accept('Advocacy'));
    await page.getByRole('button', { name: '+ stage' }).click();
    await page.locator('.lane-cell[data-lane=actions][data-stage=advocacy]').getByRole('button').click();
    const card = page.locator('.lane-cell[data-lane=actions][data-stage=advocacy] textarea');
    await card.fill('Recommends the shop to a friend.');
    await card.blur();
    await page.getByRole('button', { name: 'Move Advocacy left' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await mapLoaded(page);
    const saved = (await apiFromPage<{ map: { stages: { id: string }[]; lanes: { stageId: string; lane: string; text: string }[] } }>(page, 'GET', journeyUrl())).body.map;
    expect(saved.stages.at(-2)!.id).toBe('advocacy');
    expect(saved.lanes).toContainEqual(expect.objectContaining({ stageId: 'advocacy', lane: 'actions', text: 'Recommends the shop to a friend.' }));

    await page.getByRole('button', { name: 'Comments on Cart', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Comments: Cart' });
    await panel.getByLabel('Add a comment').fill('Abandonment doubled since the shipping change.');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => panel.locator('.comments li p').allTextContents()).toEqual(['Abandonment doubled since the shipping change.']);
    await page.keyboard.press('Escape');
    expect(await text(page, '[data-touchpoint=cart] footer')).toContain('1');
    const comments = await apiFromPage<{ comments: { target: string }[] }>(page, 'GET', journeyUrl('/comments'));
    expect(comments.body.comments.map((c) => c.target)).toEqual(['touchpoint:cart']);
  });

  it('rebinds a touchpoint to other events in the editor, counting matches as one types, and shows its new numbers after saving', async () => {
    const range = await mapLoaded(page);
    const before = (await numbersFor(page, journey, range)).touchpoints.find((t) => t.touchpointId === 'search')!;
    await page.getByRole('button', { name: 'Edit map' }).click();
    await page.getByRole('button', { name: 'Edit On-site search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Event name').fill('Product Viewed');
    const count = await apiFromPage<{ events: number; persons: number }>(page, 'POST', '/api/projects/default/matcher-count', { matchers: [{ event: 'Product Viewed' }], ...range });
    const counted = (c: typeof count) => `${c.body.events.toLocaleString('en-US')} events · ${c.body.persons.toLocaleString('en-US')} persons match`;
    await expect.poll(() => text(page, '[data-testid=match-count]'), { timeout: 10_000 }).toBe(counted(count));
    // A property condition narrows the count; removed, the count is the event's again.
    type Suggestions = { properties: { property: string; values: { value: unknown }[] }[] };
    const price = (await apiFromPage<Suggestions>(page, 'GET', '/api/projects/default/event-properties?event=Product%20Viewed&q=')).body.properties.find((p) => p.property === 'price')!.values[0]!.value;
    await dialog.getByRole('button', { name: '+ condition' }).click();
    await dialog.getByLabel('Property').fill('price');
    await dialog.getByLabel('Operator').selectOption('neq');
    await dialog.getByLabel('Value').fill(String(price));
    const others = await apiFromPage<typeof count.body>(page, 'POST', '/api/projects/default/matcher-count', { matchers: [{ event: 'Product Viewed', where: [{ property: 'price', op: 'neq', value: Number(price) }] }], ...range });
    expect(others.body.events).toBeLessThan(count.body.events);
    await expect.poll(() => text(page, '[data-testid=match-count]'), { timeout: 10_000 }).toBe(counted(others));
    await dialog.getByRole('button', { name: 'Remove condition' }).click();
    await expect.poll(() => text(page, '[data-testid=match-count]'), { timeout: 10_000 }).toBe(counted(count));
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    // Saved: the draft is gone and the map shows its new version's numbers.
    await page.getByRole('button', { name: 'Edit map' }).waitFor();
    await mapLoaded(page);
    const after = (await numbersFor(page, journey, range)).touchpoints.find((t) => t.touchpointId === 'search')!;
    expect(after.persons).not.toBe(before.persons);
    expect(await text(page, '[data-touchpoint="search"] [data-field=persons]')).toBe(formatCompact(after.persons));
  });

  it('tells an editor whose base version is stale, and offers the latest', async () => {
    await page.getByRole('button', { name: 'Edit map' }).click();
    const latest = await apiFromPage<{ version: number; map: { stages: { name: string }[] } }>(page, 'GET', journeyUrl());
    const map = structuredClone(latest.body.map);
    map.stages[0]!.name = 'Discover';
    expect((await apiFromPage(page, 'PUT', journeyUrl(), { map, baseVersion: latest.body.version })).status).toBe(200);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect.poll(() => text(page, '.stage-header[data-stage="discovery"] h2')).toBe('Discover');
  });

  it("marks what others changed since one's last look", async () => {
    const latest = await apiFromPage<{ version: number; map: { stages: { name: string }[] } }>(page, 'GET', journeyUrl());
    await apiFromPage(page, 'POST', journeyUrl('/seen'), { version: latest.body.version });
    const map = structuredClone(latest.body.map);
    map.stages[1]!.name = 'Consider';
    expect((await apiFromPage(page, 'PUT', journeyUrl(), { map, baseVersion: latest.body.version })).status).toBe(200);
    await page.reload();
    await mapLoaded(page);
    await expect.poll(() => text(page, '[data-testid=changed-badge] summary')).toContain('1 change since you last looked');
  });

  it('lists the versions, compares one with the current, and restores it as a new version', async () => {
    const latest = (await apiFromPage<{ version: number }>(page, 'GET', journeyUrl())).body.version;
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'Version history' });
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(latest);
    await dialog.locator('tr', { hasText: 'v1' }).getByRole('button', { name: 'Compare with current' }).click();
    const compared = await apiFromPage<{ changes: unknown[] }>(page, 'GET', journeyUrl(`/compare?from=1&to=${latest}`));
    await expect.poll(() => dialog.locator('.change-list li').count()).toBe(compared.body.changes.length);
    expect(await dialog.locator('.change-list').textContent()).toContain('stage');
    page.once('dialog', (d) => void d.accept());
    await dialog.locator('tr', { hasText: 'v1' }).getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => text(page, '.stage-header[data-stage="discovery"] h2')).toBe('Discovery');
    expect((await apiFromPage<{ version: number }>(page, 'GET', journeyUrl())).body.version).toBe(latest + 1);
  });

  it('opens the funnel behind a stage with the numbers of the query API, and the persons who dropped', async () => {
    await page.getByRole('button', { name: '30 days' }).click();
    const range = await mapLoaded(page);
    await page.getByRole('button', { name: 'Funnel of Purchase' }).click();
    await page.locator('[data-testid=funnel] .chart[data-rendered=true]').first().waitFor({ timeout: 20_000 });
    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => t.matchers[0]);
    const funnel = await apiFromPage<{ result: { overall: { steps: { persons: number }[] } } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12,
    });
    const shown = await page.locator('[data-testid=funnel] tr[data-step] [data-field=persons]').allTextContents();
    expect(shown).toEqual(funnel.body.result.overall.steps.map((s) => s.persons.toLocaleString('en-US')));
    expect(funnel.body.result.overall.steps[0]!.persons).toBeGreaterThan(0);

    await page.locator('tr[data-step="1"]').getByRole('button', { name: 'dropped' }).click();
    const list = page.locator('[data-testid=persons-list]');
    await list.waitFor();
    const dropped = funnel.body.result.overall.steps[0]!.persons - funnel.body.result.overall.steps[1]!.persons;
    expect(await list.locator('h3').textContent()).toContain(`${dropped.toLocaleString('en-US')} persons`);
    if (dropped > 0) {
      await list.getByRole('button', { name: 'Save as cohort' }).click();
      await list.getByText('Saved as cohort').waitFor();
      const cohorts = await apiFromPage<{ cohorts: { id: string; name: string; definition: unknown }[] }>(page, 'GET', '/api/projects/default/cohorts');
      const cohort = cohorts.body.cohorts.find((c) => c.name.startsWith('Dropped before'))!;
      expect(cohort.definition).toEqual({ kind: 'persons', count: dropped });
      const members = await apiFromPage<{ count: number }>(page, 'GET', `/api/projects/default/cohorts/${cohort.id}/persons`);
      expect(members.body.count).toBe(dropped);
      await list.locator('a').first().click();
      await page.locator('[data-testid=person-timeline] .timeline-event').first().waitFor();
      expect(await page.locator('.timeline-event').count()).toBeGreaterThan(0);
    }
  });

  it("lists a funnel step's persons from its bar: who reached it, and who dropped before it from the pale part above", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.getByRole('button', { name: 'Funnel of Purchase' }).click();
    const chart = page.locator('[data-testid=funnel] .chart[data-rendered=true]').first();
    await chart.waitFor({ timeout: 20_000 });
    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { name: string; matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const touchpoints = map.stages.find((s) => s.id === 'purchase')!.touchpoints;
    const funnel = {
      kind: 'funnel', steps: touchpoints.map((t) => t.matchers[0]), window: { value: 30, unit: 'day' }, order: 'ordered', interval: 'day', histogramBuckets: 12,
    };
    const { overall } = await queryOver<{ overall: { steps: { persons: number; dropOff: number }[] } }>(range, funnel);
    const grid = { left: 48, right: 16, top: 24, bottom: 56 };
    const list = page.locator('[data-testid=persons-list]');
    /** The list shown is the API's for `personsAt` (of `spec`); how many it holds. */
    const listed = async (title: string, personsAt: object, spec: object = funnel) => {
      const expected = await queryOver<{ persons: string[] }>(range, { ...spec, personsAt });
      await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`${title}: ${expected.persons.length.toLocaleString('en-US')} persons`);
      expect(await list.locator('.person-links a').allTextContents()).toEqual(expected.persons.slice(0, 200));
      return expected.persons.length;
    };
    // The bottom of a column is inside its bar: the persons who reached the step.
    expect(overall.steps[1]!.persons).toBeGreaterThan(0);
    await clickChartColumn(chart, grid, overall.steps.length, 1, 'bottom');
    await listed(`Reached “${touchpoints[1]!.name}”`, { step: 1, outcome: 'converted' });
    // The list opens below the funnel's charts, out of sight of the bars: the page scrolls to it.
    await expect.poll(() => list.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    // The top of the axis is above every bar: a step's pale part, those who dropped before it.
    const step = overall.steps.findIndex((s, i) => i > 0 && s.dropOff > 0);
    expect(step).toBeGreaterThan(0);
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/projects/default/query') && (r.postDataJSON() as { personsAt?: { outcome?: string } }).personsAt?.outcome === 'dropped');
    await clickChartColumn(chart, grid, overall.steps.length, step, 'top');
    await listed(`Dropped before “${touchpoints[step]!.name}”`, { step, outcome: 'dropped' });
    // The page asks for the first 200 and their count; the download asks again and has them all.
    expect((await asked).postDataJSON()).toMatchObject({ personsAt: { step, outcome: 'dropped' }, personsLimit: 200 });
    const all = (await queryOver<{ persons: string[] }>(range, { ...funnel, personsAt: { step, outcome: 'dropped' } })).persons;
    expect((await downloadCsv(list.getByRole('button', { name: 'Download CSV' }))).lines).toEqual(tableCsv(personsTable({ persons: all })).split('\r\n').filter(Boolean));

    // Conversion over time, up to the furthest step some reach and some drop before (the steps after it
    // left out, so that some convert): a day's pale bar lists who entered that day, its blue bar who of them converted.
    const last = overall.steps.findLastIndex((s) => s.persons > 0 && s.dropOff > 0);
    expect(last).toBeGreaterThan(0);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&skip=${touchpoints.slice(last + 1).map((t) => t.id).join(',')}`);
    const overTime = page.locator('[data-testid=funnel] h3:text-is("Conversion over time") + .chart[data-rendered=true]');
    await overTime.waitFor({ timeout: 20_000 });
    const upTo = { ...funnel, steps: funnel.steps.slice(0, last + 1) };
    const { overall: byDay } = await queryOver<{ overall: { overTime: { bucket: string; entered: number; converted: number }[] } }>(range, upTo);
    const day = byDay.overTime.findIndex((p) => p.converted > 0 && p.entered > p.converted);
    expect(day).toBeGreaterThanOrEqual(0);
    const { bucket } = byDay.overTime[day]!;
    const overTimeGrid = { left: 48, right: 56, top: 40, bottom: 32 };
    await clickChartColumn(overTime, overTimeGrid, byDay.overTime.length, day, 'top');
    expect(await listed(`Reached “${touchpoints[0]!.name}” (entered on ${bucket})`, { step: 0, outcome: 'converted', bucket }, upTo)).toBe(byDay.overTime[day]!.entered);
    await clickChartColumn(overTime, overTimeGrid, byDay.overTime.length, day, 'bottom');
    expect(await listed(`Reached “${touchpoints[last]!.name}” (entered on ${bucket})`, { step: last, outcome: 'converted', bucket }, upTo)).toBe(byDay.overTime[day]!.converted);
  });

  it('analyses only the persons of a cohort saved from a funnel: those who dropped reach no further', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    const rows = page.locator('[data-testid=funnel] tr[data-step]');
    await rows.first().waitFor({ timeout: 20_000 });
    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => t.matchers[0]);
    const spec = { kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12 };
    type Funnel = { result: { overall: { steps: { persons: number }[] } } };
    const everyone = (await apiFromPage<Funnel>(page, 'POST', '/api/projects/default/query', spec)).body.result.overall.steps;
    const dropped = everyone[1]!.persons - everyone[2]!.persons;
    expect(dropped).toBeGreaterThan(0);

    await page.locator('tr[data-step="2"]').getByRole('button', { name: 'dropped' }).click();
    const list = page.locator('[data-testid=persons-list]');
    await list.getByRole('button', { name: 'Save as cohort' }).click();
    await list.getByRole('button', { name: 'Analyse only them' }).click();
    await page.waitForURL((url) => url.searchParams.has('cohort'));
    const cohort = new URL(page.url()).searchParams.get('cohort')!;
    await expect.poll(() => page.getByTestId('analysis-cohort').textContent(), { timeout: 20_000 }).toContain('Persons of the cohort “Dropped before');
    expect(await page.getByRole('combobox', { name: 'Cohort' }).inputValue()).toBe(cohort);
    // Restricted to them, the funnel has exactly them at the step before, and nobody after it.
    const theirs = (await apiFromPage<Funnel>(page, 'POST', '/api/projects/default/query', { ...spec, cohort })).body.result.overall.steps;
    expect(theirs[1]!.persons).toBe(dropped);
    expect(theirs.slice(2).every((s) => s.persons === 0)).toBe(true);
    const shown = () => rows.locator('[data-field=persons]').allTextContents();
    await expect.poll(shown, { timeout: 20_000 }).toEqual(theirs.map((s) => s.persons.toLocaleString('en-US')));

    // The cohort stays picked across analyses, until Everyone is.
    await page.getByRole('tab', { name: 'Trends' }).click();
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('cohort')).toBe(cohort);
    await page.getByRole('tab', { name: 'Funnel' }).click();
    await page.getByRole('combobox', { name: 'Cohort' }).selectOption('');
    await expect.poll(shown, { timeout: 20_000 }).toEqual(everyone.map((s) => s.persons.toLocaleString('en-US')));
    expect(new URL(page.url()).searchParams.get('cohort')).toBeNull();

    // The People page lists it with its persons now; it opens the analyses of them, and can be deleted.
    await page.getByRole('link', { name: 'People' }).click();
    const row = page.locator(`table[aria-label="Saved cohorts"] tr[data-cohort="${cohort}"]`);
    await expect.poll(() => row.locator('[data-field=size]').textContent(), { timeout: 20_000 }).toBe(dropped.toLocaleString('en-US'));
    await row.getByRole('link', { name: 'Analyse' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/analyses') && url.searchParams.get('cohort') === cohort);
    await page.getByTestId('analysis-cohort').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('combobox', { name: 'Cohort' }).inputValue()).toBe(cohort);
    await page.getByRole('link', { name: 'People' }).click();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    expect((await apiFromPage<{ cohorts: { id: string }[] }>(page, 'GET', '/api/projects/default/cohorts')).body.cohorts.map((c) => c.id)).not.toContain(cohort);
  });

  it("counts a saved cohort's persons on the map, and carries the cohort into the analyses behind it", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    const everyone = await numbersFor(page, journey, range);
    // A cohort of the persons who did the first touchpoint's event on the busiest day.
    const first = everyone.touchpoints[0]!;
    const map = (await apiFromPage<{ map: { stages: { touchpoints: { id: string; matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const matchers = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === first.touchpointId)!.matchers;
    const trend = (await apiFromPage<{ result: { buckets: string[]; lines: { values: number[] }[] } }>(page, 'POST', '/api/projects/default/query', { kind: 'trends', interval: 'day', from: range.from, to: range.to, series: [{ matcher: { anyOf: matchers }, measure: 'persons' }] })).body.result;
    const values = trend.lines[0]!.values;
    const busiest = trend.buckets[values.indexOf(Math.max(...values))]!;
    const behind = (await apiFromPage<{ result: { persons: string[] } }>(page, 'POST', '/api/projects/default/query', { kind: 'trends', interval: 'day', from: range.from, to: range.to, series: [{ matcher: { anyOf: matchers }, measure: 'persons' }], personsAt: { series: 0, bucket: busiest } })).body.result.persons;
    const saved = (await apiFromPage<{ id: string }>(page, 'POST', '/api/projects/default/cohorts', { name: `Busiest day ${busiest}`, persons: behind })).body;

    await page.reload();
    await page.getByLabel('Cohort').selectOption({ label: `Busiest day ${busiest}` });
    await mapLoaded(page);
    expect(new URL(page.url()).searchParams.get('cohort')).toBe(saved.id);
    const query = new URLSearchParams({ ...range, interval: 'day', cohort: saved.id });
    const theirs = (await apiFromPage<JourneyNumbers>(page, 'GET', journeyUrl(`/numbers?${query}`))).body;
    const mine = theirs.touchpoints.find((t) => t.touchpointId === first.touchpointId)!;
    expect(mine.persons).toBe(behind.length);
    expect(mine.persons).toBeLessThan(first.persons);
    await expect.poll(() => text(page, `[data-touchpoint="${first.touchpointId}"] [data-field=persons]`), { timeout: 20_000 }).toBe(formatCompact(mine.persons));

    await page.getByRole('button', { name: 'Funnel of Purchase' }).click();
    await page.getByTestId('analysis-cohort').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('cohort')).toBe(saved.id);
    expect((await page.request.delete(`${server.url}/api/projects/default/cohorts/${saved.id}`, { headers: { 'x-waymark-client': 'web' } })).status()).toBe(204);
    // A link to the cohort, now gone: said so, and undone by picking Everyone.
    await page.reload();
    const picker = page.getByRole('combobox', { name: 'Cohort' });
    await expect.poll(() => picker.locator('option:checked').textContent(), { timeout: 20_000 }).toBe('Cohort not found');
    await page.getByRole('alert').filter({ hasText: saved.id }).waitFor({ timeout: 20_000 });
    await picker.selectOption({ label: 'Everyone' });
    await page.waitForURL((url) => !url.searchParams.has('cohort'));
    await page.locator('[data-testid=funnel] tr[data-step]').first().waitFor({ timeout: 20_000 });
  });

  it('builds a cohort from what persons did, did not do and are: counts it now, marks the condition at fault, saves it in words', async () => {
    await page.goto(`${server.url}/p/default/people`);
    await page.getByText('New cohort from conditions').click();
    const builder = page.getByTestId('cohort-builder');
    const rule = (i: number) => builder.locator(`[data-rule="${i}"]`);
    // An event left empty is refused by the API, and its condition is marked.
    await builder.getByRole('button', { name: 'Count persons' }).click();
    await expect.poll(() => builder.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/^all\[0\]\.matcher\.event: /);
    expect(await rule(0).getAttribute('aria-invalid')).toBe('true');

    // Viewed products at least twice in the last 30 days, from the most frequent country, and never ordered.
    type Suggestions = { properties: { property: string; values: { value: unknown }[] }[] };
    const traits = (await apiFromPage<Suggestions>(page, 'GET', '/api/projects/default/event-properties?event=%24identify&q=')).body.properties;
    const country = String(traits.find((t) => t.property === 'country')!.values[0]!.value);
    await rule(0).getByLabel('Event name').fill('Product Viewed');
    await rule(0).getByLabel('At least').fill('2');
    await builder.getByRole('button', { name: '+ has trait' }).click();
    await rule(1).getByLabel('Trait').fill('country');
    await rule(1).getByLabel('Value').fill(country);
    await builder.getByRole('button', { name: '+ did not do' }).click();
    await rule(2).getByLabel('Event name').fill('Order Completed');
    await rule(2).getByLabel('Days').fill('');
    const conditions = {
      all: [{ type: 'behavior', matcher: { event: 'Product Viewed' }, min: 2, withinDays: 30 }, { type: 'trait', condition: { property: 'country', op: 'eq', value: country } }],
      none: [{ type: 'behavior', matcher: { event: 'Order Completed' } }],
    };
    // "At most" below "at least" is refused, and that condition marked.
    await rule(0).getByLabel('At most').fill('1');
    await builder.getByRole('button', { name: 'Count persons' }).click();
    await expect.poll(() => builder.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/^all\[0\]\.max: max \(1\) is below min \(2\): nobody could match/);
    expect(await rule(0).getAttribute('aria-invalid')).toBe('true');
    await rule(0).getByLabel('At most').fill('');
    const count = (await apiFromPage<{ result: { count: number } }>(page, 'POST', '/api/projects/default/query', { kind: 'segment', ...conditions, asOf: new Date().toISOString(), limit: 0 })).body.result.count;
    expect(count).toBeGreaterThan(0);
    await builder.getByRole('button', { name: 'Count persons' }).click();
    await expect.poll(() => builder.getByTestId('cohort-count').textContent(), { timeout: 20_000 }).toBe(`${count.toLocaleString('en-US')} persons match now`);
    expect(await builder.locator('[aria-invalid]').count()).toBe(0);

    // Saved, it is listed in words with its persons now, and the API holds its conditions.
    await builder.getByLabel('Cohort name').fill('Browsers who never ordered');
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    const row = page.locator('table[aria-label="Saved cohorts"] tr', { hasText: 'Browsers who never ordered' });
    await expect.poll(() => row.locator('[data-field=size]').textContent(), { timeout: 20_000 }).toBe(count.toLocaleString('en-US'));
    expect(await row.locator('[data-field=definition]').textContent()).toBe(`did Product Viewed at least 2 times in the last 30 days, and country = ${country}; and did not do Order Completed`);
    const saved = (await apiFromPage<{ cohorts: { id: string; name: string; definition: object }[] }>(page, 'GET', '/api/projects/default/cohorts')).body.cohorts.find((c) => c.name === 'Browsers who never ordered')!;
    expect(saved.definition).toEqual({ kind: 'segment', ...conditions });
    expect(await builder.getByLabel('Cohort name').inputValue()).toBe('');

    // Edited, it keeps its id and counts its new persons: from any country, at least three views.
    await row.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByTestId('edit-cohort');
    expect(await editor.getByLabel('Cohort name').inputValue()).toBe('Browsers who never ordered');
    expect(await editor.locator('[data-rule="0"]').getByLabel('Event name').inputValue()).toBe('Product Viewed');
    expect(await editor.locator('[data-rule="1"]').getByLabel('Value').inputValue()).toBe(country);
    expect(await editor.locator('[data-rule="2"]').getByLabel('Days').inputValue()).toBe('');
    await editor.locator('[data-rule="0"]').getByLabel('At least').fill('3');
    await editor.locator('[data-rule="1"]').getByRole('button', { name: 'Remove condition' }).click();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.waitFor({ state: 'detached', timeout: 20_000 });
    const anyCountry = { all: [{ ...conditions.all[0]!, min: 3 }], none: conditions.none };
    const matched = (await apiFromPage<{ result: { count: number } }>(page, 'POST', '/api/projects/default/query', { kind: 'segment', ...anyCountry, asOf: new Date().toISOString(), limit: 0 })).body.result.count;
    expect(matched).not.toBe(count);
    await expect.poll(() => row.locator('[data-field=size]').textContent(), { timeout: 20_000 }).toBe(matched.toLocaleString('en-US'));
    expect(await row.locator('[data-field=definition]').textContent()).toBe('did Product Viewed at least 3 times in the last 30 days; and did not do Order Completed');
    const edited = (await apiFromPage<{ cohorts: { id: string; definition: object }[] }>(page, 'GET', '/api/projects/default/cohorts')).body.cohorts.find((c) => c.id === saved.id)!;
    expect(edited.definition).toEqual({ kind: 'segment', ...anyCountry });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
  });

  it("carries the map's persona into the funnel behind a stage, and counts that persona's persons only", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    await page.getByLabel('Persona').selectOption({ label: 'Dana, the deal seeker' });
    const range = await mapLoaded(page);
    await page.getByRole('button', { name: 'Funnel of Purchase' }).click();
    const chart = page.locator('[data-testid=funnel] .chart[data-rendered=true]').first();
    await chart.waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Persona').inputValue()).toBe('deal_seeker');
    expect(await page.getByTestId('analysis-persona').textContent()).toContain('Dana, the deal seeker');
    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => t.matchers[0]);
    const spec = { kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12 };
    type Funnel = { result: { overall: { steps: { persons: number }[] } } };
    const dana = (await apiFromPage<Funnel>(page, 'POST', '/api/projects/default/query', { ...spec, journey, persona: 'deal_seeker' })).body.result.overall.steps;
    const everyone = (await apiFromPage<Funnel>(page, 'POST', '/api/projects/default/query', spec)).body.result.overall.steps;
    const shown = () => page.locator('[data-testid=funnel] tr[data-step] [data-field=persons]').allTextContents();
    expect(await shown()).toEqual(dana.map((s) => s.persons.toLocaleString('en-US')));
    expect(dana[0]!.persons).toBeGreaterThan(0);
    expect(dana[0]!.persons).toBeLessThan(everyone[0]!.persons);

    await page.getByLabel('Persona').selectOption({ label: 'Everyone' });
    await expect.poll(shown, { timeout: 20_000 }).toEqual(everyone.map((s) => s.persons.toLocaleString('en-US')));
    expect(new URL(page.url()).searchParams.get('persona')).toBeNull();

    // A link to a persona the map no longer has: said so, not counted as everyone, and undone by picking Everyone.
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&persona=gone`);
    const picker = page.getByRole('combobox', { name: 'Persona' });
    await expect.poll(() => picker.locator('option:checked').textContent(), { timeout: 20_000 }).toBe('Persona not found');
    await page.getByRole('alert').filter({ hasText: 'gone' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('analysis-persona').count()).toBe(0);
    await picker.selectOption({ label: 'Everyone' });
    await expect.poll(shown, { timeout: 20_000 }).toEqual(everyone.map((s) => s.persons.toLocaleString('en-US')));
    expect(new URL(page.url()).searchParams.get('persona')).toBeNull();
  });

  it('splits a funnel by the channel of its first step, and shows its conversion over time', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    await page.locator('[data-testid=funnel] .chart[data-rendered=true]').first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'Conversion over time' }).count()).toBe(1);
    await page.getByLabel('Split by').selectOption('channel');
    const split = page.locator('[data-testid=funnel-breakdown]');
    await split.locator('.chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('breakdown')).toBe('channel');

    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { id: string; matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => t.matchers[0]);
    type Group = { value: string | null; steps: { persons: number }[] };
    const funnel = await apiFromPage<{ result: { overall: Group; breakdown: Group[] } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12, breakdown: { by: 'channel' },
    });
    const groups = funnel.body.result.breakdown;
    expect(groups.length).toBeGreaterThan(0);
    expect(await split.locator('tr[data-breakdown]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-breakdown')))).toEqual(groups.map((g) => g.value ?? '(none)'));
    expect(await split.locator('[data-field=entered]').allTextContents()).toEqual(groups.map((g) => g.steps[0]!.persons.toLocaleString('en-US')));
    expect(await split.locator('[data-field=converted]').allTextContents()).toEqual(groups.map((g) => g.steps.at(-1)!.persons.toLocaleString('en-US')));
    // Every person who entered is in exactly one group.
    expect(groups.reduce((n, g) => n + g.steps[0]!.persons, 0)).toBe(funnel.body.result.overall.steps[0]!.persons);
    // Those who entered in a group (its first step from that channel): as many as it counts, the API's.
    const group = groups.at(-1)!;
    const entered = await apiFromPage<{ result: { persons: string[] } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, breakdown: { by: 'channel' }, personsAt: { step: 0, outcome: 'converted', breakdown: group.value },
    });
    expect(entered.body.result.persons).toHaveLength(group.steps[0]!.persons);
    await split.locator(`tr[data-breakdown="${group.value ?? '(none)'}"] [data-field=entered] button`).click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`from ${group.value ?? 'no channel'}: ${entered.body.result.persons.length} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(entered.body.result.persons.slice(0, 200));
    // A channel's bar (one row per channel, first at the top) lists who converted from it: in the
    // stage's first two steps (the others left out), which some persons of every channel complete.
    const firstTwo = map.stages.find((s) => s.id === 'purchase')!.touchpoints;
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&breakdown=channel&skip=${firstTwo.slice(2).map((t) => t.id).join(',')}`);
    await split.locator('.chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const twoSteps = { kind: 'funnel', steps: steps.slice(0, 2), window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, breakdown: { by: 'channel' } };
    const byChannel = (await apiFromPage<{ result: { breakdown: Group[] } }>(page, 'POST', '/api/projects/default/query', twoSteps)).body.result.breakdown;
    // (The demo's funnels start on one channel each, so this checks the row of the only one.)
    const row = byChannel.length - 1;
    expect(byChannel[row]!.steps[1]!.persons).toBeGreaterThan(0);
    const converted = (await apiFromPage<{ result: { persons: string[] } }>(page, 'POST', '/api/projects/default/query', { ...twoSteps, personsAt: { step: 1, outcome: 'converted', breakdown: byChannel[row]!.value } })).body.result.persons;
    expect(converted).toHaveLength(byChannel[row]!.steps[1]!.persons);
    const bars = split.locator('.chart');
    const height = (await bars.boundingBox())!.height;
    await bars.click({ position: { x: 120 + 4, y: 8 + ((row + 0.5) * (height - 8 - 24)) / byChannel.length } });
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`from ${byChannel[row]!.value ?? 'no channel'}: ${converted.length} persons`);
    expect(await list.locator('h3').textContent()).toMatch(/^Reached/);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(converted.slice(0, 200));

    await page.getByLabel('Split by').selectOption('');
    await expect.poll(() => split.count(), { timeout: 20_000 }).toBe(0);
    expect(new URL(page.url()).searchParams.get('breakdown')).toBeNull();
  });

  it("leaves a touchpoint out of a stage's funnel and ends it at the map's goal", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    const rows = page.locator('[data-testid=funnel] tr[data-step]');
    await rows.first().waitFor({ timeout: 20_000 });
    type Map = { goal: { name: string; matcher: unknown }; stages: { id: string; touchpoints: { id: string; name: string; matchers: unknown[] }[] }[] };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const touchpoints = map.stages.find((s) => s.id === 'purchase')!.touchpoints;
    expect(await rows.count()).toBe(touchpoints.length);

    const left = touchpoints[touchpoints.length - 2]!;
    await page.getByRole('group', { name: 'Funnel steps' }).getByLabel(left.name).uncheck();
    await page.getByRole('group', { name: 'Funnel steps' }).getByLabel(`then the goal: ${map.goal.name}`).check();
    const kept = touchpoints.filter((t) => t !== left);
    await expect.poll(() => rows.locator('td:first-child').allTextContents(), { timeout: 20_000 }).toEqual([...kept.map((t) => t.name), map.goal.name]);
    expect(new URL(page.url()).searchParams.get('skip')).toBe(left.id);
    expect(new URL(page.url()).searchParams.get('goal')).toBe('1');
    const funnel = await apiFromPage<{ result: { overall: { steps: { persons: number }[] } } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps: [...kept.map((t) => t.matchers[0]), map.goal.matcher], window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12,
    });
    expect(await rows.locator('[data-field=persons]').allTextContents()).toEqual(funnel.body.result.overall.steps.map((s) => s.persons.toLocaleString('en-US')));
  });

  it("picks a funnel's window and order, and lists the persons of that funnel", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    const rows = page.locator('[data-testid=funnel] tr[data-step]');
    await rows.first().waitFor({ timeout: 20_000 });
    await page.getByRole('combobox', { name: 'Window' }).selectOption('1');
    await page.getByRole('combobox', { name: 'Order' }).selectOption('strict');
    await page.waitForURL((url) => url.searchParams.get('window') === '1' && url.searchParams.get('order') === 'strict');
    expect(await page.locator('.analysis-body > p.muted').first().textContent()).toContain('each the very next event after the one before, within 1 day of the first');
    type Map = { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => (t.matchers.length === 1 ? t.matchers[0] : { anyOf: t.matchers }));
    const spec = { kind: 'funnel', steps, window: { value: 1, unit: 'day' }, order: 'strict', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12 };
    const strict = (await apiFromPage<{ result: { overall: { steps: { persons: number }[] } } }>(page, 'POST', '/api/projects/default/query', spec)).body.result;
    const ordered = (await apiFromPage<{ result: { overall: { steps: { persons: number }[] } } }>(page, 'POST', '/api/projects/default/query', { ...spec, window: { value: 30, unit: 'day' }, order: 'ordered' })).body.result;
    const persons = (r: typeof strict) => r.overall.steps.map((s) => s.persons.toLocaleString('en-US'));
    // Strictly next within a day is a different funnel from the page's default, so the page must have asked for it.
    expect(persons(strict)).not.toEqual(persons(ordered));
    await expect.poll(() => rows.locator('[data-field=persons]').allTextContents(), { timeout: 20_000 }).toEqual(persons(strict));

    // The persons who dropped at step 1 of this funnel, not of the default one.
    const dropped = (await apiFromPage<{ result: { persons: string[] } }>(page, 'POST', '/api/projects/default/query', { ...spec, personsAt: { step: 1, outcome: 'dropped' } })).body.result.persons;
    expect(dropped.length).toBeGreaterThan(0);
    await page.locator('tr[data-step="1"]').getByRole('button', { name: 'dropped' }).click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`${dropped.length.toLocaleString('en-US')} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(dropped.slice(0, 200));
  });

  it('runs a funnel through the whole journey, each stage reached through any event of its touchpoints', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    await page.getByLabel('Stage').selectOption({ label: 'The whole journey, stage by stage' });
    expect(new URL(page.url()).searchParams.get('stage')).toBe('$journey');
    const rows = page.locator('[data-testid=funnel] tr[data-step]');
    type Map = { stages: { id: string; name: string; touchpoints: { matchers: unknown[] }[] }[] };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const stages = map.stages.filter((s) => s.touchpoints.length > 0);
    await expect.poll(() => rows.locator('td:first-child').allTextContents(), { timeout: 20_000 }).toEqual(stages.map((s) => s.name));
    expect(await page.getByRole('heading', { name: 'Funnel of the journey' }).count()).toBe(1);
    const steps = stages.map((s) => ({ anyOf: s.touchpoints.flatMap((t) => t.matchers), name: s.name }));
    const funnel = await apiFromPage<{ result: { overall: { steps: { name: string; persons: number }[] } } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12,
    });
    expect(funnel.body.result.overall.steps.map((s) => s.name)).toEqual(stages.map((s) => s.name));
    expect(await rows.locator('[data-field=persons]').allTextContents()).toEqual(funnel.body.result.overall.steps.map((s) => s.persons.toLocaleString('en-US')));
    // A stage's entry points are alternatives (an ad, a search, a collection): any of them lets persons through to the next stage.
    expect(funnel.body.result.overall.steps[1]!.persons).toBeGreaterThan(0);

    // The nav's link names no stage: it opens this funnel.
    await page.getByRole('link', { name: 'Analyses' }).click();
    await page.getByRole('heading', { name: 'Funnel of the journey' }).waitFor({ timeout: 20_000 });
  });

  it("shows a touchpoint's trends, lifecycle, stickiness, retention and paths with the numbers of the query API", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    const asked = page.waitForRequest((r) => r.url().endsWith('/query') && r.postDataJSON()?.kind === 'trends');
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=product_page&range=30`);
    // The range ends with today: the page compares up to the time it asked at.
    const { asOf } = (await asked).postDataJSON() as { asOf?: string };
    const query = <T,>(spec: object) => queryOver<T>(range, spec);
    const matcher = { event: 'Product Viewed' };
    const count = (n: number) => n.toLocaleString('en-US');

    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    type Line = { total: number };
    const trends = await query<{ lines: Line[]; previous: { lines: Line[]; soFar?: { lines: Line[] } } }>({
      kind: 'trends', interval: 'day', compare: true, ...(asOf && { asOf }), series: [{ matcher, measure: 'persons' }, { matcher, measure: 'count' }],
    });
    expect(await page.locator('[data-testid=trends] [data-field=total]').allTextContents()).toEqual(trends.lines.map((l) => count(l.total)));
    expect(trends.lines[1]!.total).toBeGreaterThan(0);
    const before = (trends.previous.soFar ?? trends.previous).lines[1]!.total;
    if (before > 0) expect(await page.locator('[data-line="1"] [data-field=change]').textContent()).toContain(formatChange((trends.lines[1]!.total - before) / before));
    // A click in a day's column lists the persons of the line nearest it: at the top of the axis, the
    // events line (as high as the persons line, or higher; the period before has no events in the
    // demo's 30 days). Both lines count the same persons' events.
    const buckets = (await query<{ buckets: string[] }>({ kind: 'trends', interval: 'day', series: [{ matcher, measure: 'persons' }] })).buckets;
    const busiest = trends.lines[0]!.values.indexOf(Math.max(...(trends.lines[0]!.values as number[])));
    const onDay = await query<{ persons: string[] }>({ kind: 'trends', interval: 'day', series: [{ matcher, measure: 'count' }], personsAt: { series: 0, bucket: buckets[busiest]! } });
    expect(onDay.persons).toHaveLength(trends.lines[0]!.values[busiest] as number);
    await clickChartColumn(page.locator('[data-testid=trends] .chart'), { left: 56, right: 16, top: 40, bottom: 32 }, buckets.length, busiest, 'top');
    const onDayList = page.locator('[data-testid=persons-list]');
    await expect.poll(() => onDayList.locator('h3').textContent(), { timeout: 20_000 }).toContain(` on ${buckets[busiest]}: ${count(onDay.persons.length)} persons`);
    expect(await onDayList.locator('.person-links a').allTextContents()).toEqual(onDay.persons.slice(0, 200));

    // Over the last week, the dashed lines of the week before have persons too. At the bottom of a
    // day's column, the nearest line is the lowest: the persons line of the day a week before, where
    // it is lower than this week's.
    await page.goto(`${server.url}/p/default/map/${journey}?range=7`);
    const lastSeven = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=product_page&range=7`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const weekSpec = { kind: 'trends', interval: 'day', compare: true, series: [{ matcher, measure: 'persons' }, { matcher, measure: 'count' }] };
    const lastWeek = await queryOver<{ buckets: string[]; lines: { values: number[] }[]; previous: { buckets: string[]; lines: { values: number[] }[] } }>(lastSeven, weekSpec);
    const lowest = (c: number) => [...lastWeek.lines, ...lastWeek.previous.lines].map((l) => l.values[c]!).filter((v) => v > 0);
    const lowerDay = lastWeek.buckets.findIndex((_, c) => lastWeek.previous.lines[0]!.values[c]! > 0 && lastWeek.previous.lines[0]!.values[c]! < lastWeek.lines[0]!.values[c]! && Math.min(...lowest(c)) === lastWeek.previous.lines[0]!.values[c]);
    expect(lowerDay).toBeGreaterThanOrEqual(0);
    const dayBefore = lastWeek.previous.buckets[lowerDay]!;
    const weekBefore = await queryOver<{ persons: string[] }>(lastSeven, { ...weekSpec, personsAt: { series: 0, bucket: dayBefore, previous: true } });
    expect(weekBefore.persons).toHaveLength(lastWeek.previous.lines[0]!.values[lowerDay]!);
    await clickChartColumn(page.locator('[data-testid=trends] .chart'), { left: 56, right: 16, top: 40, bottom: 32 }, lastWeek.buckets.length, lowerDay, 'bottom');
    await expect.poll(() => onDayList.locator('h3').textContent(), { timeout: 20_000 }).toContain(`, the period before, on ${dayBefore}: ${count(weekBefore.persons.length)} persons`);
    expect(await onDayList.locator('.person-links a').allTextContents()).toEqual(weekBefore.persons.slice(0, 200));

    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=product_page&range=30`);
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.locator('[data-testid=lifecycle] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('kind')).toBe('lifecycle');
    type Period = { period: string; new: number; returning: number; resurrecting: number; dormant: number };
    const lifecycle = await query<{ periods: Period[] }>({ kind: 'lifecycle', matcher, interval: 'day' });
    const rows = page.locator('[data-testid=lifecycle] tr[data-period]');
    expect(await rows.count()).toBe(lifecycle.periods.length);
    for (const status of ['new', 'returning', 'resurrecting', 'dormant'] as const) {
      expect(await rows.locator(`[data-field=${status}]`).allTextContents()).toEqual(lifecycle.periods.map((p) => count(p[status])));
    }
    expect(lifecycle.periods.reduce((n, p) => n + p.new, 0)).toBeGreaterThan(0);
    // The persons behind a count: those resurrecting on a day.
    const day = lifecycle.periods.findIndex((p) => p.resurrecting > 0);
    expect(day).toBeGreaterThanOrEqual(0);
    const resurrecting = await query<{ persons: string[] }>({ kind: 'lifecycle', matcher, interval: 'day', personsAt: { period: lifecycle.periods[day]!.period, status: 'resurrecting' } });
    expect(resurrecting.persons).toHaveLength(lifecycle.periods[day]!.resurrecting);
    await rows.nth(day).locator('[data-field=resurrecting] button').click();
    const back = page.locator('[data-testid=persons-list]');
    await expect.poll(() => back.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Resurrecting on ${lifecycle.periods[day]!.period}: ${resurrecting.persons.length} persons`);
    expect(await back.locator('.person-links a').allTextContents()).toEqual(resurrecting.persons.slice(0, 200));
    // The bars list the same persons: below zero, a day's dormant; at the top of the axis, above
    // every stack, its topmost segment (resurrecting, on that day).
    const lifecycleChart = page.locator('[data-testid=lifecycle] .chart');
    const grid = { left: 56, right: 16, top: 40, bottom: 32 };
    const dormantDay = lifecycle.periods.findIndex((p) => p.dormant > 0);
    expect(dormantDay).toBeGreaterThanOrEqual(0);
    const dormant = await query<{ persons: string[] }>({ kind: 'lifecycle', matcher, interval: 'day', personsAt: { period: lifecycle.periods[dormantDay]!.period, status: 'dormant' } });
    await clickChartColumn(lifecycleChart, grid, lifecycle.periods.length, dormantDay, 'bottom');
    await expect.poll(() => back.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Dormant on ${lifecycle.periods[dormantDay]!.period}: ${dormant.persons.length} persons`);
    expect(await back.locator('.person-links a').allTextContents()).toEqual(dormant.persons.slice(0, 200));
    await clickChartColumn(lifecycleChart, grid, lifecycle.periods.length, day, 'top');
    await expect.poll(() => back.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Resurrecting on ${lifecycle.periods[day]!.period}: ${resurrecting.persons.length} persons`);

    await page.getByRole('tab', { name: 'Stickiness' }).click();
    await page.locator('[data-testid=stickiness] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const stickiness = await query<{ periods: { period: string; persons: number; days: number[] }[] }>({ kind: 'stickiness', matcher, interval: 'week' });
    const weeks = page.locator('[data-testid=stickiness] tr[data-period]');
    expect(await weeks.locator('[data-field=persons]').allTextContents()).toEqual(stickiness.periods.map((p) => count(p.persons)));
    expect(await weeks.locator('[data-field=days-1]').allTextContents()).toEqual(stickiness.periods.map((p) => count(p.days[0]!)));
    // The persons behind a count: those active on exactly two days of a week.
    const week = stickiness.periods.findIndex((p) => (p.days[1] ?? 0) > 0);
    expect(week).toBeGreaterThanOrEqual(0);
    const twoDays = await query<{ persons: string[] }>({ kind: 'stickiness', matcher, interval: 'week', personsAt: { period: stickiness.periods[week]!.period, days: 2 } });
    expect(twoDays.persons).toHaveLength(stickiness.periods[week]!.days[1]!);
    await weeks.nth(week).locator('[data-field=days-2] button').click();
    const active = page.locator('[data-testid=persons-list]');
    await expect.poll(() => active.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Active on 2 days of the week of ${stickiness.periods[week]!.period}: ${twoDays.persons.length} persons`);
    expect(await active.locator('.person-links a').allTextContents()).toEqual(twoDays.persons.slice(0, 200));
    // Each bar stacks the weeks, the earliest at the bottom: the bottom of a bar lists the first week with anyone in it.
    const stickinessChart = page.locator('[data-testid=stickiness] .chart');
    const columns = (await stickinessChart.getAttribute('aria-label'))!.split(':')[1]!.split(',').length;
    const stickinessGrid = { left: 56, right: 16, top: 24, bottom: 40 };
    const oneDayWeek = stickiness.periods.find((p) => (p.days[0] ?? 0) > 0)!;
    const oneDay = await query<{ persons: string[] }>({ kind: 'stickiness', matcher, interval: 'week', personsAt: { period: oneDayWeek.period, days: 1 } });
    await clickChartColumn(stickinessChart, stickinessGrid, columns, 0, 'bottom');
    await expect.poll(() => active.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Active on 1 day of the week of ${oneDayWeek.period}: ${oneDay.persons.length} persons`);
    expect(await active.locator('.person-links a').allTextContents()).toEqual(oneDay.persons.slice(0, 200));
    // Above every stack, its topmost part: the last week charted (the chart leaves out a week not over yet).
    const note = await page.locator('[data-testid=stickiness] [data-testid=open-periods]').allTextContents();
    const charted = note.length === 0 ? stickiness.periods.length : Number(/sums the (\d+) weeks/.exec(note[0]!)?.[1] ?? 1);
    const lastChartedWeek = stickiness.periods.slice(0, charted).findLast((p) => (p.days[0] ?? 0) > 0)!;
    expect(lastChartedWeek.period).not.toBe(oneDayWeek.period);
    const lastOneDay = await query<{ persons: string[] }>({ kind: 'stickiness', matcher, interval: 'week', personsAt: { period: lastChartedWeek.period, days: 1 } });
    await clickChartColumn(stickinessChart, stickinessGrid, columns, 0, 'top');
    await expect.poll(() => active.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Active on 1 day of the week of ${lastChartedWeek.period}: ${lastOneDay.persons.length} persons`);

    await page.getByRole('tab', { name: 'Retention' }).click();
    await page.locator('[data-testid=retention] tr[data-cohort]').first().waitFor({ timeout: 20_000 });
    type Map = { stages: { touchpoints: { matchers: { event: string }[] }[] }[]; goal: { matcher: { event: string } } };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const retention = await query<{ cohorts: { cohort: string; size: number; returned: number[] }[] }>({ kind: 'retention', cohortEvent: matcher, returnEvent: map.goal.matcher, interval: 'week', periods: 8 });
    const cohorts = page.locator('[data-testid=retention] tr[data-cohort]');
    expect(await cohorts.locator('[data-field=size]').allTextContents()).toEqual(retention.cohorts.map((c) => c.size.toLocaleString('en-US')));
    expect(retention.cohorts.reduce((n, c) => n + c.size, 0)).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Paths' }).click();
    await page.locator('[data-testid=paths] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    // The events of the map, as the page follows paths through them.
    const events = [...new Set([...map.stages.flatMap((s) => s.touchpoints.flatMap((t) => t.matchers.map((m) => m.event))), map.goal.matcher.event])].sort();
    const pathsSpec = { kind: 'paths', anchor: matcher, direction: 'after', steps: 4, topEdges: 8, scope: 'person', include: events };
    const paths = await query<{ total: number; reached: number[]; nodes: { id: string; step: number; label: string; count: number }[]; links: { source: string; target: string; count: number }[] }>(pathsSpec);
    expect(paths.total).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=paths] [data-field=reached]').textContent()).toBe(`${count(paths.total)} persons; reached each step: ${paths.reached.map(count).join(' → ')}`);
    // Each step's nodes with their persons, as the API's; a node lists its persons.
    const nodes = page.locator('[data-testid=path-steps] li[data-node]');
    expect(await nodes.evaluateAll((items) => items.map((li) => li.getAttribute('data-node')))).toEqual(paths.nodes.map((n) => n.id));
    expect(await nodes.locator('button').allTextContents()).toEqual(paths.nodes.map((n) => count(n.count)));
    const node = paths.nodes.find((n) => n.step === 2 && n.label !== '$other')!;
    const atNode = await query<{ persons: string[] }>({ ...pathsSpec, personsAt: { step: 2, label: node.label } });
    expect(atNode.persons).toHaveLength(node.count);
    await page.locator(`[data-testid=path-steps] li[data-node="${node.id}"] button`).click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`“${node.label}”, 2 steps after: ${atNode.persons.length} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(atNode.persons.slice(0, 200));
    // The Sankey's nodes too: its first column is the event alone, drawn across its middle.
    const anchor = await query<{ persons: string[] }>({ ...pathsSpec, personsAt: { step: 0, label: matcher.event } });
    expect(anchor.persons).toHaveLength(paths.total);
    await page.locator('[data-testid=paths] .chart').click({ position: { x: 18, y: 210 } });
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`“${matcher.event}”, the event: ${count(paths.total)} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(anchor.persons.slice(0, 200));
    // A link into step 2, where a node has links from several nodes: its persons are only those along
    // it. Found by hovering just right of step 1's nodes, where the tooltip names the link under the pointer.
    const sankey = page.locator('[data-testid=paths] .chart');
    const width = (await sankey.boundingBox())!.width;
    // The Sankey's columns: 8 px from the left, 220 px for labels on the right, nodes 20 px wide.
    const x = 8 + (width - 8 - 220 - 20) / 4 + 20 + 15;
    const nodeCount = (id: string) => paths.nodes.find((n) => n.id === id)!.count;
    let found: { y: number; link: (typeof paths.links)[number] } | undefined;
    for (let y = 20; y < 410 && !found; y += 10) {
      await sankey.hover({ position: { x, y } });
      const tip = await sankey.evaluate((el) => [...el.querySelectorAll('div')].map((d) => d.textContent ?? '').find((t) => t.includes(' -- ')) ?? '');
      const link = paths.links.find((l) => tip.startsWith(`${l.source} -- ${l.target}`) && l.count < nodeCount(l.target) && !l.source.endsWith(':$other'));
      if (link) found = { y, link };
    }
    expect(found).toBeDefined();
    const { link } = found!;
    const [from, to] = [link.source.slice(2), link.target.slice(2)];
    const alongLink = await query<{ persons: string[] }>({ ...pathsSpec, personsAt: { step: 2, label: to, from } });
    expect(alongLink.persons).toHaveLength(link.count);
    await sankey.click({ position: { x, y: found!.y } });
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`“${to === '$other' ? 'Other' : to}”, 2 steps after, from “${from}”: ${count(link.count)} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(alongLink.persons.slice(0, 200));

    // Nothing of the map comes before an ad's landing page, where the demo's customers start: no
    // Sankey of the event alone, but a note, and only the event's column.
    const askedBefore = page.waitForRequest((r) => r.url().endsWith('/query') && r.postDataJSON()?.kind === 'paths' && r.postDataJSON()?.direction === 'before');
    await page.goto(`${server.url}/p/default/analyses?kind=paths&journey=${journey}&touchpoint=ad_landing&direction=before&range=30`);
    const landing = (await apiFromPage<{ result: { total: number; links: unknown[] } }>(page, 'POST', '/api/projects/default/query', (await askedBefore).postDataJSON())).body.result;
    expect([landing.total > 0, landing.links]).toEqual([true, []]);
    await expect.poll(() => page.locator('[data-testid=paths] [data-field=no-steps]').textContent(), { timeout: 20_000 }).toBe('Nothing came before the event in the range, among the events followed.');
    expect(await page.locator('[data-testid=paths] .chart').count()).toBe(0);
    expect(await page.locator('[data-testid=path-steps] [data-step]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step')))).toEqual(['0']);
  });

  it('shades the periods not over yet, and leaves the retention cells of weeks not begun blank', async () => {
    const timeZone = (await apiFromPage<{ projects: { slug: string; timeZone: string }[] }>(page, 'GET', '/api/auth/me')).body.projects.find((p) => p.slug === 'default')!.timeZone;
    const now = Date.now();
    const analysis = `${server.url}/p/default/analyses?journey=${journey}&touchpoint=product_page`;
    const note = (testid: string) => page.locator(`[data-testid=${testid}] [data-testid=open-periods]`);

    /**
     * The top of a chart's grid (56 px in from the left, 16 from the right, 40 down) in the middle
     * of a column: shaded, grey at 16 %, over the last column; nothing drawn (the canvas is
     * transparent) over `clear`, a column that is over, chosen where the chart draws lowest.
     */
    const expectLastShaded = async (testid: string, columns: number, clear: number) => {
      const chart = page.locator(`[data-testid=${testid}] .chart[data-rendered=true]`);
      const width = (await chart.boundingBox())!.width;
      const pixel = (column: number) =>
        chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement, [x, y]) => [...canvas.getContext('2d')!.getImageData(x!, y!, 1, 1).data], [Math.round(56 + ((column + 0.5) * (width - 56 - 16)) / columns), 43]);
      expect(await pixel(clear)).toEqual([0, 0, 0, 0]);
      const [r, g, b, a] = await pixel(columns - 1);
      [r, g, b].forEach((channel, i) => expect(Math.abs(channel! - [134, 142, 150][i]!)).toBeLessThanOrEqual(3));
      expect(Math.abs(a! - 0.16 * 255)).toBeLessThanOrEqual(2);
    };
    const lowestBefore = (heights: readonly number[]) => heights.slice(0, -1).reduce((low, h, i) => (h < heights[low]! ? i : low), 0);

    // The last 30 days end with today, which is not over: shaded, and said under the chart.
    await page.goto(`${analysis}&kind=trends&range=30`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const matcher = { event: 'Product Viewed' };
    type Lines = { values: (number | null)[] }[];
    const trends = await queryOver<{ buckets: string[]; lines: Lines; previous: { lines: Lines } }>(presetRange(30, timeZone, now), {
      kind: 'trends', interval: 'day', compare: true, series: [{ matcher, measure: 'persons' }, { matcher, measure: 'count' }],
    });
    expect(trends.buckets.at(-1)).toBe(bucketOf(now, 'day', timeZone));
    expect(await note('trends').textContent()).toBe(' The shaded day is not over yet: its numbers can still grow.');
    const drawn = [...trends.lines, ...trends.previous.lines];
    await expectLastShaded('trends', trends.buckets.length, lowestBefore(trends.buckets.map((_, c) => Math.max(...drawn.map((l) => l.values[c] ?? 0)))));
    // Two weeks in the past: every day is over, nothing is shaded.
    const past = (n: number) => new Date(now - n * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${analysis}&kind=trends&from=${past(20)}&to=${past(7)}`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(await note('trends').count()).toBe(0);
    // Its change against the two weeks before is whole; that of the last 7 days, like for like:
    // against the 7 days before up to the same point, the time the page asked at.
    const change = page.locator('[data-testid=trends] [data-line="1"] [data-field=change]');
    expect(await change.textContent()).toMatch(/^ \(([+−±][\d.]+%|×[\d,]+)\)$/);
    const asked = page.waitForRequest((r) => r.url().endsWith('/query') && r.postDataJSON()?.kind === 'trends');
    await page.goto(`${analysis}&kind=trends&range=7`);
    const live = (await asked).postDataJSON() as { asOf: string; from: string; to: string };
    expect(Date.parse(live.asOf)).toBeGreaterThan(Date.parse(live.from));
    expect(Date.parse(live.asOf)).toBeLessThanOrEqual(Date.now());
    const week = await queryOver<{ lines: { total: number }[]; previous: { lines: { total: number }[]; soFar: { lines: { total: number }[] } } }>(live, {
      kind: 'trends', interval: 'day', compare: true, asOf: live.asOf, series: [{ matcher, measure: 'persons' }, { matcher, measure: 'count' }],
    });
    const [events, sameSpan, whole] = [week.lines[1]!.total, week.previous.soFar.lines[1]!.total, week.previous.lines[1]!.total];
    expect(sameSpan).toBeLessThanOrEqual(whole);
    await change.waitFor({ timeout: 20_000 });
    expect(await change.textContent()).toBe(` (${formatChange((events - sameSpan) / sameSpan)} like for like)`);
    expect(await change.getAttribute('title')).toMatch(new RegExp(`^period before, up to the same point \\(.+\\): ${sameSpan.toLocaleString('en-US')}; all of it: ${whole.toLocaleString('en-US')}$`));
    // The chart marks that point in the day it cuts short, and says so.
    expect(await page.locator('[data-testid=trends] p.muted').first().textContent()).toMatch(/A ring: the period before up to the same point \(.+\)\.$/);

    // The lifecycle's bars too.
    await page.goto(`${analysis}&kind=lifecycle&range=30`);
    await page.locator('[data-testid=lifecycle] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    type Period = { period: string; new: number; returning: number; resurrecting: number };
    const periods = (await queryOver<{ periods: Period[] }>(presetRange(30, timeZone, now), { kind: 'lifecycle', matcher, interval: 'day' })).periods;
    expect(periods.at(-1)!.period).toBe(bucketOf(now, 'day', timeZone));
    await expectLastShaded('lifecycle', periods.length, lowestBefore(periods.map((p) => p.new + p.returning + p.resurrecting)));
    expect(await note('lifecycle').textContent()).toBe(' The shaded day is not over yet: its numbers can still grow.');
    expect(await page.locator('[data-testid=lifecycle] tr[data-period]').last().locator('td').first().textContent()).toBe(`${periods.at(-1)!.period} so far`);

    // Stickiness by week: this week's persons have had fewer days to come back, so the chart sums
    // the weeks before it only.
    await page.goto(`${analysis}&kind=stickiness&range=30`);
    const stickinessChart = page.locator('[data-testid=stickiness] .chart[data-rendered=true]');
    await stickinessChart.waitFor({ timeout: 20_000 });
    const weeks = (await queryOver<{ periods: { period: string; days: number[] }[] }>(presetRange(30, timeZone, now), { kind: 'stickiness', matcher, interval: 'week' })).periods;
    expect(weeks.at(-1)!.period).toBe(bucketOf(now, 'week', timeZone));
    const sums = weeks[0]!.days.map((_, i) => weeks.slice(0, -1).reduce((n, w) => n + w.days[i]!, 0));
    expect(await stickinessChart.getAttribute('aria-label')).toBe(`Persons by days active in a week: ${sums.slice(0, sums.findLastIndex((n) => n > 0) + 1).join(', ')}`);
    expect(await note('stickiness').textContent()).toBe(`The chart sums the ${weeks.length - 1} weeks that are over; the table also has this week, so far.`);

    // Retention by week: this week's cohort can only be back in its own week, so far; the week
    // before's, in this week so far. Cells of weeks to come are blank.
    await page.goto(`${analysis}&kind=retention&range=30`);
    const rows = page.locator('[data-testid=retention] tr[data-cohort]');
    await rows.first().waitFor({ timeout: 20_000 });
    const goal = (await apiFromPage<{ map: { goal: { matcher: object } } }>(page, 'GET', journeyUrl())).body.map.goal.matcher;
    const retention = { kind: 'retention', cohortEvent: matcher, returnEvent: goal, interval: 'week', periods: 8 };
    const cohorts = (await queryOver<{ cohorts: { cohort: string; size: number; returned: number[] }[] }>(presetRange(30, timeZone, now), retention)).cohorts;
    const thisWeek = bucketOf(now, 'week', timeZone);
    expect(cohorts.at(-1)!.cohort).toBe(thisWeek);
    const states = (row: number) => rows.nth(row).locator('[data-field^=returned-]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(await states(cohorts.length - 1)).toEqual(['current', ...Array(8).fill('future')]);
    expect(await states(cohorts.length - 2)).toEqual(['over', 'current', ...Array(7).fill('future')]);
    expect(await rows.last().locator('[data-state=future]').allTextContents()).toEqual(Array(8).fill(''));
    expect(await rows.last().locator('[data-field=returned-1]').getAttribute('title')).toBe(`the week of ${bucketOf(now + 7 * 86_400_000, 'week', timeZone)} has not begun`);
    const lastWeek = cohorts.at(-2)!;
    expect(await rows.nth(cohorts.length - 2).locator('[data-field=returned-1]').getAttribute('title')).toBe(`${lastWeek.returned[1]} of ${lastWeek.size} so far: the week of ${thisWeek} is not over`);
    expect(await rows.last().locator('td').first().textContent()).toBe(`${thisWeek} so far`);
    expect(await note('retention').count()).toBe(1);
    // The curve above: for each week after the cohort's, the share back among the persons of the
    // cohorts that have lived through that week (this week's is not over, so it is no one's yet).
    const livedThrough = (cohort: string, k: number) => Date.parse(`${cohort}T00:00:00Z`) + (k + 1) * 7 * 86_400_000 <= Date.parse(`${thisWeek}T00:00:00Z`);
    const curve: number[] = [];
    for (let k = 0; k <= 8; k++) {
      const lived = cohorts.filter((c) => c.size > 0 && livedThrough(c.cohort, k));
      if (lived.length === 0) break;
      curve.push(lived.reduce((n, c) => n + c.returned[k]!, 0) / lived.reduce((n, c) => n + c.size, 0));
    }
    expect(curve.length).toBeGreaterThan(1);
    const curveChart = page.locator('[data-testid=retention] .chart[data-rendered=true]');
    expect(await curveChart.getAttribute('aria-label')).toBe(`Retention curve: ${curve.map((share) => `${(share * 100).toFixed(1)}%`).join(', ')}`);
    // Its CSV leaves blank the same cells (and those of cohorts without persons), not 0%.
    const csv = await downloadCsv(page.getByRole('button', { name: 'Download CSV' }));
    const blank = await Promise.all(cohorts.map(async (c, i) => (await states(i)).map((state) => c.size === 0 || state === 'future')));
    expect(csv.lines.slice(1).map((line) => line.split(',').slice(2).map((cell) => cell === ''))).toEqual(blank);

    // Conversion over time: a period is settled once its last entrant's window is over. With a
    // one-day window, yesterday and today are not; with 30 days, none of the last 30 days is.
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&window=1`);
    await page.getByRole('heading', { name: 'Conversion over time' }).waitFor({ timeout: 20_000 });
    expect(await note('funnel').textContent()).toBe(' The shaded days are within a day of now: some who entered then can still convert.');
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&window=30`);
    await page.getByRole('heading', { name: 'Conversion over time' }).waitFor({ timeout: 20_000 });
    expect(await note('funnel').textContent()).toBe(' The shaded days are within 30 days of now: some who entered then can still convert.');
  });

  it('shades and says the first and last weeks of a trend that the range counts only in part', async () => {
    // From a Thursday to the Wednesday three weeks on, both days counted: the range begins and ends inside a week.
    const DAY = 86_400_000;
    const today = Date.now() - (Date.now() % DAY);
    const thursday = today - 35 * DAY - ((((new Date(today).getUTCDay() - 4) % 7) + 7) % 7) * DAY;
    const wednesday = thursday + 20 * DAY;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await page.goto(`${server.url}/p/default/analyses?journey=${journey}&touchpoint=product_page&kind=trends&interval=week&from=${day(thursday)}&to=${day(wednesday)}`);
    const chart = page.locator('[data-testid=trends] .chart[data-rendered=true]');
    await chart.waitFor({ timeout: 20_000 });
    const weeks = (await queryOver<{ buckets: string[] }>({ from: new Date(thursday).toISOString(), to: new Date(wednesday + DAY).toISOString() }, { kind: 'trends', interval: 'week', series: [{ matcher: { event: 'Product Viewed' }, measure: 'count' }] })).buckets;
    expect(weeks).toEqual([0, 7, 14, 21].map((d) => day(thursday - 3 * DAY + d * DAY)));
    const shortDay = (ms: number) => `${new Date(ms).getUTCDate()} ${new Date(ms).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
    expect(await page.locator('[data-testid=trends] [data-testid=cut-period]').allTextContents()).toEqual([
      ` The first week, shaded, counts only from ${shortDay(thursday)}, where the range begins.`,
      ` The last week, shaded, counts only up to ${shortDay(wednesday)}, where the range ends.`,
    ]);
    // The chart shades those two columns (grey at 16 % at the top of the grid, 56 px in from the left, 16 from the right, 40 down), not the two between.
    const width = (await chart.boundingBox())!.width;
    const alpha = (column: number) =>
      chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement, [x, y]) => canvas.getContext('2d')!.getImageData(x!, y!, 1, 1).data[3]!, [Math.round(56 + ((column + 0.5) * (width - 56 - 16)) / 4), 43]);
    const shaded = await Promise.all([0, 1, 2, 3].map(async (column) => Math.abs((await alpha(column)) - 0.16 * 255) <= 2));
    expect(shaded).toEqual([true, false, false, true]);
    // Lifecycle counts the whole weeks the range overlaps: nothing is cut there.
    await page.goto(`${server.url}/p/default/analyses?journey=${journey}&touchpoint=product_page&kind=lifecycle&interval=week&from=${day(thursday)}&to=${day(wednesday)}`);
    await page.locator('[data-testid=lifecycle] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=lifecycle] tr[data-period]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-period')))).toEqual(weeks);
    expect(await page.locator('[data-testid=cut-period]').count()).toBe(0);
  });

  it("measures a property of a touchpoint's events per week split by another; splits a funnel by a property of its first step, holds one constant and excludes an event", async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=product_page&range=30`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    // The pickers offer the events' properties, numeric ones to measure.
    await page.getByLabel('Measure').selectOption('avg');
    await page.getByLabel('Property').selectOption('price');
    await page.getByLabel('Interval').selectOption('week');
    await page.getByLabel('Split by').selectOption('property:category');
    await page.waitForURL((url) => url.searchParams.get('breakdown') === 'property:category' && url.searchParams.get('interval') === 'week' && url.searchParams.get('measure') === 'avg:price');
    const matcher = { event: 'Product Viewed' };
    const spec = { kind: 'trends', interval: 'week', compare: true, series: [{ matcher, measure: 'avg', property: 'price' }], breakdown: { property: 'category' } };
    type Line = { breakdown: string | null; total: number | null; values: (number | null)[] };
    const trends = await queryOver<{ buckets: string[]; lines: Line[] }>(range, spec);
    expect(trends.lines.length).toBeGreaterThan(1);
    const totals = page.locator('[data-testid=trends] [data-field=total]');
    await expect.poll(() => totals.allTextContents(), { timeout: 20_000 }).toEqual(trends.lines.map((l) => formatCount(l.total)));
    expect(await page.locator('[data-testid=trends] li[data-line]').allTextContents()).toEqual(trends.lines.map((l) => expect.stringContaining(`Product page: average price · ${l.breakdown ?? 'none'}: `)));
    expect(await page.locator('.analysis-body > p.muted').first().textContent()).toContain('The average of “price” over “Product Viewed”, per “category”');
    // A line's persons: those who viewed a product of that category in the range.
    const line = trends.lines[0]!;
    const persons = await queryOver<{ persons: string[] }>(range, { ...spec, personsAt: { series: 0, breakdown: line.breakdown } });
    expect(persons.persons.length).toBeGreaterThan(0);
    await totals.first().locator('button').click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`: ${formatCount(persons.persons.length)} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(persons.persons.slice(0, 200));

    // Split by a property with a value per page load (its load time): lines for the 25 values with the most events, and a note of the rest.
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=ad_landing&range=30&breakdown=property:load_time_ms`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const landing = { anyOf: [{ event: '$page', where: [{ property: 'referrer', op: 'in', value: ['https://www.google.com/', 'https://l.instagram.com/'] }] }] };
    // Compared, as the page asks: the values counted are those of both periods.
    const loads = await queryOver<{ lines: Line[]; breakdownValues: number }>(range, { kind: 'trends', interval: 'day', compare: true, series: [{ matcher: landing, measure: 'count' }], breakdown: { property: 'load_time_ms' } });
    expect(new Set(loads.lines.map((l) => l.breakdown)).size).toBe(25);
    expect(loads.breakdownValues).toBeGreaterThan(25);
    const leftOutNote = page.locator('[data-testid=values-left-out]');
    const shownNote = (shown: number, total: number, next: number) =>
      ` Shown: the ${formatCount(shown)} values with the most events; ${formatCount(total - shown)} more are left out. Show ${formatCount(Math.min(next, total))}`;
    await expect.poll(() => leftOutNote.textContent(), { timeout: 20_000 }).toBe(shownNote(25, loads.breakdownValues, 100));
    expect(await page.locator('[data-testid=trends] li[data-line]').count()).toBe(50);
    // Asking for more: the 100 values with the most events, in the address too.
    await leftOutNote.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('values') === '100');
    await expect.poll(() => page.locator('[data-testid=trends] li[data-line]').count(), { timeout: 20_000 }).toBe(2 * Math.min(100, loads.breakdownValues));
    if (loads.breakdownValues > 100) expect(await leftOutNote.textContent()).toBe(shownNote(100, loads.breakdownValues, 1000));

    // A funnel split by a property of its first step (checkout started): one row per value, as the API's.
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    await page.locator('[data-testid=funnel] .chart[data-rendered=true]').first().waitFor({ timeout: 20_000 });
    await page.getByLabel('Split by').selectOption('property:currency');
    const split = page.locator('[data-testid=funnel-breakdown]');
    await split.locator('.chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'By “currency” of the first step' }).count()).toBe(1);
    const map = (await apiFromPage<{ map: { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] } }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => t.matchers[0]);
    type Group = { value: string | null; steps: { persons: number }[] };
    const funnel = await queryOver<{ breakdown: Group[] }>(range, { kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', breakdown: { property: 'currency' } });
    expect(funnel.breakdown.map((g) => g.value)).toContain('USD');
    expect(await split.locator('tr[data-breakdown]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-breakdown')))).toEqual(funnel.breakdown.map((g) => g.value ?? '(none)'));
    expect(await split.locator('[data-field=entered]').allTextContents()).toEqual(funnel.breakdown.map((g) => formatCount(g.steps[0]!.persons)));
    await split.locator('tr[data-breakdown="USD"] [data-field=entered] button').click();
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain('with “currency” USD:');
    // Split by a value each checkout has its own: the 25 groups with the most persons, and a note of the rest.
    await page.getByLabel('Split by').selectOption('property:checkout_id');
    const byCheckout = await queryOver<{ breakdown: Group[]; breakdownValues: number }>(range, { kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', breakdown: { property: 'checkout_id' } });
    expect([byCheckout.breakdown.length, byCheckout.breakdownValues > 25]).toEqual([25, true]);
    await expect.poll(() => split.locator('[data-testid=values-left-out]').textContent(), { timeout: 20_000 }).toBe(
      ` Shown: the 25 values with the most persons; ${formatCount(byCheckout.breakdownValues - 25)} more are left out. Show ${formatCount(Math.min(100, byCheckout.breakdownValues))}`,
    );
    expect(await split.locator('tr[data-breakdown]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-breakdown')))).toEqual(byCheckout.breakdown.map((g) => g.value ?? '(none)'));

    // Holding a property constant, in the stage's first three steps: "checkout_id" is on every
    // step, and the demo's customers finish the checkout they start, so it keeps every person;
    // "currency" is on the first step only, so nobody reaches the second with the same.
    const touchpoints = map.stages.find((s) => s.id === 'purchase')!.touchpoints as unknown as { id: string }[];
    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30&skip=${touchpoints.slice(3).map((t) => t.id).join(',')}`);
    const three = { kind: 'funnel', steps: steps.slice(0, 3), window: { value: 30, unit: 'day' }, order: 'ordered' };
    const stepPersons = page.locator('[data-testid=funnel] td[data-field=persons]');
    for (const hold of ['currency', 'checkout_id']) {
      await page.getByLabel('Hold constant').selectOption(hold);
      await page.waitForURL((url) => url.searchParams.get('hold') === hold);
      const held = await queryOver<{ overall: Group }>(range, { ...three, holdConstant: [hold] });
      await expect.poll(() => stepPersons.allTextContents(), { timeout: 20_000 }).toEqual(held.overall.steps.map((st) => formatCount(st.persons)));
      expect(held.overall.steps[1]!.persons > 0).toBe(hold === 'checkout_id');
      expect(await page.locator('.analysis-body > p.muted').first().textContent()).toContain(`each with the same “${hold}” as the first`);
    }
    // Excluding an event every checkout has between its first step and its third: the attempts
    // that reached the third are void, as the API counts them.
    await page.getByLabel('Hold constant').selectOption('');
    await page.getByLabel('Excluding').selectOption('Checkout Step Completed');
    await page.waitForURL((url) => url.searchParams.get('exclude') === 'Checkout Step Completed' && !url.searchParams.has('hold'));
    const excluded = await queryOver<{ overall: Group }>(range, { ...three, exclusions: [{ matcher: { event: 'Checkout Step Completed' }, afterStep: 0, beforeStep: 2 }] });
    const all = await queryOver<{ overall: Group }>(range, three);
    expect(excluded.overall.steps[2]!.persons).toBeLessThan(all.overall.steps[2]!.persons);
    await expect.poll(() => stepPersons.allTextContents(), { timeout: 20_000 }).toEqual(excluded.overall.steps.map((st) => formatCount(st.persons)));
    expect(await page.locator('.analysis-body > p.muted').first().textContent()).toContain('not counted when “Checkout Step Completed” came between the first step and the last');
  });

  it('follows paths over more steps within each session, and counts lifecycle and stickiness in the periods picked', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    const matcher = { event: 'Product Viewed' };
    await page.goto(`${server.url}/p/default/analyses?kind=paths&journey=${journey}&touchpoint=product_page&range=30`);
    await page.locator('[data-testid=paths] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    await page.getByLabel('Steps').selectOption('6');
    await page.getByLabel('Paths within').selectOption('session');
    await page.waitForURL((url) => url.searchParams.get('steps') === '6' && url.searchParams.get('within') === 'session');
    type Map = { stages: { touchpoints: { matchers: { event: string }[] }[] }[]; goal: { matcher: { event: string } } };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const include = [...new Set([...map.stages.flatMap((s) => s.touchpoints.flatMap((t) => t.matchers.map((m) => m.event))), map.goal.matcher.event])].sort();
    const paths = await queryOver<{ total: number; reached: number[] }>(range, { kind: 'paths', anchor: matcher, direction: 'after', steps: 6, topEdges: 8, scope: 'session', include });
    expect(paths.reached).toHaveLength(7);
    await expect.poll(() => page.locator('[data-testid=paths] [data-field=reached]').textContent(), { timeout: 20_000 }).toBe(`${paths.total} sessions; reached each step: ${paths.reached.join(' → ')}`);

    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.locator('[data-testid=lifecycle] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    await page.getByLabel('Interval').selectOption('week');
    await page.waitForURL((url) => url.searchParams.get('interval') === 'week');
    const lifecycle = await queryOver<{ periods: { period: string; new: number }[] }>(range, { kind: 'lifecycle', matcher, interval: 'week' });
    const rows = page.locator('[data-testid=lifecycle] tr[data-period]');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-period'))), { timeout: 20_000 }).toEqual(lifecycle.periods.map((p) => p.period));
    expect(await rows.locator('[data-field=new]').allTextContents()).toEqual(lifecycle.periods.map((p) => formatCount(p.new)));
    // Stickiness takes the week along; a month is days active in a month.
    await page.getByRole('tab', { name: 'Stickiness' }).click();
    await page.getByLabel('Interval').selectOption('month');
    await page.waitForURL((url) => url.searchParams.get('interval') === 'month');
    const monthly = await queryOver<{ periods: { period: string; persons: number }[] }>(range, { kind: 'stickiness', matcher, interval: 'month' });
    const months = page.locator('[data-testid=stickiness] tr[data-period]');
    await expect.poll(() => months.locator('[data-field=persons]').allTextContents(), { timeout: 20_000 }).toEqual(monthly.periods.map((p) => formatCount(p.persons)));
    expect(await page.locator('[data-testid=stickiness] th').first().textContent()).toBe('Month');
  });

  it('asks about a touchpoint of several events through any of them', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=fulfilment&range=30`);
    const query = <T,>(spec: object) => queryOver<T>(range, spec);
    type Map = { stages: { touchpoints: { id: string; name: string; matchers: { event: string }[] }[] }[]; goal: { matcher: { event: string } } };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const fulfilment = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'fulfilment')!;
    expect(fulfilment.matchers.length).toBeGreaterThan(1);
    const events = { anyOf: fulfilment.matchers, name: fulfilment.name };
    const count = (n: number) => n.toLocaleString('en-US');

    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const trends = await query<{ lines: { total: number }[] }>({
      kind: 'trends', interval: 'day', compare: true,
      series: [{ matcher: events, measure: 'persons' }, { matcher: events, measure: 'count' }, ...fulfilment.matchers.map((matcher) => ({ matcher, measure: 'count' }))],
    });
    expect(await page.locator('[data-testid=trends] [data-field=total]').allTextContents()).toEqual(trends.lines.map((l) => count(l.total)));
    // The touchpoint's events are each of its events together: more than its first alone.
    const [, all, ...each] = trends.lines.map((l) => l.total);
    expect(all).toBe(each.reduce((a, b) => a + b, 0));
    expect(all).toBeGreaterThan(each[0]!);

    // Split by channel: the touchpoint's persons and events per channel, each line named by its channel.
    await page.getByLabel('Split by').selectOption('channel');
    await page.waitForURL((url) => url.searchParams.get('breakdown') === 'channel');
    type SplitLine = { series: number; breakdown: string | null; total: number };
    const split = await query<{ lines: SplitLine[] }>({ kind: 'trends', interval: 'day', compare: true, breakdown: { property: '$channel' }, series: [{ matcher: events, measure: 'persons' }, { matcher: events, measure: 'count' }] });
    const names = split.lines.map((l) => `${fulfilment.name}: ${l.series === 0 ? 'persons' : 'events'} · ${l.breakdown ?? 'none'}`);
    await expect.poll(() => page.locator('[data-testid=trends] li[data-line]').allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringContaining(names[0]!)]));
    const items = page.locator('[data-testid=trends] li[data-line]');
    expect(await items.count()).toBe(split.lines.length);
    for (const [i, line] of split.lines.entries()) {
      expect(await items.nth(i).textContent()).toContain(`${names[i]}: ${count(line.total)}`);
    }
    // Per channel, the events add up to the touchpoint's.
    expect(split.lines.filter((l) => l.series === 1).reduce((n, l) => n + l.total, 0)).toBe(all);
    // The persons behind a channel's persons line: as many as it counts, the API's.
    const channel = split.lines.findIndex((l) => l.series === 0 && l.total > 0);
    const behind = await query<{ persons: string[] }>({ kind: 'trends', interval: 'day', breakdown: { property: '$channel' }, series: [{ matcher: events, measure: 'persons' }], personsAt: { series: 0, breakdown: split.lines[channel]!.breakdown } });
    expect(behind.persons).toHaveLength(split.lines[channel]!.total);
    await items.nth(channel).locator('[data-field=total] button').click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`Behind “${names[channel]}”: ${behind.persons.length} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(behind.persons.slice(0, 200));

    await page.getByRole('tab', { name: 'Retention' }).click();
    await page.locator('[data-testid=retention] tr[data-cohort]').first().waitFor({ timeout: 20_000 });
    const retention = await query<{ cohorts: { size: number }[] }>({ kind: 'retention', cohortEvent: events, returnEvent: map.goal.matcher, interval: 'week', periods: 8 });
    expect(await page.locator('[data-testid=retention] tr[data-cohort] [data-field=size]').allTextContents()).toEqual(retention.cohorts.map((c) => c.size.toLocaleString('en-US')));
    expect(await page.locator('.analysis-body > p.muted').first().textContent()).toContain(fulfilment.matchers.map((m) => `“${m.event}”`).join(' or '));
  });

  it('follows paths leading to a touchpoint, and retention coming back to it', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    await page.goto(`${server.url}/p/default/analyses?kind=paths&journey=${journey}&touchpoint=cart&range=30`);
    const query = <T,>(spec: object) => queryOver<T>(range, spec);
    type Map = { stages: { touchpoints: { id: string; matchers: { event: string }[] }[] }[]; goal: { matcher: { event: string } } };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const cart = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'cart')!.matchers[0]!;
    const events = [...new Set([...map.stages.flatMap((s) => s.touchpoints.flatMap((t) => t.matchers.map((m) => m.event))), map.goal.matcher.event])].sort();

    await page.locator('[data-testid=paths] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    await page.getByLabel('Paths', { exact: true }).selectOption('before');
    await page.getByRole('heading', { name: /^Paths to / }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('direction')).toBe('before');
    await page.locator('[data-testid=paths] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    const before = await query<{ total: number; reached: number[] }>({ kind: 'paths', anchor: cart, direction: 'before', steps: 4, topEdges: 8, scope: 'person', include: events });
    expect(before.reached[1]).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=paths] [data-field=reached]').textContent()).toBe(`${before.total} persons; reached each step back from the event: ${before.reached.join(' → ')}`);

    await page.getByRole('tab', { name: 'Retention' }).click();
    await page.locator('[data-testid=retention] tr[data-cohort]').first().waitFor({ timeout: 20_000 });
    await page.getByLabel('Coming back to').selectOption('touchpoint');
    await page.waitForURL((url) => url.searchParams.get('return') === 'touchpoint');
    const again = await query<{ cohorts: { size: number; returned: number[] }[] }>({ kind: 'retention', cohortEvent: cart, returnEvent: cart, interval: 'week', periods: 8 });
    const cohorts = page.locator('[data-testid=retention] tr[data-cohort]');
    // (Week 1 of the last two cohorts is this week or next, whose cells say so: checked above.)
    await expect.poll(() => cohorts.locator('[data-field=returned-1]').evaluateAll((cells) => cells.slice(0, -2).map((c) => c.getAttribute('title'))), { timeout: 20_000 })
      .toEqual(again.cohorts.slice(0, -2).map((c) => `${c.returned[1] ?? 0} of ${c.size}`));
    // Coming back to the same touchpoint: every cohort is all there in its own week.
    expect(await cohorts.locator('[data-field=returned-0]').allTextContents()).toEqual(again.cohorts.map((c) => (c.size ? '100.0%' : '–')));

    // The persons behind a cell: those of the cohort who came back in its week 1.
    const cell = again.cohorts.findIndex((c) => (c.returned[1] ?? 0) > 0);
    expect(cell).toBeGreaterThanOrEqual(0);
    const backIn1 = await query<{ persons: string[] }>({ kind: 'retention', cohortEvent: cart, returnEvent: cart, interval: 'week', periods: 8, personsAt: { cohort: again.cohorts[cell]!.cohort, period: 1 } });
    expect(backIn1.persons).toHaveLength(again.cohorts[cell]!.returned[1]!);
    await cohorts.nth(cell).locator('[data-field=returned-1] button').click();
    const list = page.locator('[data-testid=persons-list]');
    await expect.poll(() => list.locator('h3').textContent(), { timeout: 20_000 }).toContain(`back in week 1: ${backIn1.persons.length} persons`);
    expect(await list.locator('.person-links a').allTextContents()).toEqual(backIn1.persons.slice(0, 200));

    // Cohorts by day: 14 days after each.
    await page.getByLabel('Cohorts by').selectOption('day');
    await page.waitForURL((url) => url.searchParams.get('cohorts') === 'day');
    const daily = await query<{ cohorts: { cohort: string; size: number; returned: number[] }[] }>({ kind: 'retention', cohortEvent: cart, returnEvent: cart, interval: 'day', periods: 14 });
    await expect.poll(() => cohorts.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cohort'))), { timeout: 20_000 }).toEqual(daily.cohorts.map((c) => c.cohort));
    expect(await cohorts.locator('[data-field=size]').allTextContents()).toEqual(daily.cohorts.map((c) => c.size.toLocaleString('en-US')));
    expect(await cohorts.first().locator('[data-field^=returned-]').count()).toBe(15);

    // Counted in a day or any later one: no cell is below the one after it, and the cells are the API's.
    await page.getByLabel('Counted').selectOption('onOrAfter');
    await page.waitForURL((url) => url.searchParams.get('returning') === 'onOrAfter');
    const later = await query<{ cohorts: { cohort: string; size: number; returned: number[] }[] }>({ kind: 'retention', cohortEvent: cart, returnEvent: cart, interval: 'day', periods: 14, returning: 'onOrAfter' });
    const titles = (row: number) => cohorts.nth(row).locator('[data-field^=returned-]:not([data-state=future])').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')!.split(' ')[0]));
    await expect.poll(() => titles(0), { timeout: 20_000 }).toEqual(later.cohorts[0]!.returned.map(String));
    expect(later.cohorts.every((c) => c.returned.every((n, k) => k === 0 || n <= c.returned[k - 1]!))).toBe(true);
    expect(later.cohorts[0]!.returned.some((n, k) => n > daily.cohorts[0]!.returned[k]!)).toBe(true);
    await cohorts.first().locator('[data-field=returned-3] button').click();
    await expect.poll(() => page.locator('[data-testid=persons-list] h3').textContent(), { timeout: 20_000 }).toContain(`back in day 3 or later: ${later.cohorts[0]!.returned[3]} persons`);
  });

  it('stops the query of an analysis left before its answer', async () => {
    await page.goto(`${server.url}/p/default/analyses?kind=trends&journey=${journey}&touchpoint=product_page&range=30`);
    await page.locator('[data-testid=trends] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    // Hold the answers back, so that a tab is left while its query runs.
    const queries = '**/api/projects/default/query';
    const held: Route[] = [];
    const of = (kind: string) => held.filter((r) => JSON.parse(r.request().postData()!).kind === kind);
    await page.route(queries, (route) => void held.push(route));
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await expect.poll(() => of('lifecycle').length).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Stickiness' }).click();
    await expect.poll(() => of('stickiness').length).toBeGreaterThan(0);
    // The page gives up the lifecycle query: the server sees its client go, and cancels it.
    await expect.poll(() => of('lifecycle').every((r) => r.request().failure() !== null)).toBe(true);
    for (const route of of('stickiness')) await route.continue();
    await page.unroute(queries);
    await page.locator('[data-testid=stickiness] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
  });

  it('downloads the analysis on the page as CSV, with the numbers of the query API', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    const range = await mapLoaded(page);
    const csvOf = () => downloadCsv(page.getByRole('button', { name: 'Download CSV' }));

    await page.goto(`${server.url}/p/default/analyses?kind=funnel&journey=${journey}&stage=purchase&range=30`);
    await page.locator('[data-testid=funnel] tr[data-step]').first().waitFor({ timeout: 20_000 });
    type Map = { stages: { id: string; touchpoints: { matchers: unknown[] }[] }[] };
    const map = (await apiFromPage<{ map: Map }>(page, 'GET', journeyUrl())).body.map;
    const steps = map.stages.find((s) => s.id === 'purchase')!.touchpoints.map((t) => (t.matchers.length === 1 ? t.matchers[0] : { anyOf: t.matchers }));
    type Step = { persons: number; conversionFromPrevious: number | null; dropOff: number };
    const funnel = (await apiFromPage<{ result: { overall: { steps: Step[] } } }>(page, 'POST', '/api/projects/default/query', {
      kind: 'funnel', steps, window: { value: 30, unit: 'day' }, order: 'ordered', from: range.from, to: range.to, interval: 'day', histogramBuckets: 12,
    })).body.result;
    const csv = await csvOf();
    // Named by the range's first and last day (a UTC project: the day before its exclusive end).
    expect(csv.name).toBe(`funnel-purchase-${range.from.slice(0, 10)}-${new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10)}.csv`);
    expect(csv.lines[0]).toBe('step,persons,from previous,from start,dropped');
    const cells = csv.lines.slice(1).map((l) => l.split(','));
    expect(cells.map((c) => Number(c[1]))).toEqual(funnel.overall.steps.map((s) => s.persons));
    expect(cells.map((c) => (c[2] === '' ? null : Number(c[2])))).toEqual(funnel.overall.steps.map((s) => s.conversionFromPrevious));
    expect(cells.map((c) => Number(c[4]))).toEqual(funnel.overall.steps.map((s) => s.dropOff));

    await page.goto(`${server.url}/p/default/analyses?kind=lifecycle&journey=${journey}&touchpoint=product_page&range=30`);
    await page.locator('[data-testid=lifecycle] .chart[data-rendered=true]').waitFor({ timeout: 20_000 });
    type Period = { period: string; new: number; returning: number; resurrecting: number; dormant: number };
    const lifecycle = (await apiFromPage<{ result: { periods: Period[] } }>(page, 'POST', '/api/projects/default/query', { kind: 'lifecycle', matcher: { event: 'Product Viewed' }, interval: 'day', from: range.from, to: range.to })).body.result;
    const periods = await csvOf();
    expect(periods.lines).toEqual(['period,new,returning,resurrecting,dormant', ...lifecycle.periods.map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant].join(','))]);

    // The persons behind a count download as one id per row, all of them (the page lists 200).
    const day = lifecycle.periods.findIndex((p) => p.dormant > 0);
    await page.locator(`[data-testid=lifecycle] tr[data-period="${lifecycle.periods[day]!.period}"] [data-field=dormant] button`).click();
    const list = page.locator('[data-testid=persons-list]');
    await list.locator('.person-links a').first().waitFor({ timeout: 20_000 });
    const dormant = (await apiFromPage<{ result: { persons: string[] } }>(page, 'POST', '/api/projects/default/query', { kind: 'lifecycle', matcher: { event: 'Product Viewed' }, interval: 'day', from: range.from, to: range.to, personsAt: { period: lifecycle.periods[day]!.period, status: 'dormant' } })).body.result;
    const persons = await downloadCsv(list.getByRole('button', { name: 'Download CSV' }));
    expect(persons.name).toBe(`dormant-on-${lifecycle.periods[day]!.period}.csv`);
    expect(persons.lines).toEqual(['person', ...dormant.persons]);
  });

  it('exports the map as a PNG for a slide deck', async () => {
    await page.goto(`${server.url}/p/default/map/${journey}?range=30`);
    await mapLoaded(page);
    await page.locator('.emotion-curve .chart[data-rendered=true]').waitFor();
    await page.locator('.export-menu summary').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('menuitem', { name: 'PNG' }).click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The whole map at twice the pixels: wider than the 1600-pixel window, and well over 50 kB.
    expect(png.readUInt32BE(16)).toBeGreaterThan(1600);
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('exports the map as SVG, PDF and JSON too', async () => {
    for (const [format, check] of [
      ['SVG', (b: Buffer) => expect(b.subarray(0, 200).toString()).toContain('<svg')],
      ['PDF', (b: Buffer) => expect(b.subarray(0, 5).toString()).toBe('%PDF-')],
      ['JSON', (b: Buffer) => expect(JSON.stringify(JSON.parse(b.toString()))).toContain('"stages"')],
    ] as const) {
      await page.locator('.export-menu summary').click();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('menuitem', { name: format }).click()]);
      const file = path.join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename().endsWith(`.${format.toLowerCase()}`)).toBe(true);
      const body = readFileSync(file);
      check(body);
      expect(body.length).toBeGreaterThan(format === 'JSON' ? 2_000 : 20_000);
    }
  });
});
