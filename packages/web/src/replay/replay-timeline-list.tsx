import type { TimelineEntry } from '../api/insight-types.ts';
import { entryDetail, formatOffset, frictionLabel, recordingOffset } from './replay-timeline.ts';

/** The session's events in time order; friction stands out, and each entry seeks the player to its moment. */
export function ReplayTimelineList({ timeline, recordingStart, selected, onSelect }: { timeline: readonly TimelineEntry[]; recordingStart: number | null; selected: number | null; onSelect: (index: number) => void }) {
  const friction = timeline.filter((e) => frictionLabel(e.event) !== null).length;
  return (
    <section className="replay-timeline" aria-label="Events of the session">
      <h3>
        Events <span className="muted small">{friction > 0 ? `${friction} with friction` : 'no friction'}</span>
      </h3>
      <ol>
        {timeline.map((entry, i) => {
          const label = frictionLabel(entry.event);
          return (
            <li key={i} className={`${label ? 'friction' : ''}${selected === i ? ' selected' : ''}`} data-event={entry.event}>
              <button type="button" onClick={() => onSelect(i)} disabled={recordingStart === null} title={recordingStart === null ? undefined : 'Play from here'}>
                <time dateTime={entry.timestamp}>{recordingStart === null ? entry.timestamp.slice(11, 19) : formatOffset(recordingOffset(entry.timestamp, recordingStart))}</time>
                <span className="event-name">
                  {label && <span className="friction-tag">{label}</span>}
                  {entry.event}
                </span>
                <span className="muted small">{entryDetail(entry)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
