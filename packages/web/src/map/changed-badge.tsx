import type { JourneyChange } from '../api/types.ts';

const describe = (c: JourneyChange) => `${c.kind} ${c.entity} ${c.id}${c.fields?.length ? ` (${c.fields.join(', ')})` : ''}`;

/** "Changed since you last looked": what others changed between the version you saw and now. */
export function ChangedBadge({ since, changes }: { since: number; changes: readonly JourneyChange[] }) {
  if (changes.length === 0) return null;
  return (
    <details className="changed-badge" data-testid="changed-badge">
      <summary>
        {changes.length} change{changes.length === 1 ? '' : 's'} since you last looked (v{since})
      </summary>
      <ul className="popover">
        {changes.slice(0, 50).map((c, i) => (
          <li key={i} className={`change-${c.kind}`}>
            {describe(c)}
          </li>
        ))}
      </ul>
    </details>
  );
}
