import { bucketOf, dayStart, parseIsoTimestamp, periodAfter, WaymarkError } from '@waymark/core';
import type { Project } from '../../stores/state/state-store.ts';
import type { Runtime } from '../../runtime.ts';

const DAY = 86_400_000;
/** The live numbers' default span, and the longest range they compute. */
export const DEFAULT_DAYS = 7;
const MAX_DAYS = 366;

/** The end of 9999: what an ISO-8601 date can name, and where numbers' labels stop having four-digit years. */
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant from the API, from 1970 to 9999: ISO-8601 or epoch milliseconds. */
export function readInstant(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : parseIsoTimestamp(value);
  if (ms === null || !Number.isSafeInteger(ms) || ms < 0 || ms > LAST_MS) throw new WaymarkError('WM_REQUEST_INVALID', field, `"${field}" must be an ISO-8601 date-time or epoch milliseconds, from 1970 to 9999`);
  return ms;
}

/**
 * The range of the live numbers: what the caller gave, else the last 7 days of the project's
 * time zone ending with the day of its newest event, so a map over past data still shows numbers.
 */
export async function numbersRange(runtime: Runtime, project: Pick<Project, 'id' | 'timeZone'>, from: number | undefined, to: number | undefined): Promise<{ from: number; to: number }> {
  const range = to === undefined && from === undefined ? await daysUpToNewest(runtime, project) : { from: from ?? to! - DEFAULT_DAYS * DAY, to: to ?? from! + DEFAULT_DAYS * DAY };
  if (range.to <= range.from) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be after "from"');
  if (range.to - range.from > MAX_DAYS * DAY) throw new WaymarkError('WM_REQUEST_INVALID', 'to', `a range may be at most ${MAX_DAYS} days`);
  return range;
}

async function daysUpToNewest(runtime: Runtime, project: Pick<Project, 'id' | 'timeZone'>): Promise<{ from: number; to: number }> {
  const d = runtime.engine.dialect;
  const [row] = await runtime.engine.query(`SELECT ${d.epochMs('max(timestamp)')} AS newest FROM events_resolved WHERE project_id = ${d.string(project.id)}`);
  const newest = row?.['newest'] === null || row?.['newest'] === undefined ? Date.now() : Number(row['newest']);
  // Local days, not 24-hour spans: a week over a clock change is 167 or 169 hours.
  const day = bucketOf(newest, 'day', project.timeZone);
  const start = (k: number) => dayStart(periodAfter(day, k, 'day'), project.timeZone);
  return { from: start(1 - DEFAULT_DAYS), to: start(1) };
}
