import type { JourneyPersona } from '@waymark/core';
import { useState } from 'react';
import { customRange, presetRange, rangeDays, RANGE_PRESETS, type DateRange } from './date-range.ts';

/** Persona and date range: the two inputs of every number on the map. */
export function RangePicker({ range, onChange }: { range: DateRange; onChange: (range: DateRange) => void }) {
  const days = rangeDays(range);
  const [first, setFirst] = useState(days.first);
  const [last, setLast] = useState(days.last);
  return (
    <div className="range-picker" role="group" aria-label="Date range">
      {RANGE_PRESETS.map((d) => (
        <button key={d} type="button" className={range.preset === d ? 'segmented active' : 'segmented'} aria-pressed={range.preset === d} onClick={() => onChange(presetRange(d))}>
          {d} days
        </button>
      ))}
      <details className="custom-range">
        <summary className={range.preset === 'custom' ? 'segmented active' : 'segmented'}>{range.preset === 'custom' ? `${days.first} – ${days.last}` : 'Custom'}</summary>
        <form
          className="popover"
          onSubmit={(e) => {
            e.preventDefault();
            const custom = customRange(first, last);
            if (custom) onChange(custom);
          }}
        >
          <label>
            From <input type="date" value={first} onChange={(e) => setFirst(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={last} onChange={(e) => setLast(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!customRange(first, last)}>
            Apply
          </button>
        </form>
      </details>
    </div>
  );
}

export function PersonaPicker({ personas, value, onChange }: { personas: readonly JourneyPersona[]; value: string; onChange: (persona: string) => void }) {
  return (
    <label className="inline-field">
      <span className="muted small">Persona</span>
      <select aria-label="Persona" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Everyone</option>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
