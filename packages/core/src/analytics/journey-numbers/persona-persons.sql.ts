import type { SegmentDefinition } from '../../journey/journey-map.schema.ts';
import { compileCondition } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * `SELECT person_id ...` of the persons a persona describes, or null when it has no condition
 * (everyone). A `person` condition reads the trait on the person's latest `$identify` carrying
 * it (as segment traits do); an `event` condition holds when any of the person's events has
 * a matching property. All of `all` and, when given, at least one of `any`.
 */
export function personaPersonsSql(d: SqlDialect, segment: SegmentDefinition, projectId: string): string | null {
  const all = segment.all ?? [];
  const anyOf = segment.any ?? [];
  const conditions = [...all, ...anyOf];
  if (conditions.length === 0) return null;
  const columns = conditions.map((c, i) => {
    const condition = { property: c.property, op: c.op, ...(c.value !== undefined && { value: c.value }) };
    if (c.scope === 'event') return `max(CASE WHEN ${compileCondition(d, condition)} THEN 1 ELSE 0 END) AS c${i}`;
    const carries = compileCondition(d, { property: c.property, op: 'exists' });
    return `${d.latestProperties(`event = '$identify' AND ${carries}`)} AS c${i}`;
  });
  const tests = conditions.map((c, i) => {
    const condition = { property: c.property, op: c.op, ...(c.value !== undefined && { value: c.value }) };
    return c.scope === 'event' ? `c${i} = 1` : compileCondition(d, condition, `c${i}`);
  });
  const where = [...tests.slice(0, all.length), ...(anyOf.length > 0 ? [`(${tests.slice(all.length).join(' OR ')})`] : [])].join(' AND ');
  return `SELECT person_id FROM (
      SELECT person_id, ${columns.join(', ')} FROM events_resolved WHERE project_id = ${d.string(projectId)} GROUP BY person_id
    ) persona_persons WHERE ${where}`;
}
