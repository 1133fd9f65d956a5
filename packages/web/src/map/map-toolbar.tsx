import { useState } from 'react';
import { customRange, presetRange, rangeDays, RANGE_PRESETS, type DateRange } from './date-range.ts';

/** Persona, cohort and date range: the inputs of every number on the map and its analyses. */
export function RangePicker({ range, onChange }: { range: DateRange; onChange: (range: DateRange) => void }) {
  const days = rangeDays(range);
  const [first, setFirst] = useState(days.first);
  const [last, setLast] = useState(days.last);
  return (
    <div className="range-picker" role="group" aria-label="Date range">
      {RANGE_PRESETS.map((d) => (
        <button key={d} type="button" className={range.preset === d ? 'segmented active' : 'segmented'} aria-pressed={range.preset === d} onClick={() => onChange(presetRange(d, range.timeZone))}>
          {d} days
        </button>
      ))}
      {/* Opened, it shows the range now in force: another choice may have replaced the dates typed before. */}
      <details
        className="custom-range"
        onToggle={(e) => {
          if (!e.currentTarget.open) return;
          setFirst(days.first);
          setLast(days.last);
        }}
      >
        <summary className={range.preset === 'custom' ? 'segmented active' : 'segmented'}>{range.preset === 'custom' ? `${days.first} – ${days.last}` : 'Custom'}</summary>
        <form
          className="popover"
          onSubmit={(e) => {
            e.preventDefault();
            const custom = customRange(first, last, range.timeZone);
            if (custom) onChange(custom);
          }}
        >
          <label>
            From <input type="date" value={first} onChange={(e) => setFirst(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={last} onChange={(e) => setLast(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!customRange(first, last, range.timeZone)}>
            Apply
          </button>
        </form>
      </details>
    </div>
  );
}

/**
 * Everyone, or only some persons: those of a persona of the map (`caption` "Persona") or of a
 * saved cohort ("Cohort"). Shown once there is something to pick, or a pick that no longer
 * exists (a deleted cohort in a link), which then shows as such and can be changed.
 */
export function PersonsPicker({ caption, choices, value, onChange }: { caption: string; choices: readonly { id: string; name: string }[] | undefined; value: string; onChange: (id: string) => void }) {
  // Choices still loading (undefined) miss nothing yet.
  const missing = choices !== undefined && value !== '' && !choices.some((c) => c.id === value);
  if (!choices?.length && !missing) return null;
  return (
    <label className="inline-field">
      <span className="muted small">{caption}</span>
      <select aria-label={caption} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Everyone</option>
        {missing && <option value={value}>{caption} not found</option>}
        {choices?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
