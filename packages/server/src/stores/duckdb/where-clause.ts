import type { EventFilter } from '../event-store.ts';

/** The WHERE clause of an event filter on `events_resolved`, with positional parameters. */
export function whereClause(filter: EventFilter): { sql: string; params: unknown[] } {
  const parts = ['project_id = ?'];
  const params: unknown[] = [filter.projectId];
  if (filter.event !== undefined) {
    parts.push('event = ?');
    params.push(filter.event);
  }
  if (filter.personId !== undefined) {
    // On the stored id (the person and those merged into it), so DuckDB filters before resolving.
    parts.push('stored_person_id IN (SELECT ? UNION ALL SELECT old_person_id FROM person_overrides WHERE project_id = ? AND person_id = ?)');
    params.push(filter.personId, filter.projectId, filter.personId);
  }
  if (filter.channel !== undefined) {
    parts.push('channel = ?');
    params.push(filter.channel);
  }
  if (filter.from !== undefined) {
    parts.push('timestamp >= ?::TIMESTAMP');
    params.push(isoMicros(filter.from));
  }
  if (filter.to !== undefined) {
    parts.push('timestamp < ?::TIMESTAMP');
    params.push(isoMicros(filter.to));
  }
  return { sql: parts.join(' AND '), params };
}

/** A timestamp literal DuckDB reads as UTC, with milliseconds. */
export const isoMicros = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
