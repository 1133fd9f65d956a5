import type { Locator, Page } from 'playwright-core';

/** Calls the API from the page, with its session cookie, as the app does. */
export async function apiFromPage<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, {
        method,
        headers: method === 'GET' ? {} : { 'content-type': 'application/json', 'x-waymark-client': 'web' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  );
}

/** Waits for the map and its numbers; returns the range they are for. */
export async function mapLoaded(page: Page): Promise<{ from: string; to: string }> {
  await page.locator('.map-export-area[data-loaded="true"]').waitFor({ timeout: 20_000 });
  const area = page.locator('.map-export-area');
  return { from: (await area.getAttribute('data-from'))!, to: (await area.getAttribute('data-to'))! };
}

/** The text of the first match, or null while there is none (so `expect.poll` keeps polling). */
export const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent({ timeout: 500 }).catch(() => null))?.trim() ?? null;

/** Signs in with a one-time password and chooses a new one, through the forms. */
export async function firstSignIn(page: Page, base: string, email: string, oneTimePassword: string, newPassword: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.locator('nav[aria-label=Main]').waitFor();
}

/**
 * Clicks a category chart in a column, just inside its grid's top or bottom edge: a value at the
 * top of the value axis, or at its bottom. `grid` is the chart option's grid, in pixels.
 */
export async function clickChartColumn(chart: Locator, grid: { left: number; right: number; top: number; bottom: number }, columns: number, column: number, edge: 'top' | 'bottom'): Promise<void> {
  const box = (await chart.boundingBox())!;
  const x = grid.left + ((column + 0.5) * (box.width - grid.left - grid.right)) / columns;
  const y = edge === 'top' ? grid.top + 2 : box.height - grid.bottom - 2;
  await chart.click({ position: { x, y } });
}
