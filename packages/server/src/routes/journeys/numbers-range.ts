import { parseIsoTimestamp, WaymarkError } from '@waymark/core';
import type { Runtime } from '../../runtime.ts';

const DAY = 86_400_000;
/** The live numbers' default span, and the longest range they compute. */
export const DEFAULT_DAYS = 7;
const MAX_DAYS = 366;

/** An instant from the API: ISO-8601 or epoch milliseconds. */
export function readInstant(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : parseIsoTimestamp(value);
  if (ms === null || !Number.isSafeInteger(ms)) throw new WaymarkError('WM_REQUEST_INVALID', field, `"${field}" must be an ISO-8601 date-time or epoch milliseconds`);
  return ms;
}

/**
 * The range of the live numbers: what the caller gave, else the last 7 days ending with the
 * (UTC) day of the project's newest event, so a map over past data still shows numbers.
 */
export async function numbersRange(runtime: Runtime, projectId: string, from: number | undefined, to: number | undefined): Promise<{ from: number; to: number }> {
  let end = to;
  if (end === undefined) end = from !== undefined ? from + DEFAULT_DAYS * DAY : await endOfNewestDay(runtime, projectId);
  const start = from ?? end - DEFAULT_DAYS * DAY;
  if (end <= start) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be after "from"');
  if (end - start > MAX_DAYS * DAY) throw new WaymarkError('WM_REQUEST_INVALID', 'to', `a range may be at most ${MAX_DAYS} days`);
  return { from: start, to: end };
}

async function endOfNewestDay(runtime: Runtime, projectId: string): Promise<number> {
  const d = runtime.engine.dialect;
  const [row] = await runtime.engine.query(`SELECT ${d.epochMs('max(timestamp)')} AS newest FROM events_resolved WHERE project_id = ${d.string(projectId)}`);
  const newest = row?.['newest'] === null || row?.['newest'] === undefined ? Date.now() : Number(row['newest']);
  return Math.floor(newest / DAY) * DAY + DAY;
}
